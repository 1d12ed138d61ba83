// Grading tests for Exercise 1.2 (central_difference_gradient). Points per case are in the
// [points=N] tag. Expected values come from exact derivatives or the defining formula.

#include "central_difference.hpp"

#include "grading_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using exercises::central_difference_gradient;
using Eigen::VectorXd;

using grading::vec;

TEST_CASE("central secant of a cubic", "[central_difference][points=2]") {
  // f(x) = x^3 at x = 2 with delta = 0.1: ((2.1)^3 - (1.9)^3) / 0.2 = 12.01 (the true slope is 12).
  const auto f = [](const VectorXd& x) { return x[0] * x[0] * x[0]; };
  const VectorXd g = central_difference_gradient(f, vec({2.0}), 0.1);
  REQUIRE(g.size() == 1);
  INFO("expected (f(2.1) - f(1.9)) / (2 * 0.1) = 12.01; a forward secant gives 12.61, dividing by delta "
       "instead of 2 delta gives 24.02. Got "
       << g[0]);
  CHECK(g[0] == Approx(12.01).margin(1e-9));
}

TEST_CASE("matches the exact gradient of a 3-D function", "[central_difference][points=3]") {
  // f = x0^2 x1 + sin(x2): gradient (2 x0 x1, x0^2, cos(x2)).
  const auto f = [](const VectorXd& x) { return x[0] * x[0] * x[1] + std::sin(x[2]); };
  const VectorXd x = vec({1.0, 2.0, 0.5});
  const VectorXd g = central_difference_gradient(f, x, 1e-4);
  REQUIRE(g.size() == 3);
  const VectorXd exact = vec({4.0, 1.0, std::cos(0.5)});
  for (Eigen::Index i = 0; i < 3; ++i) {
    INFO("coordinate " << i << ": exact partial derivative " << exact[i] << ", got " << g[i]
                       << ". Move only coordinate " << i << ", both ways, and put it back afterwards.");
    CHECK(g[i] == Approx(exact[i]).margin(1e-7));
  }
}

TEST_CASE("each coordinate gets its own slope", "[central_difference][points=2]") {
  // A linear function: every central secant is exact, so any mix-up of coordinates shows.
  const VectorXd c = vec({3.0, -1.0, 0.25, 8.0, -5.5});
  const auto f = [&c](const VectorXd& x) { return c.dot(x) + 1.0; };
  const VectorXd g = central_difference_gradient(f, vec({0.3, -0.2, 4.0, 1.0, 2.0}), 0.5);
  REQUIRE(g.size() == 5);
  for (Eigen::Index i = 0; i < 5; ++i) {
    INFO("coordinate " << i << ": the slope of " << c[i] << " * x" << i << " is " << c[i] << ", got " << g[i]);
    CHECK(g[i] == Approx(c[i]).margin(1e-9));
  }
}

TEST_CASE("evaluates f exactly twice per coordinate", "[central_difference][points=3]") {
  int calls = 0;
  const auto f = [&calls](const VectorXd& x) {
    ++calls;
    return x.squaredNorm();
  };
  const VectorXd g = central_difference_gradient(f, vec({1.0, 2.0, 3.0, 4.0}), 1e-3);
  REQUIRE(g.size() == 4);
  INFO("4 coordinates need 8 evaluations: f(x + delta e_i) and f(x - delta e_i) for each i; got " << calls);
  CHECK(calls == 8);
  for (Eigen::Index i = 0; i < 4; ++i) CHECK(g[i] == Approx(2.0 * (i + 1.0)).margin(1e-8));
}
