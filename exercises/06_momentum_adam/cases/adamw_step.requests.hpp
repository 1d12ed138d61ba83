#pragma once
// The requests that both the public and the hidden cases of Exercise 6.2 (adamw_step) make
// (adamw_step.cases.cpp, adamw_step.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"
#include <vector>

namespace requests {

using grading::json;

using Vector = std::vector<double>;

inline json fresh_state(const Vector& w) {
  const Vector zeros(w.size(), 0.0);
  return {{"w", w}, {"m", zeros}, {"v", zeros}, {"t", 0}};
}

/// AdamW's settings for a step; `g` is added per step (or left out: the state's function's).
struct Settings {
  double learning_rate, beta1, beta2, eps, weight_decay;

  [[nodiscard]] json step(int state) const {
    return {{"state", state}, {"learning_rate", learning_rate}, {"beta1", beta1}, {"beta2", beta2},
            {"eps", eps}, {"weight_decay", weight_decay}};
  }
  [[nodiscard]] json step(int state, const Vector& g) const {
    json s = step(state);
    s["g"] = g;
    return s;
  }
};

// Lists as std::vector: a braced list of one json would be that json itself, not a list of one.
inline json adamw_steps(const std::vector<json>& states, const std::vector<json>& steps) {
  return grading::request("adamw_step", {{"states", states}, {"steps", steps}});
}

/// A state as a step leaves it, in the answer.
inline json after(const Vector& w, const Vector& m, const Vector& v, int t) {
  return {{"w", w}, {"m", m}, {"v", v}, {"t", t}};
}

}  // namespace requests
