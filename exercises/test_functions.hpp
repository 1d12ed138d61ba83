#pragma once
// Functions a request can name, so that an exercise taking a function (a loss, a gradient) can
// be asked about one: the grader sends the description, the answer program builds the function.
//
//   {"kind": "quadratic", "hessian": A, "center": c, "offset": k}   f = ½(w − c)ᵀA(w − c) + k
//   {"kind": "rosenbrock", "a": a, "b": b}                          f = (a − x)² + b(y − x²)²
//   {"kind": "wavy", "curvature": q, "ripple": r}                   f = Σ ½q_i w_i² + r_i cos(w_i)
//   {"kind": "polynomial", "terms": [{"coefficient": c, "powers": p}, …]}
//                                                                   f = Σ_k c_k Π_i w_i^(p_ki)
//   {"kind": "sinusoid", "amplitude": a, "frequency": v, "phase": φ} f = a·sin(vᵀw + φ)
//   {"kind": "sum", "terms": [function, …]}                         f = Σ_k f_k(w)
//
// "hessian" may be a matrix or a vector (a diagonal); "center" defaults to 0, "offset" to 0.
// A polynomial's powers are whole numbers ≥ 0, one per coordinate (all zero: a constant term);
// "phase" defaults to 0. The terms of a sum take points of one size.

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
