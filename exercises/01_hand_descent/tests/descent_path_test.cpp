// Grading tests for Exercise 1.1 (descent_path). Points per case are in the [points=N] tag.
// Expected values are computed here independently (closed forms or matrix powers), never
// copied from the reference solution.

#include "descent_path.hpp"

#include "grading_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using exercises::descent_path;
using Eigen::VectorXd;

using grading::vec;

TEST_CASE("returns steps + 1 points and starts at the start", "[descent_path][points=1]") {
  const auto gradient = [](const VectorXd& w) -> VectorXd { return 2.0 * w; };
  const auto path = descent_path(gradient, vec({3.0}), 0.25, 4);
  INFO("4 steps should give 5 points: the start, then one point per step");
  REQUIRE(path.size() == 5);
  INFO("the first point must be the start itself, w = 3");
  CHECK(path[0][0] == Approx(3.0).margin(1e-12));
}

TEST_CASE("follows w <- w - eta * slope on a shifted parabola", "[descent_path][points=2]") {
  // L(w) = 1.5 (w - 2)^2, slope 3 (w - 2): each step keeps 70 % of the distance to 2.
  const auto gradient = [](const VectorXd& w) -> VectorXd { return 3.0 * (w.array() - 2.0).matrix(); };
  const auto path = descent_path(gradient, vec({-1.0}), 0.1, 3);
  REQUIRE(path.size() == 4);
  for (int t = 0; t <= 3; ++t) {
    const double expected = 2.0 - 3.0 * std::pow(0.7, t);
    INFO("after " << t << " steps from w = -1 with eta = 0.1 on slope 3(w - 2), expected w = " << expected
                  << " (subtract eta times the slope; adding it climbs uphill)");
    CHECK(path[static_cast<std::size_t>(t)][0] == Approx(expected).margin(1e-12));
  }
}

TEST_CASE("updates every coordinate from the gradient at the old point", "[descent_path][points=3]") {
  // L(x, y) = x^2 + xy + y^2 couples the coordinates: dL/dx = 2x + y, dL/dy = x + 2y.
  const auto gradient = [](const VectorXd& w) -> VectorXd { return vec({2.0 * w[0] + w[1], w[0] + 2.0 * w[1]}); };
  const auto path = descent_path(gradient, vec({1.0, -2.0}), 0.2, 2);
  REQUIRE(path.size() == 3);
  Eigen::Matrix2d step_matrix;  // w <- (I - eta * A) w with A the Hessian [[2, 1], [1, 2]]
  step_matrix << 1.0 - 0.4, -0.2, -0.2, 1.0 - 0.4;
  const Eigen::Vector2d start(1.0, -2.0);
  for (int t = 1; t <= 2; ++t) {
    Eigen::Vector2d expected = start;
    for (int k = 0; k < t; ++k) expected = step_matrix * expected;
    INFO("after " << t << " steps expected (" << expected[0] << ", " << expected[1] << "), got (" << path[t][0] << ", "
                  << path[t][1] << "). Compute the whole gradient once per step, then move every coordinate.");
    CHECK(path[static_cast<std::size_t>(t)][0] == Approx(expected[0]).margin(1e-12));
    CHECK(path[static_cast<std::size_t>(t)][1] == Approx(expected[1]).margin(1e-12));
  }
}

TEST_CASE("zero steps returns only the start", "[descent_path][points=2]") {
  int calls = 0;
  const auto gradient = [&calls](const VectorXd& w) -> VectorXd {
    ++calls;
    return w;
  };
  const auto path = descent_path(gradient, vec({0.5, 7.0}), 0.1, 0);
  INFO("with steps = 0 the path is just {start}");
  REQUIRE(path.size() == 1);
  CHECK(path[0][0] == Approx(0.5).margin(1e-12));
  CHECK(path[0][1] == Approx(7.0).margin(1e-12));
}

TEST_CASE("keeps stepping when the steps overshoot and grow", "[descent_path][points=2]") {
  // Slope 2w with eta = 1.5: each step multiplies w by 1 - 3 = -2. The rule does not stop.
  const auto gradient = [](const VectorXd& w) -> VectorXd { return 2.0 * w; };
  const auto path = descent_path(gradient, vec({1.0, -1.0, 0.5}), 1.5, 3);
  INFO("3 steps must give 4 points even though the loss grows; do not stop or clamp");
  REQUIRE(path.size() == 4);
  for (Eigen::Index i = 0; i < 3; ++i) {
    const double expected = -8.0 * vec({1.0, -1.0, 0.5})[i];
    INFO("coordinate " << i << " after 3 steps: expected " << expected);
    CHECK(path[3][i] == Approx(expected).margin(1e-12));
  }
}
