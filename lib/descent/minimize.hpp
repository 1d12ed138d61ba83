#pragma once
/// \file minimize.hpp
/// \brief The descent loop: step, record, check the stopping rules, repeat.
///
/// \ref descent::minimize is the one loop every chapter runs. It is generic in three things:
/// the objective (anything meeting \ref descent::Objective), the optimizer (\ref
/// descent::Optimizer, or a \ref descent::SearchingOptimizer that evaluates inside its step)
/// and the learning-rate schedule (\ref descent::Schedule). It records
/// every step in a \ref descent::Trace and never lets a blow-up escape as a crash: the first
/// non-finite or exploding loss ends the run with a \ref descent::Divergence report.

#include "descent/objective.hpp"
#include "descent/optimizer.hpp"
#include "descent/schedule.hpp"
#include "descent/stopping.hpp"
#include "descent/trace.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
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

namespace detail {

/// The bookkeeping of one run: the trace, the evaluation counter, the plateau counter, the
/// divergence check and the last finite point. It lives here so that the loop in \ref
/// descent::minimize reads as the algorithm and nothing else.
template <Schedule S>
class RunLedger {
 public:
  RunLedger(const StopRules& rules, const S& learning_rate, std::int64_t cost, const Evaluation& start)
      : rules_(rules), learning_rate_(learning_rate), cost_(cost), evaluations_(cost),
        first_loss_(start.value), last_loss_(start.value) {}

  /// Row 0; a non-finite starting loss is marked as diverged.
  void record_start(const Vector& x, const Evaluation& here) {
    last_x_ = x;
    record(0, x, here, !std::isfinite(here.value));
  }

  /// Adds `count` value-and-gradient evaluations, each costing `evaluations_per_gradient`.
  void spend(std::int64_t count) { evaluations_ += count * cost_; }

  /// True (and the run ends) once ‖∇L‖ is at or below the gradient tolerance.
  bool gradient_small(const Evaluation& here) {
    if (rules_.gradient_tolerance > 0.0 && here.gradient.norm() <= rules_.gradient_tolerance) {
      result_.reason = StopReason::gradient_small;
      return true;
    }
    return false;
  }

  /// Records step `step` and applies the other rules: divergence, plateau, the callback.
  /// Returns false when the run must end.
  bool carry_on(int step, const Vector& x, const Evaluation& here, double previous_loss,
                const StepCallback& on_step) {
    result_.steps = step;
    if (blew_up(here.value, first_loss_, rules_.explosion_factor)) {  // a result, not a crash
      record(step, x, here, true);
      result_.reason = StopReason::diverged;
      result_.divergence = Divergence{step, here.value, previous_loss};
      return false;
    }
    record(step, x, here, false);
    last_x_ = x;
    last_loss_ = here.value;
    plateau_run_ = std::abs(here.value - previous_loss) <= rules_.plateau_tolerance ? plateau_run_ + 1 : 0;
    if (rules_.plateau_tolerance > 0.0 && plateau_run_ >= rules_.plateau_patience) {
      result_.reason = StopReason::loss_plateau;
      return false;
    }
    if (on_step && !on_step(row(step, x, here, false))) {
      result_.reason = StopReason::callback;
      return false;
    }
    return true;
  }

  /// Keeps the last row, settles the reason and hands over the result.
  RunResult finish(const Vector& x, const Evaluation& here) {
    if (result_.trace.back().step != result_.steps) result_.trace.add(row(result_.steps, x, here, false));
    if (!std::isfinite(result_.trace.front().loss)) {
      result_.reason = StopReason::diverged;
      result_.divergence = Divergence{0, result_.trace.front().loss, result_.trace.front().loss};
    }
    // A gradient that is already small after the last allowed step counts as converged too.
    if (result_.reason == StopReason::step_budget && rules_.gradient_tolerance > 0.0 &&
        here.gradient.norm() <= rules_.gradient_tolerance) {
      result_.reason = StopReason::gradient_small;
    }
    result_.x = std::move(last_x_);
    result_.loss = last_loss_;
    return std::move(result_);
  }

