#pragma once
// The requests that both the public and the hidden cases of Exercise 6.1 (momentum_step) make
// (momentum_step.cases.cpp, momentum_step.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"
#include <vector>

namespace requests {

using grading::json;

using Vector = std::vector<double>;

inline json state(const Vector& w, const Vector& velocity) { return {{"w", w}, {"velocity", velocity}}; }

inline json step(int state, const Vector& g, double learning_rate, double momentum) {
  return {{"state", state}, {"g", g}, {"learning_rate", learning_rate}, {"momentum", momentum}};
}

// Lists as std::vector: a braced list of one json would be that json itself, not a list of one.
inline json momentum_steps(const std::vector<json>& states, const std::vector<json>& steps) {
  return grading::request("momentum_step", {{"states", states}, {"steps", steps}});
}

}  // namespace requests
