// Grading cases of Exercise 5.1 (classify_critical_point) that students see in their pack. Each
// call classifies one Hessian; the kinds, worked out by hand, are checked against the reference.

#include "classify_critical_point.requests.hpp"

using namespace requests;

namespace {

Eigen::MatrixXd matrix2(double a, double b, double c, double d) { return (Eigen::MatrixXd(2, 2) << a, b, c, d).finished(); }

}  // namespace

void public_cases(grading::CaseBook& book) {
  book.add({.name = "axis-aligned Hessians in two dimensions: a minimum, a maximum and the saddle x² − y²",
            .points = 2,
            .calls = {classify(diagonal({2.0, 3.0}), 1e-6), classify(diagonal({-1.0, -4.0}), 1e-6),
                      classify(diagonal({2.0, -2.0}), 1e-6)},
            .hint = "All eigenvalues positive: minimum; all negative: maximum; both signs: saddle.",
            .closed_form = {kind("minimum"), kind("maximum"), kind("saddle")}});

  book.add({.name = "a zero eigenvalue makes the point degenerate, whatever the other's sign",
            .points = 2,
            .calls = {classify(diagonal({2.0, 0.0}), 1e-6), classify(diagonal({0.0, -3.0}), 1e-6),
                      classify(diagonal({0.0, 0.0, 0.0}), 1e-6)},
            .hint = "x² + 0·y² is not a minimum of every function with this Hessian: y⁴ and −y⁴ add nothing "
                    "to it. With a zero eigenvalue the answer is \"degenerate\".",
            .closed_form = {kind("degenerate"), kind("degenerate"), kind("degenerate")}});

  book.add({.name = "an eigenvalue within the tolerance of zero counts as zero",
            .points = 2,
            .calls = {classify(diagonal({1.0, 2e-6}), 1e-4), classify(diagonal({-3e-5, -1.0}), 1e-4),
                      classify(diagonal({1.0, 2e-4}), 1e-4)},
            .hint = "Compare |λ| with the tolerance, not λ with 0: 2·10⁻⁶ is zero at tolerance 10⁻⁴, "
                    "2·10⁻⁴ is not.",
            .closed_form = {kind("degenerate"), kind("degenerate"), kind("minimum")}});

  book.add({.name = "an eigenvalue exactly as large as the tolerance counts as zero",
            .points = 1,
            .calls = {classify(diagonal({0.25, 4.0}), 0.25), classify(diagonal({-4.0, -0.25}), 0.25)},
            .hint = "|λ| ≤ tolerance counts as zero, the boundary included.",
            .closed_form = {kind("degenerate"), kind("degenerate")}});

  // Eigenvalues 3 and −1 along (1, 1) and (1, −1): a positive diagonal, a negative determinant.
  book.add({.name = "a rotated saddle whose diagonal entries are both positive",
            .points = 2,
            .calls = {classify(matrix2(1.0, 2.0, 2.0, 1.0), 1e-6)},
            .hint = "The diagonal holds the curvatures along the axes only. The eigenvalues of "
                    "[[1, 2], [2, 1]] are 3 and −1.",
            .closed_form = {kind("saddle")}});

  // Determinant 5 and trace 3, both positive, yet one direction goes up and two go down.
  book.add({.name = "three dimensions: two directions down, one up",
            .points = 1,
            .calls = {classify(diagonal({-1.0, -1.0, 5.0}), 1e-6)},
            .hint = "Eigenvalues −1, −1 and 5 make a saddle; neither the determinant (5) nor the trace (3) "
                    "can tell.",
            .closed_form = {kind("saddle")}});

  // [[1, 2], [−2, 1]] has symmetric part I; [[1, 3], [−3, −1]] has symmetric part diag(1, −1).
  book.add({.name = "Hessians that are not exactly symmetric: their symmetric part decides",
            .points = 2,
            .calls = {classify(matrix2(1.0, 2.0, -2.0, 1.0), 1e-6), classify(matrix2(1.0, 3.0, -3.0, -1.0), 1e-6)},
            .hint = "Classify S = ½(H + Hᵀ): for [[1, 2], [−2, 1]] it is the identity, a minimum. "
                    "A symmetric solver given H itself reads one triangle only.",
            .closed_form = {kind("minimum"), kind("saddle")}});
}
