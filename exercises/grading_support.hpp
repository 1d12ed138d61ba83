#pragma once
// Small helpers shared by the exercises' grading tests.

#include <Eigen/Core>
#include <initializer_list>

namespace grading {

/// A vector from a brace list: vec({1.0, -2.0}).
inline Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (const double x : values) v[i++] = x;
  return v;
}

}  // namespace grading
