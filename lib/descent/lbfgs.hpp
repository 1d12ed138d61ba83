#pragma once
/// \file lbfgs.hpp
/// \brief L-BFGS: Newton's idea with m pairs of vectors instead of an n×n Hessian.
///
/// Every step moves by s = x₊ − x and sees the gradient change by y = g₊ − g. Along s the
/// curvature is measured: H·s ≈ y. BFGS builds an inverse-Hessian estimate from all such
/// pairs; L-BFGS keeps only the last m of them and never forms a matrix. The product of the
/// estimate with a gradient comes from the *two-loop recursion*, 4·m·n multiplications, and
/// the memory is the 2·m vectors of length n: for m = 6 and n = 10⁶ that is 96 MB, where a
/// Hessian would need 8 TB. The step length comes from a strong Wolfe line search, which
/// makes sᵀy > 0 and so keeps the estimate positive definite (every direction downhill).

#include "descent/functions.hpp"
#include "descent/line_search.hpp"
#include "descent/objective.hpp"
#include "descent/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace descent {

/// L-BFGS's settings, meant for designated initialisers: `Lbfgs{{.memory = 10}}`.
struct LbfgsSettings {
  int memory = 6;                 ///< m, the pairs kept (3 to 20 is usual; LBFGSpp uses 6)
  double curvature_floor = 1e-8;  ///< a pair is kept only if sᵀy > floor·‖s‖·‖y‖
  WolfeSettings line_search{};    ///< c1 = 1e-4, c2 = 0.9
};

/// Limited-memory BFGS, a \ref descent::SearchingOptimizer for any objective.
class Lbfgs {
 public:
  explicit Lbfgs(LbfgsSettings settings = {}) : settings_(settings) {}

  template <Objective F>
  SearchStep step(const F& f, Vector& x, const Evaluation& here) {
    if (s_.rows() != x.size()) allocate(x.size());
    Vector direction = inverse_hessian_times(here.gradient);
    direction = -direction;  // in place: no second vector
    // With no pairs yet the direction is −g and has no natural length: try a step of length
    // at most 1 in x, as LBFGSpp and Nocedal & Wright do. After that α = 1 is the model's own.
    double first_step = stored_ == 0 ? std::min(1.0, 1.0 / here.gradient.norm()) : 1.0;
    if (!(here.gradient.dot(direction) < 0.0)) {  // rounding broke the model: start afresh
      reset();
      direction = -here.gradient;
      first_step = std::min(1.0, 1.0 / here.gradient.norm());
    }
    LineSearchResult found = strong_wolfe(f, x, here, direction, first_step, settings_.line_search);
    step_ = found.x - x;  // into the kept vectors: no allocation per step
    gradient_change_ = found.evaluation.gradient - here.gradient;
    remember(step_, gradient_change_);
    x = std::move(found.x);
    return {std::move(found.evaluation), found.evaluations};
  }

  /// Forgets every pair: the next step is steepest descent again.
  void reset() {
    stored_ = 0;
    newest_ = -1;
  }
  [[nodiscard]] std::string_view name() const { return "l-bfgs"; }
  /// Pairs currently held (at most m).
  [[nodiscard]] int pairs() const { return stored_; }
  /// H·g with H the current inverse-Hessian estimate (public for the chapter and its tests).
  [[nodiscard]] Vector inverse_hessian_times(const Vector& gradient) const;

 private:
  void allocate(Eigen::Index n) {
    const int m = std::max(settings_.memory, 1);
    s_.resize(n, m);
    y_.resize(n, m);
    rho_.resize(m);
    alpha_.resize(m);
    reset();
  }
  /// Keeps (s, y) unless sᵀy is not clearly positive. The estimate stays positive definite only
  /// if every kept pair has sᵀy > 0; the Wolfe search ensures that in exact arithmetic, but a
  /// search that ran out of trials, or rounding once the steps are tiny, can leave sᵀy ≈ 0,
  /// and ρ = 1/sᵀy would then blow the estimate up. The test is relative (a cosine between s
  /// and y) so that it means the same at every scale.
  void remember(const Vector& s, const Vector& y) {
    const double sy = s.dot(y);
    if (!(sy > settings_.curvature_floor * s.norm() * y.norm())) return;
    const int m = static_cast<int>(s_.cols());
    newest_ = (newest_ + 1) % m;  // a ring: the new pair overwrites the oldest
    s_.col(newest_) = s;
    y_.col(newest_) = y;
    rho_[newest_] = 1.0 / sy;
    stored_ = std::min(stored_ + 1, m);
  }

  LbfgsSettings settings_;
  Matrix s_, y_;  // n × m: column k holds a pair
  Vector rho_;    // 1 / sᵀy of each pair
  mutable Vector alpha_;  // the first loop's coefficients, kept to avoid an allocation per step
  Vector step_, gradient_change_;  // the newest s and y before remember() judges them, likewise
  int stored_ = 0;
  int newest_ = -1;
};

// [two_loop]
inline Vector Lbfgs::inverse_hessian_times(const Vector& gradient) const {
  const int m = static_cast<int>(s_.cols());
  Vector q = gradient;
  for (int k = 0; k < stored_; ++k) {  // newest pair first
    const int i = (newest_ - k + m) % m;
    alpha_[i] = rho_[i] * s_.col(i).dot(q);
    q -= alpha_[i] * y_.col(i);
  }
  if (stored_ > 0) {  // H₀ = γI with γ = sᵀy / yᵀy: the newest pair's curvature scale
    q *= 1.0 / (rho_[newest_] * y_.col(newest_).squaredNorm());
  }
  for (int k = stored_ - 1; k >= 0; --k) {  // oldest pair first
    const int i = (newest_ - k + m) % m;
    const double beta = rho_[i] * y_.col(i).dot(q);
    q += (alpha_[i] - beta) * s_.col(i);
  }
  return q;
}
// [two_loop]

static_assert(SearchingOptimizer<Lbfgs, Rosenbrock>);

}  // namespace descent
