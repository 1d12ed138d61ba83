#pragma once
// How the grader calls Exercise 3.2 (see exercises/protocol.hpp):
//   {"call": "largest_stable_learning_rate", "args": {"hessian": [[..], ..]}}
// answers 2/λ_max, a number. The Hessian travels as its rows and is always exactly symmetric.

#include "largest_stable_lr.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "largest_stable_learning_rate");
  return number(exercises::largest_stable_learning_rate(to_matrix(arg(args, "hessian"))));
}

}  // namespace exercise_io
