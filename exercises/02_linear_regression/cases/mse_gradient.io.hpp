#pragma once
// How the grader calls Exercise 2.1 (see exercises/protocol.hpp):
//   {"call": "mse_gradient", "args": {"X": [[..], ..], "y": [..], "theta": [..]}}
// answers the gradient, d + 1 numbers. X is a list of rows; rows of length 0 give d = 0.

#include "mse_gradient.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "mse_gradient");
  const Eigen::MatrixXd X = to_matrix(arg(args, "X"));
  const Eigen::VectorXd y = to_vector(arg(args, "y"));
  const Eigen::VectorXd theta = to_vector(arg(args, "theta"));
  if (y.size() != X.rows() || theta.size() != X.cols() + 1) {
    throw BadRequest("mse_gradient: y needs one entry per row of X, theta one per column plus the bias");
  }
  return vector(exercises::mse_gradient(X, y, theta));
}

}  // namespace exercise_io
