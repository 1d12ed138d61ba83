// Grading cases of Exercise 6.2 (adamw_step) that students see in their pack. Each request is
// a script of calls on optimizer states (cases/adamw_step.io.hpp); the answer is each call's
// state afterwards. The closed forms, worked by hand, are checked against the reference.

#include "adamw_step.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

namespace {

// A step on a request's only state.
json step(const Vector& g, double learning_rate, double beta1, double beta2, double eps, double weight_decay) {
  return Settings{learning_rate, beta1, beta2, eps, weight_decay}.step(0, g);
}

/// The closed form of a request's answer: the states after each step.
json answer(const std::vector<json>& states_after_each_step) { return {{"value", states_after_each_step}}; }

}  // namespace

void public_cases(grading::CaseBook& book) {
  // m̂ = g and v̂ = g² on the first step, so it is η·g/(|g| + ε): η·sign(g), less a hair for ε.
  const Vector g{1e-3, 5.0, -200.0};
  Vector w, m, v;
  for (const double gi : g) {
    w.push_back(1.0 - 0.01 * gi / (std::abs(gi) + 1e-8));
    m.push_back(0.1 * gi);
    v.push_back(0.001 * gi * gi);
  }
  book.add({.name = "the first Adam step moves every coordinate by about η, whatever the gradient's size",
            .points = 2,
            .calls = {adamw_steps({fresh_state({1.0, 1.0, 1.0})}, {step(g, 0.01, 0.9, 0.999, 1e-8, 0.0)})},
            .hint = "With bias correction the first step is η·g/(|g| + ε) ≈ ±0.01 per coordinate, and t becomes 1.",
            .closed_form = {answer({after(w, m, v, 1)})}});

  // Step 1: m = 0.2, v = 0.04, m̂ = 2, v̂ = 4. Step 2: m = 0.9·0.2 + 0.1·(−1) = 0.08,
  // v = 0.99·0.04 + 0.01·1 = 0.0496, m̂ = 0.08/0.19, v̂ = 0.0496/(1 − 0.99²).
  const double w1 = 0.5 - 0.1 * 2.0 / (2.0 + 1e-8);
  const double w2 = w1 - 0.1 * (0.08 / 0.19) / (std::sqrt(0.0496 / (1.0 - 0.99 * 0.99)) + 1e-8);
  book.add({.name = "two steps with changing gradients, worked by hand",
            .points = 3,
            .calls = {adamw_steps({fresh_state({0.5})},
                                  {step({2.0}, 0.1, 0.9, 0.99, 1e-8, 0.0), step({-1.0}, 0.1, 0.9, 0.99, 1e-8, 0.0)})},
            .hint = "Expected m = 0.08 and v = 0.0496 after the second step: β1 goes with m (the gradient), "
                    "β2 with v (its square), and the state carries over between calls.",
            .closed_form = {answer({after({w1}, {0.2}, {0.04}, 1), after({w2}, {0.08}, {0.0496}, 2)})}});

  // m̂ = 1e-4, v̂ = 1e-8: the step is 1e-4/(1e-4 + 1e-4) = 0.5. With ε inside the root it would
  // be 1e-4/√(2e-8) ≈ 0.707.
  book.add({.name = "ε is added after the square root",
            .points = 2,
            .calls = {adamw_steps({fresh_state({0.0})}, {step({1e-4}, 1.0, 0.9, 0.999, 1e-4, 0.0)})},
            .tolerance = {1e-15, 1e-10},
            .hint = "Expected w = −0.5: ε is added to √v̂, not to v̂ under the root.",
            .closed_form = {answer({after({-0.5}, {1e-5}, {1e-11}, 1)})}});

  // Decay: w = 2·(1 − 0.1·0.5) = 1.9. The zero gradient leaves m = v = 0, so Adam adds nothing.
  book.add({.name = "decoupled weight decay shrinks w and stays out of the moments",
            .points = 3,
            .calls = {adamw_steps({fresh_state({2.0})}, {step({0.0}, 0.1, 0.9, 0.999, 1e-8, 0.5)})},
            .hint = "With g = 0 only the decay acts: expected w = 1.9 and m = v = 0. An L2 penalty would put "
                    "λ·w into g.",
            .closed_form = {answer({after({1.9}, {0.0}, {0.0}, 1)})}});
}
