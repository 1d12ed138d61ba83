// Grading cases of Exercise 7.2 (lbfgs_direction) that students see in their pack. The expected
// answers come from the reference solution; the closed forms here (worked by hand, or what BFGS
// must give on a quadratic) are checked against it.

#include "lbfgs_direction.requests.hpp"

using grading::json;
using namespace requests;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> entries) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(entries.size()));
  Eigen::Index i = 0;
  for (const double e : entries) v[i++] = e;
  return v;
}

// The Hessian of the quadratic the 3-D cases walk on.
Eigen::MatrixXd bowl() {
  Eigen::MatrixXd a(3, 3);
  a << 4, 1, 0, 1, 3, 1, 0, 1, 2;
  return a;
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  book.add({.name = "no pairs yet: the direction is -g",
            .points = 2,
            .calls = {lbfgs_direction(vec({3.0, -1.0, 0.5}), {})},
            .hint = "With no pairs the estimate is the identity: d = -g = (-3, 1, -0.5).",
            .closed_form = {expect(vec({-3.0, 1.0, -0.5}))}});

  // In 1-D one pair makes H = s/y, the inverse of the secant's slope: d = −3·2/4.
  book.add({.name = "one pair in one dimension: the inverse of the secant slope",
            .points = 2,
            .calls = {lbfgs_direction(vec({3.0}), {{vec({2.0})}, {vec({4.0})}})},
            .hint = "s = 2, y = 4: the slope changed by 4 over a step of 2, so H = 2/4 and d = -1.5.",
            .closed_form = {expect(vec({-1.5}))}});

  // ρ = 1/2, γ = 2/5. First loop: α = 0.5, q = (1, 1) − 0.5·(2, 1) = (0, 0.5). Scaling: (0, 0.2).
  // Second loop: β = 0.5·0.2 = 0.1, r = (0, 0.2) + 0.4·(1, 0) = (0.4, 0.2).
  book.add({.name = "one pair in two dimensions, worked by hand",
            .points = 3,
            .calls = {lbfgs_direction(vec({1.0, 1.0}), {{vec({1.0, 0.0})}, {vec({2.0, 1.0})}})},
            .hint = "s = (1, 0), y = (2, 1), g = (1, 1): rho = 1/2, alpha = 0.5, q = (0, 0.5), gamma = 2/5 "
                    "gives (0, 0.2), beta = 0.1, and d = -(0.4, 0.2).",
            .closed_form = {expect(vec({-0.4, -0.2}))}});

  // Every BFGS update makes H·y = s for its own pair, so the newest pair's holds: g = y gives −s.
  const History walked = on_quadratic(bowl(), {vec({1.0, 0.0, 0.0}), vec({0.0, 1.0, 1.0}), vec({1.0, -1.0, 2.0})});
  book.add({.name = "the secant condition: g equal to the newest y gives -s",
            .points = 3,
            .calls = {lbfgs_direction(walked.y.back(), walked)},
            .tolerance = {1e-12, 1e-12},
            .hint = "The newest pair is s = (1, -1, 2), y = (3, 0, 3); the estimate maps y to s, so the "
                    "direction is (-1, 1, -2). The newest pair is the last in the lists.",
            .closed_form = {expect(vec({-1.0, 1.0, -2.0}))}});

  // Along three steps conjugate for A, BFGS has learnt A exactly: the direction is Newton's.
  const Eigen::MatrixXd a = bowl();
  const History conjugate = on_quadratic(a, conjugate_steps(a, Eigen::Matrix3d::Identity()));
  const Eigen::VectorXd g = vec({1.0, 2.0, 3.0});
  book.add({.name = "three conjugate steps on a 3-D quadratic: the direction is Newton's, -A^-1 g",
            .points = 3,
            .calls = {lbfgs_direction(g, conjugate)},
            .tolerance = {1e-12, 1e-12},
            .hint = "On a quadratic with Hessian A, y = A s; after 3 steps that are conjugate for A the "
                    "estimate is A^-1 exactly, so d solves A d = -g.",
            .closed_form = {expect(-a.llt().solve(g))}});
}
