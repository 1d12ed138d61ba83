#include "test_functions.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace protocol {

TestFunction to_function(const json& spec) {
  const std::string kind = arg(spec, "kind").get<std::string>();
  if (kind == "quadratic") {
    const json& h = arg(spec, "hessian");
    const Eigen::MatrixXd hessian = h.size() > 0 && h[0].is_array() ? to_matrix(h)
                                                                     : Eigen::MatrixXd(to_vector(h).asDiagonal());
    const Eigen::VectorXd center = spec.contains("center") ? to_vector(spec["center"])
                                                           : Eigen::VectorXd::Zero(hessian.rows());
    const double offset = spec.contains("offset") ? to_number(spec["offset"]) : 0.0;
    if (hessian.rows() != hessian.cols() || center.size() != hessian.rows()) {
      throw BadRequest("quadratic: the hessian must be square and match the center");
    }
    const auto check = [n = hessian.rows()](const Eigen::VectorXd& w) {
      if (w.size() != n) throw std::invalid_argument("the point has the wrong number of coordinates");
    };
    return {[=](const Eigen::VectorXd& w) {
              check(w);
              return 0.5 * (w - center).dot(hessian * (w - center)) + offset;
            },
            [=](const Eigen::VectorXd& w) -> Eigen::VectorXd {
              check(w);
              return hessian * (w - center);
            }};
  }
  if (kind == "rosenbrock") {
    const double a = to_number(arg(spec, "a"));
    const double b = to_number(arg(spec, "b"));
    const auto check = [](const Eigen::VectorXd& w) {
      if (w.size() != 2) throw std::invalid_argument("rosenbrock takes a point with 2 coordinates");
    };
    return {[=](const Eigen::VectorXd& w) {
              check(w);
              return (a - w[0]) * (a - w[0]) + b * (w[1] - w[0] * w[0]) * (w[1] - w[0] * w[0]);
            },
            [=](const Eigen::VectorXd& w) -> Eigen::VectorXd {
              check(w);
              Eigen::VectorXd g(2);
              g[0] = -2.0 * (a - w[0]) - 4.0 * b * w[0] * (w[1] - w[0] * w[0]);
              g[1] = 2.0 * b * (w[1] - w[0] * w[0]);
              return g;
            }};
  }
  if (kind == "wavy") {
    const Eigen::VectorXd q = to_vector(arg(spec, "curvature"));
    const Eigen::VectorXd r = to_vector(arg(spec, "ripple"));
    if (q.size() != r.size()) throw BadRequest("wavy: curvature and ripple differ in length");
    const auto check = [n = q.size()](const Eigen::VectorXd& w) {
      if (w.size() != n) throw std::invalid_argument("the point has the wrong number of coordinates");
    };
    return {[=](const Eigen::VectorXd& w) {
              check(w);
              return (0.5 * q.array() * w.array().square() + r.array() * w.array().cos()).sum();
            },
            [=](const Eigen::VectorXd& w) -> Eigen::VectorXd {
              check(w);
              return (q.array() * w.array() - r.array() * w.array().sin()).matrix();
            }};
  }
  throw BadRequest("unknown function kind '" + kind + "'");
}

}  // namespace protocol