 private:
  [[nodiscard]] TraceRow row(int step, const Vector& x, const Evaluation& here, bool diverged) const {
    return TraceRow{step,      x, here.gradient, here.value, here.gradient.norm(), learning_rate_(step),
                    evaluations_, diverged};
  }
  void record(int step, const Vector& x, const Evaluation& here, bool diverged) {
    const bool kept = step == 0 || diverged || (rules_.record_every > 0 && step % rules_.record_every == 0);
    if (kept) result_.trace.add(row(step, x, here, diverged));
  }

  const StopRules& rules_;
  const S& learning_rate_;
  std::int64_t cost_;         // evaluations one gradient costs
  std::int64_t evaluations_;  // spent so far, the start included
  double first_loss_;        // the start's loss, which divergence is measured against
  int plateau_run_ = 0;       // small loss changes in a row
  Vector last_x_;
  double last_loss_;
  RunResult result_;
};

}  // namespace detail

/// An optimizer that \ref descent::minimize can run on `F`: either kind.
template <class O, class F>
concept OptimizerFor = Optimizer<O> || SearchingOptimizer<O, F>;

namespace detail {

/// One step of either kind of optimizer; returns L and ∇L at the new `x`.
///
/// An \ref descent::Optimizer moves `x` from the gradient and the loop evaluates once; a
/// \ref descent::SearchingOptimizer evaluates inside its step and says how often.
template <Objective F, class O, Schedule S>
Evaluation take_step(O& optimizer, const F& f, Vector& x, const Evaluation& here, double learning_rate,
                     RunLedger<S>& ledger) {
  if constexpr (SearchingOptimizer<O, F>) {
    SearchStep moved = optimizer.step(f, x, here);
    ledger.spend(moved.evaluations);
    return std::move(moved.evaluation);
  } else {
    optimizer.step(x, here.gradient, learning_rate);  // w ← w − η·∇L(w) for plain descent
    ledger.spend(1);
    return evaluate(f, x);
  }
}
}  // namespace detail

/// Runs `optimizer` on `f` from `start` until a rule in `rules` fires.
///
/// Row t of the trace holds x_t, L(x_t), ∇L(x_t) and η_t, the rate that takes x_t to
/// x_{t+1}, and the evaluations spent so far (a searching optimizer's trials included).
/// The optimizer's state is reset first, so one object can run many races.
template <Objective F, Schedule S, class O = GradientDescent>
  requires OptimizerFor<O, F>
RunResult minimize(const F& f, Vector start, const S& learning_rate, const StopRules& rules,
                   O optimizer = {}, const StepCallback& on_step = {}) {
  optimizer.reset();
  // [descent_loop]
  Vector x = std::move(start);
  Evaluation here = evaluate(f, x);  // L(x) and ∇L(x), in one pass where f allows it
  detail::RunLedger ledger(rules, learning_rate, evaluations_per_gradient(f), here);
  ledger.record_start(x, here);
  for (int step = 1; step <= rules.max_steps && std::isfinite(here.value); ++step) {
    if (ledger.gradient_small(here)) break;  // a flat spot: nothing left to do
    const double previous_loss = here.value;
    // the step (x ← x − η·∇L(x) for plain descent), then L and ∇L at the new x
    here = detail::take_step(optimizer, f, x, here, learning_rate(step - 1), ledger);
    if (!ledger.carry_on(step, x, here, previous_loss, on_step)) break;  // record, check
  }
  return ledger.finish(x, here);
  // [descent_loop]
}

/// Runs an optimizer that searches along its own direction (Newton, L-BFGS): there is no
/// learning rate, and the trace's rate column holds 1, the full step each search tries first.
template <Objective F, class O>
  requires SearchingOptimizer<O, F>
RunResult minimize(const F& f, Vector start, const StopRules& rules, O optimizer,
                   const StepCallback& on_step = {}) {
  return minimize(f, std::move(start), ConstantRate{1.0}, rules, std::move(optimizer), on_step);
}

/// Plain gradient descent at a constant learning rate: the Chapter 1 loop.
template <Objective F>
RunResult minimize(const F& f, Vector start, double learning_rate, const StopRules& rules) {
  return minimize(f, std::move(start), ConstantRate{learning_rate}, rules, GradientDescent{});
}

}  // namespace descent
