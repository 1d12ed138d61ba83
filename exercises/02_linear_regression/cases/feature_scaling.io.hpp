#pragma once
// How the grader calls Exercise 2.2 (see exercises/protocol.hpp), one call per function:
//   {"call": "fit_scaling", "args": {"X": [[..], ..]}}
//       answers the statistics {"mean": [..], "deviation": [..]}
//   {"call": "standardize", "args": {"X": [[..], ..], "scaling": {"mean": [..], "deviation": [..]}}}
//       answers the standardised matrix, as a list of rows
//   {"call": "to_original_units", "args": {"theta": [..], "scaling": {"mean": [..], "deviation": [..]}}}
//       answers (w_1, …, w_d, b)

#include "feature_scaling.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline exercises::Scaling to_scaling(const protocol::json& j) {
  using namespace protocol;
  exercises::Scaling s{to_vector(arg(j, "mean")), to_vector(arg(j, "deviation"))};
  if (s.mean.size() != s.deviation.size()) throw BadRequest("scaling: mean and deviation differ in length");
  return s;
}

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& call = arg(request, "call");
  const json& args = arg(request, "args");
  if (call == "fit_scaling") {
    const exercises::Scaling s = exercises::fit_scaling(to_matrix(arg(args, "X")));
    return {{"mean", vector(s.mean)}, {"deviation", vector(s.deviation)}};
  }
  if (call == "standardize") {
    const Eigen::MatrixXd X = to_matrix(arg(args, "X"));
    const exercises::Scaling s = to_scaling(arg(args, "scaling"));
    if (s.mean.size() != X.cols()) throw BadRequest("standardize: the scaling does not match the columns of X");
    return matrix(exercises::standardize(X, s));
  }
  if (call == "to_original_units") {
    const Eigen::VectorXd theta = to_vector(arg(args, "theta"));
    const exercises::Scaling s = to_scaling(arg(args, "scaling"));
    if (theta.size() != s.mean.size() + 1) throw BadRequest("to_original_units: theta needs d + 1 entries");
    return vector(exercises::to_original_units(theta, s));
  }
  throw BadRequest("unknown call " + call.dump());
}

}  // namespace exercise_io
