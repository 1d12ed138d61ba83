#pragma once
// How the grader calls Exercise 6.2 (see exercises/protocol.hpp). One request is a script of
// calls on one or more optimizer states (read by exercises/state_scripts.hpp), so that what a
// call leaves in its state (or keeps elsewhere) reaches the next call:
//   {"call": "adamw_step", "args": {
//      "states": [{"w": [..], "m": [..], "v": [..], "t": n, "function": <test function, optional>}, …],
//      "steps": [{"state": k, "g": [..], "learning_rate": η, "beta1": β1, "beta2": β2, "eps": ε,
//                 "weight_decay": λ}, …]}}
// A step without "g" uses the gradient of its state's function at the state's current w.
// Answers, for each step, the state it moved as that call left it: [{"w", "m", "v", "t"}, …].

#include "adamw_step.hpp"

#include "state_scripts.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  struct AdamWState {
    Eigen::VectorXd w;
    exercises::AdamState adam;
  };
  return answer_state_script(
      args_of(request, "adamw_step"),
      [](const json& s) {
        return AdamWState{to_vector(arg(s, "w")), {to_vector(arg(s, "m")), to_vector(arg(s, "v")), to_int(arg(s, "t"))}};
      },
      [](AdamWState& s, const Eigen::VectorXd& g, const json& step) {
        exercises::adamw_step(s.w, s.adam, g, to_number(arg(step, "learning_rate")), to_number(arg(step, "beta1")),
                              to_number(arg(step, "beta2")), to_number(arg(step, "eps")),
                              to_number(arg(step, "weight_decay")));
      },
      [](const AdamWState& s) -> json {
        return {{"w", vector(s.w)}, {"m", vector(s.adam.m)}, {"v", vector(s.adam.v)}, {"t", s.adam.t}};
      });
}

}  // namespace exercise_io
