#pragma once
// How the grader calls Exercise 6.2 (see exercises/protocol.hpp). One request is a script of
// calls on one or more optimizer states, so that what a call leaves in its state (or keeps
// elsewhere) reaches the next call:
//   {"call": "adamw_step", "args": {
//      "states": [{"w": [..], "m": [..], "v": [..], "t": n, "function": <test function, optional>}, …],
//      "steps": [{"state": k, "g": [..], "learning_rate": η, "beta1": β1, "beta2": β2, "eps": ε,
//                 "weight_decay": λ}, …]}}
// A step without "g" uses the gradient of its state's function at the state's current w.
// Answers, for each step, the state it moved as that call left it: [{"w", "m", "v", "t"}, …].

#include "adamw_step.hpp"

#include "test_functions.hpp"

#include <optional>
#include <vector>

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  if (arg(request, "call") != "adamw_step") throw BadRequest("unknown call " + request["call"].dump());
  const json& args = arg(request, "args");
  struct State {
    Eigen::VectorXd w;
    exercises::AdamState adam;
    std::optional<TestFunction> function;
  };
  std::vector<State> states;
  const json& listed_states = arg(args, "states");
  const json& steps = arg(args, "steps");
  if (!listed_states.is_array() || !steps.is_array()) throw BadRequest("\"states\" and \"steps\" must be lists");
  for (const json& s : listed_states) {
    states.push_back({to_vector(arg(s, "w")),
                      {to_vector(arg(s, "m")), to_vector(arg(s, "v")), to_int(arg(s, "t"))},
                      s.contains("function") ? std::optional(to_function(s["function"])) : std::nullopt});
  }
  json moved = json::array();
  for (const json& step : steps) {
    const int k = to_int(arg(step, "state"));
    if (k < 0 || k >= static_cast<int>(states.size())) throw BadRequest("no state " + std::to_string(k));
    State& s = states[static_cast<std::size_t>(k)];
    if (!step.contains("g") && !s.function) throw BadRequest("a step needs \"g\" or its state a \"function\"");
    const Eigen::VectorXd g = step.contains("g") ? to_vector(step["g"]) : s.function->gradient(s.w);
    exercises::adamw_step(s.w, s.adam, g, to_number(arg(step, "learning_rate")), to_number(arg(step, "beta1")),
                          to_number(arg(step, "beta2")), to_number(arg(step, "eps")),
                          to_number(arg(step, "weight_decay")));
    moved.push_back({{"w", vector(s.w)}, {"m", vector(s.adam.m)}, {"v", vector(s.adam.v)}, {"t", s.adam.t}});
  }
  return moved;
}

}  // namespace exercise_io
