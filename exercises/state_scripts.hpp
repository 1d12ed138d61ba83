#pragma once
// Requests that are scripts of calls on optimizer states, for the adapters of exercises whose
// function updates a state in place (Chapter 6: momentum_step, adamw_step). A single call
// cannot show that a function keeps its state where it should (in the state it is handed, not
// in a static variable or another state), so one request lists some states and the steps to
// take on them, in order, and the answer shows every state as its step left it:
//
//   "args": {"states": [{<the exercise's fields>, "function": <test function, optional>}, …],
//            "steps": [{"state": k, "g": [..], <the exercise's settings>}, …]}
//
// A step without "g" uses the gradient of its state's function at the state's current w.
// The adapter says only what is the exercise's own: how to read a state, how to take a step
// and how to show a state; everything else (the lists, the state numbers, the gradient) is here,
// so that every such adapter reads a script the same way.

#include "test_functions.hpp"

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace protocol {

/// The answer to a script (`args` of its request): for each step, the state it moved as that
/// call left it. `read_state(const json&)` makes an exercise's state, which has its point as a
/// member `w`, from a listed state; `take_step(state, g, step)` calls the exercise with the
/// gradient g and the settings of `step`; `show(state)` is a state's part of the answer.
template <class ReadState, class TakeStep, class Show>
json answer_state_script(const json& args, ReadState read_state, TakeStep take_step, Show show) {
  using State = std::invoke_result_t<ReadState&, const json&>;
  struct Scripted {
    State state;
    std::optional<TestFunction> function;
  };
  std::vector<Scripted> states;
  const json& listed_states = arg(args, "states");
  const json& steps = arg(args, "steps");
  if (!listed_states.is_array() || !steps.is_array()) throw BadRequest("\"states\" and \"steps\" must be lists");
  for (const json& s : listed_states) {
    states.push_back({read_state(s), s.contains("function") ? std::optional(to_function(s["function"])) : std::nullopt});
  }
  json moved = json::array();
  for (const json& step : steps) {
    const int k = to_int(arg(step, "state"));
    if (k < 0 || k >= static_cast<int>(states.size())) throw BadRequest("no state " + std::to_string(k));
    Scripted& s = states[static_cast<std::size_t>(k)];
    if (!step.contains("g") && !s.function) throw BadRequest("a step needs \"g\" or its state a \"function\"");
    const Eigen::VectorXd g = step.contains("g") ? to_vector(step["g"]) : s.function->gradient(s.state.w);
    take_step(s.state, g, step);
    moved.push_back(show(s.state));
  }
  return moved;
}

}  // namespace protocol
