#pragma once
// The requests that both the public and the hidden cases of Exercise 5.1 (classify_critical_point)
// make (classify_critical_point.cases.cpp, classify_critical_point.hidden.cpp), written once so
// that the two cannot drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace requests {

using grading::json;

/// A matrix as the protocol carries it: its rows.
inline json rows(const Eigen::MatrixXd& m) {
  json out = json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    json row = json::array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(m(r, c));
    out.push_back(row);
  }
  return out;
}

inline json classify(const Eigen::MatrixXd& hessian, double tolerance) {
  return grading::request("classify_critical_point", {{"hessian", rows(hessian)}, {"tolerance", tolerance}});
}

/// The diagonal matrix with these entries: an axis-aligned Hessian whose eigenvalues are exactly
/// its entries (a solver returns them unrounded when they are a power of two apart from the largest).
inline Eigen::MatrixXd diagonal(const std::vector<double>& entries) {
  return Eigen::Map<const Eigen::VectorXd>(entries.data(), static_cast<Eigen::Index>(entries.size())).asDiagonal();
}

/// The closed form of an answer: the word.
inline json kind(const std::string& word) { return {{"value", word}}; }

}  // namespace requests
