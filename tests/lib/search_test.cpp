#include "descent/finite_difference.hpp"
#include "descent/functions.hpp"
#include "descent/grid_search.hpp"
#include "descent/line_fit.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

TEST_CASE("grid search visits points^d points and finds the grid minimum") {
  const DiagonalBowl bowl{Vector::Constant(2, 0.5)};
  const auto result = grid_search(bowl, Vector::Constant(2, -1.0), Vector::Constant(2, 2.0), 31);
  CHECK(result.evaluations == 31 * 31);
  CHECK(result.best_x.norm() == Approx(0.0).margin(1e-12));
  CHECK(grid_evaluations(1001, 3) == Approx(1.003003001e9));
  const Parabola shifted{0.5, 1.0, 0.5};
  const auto one_d = grid_search(shifted, Vector::Constant(1, -10.0), Vector::Constant(1, 10.0), 1001);
  CHECK(one_d.evaluations == 1001);
  CHECK(one_d.best_x[0] == Approx(1.0).margin(0.01));
}

TEST_CASE("secant errors shrink like delta (forward) and delta squared (central)") {
  const auto f = [](double x) { return std::exp(x); };
  const double exact = std::exp(0.5);
  const double forward_ratio =
      std::abs(forward_difference(f, 0.5, 1e-2) - exact) / std::abs(forward_difference(f, 0.5, 1e-3) - exact);
  const double central_ratio =
      std::abs(central_difference(f, 0.5, 1e-2) - exact) / std::abs(central_difference(f, 0.5, 1e-3) - exact);
  CHECK(forward_ratio == Approx(10.0).epsilon(0.01));
  CHECK(central_ratio == Approx(100.0).epsilon(0.01));
  // For a parabola the central secant is exact at any delta.
  const auto parabola = [](double x) { return 3 * x * x - x + 2; };
  CHECK(central_difference(parabola, 1.5, 0.7) == Approx(8.0).epsilon(1e-12));
}

TEST_CASE("least-squares lines and power laws through measured points") {
  const descent::LineFit line = descent::fit_line({1e6 + 1, 1e6 + 2, 1e6 + 3}, {5.0, 7.0, 9.0});
  CHECK(line.slope == Approx(2.0).epsilon(1e-12));  // centred sums: no cancellation at x ≈ 1e6
  CHECK(line.at(1e6 + 4) == Approx(11.0).epsilon(1e-12));
  const descent::PowerLawFit law = descent::fit_log_log({1, 10, 100}, {3.0, 0.3, 0.03});
  CHECK(law.slope() == Approx(-1.0).epsilon(1e-12));
  CHECK(law.at(1000) == Approx(0.003).epsilon(1e-10));
  CHECK_THROWS_AS(descent::fit_line({2.0, 2.0}, {1.0, 3.0}), std::invalid_argument);
}
