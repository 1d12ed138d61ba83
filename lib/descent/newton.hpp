#pragma once
/// \file newton.hpp
/// \brief Newton's method: the step that uses curvature, pure and damped.
///
/// Near a point x the objective looks like the quadratic L(x) + gᵀd + ½ dᵀHd, whose minimum
/// is at H·d = −g. Newton's method jumps there: x ← x − H⁻¹g. On a quadratic that *is* the
/// minimum, whatever the condition number; near a minimum of anything smooth the error
/// squares every step. The step is computed by *solving* H·d = g with a Cholesky-type
/// factorisation, never by forming H⁻¹: the solve costs a third of the inversion, and its
/// error is that of a backward-stable method, where multiplying by a computed inverse adds
/// its own rounding on top, which on an ill-conditioned H is the larger of the two.
///
/// Far from a minimum the quadratic model can be a poor guide: H may be indefinite (the
/// model has no minimum, and −H⁻¹g may point uphill) and the full step may overshoot. Damped
/// Newton repairs both: it shifts H by τ·I until it is positive definite (the direction is
/// then downhill), and backtracks along it until the loss falls enough (Armijo).

#include "descent/functions.hpp"
#include "descent/line_search.hpp"
#include "descent/objective.hpp"
#include "descent/optimizer.hpp"

#include <Eigen/Cholesky>
#include <string_view>

namespace descent {

/// Which Newton: the full step wherever it leads, or the safeguarded one.
enum class NewtonStep {
  pure,    ///< x ← x − H⁻¹g, one evaluation per step, no safeguards
  damped,  ///< H shifted until positive definite, then an Armijo backtracking search
};

/// Newton's settings, meant for designated initialisers: `Newton{{.step = NewtonStep::pure}}`.
struct NewtonSettings {
  NewtonStep step = NewtonStep::damped;
  double first_shift = 1e-3;   ///< the first τ tried when H is not positive definite
  double shift_growth = 10.0;  ///< τ ← growth·τ until H + τI factorises
  int max_shifts = 40;         ///< 1e-3·10⁴⁰: past any Hessian a double can hold
  ArmijoSettings line_search{};///< the backtracking search of the damped step
};

/// Newton's method, a \ref descent::SearchingOptimizer for twice-differentiable objectives.
class Newton {
 public:
  explicit Newton(NewtonSettings settings = {}) : settings_(settings) {}

  // [newton_step]
  template <TwiceDifferentiable F>
  SearchStep step(const F& f, Vector& x, const Evaluation& here) {
    const Matrix hessian = f.hessian(x);
    if (settings_.step == NewtonStep::pure) {
      x -= hessian.ldlt().solve(here.gradient);  // solve H·d = g; never form H⁻¹
      return {evaluate(f, x), 1};
    }
    const Vector direction = -downhill_solve(hessian, here.gradient);
    LineSearchResult found = backtrack(f, x, here, direction, settings_.line_search);
    x = std::move(found.x);
    return {std::move(found.evaluation), found.evaluations};
  }
  // [newton_step]

  void reset() { last_shift_ = 0.0; }
  [[nodiscard]] std::string_view name() const {
    return settings_.step == NewtonStep::pure ? "newton" : "damped newton";
  }
  /// τ used by the last damped step (0: H itself was positive definite).
  [[nodiscard]] double last_shift() const { return last_shift_; }

 private:
  /// Solves (H + τI)·d = g with the smallest τ in {0, τ0, 10τ0, …} for which LLᵀ succeeds,
  /// so that −d points downhill: gᵀ(H + τI)⁻¹g > 0 for a positive definite matrix.
  // [shifted_solve]
  Vector downhill_solve(const Matrix& hessian, const Vector& gradient) {
    const Eigen::Index n = hessian.rows();
    Eigen::LLT<Matrix> cholesky(hessian);
    last_shift_ = 0.0;
    for (int i = 0; cholesky.info() != Eigen::Success && i < settings_.max_shifts; ++i) {
      last_shift_ = i == 0 ? settings_.first_shift : last_shift_ * settings_.shift_growth;
      cholesky.compute(hessian + last_shift_ * Matrix::Identity(n, n));
    }
    return cholesky.solve(gradient);
  }
  // [shifted_solve]

  NewtonSettings settings_;
  double last_shift_ = 0.0;
};

static_assert(SearchingOptimizer<Newton, Rosenbrock>);
static_assert(SearchingOptimizer<Newton, Quadratic>);

}  // namespace descent
