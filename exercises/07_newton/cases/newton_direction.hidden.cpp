// Hidden grading cases of Exercise 7.1 (newton_direction): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Every shift a case makes the rule try leaves H + τI clearly indefinite or clearly
// positive definite (its smallest eigenvalue at least a fifth of |λ_min| from zero), so any
// correct test of definiteness, Cholesky or eigenvalues, makes the same decisions.

#include "newton_direction.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

namespace {

Eigen::VectorXd as_vector(const Vector& v) { return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size())); }

/// The shift rule's settings: a first shift from 1e-4 to 1 and a growth from 2 to 12.
struct Rule {
  double first_shift, shift_growth;
};
Rule random_rule(descent::Random& random) { return {std::pow(10.0, random.uniform(-4.0, 0.0)), random.uniform(2.0, 12.0)}; }

/// A positive definite n × n Hessian, eigenvalues from 0.2 to 5 in a random basis.
Eigen::MatrixXd positive_definite(descent::Random& random, int n) {
  Eigen::VectorXd eigenvalues(n);
  for (int i = 0; i < n; ++i) eigenvalues[i] = random.uniform(0.2, 5.0);
  return grading::rotated(random, eigenvalues);
}

/// An indefinite n × n Hessian for which the shifts τ0, …, τ0·c^growths fail and τ0·c^(growths+1)
/// succeeds (growths = −1: τ0 itself succeeds): |λ_min| = τ0·c^(growths + v), v in [0.25, 0.75],
/// and the other eigenvalues between λ_min and 3·max(1, |λ_min|).
Eigen::MatrixXd indefinite(descent::Random& random, int n, const Rule& rule, int growths) {
  const double smallest = -rule.first_shift * std::pow(rule.shift_growth, growths + random.uniform(0.25, 0.75));
  Eigen::VectorXd eigenvalues(n);
  eigenvalues[0] = smallest;
  for (int i = 1; i < n; ++i) eigenvalues[i] = random.uniform(smallest, 3.0 * std::max(1.0, -smallest));
  return grading::rotated(random, eigenvalues);
}

