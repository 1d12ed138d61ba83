#pragma once
// The requests that both the public and the hidden cases of Exercise 3.2 (largest_stable_learning_rate) make
// (largest_stable_lr.cases.cpp, largest_stable_lr.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

namespace requests {

using grading::json;

inline json largest_stable_learning_rate(const Eigen::MatrixXd& hessian) {
  json rows = json::array();
  for (Eigen::Index r = 0; r < hessian.rows(); ++r) {
    json row = json::array();
    for (Eigen::Index c = 0; c < hessian.cols(); ++c) row.push_back(hessian(r, c));
    rows.push_back(row);
  }
  return grading::request("largest_stable_learning_rate", {{"hessian", rows}});
}

/// The closed form of an answer: the limit.
inline json value(double x) { return {{"value", x}}; }

}  // namespace requests
