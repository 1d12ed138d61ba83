#pragma once
/// \file line_search.hpp
/// \brief How far to go along a descent direction: backtracking (Armijo) and strong Wolfe.
///
/// Newton and L-BFGS choose a direction d; a line search chooses the length α of the step
/// x + α·d. Along the line the objective is a function of one number, φ(α) = L(x + α·d),
/// with slope φ'(α) = ∇L(x + α·d)ᵀd, and φ'(0) < 0 because d points downhill. Two tests
/// decide whether α is good enough:
///
/// - *sufficient decrease* (Armijo): φ(α) ≤ φ(0) + c1·α·φ'(0), the loss falls by at least a
///   fraction c1 of what the slope at 0 promised;
/// - *strong curvature*: |φ'(α)| ≤ c2·|φ'(0)|, the slope has flattened, so the step did not
///   stop short on a still-steep stretch.
///
/// Backtracking checks only the first (enough for Newton, whose full step is usually right).
/// L-BFGS needs both, the *strong Wolfe conditions*: the second one guarantees sᵀy > 0, which
/// keeps its curvature model positive definite. Every trial costs one value-and-gradient
/// evaluation, and every search reports how many it spent.

#include "descent/objective.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace descent {

/// A point the search accepted.
struct LineSearchResult {
  Vector x;                      ///< x + α·d
  Evaluation evaluation;         ///< L and ∇L there
  double step = 0.0;             ///< α
  std::int64_t evaluations = 0;  ///< trials spent
  bool satisfied = false;        ///< the conditions held (false: trial budget ran out)
};

/// Backtracking's settings.
struct ArmijoSettings {
  double c1 = 1e-4;     ///< fraction of the promised decrease that must be achieved
  double shrink = 0.5;  ///< α ← shrink·α after a rejected trial, 0 < shrink < 1
  int max_trials = 50;  ///< 0.5⁵⁰ ≈ 1e-15: past that the direction is useless anyway
};

/// Tries α = 1, shrink, shrink², … until sufficient decrease holds.
///
/// If the budget runs out it returns the last (shortest) trial, marked unsatisfied.
template <Objective F>
LineSearchResult backtrack(const F& f, const Vector& x, const Evaluation& here, const Vector& direction,
                           const ArmijoSettings& settings = {}) {
  const double slope = here.gradient.dot(direction);  // φ'(0) < 0
  LineSearchResult trial;
  trial.step = 1.0;
  for (int i = 1; i <= settings.max_trials; ++i) {
    trial.x = x + trial.step * direction;
    trial.evaluation = evaluate(f, trial.x);
    trial.evaluations = i;
    trial.satisfied = trial.evaluation.value <= here.value + settings.c1 * trial.step * slope;
    if (trial.satisfied || i == settings.max_trials) break;
    trial.step *= settings.shrink;
  }
  return trial;
}

/// Strong Wolfe settings. c2 = 0.9 is the usual choice for quasi-Newton methods: loose
/// enough that the first trial α = 1 is accepted most of the time.
struct WolfeSettings {
  double c1 = 1e-4;        ///< sufficient decrease
  double c2 = 0.9;         ///< curvature, c1 < c2 < 1
  int max_trials = 25;     ///< evaluations allowed in one search
  double max_step = 1e10;  ///< α never grows past this while bracketing
};

namespace detail {

/// One point on the line: α, φ(α), φ'(α), and where it is.
struct LinePoint {
  double step = 0.0;
  double value = 0.0;
  double slope = 0.0;
  Vector x;
  Evaluation evaluation;
};

/// The minimiser of the cubic through (a, φa, φ'a) and (b, φb, φ'b), kept well inside the
/// interval (at least a tenth of its width from either end); the midpoint if the cubic has no
/// minimiser or the numbers are unsafe.
inline double cubic_step(const LinePoint& a, const LinePoint& b) {
  const double width = b.step - a.step;
  const double d1 = a.slope + b.slope - 3.0 * (a.value - b.value) / (a.step - b.step);
  const double radicand = d1 * d1 - a.slope * b.slope;
  const double midpoint = a.step + 0.5 * width;
  if (!(radicand >= 0.0) || !std::isfinite(radicand)) return midpoint;
  const double d2 = std::copysign(std::sqrt(radicand), width);
  const double step = b.step - width * (b.slope + d2 - d1) / (b.slope - a.slope + 2.0 * d2);
  const double lo = std::min(a.step, b.step) + 0.1 * std::abs(width);
  const double hi = std::max(a.step, b.step) - 0.1 * std::abs(width);
  return std::isfinite(step) && step >= lo && step <= hi ? step : midpoint;
}

}  // namespace detail

