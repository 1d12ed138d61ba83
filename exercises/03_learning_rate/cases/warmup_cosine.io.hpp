#pragma once
// How the grader calls Exercise 3.1 (see exercises/protocol.hpp):
//   {"call": "warmup_cosine", "args": {"t": t, "peak": p, "minimum": m, "warmup_steps": W,
//                                      "total_steps": T}}
// answers the learning rate at step t, a number.

#include "warmup_cosine.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "warmup_cosine");
  return number(exercises::warmup_cosine(to_int(arg(args, "t")), to_number(arg(args, "peak")),
                                         to_number(arg(args, "minimum")), to_int(arg(args, "warmup_steps")),
                                         to_int(arg(args, "total_steps"))));
}

}  // namespace exercise_io
