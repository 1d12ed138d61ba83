#pragma once
/// \file critical_points.hpp
/// \brief Finding the points where the gradient vanishes, and telling minima, maxima and
/// saddles apart by the eigenvalues of the Hessian.
///
/// At a critical point (∇f = 0) the Hessian H says how f bends in every direction: all
/// eigenvalues positive, every direction curves up (a minimum); all negative, a maximum; both
/// signs, a saddle. An eigenvalue within a tolerance of zero means the second derivatives
/// cannot decide (a *degenerate* point, such as the inflection of x³).

#include "descent/objective.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <string_view>
#include <vector>

namespace descent {

/// What the Hessian says about a critical point.
enum class CriticalKind { minimum, maximum, saddle, degenerate };

/// The word for a kind: "minimum", "maximum", "saddle", "degenerate".
[[nodiscard]] inline std::string_view kind_name(CriticalKind kind) {
  switch (kind) {
    case CriticalKind::minimum: return "minimum";
    case CriticalKind::maximum: return "maximum";
    case CriticalKind::saddle: return "saddle";
    case CriticalKind::degenerate: break;
  }
  return "degenerate";
}

/// The eigenvalues of a symmetric Hessian (ascending) and what they make of the point.
struct Classification {
  Vector eigenvalues;
  CriticalKind kind = CriticalKind::degenerate;
};

// [classify]
/// Classifies by the signs of the eigenvalues of the symmetric `hessian`; an eigenvalue
/// with |λ| ≤ `tolerance` counts as zero. One negative and one positive make a saddle
/// even if another is zero: some direction goes down and some goes up, whatever the third
/// does.
[[nodiscard]] inline Classification classify(const Matrix& hessian,
                                             double tolerance = 1e-6) {
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(hessian, Eigen::EigenvaluesOnly);
  const Vector eigenvalues = solver.eigenvalues();
  const bool down = (eigenvalues.array() < -tolerance).any();
  const bool up = (eigenvalues.array() > tolerance).any();
  const bool flat = (eigenvalues.array().abs() <= tolerance).any();
  if (down && up) return {eigenvalues, CriticalKind::saddle};
  if (flat) return {eigenvalues, CriticalKind::degenerate};
  return {eigenvalues, up ? CriticalKind::minimum : CriticalKind::maximum};
}
// [classify]

/// A critical point found numerically.
struct CriticalPoint {
  Vector x;
  double value = 0.0;
  Classification classification;
};

/// Solves ∇f = 0 by Newton's method on the gradient (x ← x − H⁺∇f, with H⁺ the least-squares
/// solve, so a singular H does not stop it) from each of `starts`. A start counts when ‖∇f‖
/// falls to `gradient_tolerance` within 200 iterations; points closer than `merge_distance` are
/// kept once. The result is sorted by the first coordinate.
template <TwiceDifferentiable F>
[[nodiscard]] std::vector<CriticalPoint> find_critical_points(const F& f, const std::vector<Vector>& starts,
                                                              double gradient_tolerance = 1e-12,
                                                              double merge_distance = 1e-3,
                                                              double classify_tolerance = 1e-6) {
  std::vector<CriticalPoint> found;
  for (Vector x : starts) {
    bool converged = false;
    for (int iteration = 0; iteration < 200 && !converged; ++iteration) {
      const Vector g = f.gradient(x);
      if (g.norm() <= gradient_tolerance) {
        converged = true;
        break;
      }
      x -= Eigen::CompleteOrthogonalDecomposition<Matrix>(f.hessian(x)).solve(g);
      if (!x.allFinite()) break;
    }
    if (!converged) continue;
    const bool seen = std::any_of(found.begin(), found.end(),
                                  [&](const CriticalPoint& p) { return (p.x - x).norm() < merge_distance; });
    if (!seen) found.push_back({x, f.value(x), classify(f.hessian(x), classify_tolerance)});
  }
  std::sort(found.begin(), found.end(), [](const CriticalPoint& a, const CriticalPoint& b) { return a.x[0] < b.x[0]; });
  return found;
}

}  // namespace descent
