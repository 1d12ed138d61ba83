#pragma once
// Functions a request can name, so that an exercise taking a function (a loss, a gradient) can
// be asked about one: the grader sends the description, the answer program builds the function.
//
//   {"kind": "quadratic", "hessian": A, "center": c, "offset": k}   f = ½(w − c)ᵀA(w − c) + k
//   {"kind": "rosenbrock", "a": a, "b": b}                          f = (a − x)² + b(y − x²)²
//   {"kind": "wavy", "curvature": q, "ripple": r}                   f = Σ ½q_i w_i² + r_i cos(w_i)
//
// "hessian" may be a matrix or a vector (a diagonal); "center" defaults to 0, "offset" to 0.

#include "protocol.hpp"

#include <functional>

namespace protocol {

/// A function of a vector: its value and its gradient.
struct TestFunction {
  std::function<double(const Eigen::VectorXd&)> value;
  std::function<Eigen::VectorXd(const Eigen::VectorXd&)> gradient;
};

/// The function a request describes (see above), or BadRequest.
TestFunction to_function(const json& spec);

}  // namespace protocol
