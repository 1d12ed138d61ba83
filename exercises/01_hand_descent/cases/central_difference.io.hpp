#pragma once
// How the grader calls Exercise 1.2 (see exercises/protocol.hpp):
//   {"call": "central_difference_gradient",
//    "args": {"function": <test function>, "x": [..], "delta": Δ}}
// answers {"gradient": [..], "evaluations": k}: the estimate, and how many times the function
// was called (the statement promises exactly 2n).

#include "central_difference.hpp"

#include "test_functions.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "central_difference_gradient");
  const TestFunction f = to_function(arg(args, "function"));
  long evaluations = 0;
  const exercises::LossFunction counted = [&](const Eigen::VectorXd& x) {
    ++evaluations;
    return f.value(x);
  };
  const Eigen::VectorXd gradient =
      exercises::central_difference_gradient(counted, to_vector(arg(args, "x")), to_number(arg(args, "delta")));
  return {{"gradient", vector(gradient)}, {"evaluations", evaluations}};
}

}  // namespace exercise_io
