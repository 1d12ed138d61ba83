// Grading tests for Exercise 6.2 (adamw_step). Expected values are worked out by hand or from
// the defining formulas written out step by step, independently of the solution's code.

#include "adamw_step.hpp"

#include "grading_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using exercises::AdamState;
using exercises::adamw_step;
using grading::vec;

namespace {
AdamState fresh(Eigen::Index n) { return {Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n), 0}; }
}  // namespace

TEST_CASE("the first Adam step moves every coordinate by about η, whatever the gradient's size",
          "[adamw_step][points=2]") {
  Eigen::VectorXd w = vec({1.0, 1.0, 1.0});
  AdamState s = fresh(3);
  adamw_step(w, s, vec({1e-3, 5.0, -200.0}), 0.01, 0.9, 0.999, 1e-8, 0.0);
  // m̂ = g and v̂ = g², so the step is η·g/(|g| + ε): η·sign(g), less a hair for ε.
  INFO("with bias correction the first step is η·g/(|g| + ε) ≈ ±0.01: expected (0.99, 0.99, 1.01), got ("
       << w[0] << ", " << w[1] << ", " << w[2] << ")");
  CHECK(w[0] == Approx(1.0 - 0.01 * 1e-3 / (1e-3 + 1e-8)).margin(1e-12));
  CHECK(w[1] == Approx(0.99).margin(1e-9));
  CHECK(w[2] == Approx(1.01).margin(1e-9));
  CHECK(s.t == 1);
}

TEST_CASE("two steps with changing gradients, worked by hand", "[adamw_step][points=3]") {
  Eigen::VectorXd w = vec({0.5});
  AdamState s = fresh(1);
  adamw_step(w, s, vec({2.0}), 0.1, 0.9, 0.99, 1e-8, 0.0);
  adamw_step(w, s, vec({-1.0}), 0.1, 0.9, 0.99, 1e-8, 0.0);
  // m = 0.9·0.2 + 0.1·(−1) = 0.08;  v = 0.99·0.04 + 0.01·1 = 0.0496
  // m̂ = 0.08/0.19;  v̂ = 0.0496/0.0199
  const double m_hat = 0.08 / 0.19;
  const double v_hat = 0.0496 / (1.0 - 0.99 * 0.99);
  const double expected = 0.5 - 0.1 - 0.1 * m_hat / (std::sqrt(v_hat) + 1e-8);
  INFO("expected m = 0.08, v = 0.0496, w = " << expected << "; got m = " << s.m[0] << ", v = " << s.v[0] << ", w = " << w[0]
                                              << ". β1 goes with m (the gradient), β2 with v (its square).");
  CHECK(s.m[0] == Approx(0.08).margin(1e-12));
  CHECK(s.v[0] == Approx(0.0496).margin(1e-12));
  CHECK(w[0] == Approx(expected).margin(1e-12));
  CHECK(s.t == 2);
}

TEST_CASE("ε is added after the square root", "[adamw_step][points=2]") {
  Eigen::VectorXd w = vec({0.0});
  AdamState s = fresh(1);
  adamw_step(w, s, vec({1e-4}), 1.0, 0.9, 0.999, 1e-4, 0.0);
  // m̂ = 1e-4, v̂ = 1e-8: step = 1e-4 / (1e-4 + 1e-4) = 0.5. With ε inside the root: 1e-4/√(2e-8) ≈ 0.707.
  INFO("expected w = −0.5 (ε added to √v̂), got " << w[0]);
  CHECK(w[0] == Approx(-0.5).margin(1e-9));
}

TEST_CASE("decoupled weight decay shrinks w and stays out of the moments", "[adamw_step][points=3]") {
  Eigen::VectorXd w = vec({2.0});
  AdamState s = fresh(1);
  adamw_step(w, s, vec({0.0}), 0.1, 0.9, 0.999, 1e-8, 0.5);
  // Decay: w = 2·(1 − 0.05) = 1.9. The zero gradient leaves m = v = 0, so Adam adds nothing.
  INFO("with g = 0 only the decay acts: expected w = 1.9 and m = v = 0; got w = " << w[0] << ", m = " << s.m[0]
                                                                                    << ", v = " << s.v[0]
                                                                                    << ". An L2 penalty would put λ·w into g.");
  CHECK(w[0] == Approx(1.9).margin(1e-12));
  CHECK(s.m[0] == Approx(0.0).margin(1e-15));
  CHECK(s.v[0] == Approx(0.0).margin(1e-15));
}
