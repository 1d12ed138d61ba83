#pragma once
/// \file minimize.hpp
/// \brief The descent loop: step, record, check the stopping rules, repeat.
///
/// \ref descent::minimize is the one loop every chapter runs. It is generic in three things:
/// the objective (anything meeting \ref descent::Objective), the optimizer (\ref
/// descent::Optimizer) and the learning-rate schedule (\ref descent::Schedule). It records
/// every step in a \ref descent::Trace and never lets a blow-up escape as a crash: the first
/// non-finite or exploding loss ends the run with a \ref descent::Divergence report.

#include "descent/objective.hpp"
#include "descent/optimizer.hpp"
#include "descent/schedule.hpp"
#include "descent/stopping.hpp"
#include "descent/trace.hpp"

#include <cmath>
#include <functional>
#include <optional>

namespace descent {

/// Called after every step with the new row; return `false` to stop the run.
using StepCallback = std::function<bool(const TraceRow&)>;

/// What a run ends with.
struct RunResult {
  Vector x;                               ///< the final parameters (the last finite ones if diverged)
  double loss = 0.0;                      ///< L at `x`
  int steps = 0;                          ///< updates taken
  StopReason reason = StopReason::step_budget;
  std::optional<Divergence> divergence;   ///< set when reason == diverged
  Trace trace;                            ///< every step, including the diverged one

  [[nodiscard]] bool diverged() const { return divergence.has_value(); }
};

/// Runs `optimizer` on `f` from `start` until a rule in `rules` fires.
///
/// Row t of the trace holds x_t, L(x_t), ∇L(x_t) and η_t, the rate that takes x_t to
/// x_{t+1}. The optimizer's state is reset first, so one object can run many races.
template <Objective F, Schedule S, Optimizer O = GradientDescent>
RunResult minimize(const F& f, Vector start, const S& learning_rate, const StopRules& rules,
                   O optimizer = {}, const StepCallback& on_step = {}) {
  optimizer.reset();
  RunResult result;
  const std::int64_t cost = evaluations_per_gradient(f);

  //! [descent_loop]
  Vector x = std::move(start);
  double loss = f.value(x);
  Vector gradient = f.gradient(x);
  std::int64_t evaluations = cost;
  const double explosion = rules.explosion_factor * std::max(std::abs(loss), 1.0);

  const auto row_now = [&](int step, bool diverged) {
    return TraceRow{step, x, gradient, loss, gradient.norm(), learning_rate(step), evaluations, diverged};
  };
  const auto record = [&](int step, bool diverged) {  // keeps the row if this step is recorded
    const bool kept = step == 0 || diverged || (rules.record_every > 0 && step % rules.record_every == 0);
    if (kept) result.trace.add(row_now(step, diverged));
  };
  const auto blew_up = [&](double value) { return !std::isfinite(value) || value > explosion; };

  record(0, !std::isfinite(loss));
  int plateau_run = 0;
  result.reason = StopReason::step_budget;
  Vector last_finite_x = x;
  double last_finite_loss = loss;
  for (int step = 1; step <= rules.max_steps && std::isfinite(loss); ++step) {
    if (rules.gradient_tolerance > 0.0 && gradient.norm() <= rules.gradient_tolerance) {
      result.reason = StopReason::gradient_small;
      break;
    }
    optimizer.step(x, gradient, learning_rate(step - 1));  // w ← w − η·∇L(w) for plain descent
    const double previous_loss = loss;
    loss = f.value(x);
    gradient = f.gradient(x);
    evaluations += cost;
    result.steps = step;

    if (blew_up(loss)) {  // divergence is a result to report, not a crash
      record(step, true);
      result.reason = StopReason::diverged;
      result.divergence = Divergence{step, loss, previous_loss};
      break;
    }
    record(step, false);
    last_finite_x = x;
    last_finite_loss = loss;

    plateau_run = std::abs(loss - previous_loss) <= rules.plateau_tolerance ? plateau_run + 1 : 0;
    if (rules.plateau_tolerance > 0.0 && plateau_run >= rules.plateau_patience) {
      result.reason = StopReason::loss_plateau;
      break;
    }
    if (on_step && !on_step(row_now(step, false))) {
      result.reason = StopReason::callback;
      break;
    }
  }
  //! [descent_loop]
  if (result.trace.back().step != result.steps) result.trace.add(row_now(result.steps, false));  // keep the end
  if (!std::isfinite(result.trace.front().loss)) {
    result.reason = StopReason::diverged;
    result.divergence = Divergence{0, result.trace.front().loss, result.trace.front().loss};
  }
  // A gradient that is already small after the last allowed step counts as converged too.
  if (result.reason == StopReason::step_budget && rules.gradient_tolerance > 0.0 &&
      gradient.norm() <= rules.gradient_tolerance) {
    result.reason = StopReason::gradient_small;
  }
  result.x = last_finite_x;
  result.loss = last_finite_loss;
  return result;
}

/// Plain gradient descent at a constant learning rate: the Chapter 1 loop.
template <Objective F>
RunResult minimize(const F& f, Vector start, double learning_rate, const StopRules& rules) {
  return minimize(f, std::move(start), ConstantRate{learning_rate}, rules, GradientDescent{});
}

}  // namespace descent
