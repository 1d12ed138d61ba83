#pragma once
// How the grader calls Exercise 7.1 (see exercises/protocol.hpp):
//   {"call": "newton_direction", "args": {"hessian": [[..], ..], "gradient": [..],
//                                          "first_shift": τ0, "shift_growth": c}}
// answers {"direction": d, "shift": τ, "residual": ‖(H + τI)·d + g‖}, the last computed here
// from the returned d and τ: how well d solves the system it claims to solve. The Hessian
// travels as its rows and is always exactly symmetric.

#include "newton_direction.hpp"

#include "protocol.hpp"

#include <limits>

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "newton_direction");
  const Eigen::MatrixXd hessian = to_matrix(arg(args, "hessian"));
  const Eigen::VectorXd gradient = to_vector(arg(args, "gradient"));
  const exercises::ShiftedNewton found = exercises::newton_direction(
      hessian, gradient, to_number(arg(args, "first_shift")), to_number(arg(args, "shift_growth")));
  double residual = std::numeric_limits<double>::quiet_NaN();  // d of the wrong size
  if (found.direction.size() == gradient.size()) {
    const Eigen::MatrixXd shifted =
        hessian + found.shift * Eigen::MatrixXd::Identity(hessian.rows(), hessian.cols());
    residual = (shifted * found.direction + gradient).norm();
  }
  return {{"direction", vector(found.direction)}, {"shift", number(found.shift)},
          {"residual", number(residual)}};
}

}  // namespace exercise_io
