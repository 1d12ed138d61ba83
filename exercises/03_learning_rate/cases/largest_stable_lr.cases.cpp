// Grading cases of Exercise 3.2 (largest_stable_learning_rate) that students see in their pack.
// The expected limits come from the reference solution; the closed forms here are checked
// against it.

#include "largest_stable_lr.requests.hpp"

#include <Eigen/QR>

using grading::json;
using namespace requests;

void public_cases(grading::CaseBook& book) {
  Eigen::MatrixXd axis_aligned(2, 2);
  axis_aligned << 2, 0, 0, 8;
  book.add({.name = "an axis-aligned bowl: w^2 + 4b^2 has Hessian diag(2, 8)",
            .points = 2,
            .calls = {largest_stable_learning_rate(axis_aligned)},
            .hint = "lambda_max = 8, so the limit is 2/8 = 0.25.",
            .closed_form = {value(0.25)}});

  Eigen::MatrixXd coupled(2, 2);
  coupled << 5, 3, 3, 5;  // eigenvalues 8 and 2; the largest diagonal entry is only 5
  book.add({.name = "a coupled bowl: the eigenvalue, not the diagonal, decides",
            .points = 3,
            .calls = {largest_stable_learning_rate(coupled)},
            .hint = "The eigenvalues of [[5, 3], [3, 5]] are 8 and 2: the limit is 2/8 = 0.25, not 2/5.",
            .closed_form = {value(0.25)}});

  book.add({.name = "one parameter with curvature 0.3",
            .points = 2,
            .calls = {largest_stable_learning_rate(Eigen::MatrixXd::Constant(1, 1, 0.3))},
            .hint = "A 1 x 1 Hessian is its own eigenvalue: the limit is 2/0.3.",
            .closed_form = {value(2.0 / 0.3)}});

  // Eigenvalues 1, 2, 10, 40 turned by the orthogonal factor of a fixed matrix; the product is
  // symmetrized so that every way of reading it sees the same matrix.
  Eigen::MatrixXd m(4, 4);
  m << 1, 2, 0, 1, 0, 1, 3, 1, 2, 0, 1, 1, 1, 1, 0, 2;
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ();
  const Eigen::MatrixXd rotated = q * Eigen::Vector4d(1, 2, 10, 40).asDiagonal() * q.transpose();
  book.add({.name = "four parameters with eigenvalues 1, 2, 10, 40 in a rotated basis",
            .points = 3,
            .calls = {largest_stable_learning_rate(0.5 * (rotated + rotated.transpose()))},
            .tolerance = {1e-12, 1e-10},
            .hint = "lambda_max = 40, so the limit is 2/40 = 0.05; in a rotated basis no single entry of "
                    "the matrix shows it.",
            .closed_form = {value(0.05)}});
}