/// A step α along `direction` satisfying the strong Wolfe conditions, starting from the
/// trial `first_step`.
///
/// The idea of Nocedal & Wright's Algorithms 3.5 and 3.6, in two phases. *Bracket*: try
/// longer and longer steps until one is too long (it broke sufficient decrease, or the loss
/// went up again, or the slope turned uphill); then an acceptable α lies between it and the
/// previous trial. *Zoom*: shrink that bracket, trying the minimiser of the cubic that fits
/// both ends' values and slopes, until a trial meets both conditions. The bracket's `low`
/// end is always the best point that meets sufficient decrease; if the budget runs out, that
/// point is returned (marked unsatisfied), so the loss never goes up.
template <Objective F>
LineSearchResult strong_wolfe(const F& f, const Vector& x, const Evaluation& here, const Vector& direction,
                              double first_step, const WolfeSettings& settings = {}) {
  using detail::LinePoint;
  const double slope0 = here.gradient.dot(direction);  // φ'(0) < 0
  std::int64_t spent = 0;
  const auto at = [&](double step) {
    LinePoint p{step, 0.0, 0.0, x + step * direction, {}};
    p.evaluation = evaluate(f, p.x);
    p.value = p.evaluation.value;
    p.slope = p.evaluation.gradient.dot(direction);
    ++spent;
    return p;
  };
  const auto decreases = [&](const LinePoint& p) {
    return p.value <= here.value + settings.c1 * p.step * slope0;
  };
  const auto flat = [&](const LinePoint& p) { return std::abs(p.slope) <= -settings.c2 * slope0; };
  const auto done = [&](LinePoint& p, bool satisfied) {
    return LineSearchResult{std::move(p.x), std::move(p.evaluation), p.step, spent, satisfied};
  };

  // The best point with sufficient decrease. At α = 0 it is the caller's own point, whose x and
  // evaluation are not copied (two allocations per search) unless the search returns it.
  LinePoint low{0.0, here.value, slope0, {}, {}};
  LinePoint high;  // the other end, once there is a bracket
  bool bracketed = false;
  double step = first_step;
  while (spent < settings.max_trials) {
    LinePoint p = at(step);
    if (!bracketed) {  // phase 1: grow until an acceptable step is surrounded
      if (!decreases(p) || (spent > 1 && p.value >= low.value)) {
        high = std::move(p);
        bracketed = true;
      } else if (flat(p)) {
        return done(p, true);
      } else if (p.slope >= 0.0) {  // uphill again: the minimum lies behind p
        high = std::move(low);
        low = std::move(p);
        bracketed = true;
      } else {
        low = std::move(p);
        step = std::min(2.0 * low.step, settings.max_step);
        continue;
      }
    } else if (!decreases(p) || p.value >= low.value) {  // phase 2: p too long, new high end
      high = std::move(p);
    } else {
      if (flat(p)) return done(p, true);
      if (p.slope * (high.step - low.step) >= 0.0) high = std::move(low);
      low = std::move(p);
    }
    step = detail::cubic_step(low, high);
    if (std::abs(high.step - low.step) <= 1e-16 * std::max(1.0, high.step)) break;  // bracket collapsed
  }
  if (low.step == 0.0) return LineSearchResult{x, here, 0.0, spent, false};  // no trial decreased
  return done(low, false);
}

}  // namespace descent
