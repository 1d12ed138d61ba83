#pragma once
// How the grader calls Exercise 5.1 (see exercises/protocol.hpp):
//   {"call": "classify_critical_point", "args": {"hessian": [[..], ..], "tolerance": t}}
// answers the word the function returns ("minimum", "maximum", "saddle" or "degenerate").

#include "classify_critical_point.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "classify_critical_point");
  return exercises::classify_critical_point(to_matrix(arg(args, "hessian")),
                                            to_number(arg(args, "tolerance")));
}

}  // namespace exercise_io
