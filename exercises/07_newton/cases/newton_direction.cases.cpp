// Grading cases of Exercise 7.1 (newton_direction) that students see in their pack. The
// expected answers come from the reference solution; the closed forms here, worked by hand,
// are checked against it.

#include "newton_direction.requests.hpp"

using grading::json;
using namespace requests;

namespace {

// A matrix from its entries, row by row.
template <int n>
Eigen::MatrixXd matrix(std::initializer_list<double> entries) {
  return Eigen::Map<const Eigen::Matrix<double, n, n, Eigen::RowMajor>>(entries.begin());
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  // H·(1, 1) = (8, 8), so d = −(1, 1); H is positive definite (eigenvalues 8 and 2).
  book.add({.name = "a positive definite Hessian: Newton's own direction, no shift",
            .points = 2,
            .calls = {newton_direction(matrix<2>({5, 3, 3, 5}), {8.0, 8.0}, 1e-3, 10.0)},
            .tolerance = {1e-12, 1e-12},
            .parts = direction_and_shift,
            .hint = "H = [[5, 3], [3, 5]] is positive definite, so tau = 0 and d solves H d = -g: "
                    "d = (-1, -1). The diagonal alone would give (-1.6, -1.6).",
            .closed_form = {expect({-1.0, -1.0}, 0.0)}});

  // Curvatures 2 and −0.5: τ = 0.1 and 0.4 leave −0.4 and −0.1; τ = 1.6 gives 3.6 and 1.1.
  book.add({.name = "an indefinite Hessian: tau = 0.1, 0.4, 1.6 until H + tau I is positive definite",
            .points = 3,
            .calls = {newton_direction(matrix<2>({2, 0, 0, -0.5}), {3.6, 1.1}, 0.1, 4.0)},
            .tolerance = {1e-12, 1e-12},
            .parts = direction_and_shift,
            .hint = "The curvature -0.5 needs a shift above 0.5: 0.1 and 0.4 are not enough, 1.6 is. "
                    "Then d = -(3.6/3.6, 1.1/1.1) = (-1, -1) and tau = 1.6.",
            .closed_form = {expect({-1.0, -1.0}, 1.6)}});

  // Eigenvalues 3 and −1 along (1, 1) and (1, −1): τ = 0.5 fails, τ = 1.5 gives 4.5 and 0.5.
  // (H + 1.5 I)⁻¹ = [[2.5, −2], [−2, 2.5]] / 2.25, so d = −(2.5, −2)/2.25. Unshifted, H⁻¹g =
  // (−1/3, 2/3) would give d = (1/3, −2/3), uphill: gᵀd = 1/3 > 0.
  book.add({.name = "a saddle whose curvatures are mixed by a rotation",
            .points = 3,
            .calls = {newton_direction(matrix<2>({1, 2, 2, 1}), {1.0, 0.0}, 0.5, 3.0)},
            .tolerance = {1e-12, 1e-12},
            .parts = direction_and_shift,
            .hint = "[[1, 2], [2, 1]] has eigenvalues 3 and -1, though its diagonal is positive: tau = 0.5 "
                    "fails, 1.5 works (the whole diagonal is shifted), and d = (-10/9, 8/9).",
            .closed_form = {expect({-10.0 / 9.0, 8.0 / 9.0}, 1.5)}});

  book.add({.name = "one parameter with negative curvature: tau = 1, then 5",
            .points = 2,
            .calls = {newton_direction(matrix<1>({-3}), {2.0}, 1.0, 5.0)},
            .tolerance = {1e-12, 1e-12},
            .parts = direction_and_shift,
            .hint = "-3 + 1 is still negative; -3 + 5 = 2, so d = -2/2 = -1 and tau = 5.",
            .closed_form = {expect({-1.0}, 5.0)}});

  // Curvatures 1 and 1e10 (then −2, 1 and 1e10, shifted by 4.5) along the columns of a
  // Householder reflection, g along the steepest: d is about 1e-10, and only a solve through a
  // factorisation leaves a residual ‖(H + τI)·d + g‖ at rounding level; g times a computed
  // inverse leaves one about κ·ε larger. Only the residual and τ are compared.
  {
    const auto reflection = [](const Eigen::VectorXd& v) -> Eigen::MatrixXd {
      return Eigen::MatrixXd::Identity(v.size(), v.size()) - 2.0 * v * v.transpose() / v.squaredNorm();
    };
    const Eigen::MatrixXd q2 = reflection(Eigen::Vector2d(1.0, 2.0));
    const Eigen::MatrixXd q3 = reflection(Eigen::Vector3d(1.0, 2.0, 2.0));
    const Eigen::VectorXd g2 = q2.col(1), g3 = q3.col(2);
    book.add({.name = "ill-conditioned Hessians (curvatures up to 1e10): d solves the system to rounding level",
              .points = 2,
              .calls = {newton_direction(grading::with_eigenvalues(q2, Eigen::Vector2d(1.0, 1e10)), {g2[0], g2[1]}, 1e-3, 10.0),
                        newton_direction(grading::with_eigenvalues(q3, Eigen::Vector3d(-2.0, 1.0, 1e10)),
                                         {g3[0], g3[1], g3[2]}, 0.5, 3.0)},
              .tolerance = {1e-12, 0.0},
              .parts = {"/residual", "/shift"},
              .hint = "Solve (H + tau I) d = -g with the Cholesky factorisation that succeeded (cholesky.solve), "
                      "never by multiplying g by an inverse, which loses about kappa·eps: here the residual "
                      "must stay below 1e-12. The second Hessian needs tau = 4.5 (0.5 and 1.5 leave -1.5 and -0.5)."});
  }
}
