// Hidden grading cases of Exercise 7.2 (lbfgs_direction): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Histories are drawn from book.random(): steps s of random directions and lengths, and
// y = A·s for symmetric positive definite A (one quadratic, or a new one per pair, as along a
// path on a curved function), so that every pair has sᵀy > 0.

#include "lbfgs_direction.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

namespace {

/// k random steps on a random quadratic of n dimensions (curvatures from 0.2 to 5).
History random_history(descent::Random& random, int n, int k) {
  std::vector<Eigen::VectorXd> steps;
  for (int i = 0; i < k; ++i) steps.push_back(random_vector(random, n));
  return on_quadratic(random_spd(random, n, 0.2, 5.0), steps);
}

/// A request with a random history of k pairs and a random gradient, drawn in that order (one
/// draw per statement: the order in which a call's arguments are evaluated is up to the compiler).
json random_request(descent::Random& random, int n, int k) {
  const History history = random_history(random, n, k);
  const Eigen::VectorXd gradient = random_vector(random, n);
  return lbfgs_direction(gradient, history);
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-10, 1e-9};

  grading::Case quadratic{.name = "random histories of 0 to 8 pairs from random quadratics, n from 2 to 50, several in one run",
                          .points = 3,
                          .tolerance = differential};
  for (int k = 0; k <= 8; k += 2) {
    const int n = grading::whole_number(random, 2, 50);
    quadratic.calls.push_back(random_request(random, n, k));
  }
  book.add(quadratic);

  // Pairs in the first three coordinates of six, g in the last three: every sᵀq and yᵀr is
  // exactly 0, so d = −γ·g with γ = sᵀy/yᵀy of the newest pair. The curvatures 0.1 to 10 make
  // every pair's γ different.
  {
    grading::Case scaling{.name = "a gradient orthogonal to every pair: only the newest pair's scaling acts",
                          .points = 2,
                          .tolerance = {1e-12, 1e-12}};
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(6, 6);
    a.topLeftCorner(3, 3) = random_spd(random, 3, 0.1, 10.0);
    for (const int k : {2, 3}) {
      History history;
      for (int i = 0; i < k; ++i) {
        Eigen::VectorXd s = Eigen::VectorXd::Zero(6);
        s.head(3) = random_vector(random, 3);
        history.s.push_back(s);
        history.y.push_back(a * s);
      }
      Eigen::VectorXd g = Eigen::VectorXd::Zero(6);
      g.tail(3) = random_vector(random, 3);
      const double gamma = history.s.back().dot(history.y.back()) / history.y.back().squaredNorm();
      scaling.calls.push_back(lbfgs_direction(g, history));
      scaling.closed_form.push_back(expect(-gamma * g));
    }
    book.add(scaling);
  }

  // n steps conjugate for A, in a random order of random directions: the estimate is A⁻¹.
  {
    grading::Case newton{.name = "n conjugate pairs of a random quadratic, n from 3 to 12: Newton's direction",
                         .points = 2,
                         .tolerance = {1e-9, 1e-8}};
    for (int run = 0; run < 3; ++run) {
      const int n = grading::whole_number(random, 3, 12);
      const Eigen::MatrixXd a = random_spd(random, n, 0.2, 5.0);
      const Eigen::MatrixXd start = Eigen::MatrixXd::NullaryExpr(n, n, [&] { return random.normal(); });
      const Eigen::VectorXd g = random_vector(random, n);
      newton.calls.push_back(lbfgs_direction(g, on_quadratic(a, conjugate_steps(a, start))));
      newton.closed_form.push_back(expect(-a.llt().solve(g)));
    }
    book.add(newton);
  }

  // Pairs from a new curvature each (not one quadratic): still H·y = s for the newest pair.
  {
    grading::Case secant{.name = "the secant condition on random histories: g equal to the newest y gives -s",
                         .points = 2,
                         .tolerance = {1e-10, 1e-9}};
    for (int run = 0; run < 3; ++run) {
      const int n = grading::whole_number(random, 2, 20), k = grading::whole_number(random, 2, 8);
      History history;
      for (int i = 0; i < k; ++i) {
        history.s.push_back(random_vector(random, n));
        history.y.push_back(random_spd(random, n, 0.2, 5.0) * history.s.back());
      }
      secant.calls.push_back(lbfgs_direction(history.y.back(), history));
      secant.closed_form.push_back(expect(-history.s.back()));
    }
    book.add(secant);
  }

  // Steps from 1e-3 to 1e3 long, curvatures from 0.05 to 20, a new curvature per pair.
  {
    grading::Case path{.name = "pairs along a path: curvatures that change from pair to pair, steps from 1e-3 to 1e3 long",
                       .points = 2,
                       .tolerance = differential};
    for (int run = 0; run < 3; ++run) {
      const int n = grading::whole_number(random, 2, 20), k = grading::whole_number(random, 1, 10);
      History history;
      for (int i = 0; i < k; ++i) {
        history.s.push_back(random_vector(random, n, std::pow(10.0, random.uniform(-3.0, 3.0))));
        history.y.push_back(random_spd(random, n, 0.05, 20.0) * history.s.back());
      }
      path.calls.push_back(lbfgs_direction(random_vector(random, n), history));
    }
    book.add(path);
  }

  // Nothing may be kept from one call to the next: histories of 0, 6, 0, 1 and 3 pairs in turn.
  {
    grading::Case in_turn{.name = "empty and full histories in turn, in one run", .points = 1, .tolerance = differential};
    const int n = grading::whole_number(random, 2, 10);
    for (const int k : {0, 6, 0, 1, 3}) in_turn.calls.push_back(random_request(random, n, k));
    book.add(in_turn);
  }

  {
    const int n = 50;
    book.add({.name = "a long history: 20 pairs in 50 dimensions",
              .points = 1,
              .calls = {random_request(random, n, 20)},
              .tolerance = differential});
  }
}
