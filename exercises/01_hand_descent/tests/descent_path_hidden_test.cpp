// Hidden grading tests for Exercise 1.1: they run only when an instructor grades (the student
// pack leaves this file out). Points per case are in the [points=N] tag.

#include "descent_path.hpp"

#include "grading_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using exercises::descent_path;
using grading::vec;

TEST_CASE("a long run on a four-dimensional shifted bowl", "[descent_path][hidden][points=2]") {
  // L = Σ c_i (w_i − 1)², slope 2 c_i (w_i − 1): coordinate i keeps (1 − 2 η c_i) of its distance to 1.
  const Eigen::VectorXd c = vec({0.5, 1.0, 2.0, 4.0});
  const auto gradient = [&c](const Eigen::VectorXd& w) -> Eigen::VectorXd {
    return (2.0 * c.array() * (w.array() - 1.0)).matrix();
  };
  const auto path = descent_path(gradient, Eigen::VectorXd::Zero(4), 0.1, 50);
  REQUIRE(path.size() == 51);
  for (Eigen::Index i = 0; i < 4; ++i) {
    const double expected = 1.0 - std::pow(1.0 - 0.2 * c[i], 50);
    INFO("coordinate " << i << " after 50 steps: expected " << expected << ", got " << path[50][i]);
    CHECK(path[50][i] == Approx(expected).margin(1e-10));
  }
}