json random_call(descent::Random& random, const Eigen::MatrixXd& hessian, const Rule& rule) {
  return newton_direction(hessian, grading::uniform_numbers(random, static_cast<int>(hessian.rows()), -3.0, 3.0),
                          rule.first_shift, rule.shift_growth);
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-10, 1e-9};

  grading::Case definite{.name = "random positive definite Hessians of sizes 1 to 8, several in one run",
                         .points = 2,
                         .tolerance = differential,
                         .parts = direction_and_shift};
  for (int k = 0; k < 4; ++k) {
    // One draw per statement: the order in which a call's arguments are evaluated is up to the compiler.
    const Rule rule = random_rule(random);
    const Eigen::MatrixXd hessian = positive_definite(random, grading::whole_number(random, 1, 8));
    definite.calls.push_back(random_call(random, hessian, rule));
  }
  book.add(definite);

  // Every number of growths from none (τ0 is enough) to five, first shifts and growths of all sizes.
  grading::Case shifted{.name = "random indefinite Hessians of sizes 2 to 10, first shifts from 1e-4 to 1, growths from 2 to 12",
                        .points = 3,
                        .tolerance = differential,
                        .parts = direction_and_shift};
  for (int growths = -1; growths <= 4; ++growths) {
    const Rule rule = random_rule(random);
    shifted.calls.push_back(random_call(random, indefinite(random, grading::whole_number(random, 2, 10), rule, growths), rule));
  }
  book.add(shifted);

  // A shift found in one call must not leak into the next: positive definite calls after
  // indefinite ones need τ = 0, and an indefinite one after a large shift starts again at τ0.
  {
    grading::Case in_turn{.name = "indefinite and positive definite Hessians in turn, in one run",
                          .points = 2,
                          .tolerance = differential,
                          .parts = direction_and_shift};
    const Rule rule{1e-2, 10.0};
    const int n = grading::whole_number(random, 2, 6);
    in_turn.calls = {random_call(random, indefinite(random, n, rule, 3), rule),
                     random_call(random, positive_definite(random, n), rule),
                     random_call(random, indefinite(random, n, rule, -1), rule),
                     random_call(random, indefinite(random, n, rule, 0), rule),
                     random_call(random, indefinite(random, n, rule, 2), rule),
                     random_call(random, indefinite(random, n, rule, 1), rule),
                     random_call(random, positive_definite(random, n), rule)};
    book.add(in_turn);
  }

  // |λ_min| in the hundreds from τ0 = 0.01: five growths by 10 (from 0.01 to 1000).
  {
    const Rule rule{1e-2, 10.0};
    grading::Case deep{.name = "strongly negative curvature: the shift grows five times",
                       .points = 1,
                       .tolerance = differential,
                       .parts = direction_and_shift};
    for (int k = 0; k < 2; ++k) deep.calls.push_back(random_call(random, indefinite(random, grading::whole_number(random, 2, 5), rule, 4), rule));
    book.add(deep);
  }

  // Curvatures from 1 to 1e10 and g along the steepest: d is tiny, and a solve through a
  // factorisation leaves a residual at rounding level (≈ 1e-16 ‖g‖), where multiplying g by a
  // computed inverse leaves one about κ·ε times larger. Only the residual and τ are compared:
  // d itself is known to no better than κ·ε, whatever the method.
  {
    grading::Case accurate{.name = "an ill-conditioned positive definite Hessian (kappa = 1e10), g along its steepest "
                                   "direction: the residual of the solve",
                           .points = 2,
                           .tolerance = {1e-12, 0.0},
                           .parts = {"/residual", "/shift"}};
    for (const int n : {2, 5, 12}) {
      Eigen::VectorXd eigenvalues(n);
      for (int i = 0; i < n; ++i) eigenvalues[i] = std::pow(1e10, static_cast<double>(i) / (n - 1));
      const Eigen::MatrixXd q = grading::random_rotation(random, n);
      const Eigen::VectorXd steepest = q.col(n - 1);
      accurate.calls.push_back(
          newton_direction(grading::with_eigenvalues(q, eigenvalues), Vector(steepest.begin(), steepest.end()), 1e-3, 10.0));
    }
    book.add(accurate);
  }

  // The same with negative curvature: −τ0·c^(2 + v) first, then curvatures from 1 to 1e10 (a
  // log-uniform ladder), g along the steepest. H + τI is positive definite by a margin of at
  // least 4.4 for τ = 10, and clearly indefinite (by 0.78 or more, far above Cholesky's
  // rounding of about 1e-6) for τ = 1.
  {
    grading::Case indefinite_accurate{.name = "ill-conditioned indefinite Hessians (a negative curvature of a few units, the others up to 1e10), g along "
                                              "the steepest direction: the shift and the residual of the solve",
                                      .points = 2,
                                      .tolerance = {1e-12, 0.0},
                                      .parts = {"/residual", "/shift"}};
    const Rule rule{1e-2, 10.0};
    for (const int n : {3, 6, 10}) {
      Eigen::VectorXd eigenvalues(n);
      eigenvalues[0] = -rule.first_shift * std::pow(rule.shift_growth, 2.0 + random.uniform(0.25, 0.75));
      for (int i = 1; i < n; ++i) eigenvalues[i] = std::pow(1e10, static_cast<double>(i - 1) / (n - 2));
      const Eigen::MatrixXd q = grading::random_rotation(random, n);
      const Eigen::VectorXd steepest = q.col(n - 1);
      indefinite_accurate.calls.push_back(newton_direction(grading::with_eigenvalues(q, eigenvalues),
                                                           Vector(steepest.begin(), steepest.end()), rule.first_shift,
                                                           rule.shift_growth));
    }
    book.add(indefinite_accurate);
  }

  // Positive semi-definite is not positive definite: a zero curvature must be shifted too.
  // diag(4, 0) + 0.5 I gives d = −(4/4.5, 1/0.5); the zero matrix + 0.25 I gives −4·g.
  book.add({.name = "singular Hessians (a zero curvature) are shifted too",
            .points = 1,
            .calls = {newton_direction(as_vector({4.0, 0.0}).asDiagonal().toDenseMatrix(), {4.0, 1.0}, 0.5, 2.0),
                      newton_direction(Eigen::MatrixXd::Zero(2, 2), {1.0, -2.0}, 0.25, 3.0)},
            .tolerance = {1e-12, 1e-12},
            .parts = direction_and_shift,
            .closed_form = {expect({-4.0 / 4.5, -2.0}, 0.5), expect({-4.0, 8.0}, 0.25)}});

  // A zero gradient: d = 0 whatever the shift, and τ still follows the rule.
  {
    const Rule rule{0.1, 10.0};
    const Eigen::MatrixXd hessian = indefinite(random, 3, rule, 1);
    book.add({.name = "a zero gradient at an indefinite point: no move, and the shift the rule finds",
              .points = 1,
              .calls = {newton_direction(hessian, {0.0, 0.0, 0.0}, rule.first_shift, rule.shift_growth)},
              .tolerance = differential,
              .parts = direction_and_shift});
  }

  grading::Case large{.name = "random Hessians of sizes 30 to 50, definite and indefinite",
                      .points = 1,
                      .tolerance = differential,
                      .parts = direction_and_shift};
  for (int k = 0; k < 3; ++k) {
    const Rule rule = random_rule(random);
    const int n = grading::whole_number(random, 30, 50);
    // k = 1: τ0 itself is enough; k = 2: two growths.
    large.calls.push_back(random_call(random, k == 0 ? positive_definite(random, n) : indefinite(random, n, rule, 3 * k - 4), rule));
  }
  book.add(large);
}
