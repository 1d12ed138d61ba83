#pragma once
// How the grader calls Exercise 6.1 (see exercises/protocol.hpp). One request is a script of
// calls on one or more optimizer states (read by exercises/state_scripts.hpp), so that what a
// call leaves in its state (or keeps elsewhere) reaches the next call:
//   {"call": "momentum_step", "args": {
//      "states": [{"w": [..], "velocity": [..], "function": <test function, optional>}, …],
//      "steps": [{"state": k, "g": [..], "learning_rate": η, "momentum": μ}, …]}}
// A step without "g" uses the gradient of its state's function at the state's current w.
// Answers, for each step, the state it moved as that call left it: [{"w", "velocity"}, …].

#include "momentum_step.hpp"

#include "state_scripts.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  struct MomentumState {
    Eigen::VectorXd w, velocity;
  };
  return answer_state_script(
      args_of(request, "momentum_step"),
      [](const json& s) { return MomentumState{to_vector(arg(s, "w")), to_vector(arg(s, "velocity"))}; },
      [](MomentumState& s, const Eigen::VectorXd& g, const json& step) {
        exercises::momentum_step(s.w, s.velocity, g, to_number(arg(step, "learning_rate")),
                                 to_number(arg(step, "momentum")));
      },
      [](const MomentumState& s) -> json { return {{"w", vector(s.w)}, {"velocity", vector(s.velocity)}}; });
}

}  // namespace exercise_io
