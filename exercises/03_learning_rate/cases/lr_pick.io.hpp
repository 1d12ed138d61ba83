#pragma once
// How the grader calls Exercise 3.3 (see exercises/protocol.hpp):
//   {"call": "steepest_index", "args": {"learning_rates": [..], "losses": [..]}}
// answers the chosen index, a whole number. Losses may be "inf" (a run that overflowed).

#include "lr_pick.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "steepest_index");
  return exercises::steepest_index(to_numbers(arg(args, "learning_rates")), to_numbers(arg(args, "losses")));
}

}  // namespace exercise_io
