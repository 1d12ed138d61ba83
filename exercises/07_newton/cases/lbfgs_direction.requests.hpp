#pragma once
// The requests that both the public and the hidden cases of Exercise 7.2 (lbfgs_direction) make
// (lbfgs_direction.cases.cpp, lbfgs_direction.hidden.cpp), and the histories they are made of,
// written once so that the two cannot drift apart. Trusted side only: it is not an adapter, and
// no pack carries it.

#include "grading/cases.hpp"
#include "protocol.hpp"

#include <Eigen/Dense>

#include <vector>

namespace requests {

using grading::json;

/// The stored pairs, oldest first.
struct History {
  std::vector<Eigen::VectorXd> s, y;
};

inline json list(const Eigen::VectorXd& v) { return std::vector<double>(v.begin(), v.end()); }

inline json lbfgs_direction(const Eigen::VectorXd& gradient, const History& history) {
  json s = json::array(), y = json::array();
  for (const Eigen::VectorXd& v : history.s) s.push_back(list(v));
  for (const Eigen::VectorXd& v : history.y) y.push_back(list(v));
  return grading::request("lbfgs_direction", {{"gradient", list(gradient)}, {"s", s}, {"y", y}});
}

/// The closed form of an answer: the direction.
inline json expect(const Eigen::VectorXd& direction) { return {{"value", list(direction)}}; }

/// The pairs a quadratic with Hessian A gives for the steps `steps`, oldest first: y = A·s.
inline History on_quadratic(const Eigen::MatrixXd& a, const std::vector<Eigen::VectorXd>& steps) {
  History h;
  for (const Eigen::VectorXd& s : steps) {
    h.s.push_back(s);
    h.y.push_back(a * s);
  }
  return h;
}

/// n steps that are conjugate for A (sᵢᵀ·A·sⱼ = 0 for i ≠ j): Gram–Schmidt on the columns of
/// `start` in the inner product uᵀ·A·v. Along conjugate steps BFGS learns A exactly: after n of
/// them its estimate is A⁻¹, whatever it started from.
inline std::vector<Eigen::VectorXd> conjugate_steps(const Eigen::MatrixXd& a, const Eigen::MatrixXd& start) {
  std::vector<Eigen::VectorXd> steps;
  for (Eigen::Index j = 0; j < start.cols(); ++j) {
    Eigen::VectorXd v = start.col(j);
    for (const Eigen::VectorXd& u : steps) v -= (u.dot(a * v) / u.dot(a * u)) * u;
    steps.push_back(v);
  }
  return steps;
}

/// A symmetric positive definite n × n matrix, eigenvalues uniform on [smallest, largest] in a
/// random basis.
inline Eigen::MatrixXd random_spd(descent::Random& random, int n, double smallest, double largest) {
  return protocol::to_matrix(grading::random_spd_matrix(random, n, smallest, largest));
}

/// A vector of n normal numbers times `scale`.
inline Eigen::VectorXd random_vector(descent::Random& random, int n, double scale = 1.0) {
  return scale * Eigen::VectorXd::NullaryExpr(n, [&] { return random.normal(); });
}

}  // namespace requests
