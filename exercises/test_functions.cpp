#include "test_functions.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

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
  if (kind == "polynomial") {
    struct Monomial {
      double coefficient;
      std::vector<int> powers;
    };
    std::vector<Monomial> terms;
    for (const json& term : arg(spec, "terms")) {
      Monomial m{to_number(arg(term, "coefficient")), {}};
      for (const json& p : arg(term, "powers")) {
        m.powers.push_back(to_int(p));
        if (m.powers.back() < 0) throw BadRequest("polynomial: a power is negative");
      }
      if (!terms.empty() && m.powers.size() != terms.front().powers.size()) {
        throw BadRequest("polynomial: the terms have different numbers of powers");
      }
      terms.push_back(std::move(m));
    }
    if (terms.empty()) throw BadRequest("polynomial: no terms");
    const auto n = static_cast<Eigen::Index>(terms.front().powers.size());
    const auto check = [n](const Eigen::VectorXd& w) {
      if (w.size() != n) throw std::invalid_argument("the point has the wrong number of coordinates");
    };
    // Π_i w_i^(p_i), with coordinate `skip` left out (skip = −1: none).
    const auto product = [](const Monomial& m, const Eigen::VectorXd& w, Eigen::Index skip) {
      double p = m.coefficient;
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        if (i != skip) p *= std::pow(w[i], m.powers[static_cast<std::size_t>(i)]);
      }
      return p;
    };
    return {[=](const Eigen::VectorXd& w) {
              check(w);
              double f = 0.0;
              for (const Monomial& m : terms) f += product(m, w, -1);
              return f;
            },
            [=](const Eigen::VectorXd& w) -> Eigen::VectorXd {
              check(w);
              Eigen::VectorXd g = Eigen::VectorXd::Zero(n);
              for (const Monomial& m : terms) {
                for (Eigen::Index i = 0; i < n; ++i) {
                  const int p = m.powers[static_cast<std::size_t>(i)];
                  if (p > 0) g[i] += p * std::pow(w[i], p - 1) * product(m, w, i);
                }
              }
              return g;
            }};
  }
  if (kind == "sinusoid") {
    const double amplitude = to_number(arg(spec, "amplitude"));
    const Eigen::VectorXd frequency = to_vector(arg(spec, "frequency"));
    const double phase = spec.contains("phase") ? to_number(spec["phase"]) : 0.0;
    const auto check = [n = frequency.size()](const Eigen::VectorXd& w) {
      if (w.size() != n) throw std::invalid_argument("the point has the wrong number of coordinates");
    };
    return {[=](const Eigen::VectorXd& w) {
              check(w);
              return amplitude * std::sin(frequency.dot(w) + phase);
            },
            [=](const Eigen::VectorXd& w) -> Eigen::VectorXd {
              check(w);
              return amplitude * std::cos(frequency.dot(w) + phase) * frequency;
            }};
  }
  if (kind == "sum") {
    std::vector<TestFunction> terms;
    for (const json& term : arg(spec, "terms")) terms.push_back(to_function(term));
    if (terms.empty()) throw BadRequest("sum: no terms");
    return {[=](const Eigen::VectorXd& w) {
              double f = 0.0;
              for (const TestFunction& t : terms) f += t.value(w);
              return f;
            },
            [=](const Eigen::VectorXd& w) -> Eigen::VectorXd {
              Eigen::VectorXd g = terms.front().gradient(w);
              for (std::size_t k = 1; k < terms.size(); ++k) g += terms[k].gradient(w);
              return g;
            }};
  }
  throw BadRequest("unknown function kind '" + kind + "'");
}

}  // namespace protocol
