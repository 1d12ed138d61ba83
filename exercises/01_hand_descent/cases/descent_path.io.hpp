#pragma once
// How the grader calls Exercise 1.1 (see exercises/protocol.hpp):
//   {"call": "descent_path", "args": {"function": <test function>, "start": [..],
//                                     "learning_rate": η, "steps": n}}
// answers the path, every point visited, as an array of vectors.

#include "descent_path.hpp"

#include "test_functions.hpp"

namespace exercise_io {

//! [adapter]
inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "descent_path");
  const TestFunction f = to_function(arg(args, "function"));
  return vectors(exercises::descent_path(f.gradient, to_vector(arg(args, "start")),
                                         to_number(arg(args, "learning_rate")),
                                         to_int(arg(args, "steps"))));
}
//! [adapter]

}  // namespace exercise_io
