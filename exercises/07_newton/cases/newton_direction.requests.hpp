#pragma once
// The requests that both the public and the hidden cases of Exercise 7.1 (newton_direction) make
// (newton_direction.cases.cpp, newton_direction.hidden.cpp), written once so that the two cannot
// drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"


#include <string>
#include <vector>

namespace requests {

using grading::json;
using Vector = std::vector<double>;

inline json newton_direction(const Eigen::MatrixXd& hessian, const Vector& gradient, double first_shift,
                             double shift_growth) {
  json rows = json::array();
  for (Eigen::Index r = 0; r < hessian.rows(); ++r) {
    json row = json::array();
    for (Eigen::Index c = 0; c < hessian.cols(); ++c) row.push_back(hessian(r, c));
    rows.push_back(row);
  }
  return grading::request("newton_direction", {{"hessian", rows}, {"gradient", gradient},
                                               {"first_shift", first_shift}, {"shift_growth", shift_growth}});
}

/// The parts of an answer most cases compare: the direction and the shift (the residual only
/// where the accuracy of the solve is the point).
inline const std::vector<std::string> direction_and_shift{"/direction", "/shift"};

/// The closed form of an answer's direction and shift.
inline json expect(const Vector& direction, double shift) {
  return {{"value", {{"/direction", direction}, {"/shift", shift}}}};
}


}  // namespace requests
