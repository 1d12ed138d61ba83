#pragma once
// How the grader calls Exercise 4.1 (see exercises/protocol.hpp):
//   {"call": "minibatch_gradient", "args": {"X": [[..], ..], "y": [..], "w": [..], "batch": [i, ..]}}
// answers g_B(w), d numbers. X is a list of rows; every entry of "batch" is a row number of X
// (the statement promises nothing for others, so the adapter refuses them), and it may be empty.

#include "minibatch_gradient.hpp"

#include "protocol.hpp"

#include <vector>

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "minibatch_gradient");
  const Eigen::MatrixXd X = to_matrix(arg(args, "X"));
  const Eigen::VectorXd y = to_vector(arg(args, "y"));
  const Eigen::VectorXd w = to_vector(arg(args, "w"));
  const json& listed = arg(args, "batch");
  if (y.size() != X.rows() || w.size() != X.cols() || !listed.is_array()) {
    throw BadRequest("minibatch_gradient: y needs one entry per row of X, w one per column, batch a list");
  }
  std::vector<Eigen::Index> batch;
  for (const json& i : listed) {
    batch.push_back(to_int(i));
    if (batch.back() < 0 || batch.back() >= X.rows()) throw BadRequest("minibatch_gradient: a batch entry is not a row of X");
  }
  return vector(exercises::minibatch_gradient(X, y, w, batch));
}

}  // namespace exercise_io
