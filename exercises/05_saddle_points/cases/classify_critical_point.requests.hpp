#pragma once
// The requests that both the public and the hidden cases of Exercise 5.1 (classify_critical_point)
// make (classify_critical_point.cases.cpp, classify_critical_point.hidden.cpp), written once so
// that the two cannot drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"
#include "protocol.hpp"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace requests {

using grading::json;

inline json classify(const Eigen::MatrixXd& hessian, double tolerance) {
  return grading::request("classify_critical_point", {{"hessian", protocol::matrix(hessian)}, {"tolerance", tolerance}});
}

/// The diagonal matrix with these entries: an axis-aligned Hessian whose eigenvalues are its
/// entries. Eigen's solvers divide by the largest entry and multiply back, so entries a power of
/// two below the largest come back exactly, which the cases at the boundary rely on.
inline Eigen::MatrixXd diagonal(const std::vector<double>& entries) {
  return Eigen::Map<const Eigen::VectorXd>(entries.data(), static_cast<Eigen::Index>(entries.size())).asDiagonal();
}

/// The closed form of an answer: the word.
inline json kind(const std::string& word) { return {{"value", word}}; }

}  // namespace requests
