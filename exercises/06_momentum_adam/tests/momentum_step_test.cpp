// Grading tests for Exercise 6.1 (momentum_step). Expected values are worked out by hand.

#include "momentum_step.hpp"

#include "grading_support.hpp"

#include <catch2/catch.hpp>

using exercises::momentum_step;
using grading::vec;

TEST_CASE("the first step is a plain gradient step", "[momentum_step][points=2]") {
  Eigen::VectorXd w = vec({1.0, -2.0});
  Eigen::VectorXd b = Eigen::VectorXd::Zero(2);
  momentum_step(w, b, vec({0.5, 4.0}), 0.1, 0.9);
  INFO("b = 0.9·0 + g = (0.5, 4); w = (1, −2) − 0.1·(0.5, 4) = (0.95, −2.4); got w = (" << w[0] << ", " << w[1]
                                                                                     << "), b = (" << b[0] << ", " << b[1] << ")");
  CHECK(b[0] == Approx(0.5).margin(1e-12));
  CHECK(b[1] == Approx(4.0).margin(1e-12));
  CHECK(w[0] == Approx(0.95).margin(1e-12));
  CHECK(w[1] == Approx(-2.4).margin(1e-12));
}

TEST_CASE("three steps with a constant gradient accumulate 1, 1.9, 2.71 times g", "[momentum_step][points=3]") {
  Eigen::VectorXd w = vec({0.0});
  Eigen::VectorXd b = vec({0.0});
  const double expected_b[] = {1.0, 1.9, 2.71};
  double expected_w = 0.0;
  for (int step = 0; step < 3; ++step) {
    momentum_step(w, b, vec({1.0}), 0.5, 0.9);
    expected_w -= 0.5 * expected_b[step];
    INFO("after step " << step + 1 << ": expected b = " << expected_b[step] << ", w = " << expected_w << "; got b = "
                       << b[0] << ", w = " << w[0] << ". b must carry over between calls.");
    CHECK(b[0] == Approx(expected_b[step]).margin(1e-12));
    CHECK(w[0] == Approx(expected_w).margin(1e-12));
  }
}

TEST_CASE("the velocity remembers a gradient that has gone", "[momentum_step][points=3]") {
  Eigen::VectorXd w = vec({2.0, 2.0});
  Eigen::VectorXd b = Eigen::VectorXd::Zero(2);
  momentum_step(w, b, vec({1.0, -1.0}), 0.2, 0.5);  // b = (1, −1), w = (1.8, 2.2)
  momentum_step(w, b, vec({0.0, 0.0}), 0.2, 0.5);   // b = (0.5, −0.5), w = (1.7, 2.3)
  INFO("with a zero gradient the velocity still moves w: expected (1.7, 2.3), got (" << w[0] << ", " << w[1] << ")");
  CHECK(w[0] == Approx(1.7).margin(1e-12));
  CHECK(w[1] == Approx(2.3).margin(1e-12));
  CHECK(b[0] == Approx(0.5).margin(1e-12));
}

TEST_CASE("μ = 0 is plain gradient descent", "[momentum_step][points=2]") {
  Eigen::VectorXd w = vec({3.0});
  Eigen::VectorXd b = vec({0.0});
  for (int step = 0; step < 4; ++step) momentum_step(w, b, 2.0 * w, 0.25, 0.0);  // C = w²: w halves each step
  INFO("four steps of η = 0.25 on w² from 3 halve w four times: expected 0.1875, got " << w[0]);
  CHECK(w[0] == Approx(0.1875).margin(1e-12));
}
