#pragma once
/// \file schedule.hpp
/// \brief Learning-rate schedules: η as a function of the step number t = 0, 1, 2, …
///
/// The descent loop asks the schedule for η at every step, so a constant rate and a decaying
/// one are used the same way, with any optimizer. Each schedule is a small value type with
/// `operator()(int step)`; \ref descent::Warmup wraps any of them in a linear warm-up, and
/// \ref descent::AnySchedule holds whichever one a command line chose.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

namespace descent {

/// A learning rate that may change with the step number t = 0, 1, 2, …
template <class S>
concept Schedule = requires(const S& schedule, int step) {
  { schedule(step) } -> std::convertible_to<double>;
};

/// Any schedule, chosen at run time.
using AnySchedule = std::function<double(int)>;

/// The same η at every step.
struct ConstantRate {
  double learning_rate = 0.1;  ///< η
  [[nodiscard]] double operator()(int /*step*/) const { return learning_rate; }
};

/// η_t = η0 · γ^⌊t / k⌋: multiply by γ every k steps.
struct StepDecay {
  double initial = 0.1;  ///< η0
  double factor = 0.5;   ///< γ, in (0, 1]
  int every = 10;        ///< k ≥ 1
  [[nodiscard]] double operator()(int step) const { return initial * std::pow(factor, step / every); }
};

/// η_t = η0 · e^(−k t).
struct ExponentialDecay {
  double initial = 0.1;  ///< η0
  double rate = 0.01;    ///< k ≥ 0
  [[nodiscard]] double operator()(int step) const { return initial * std::exp(-rate * step); }
};

/// η_t = η_min + ½(η0 − η_min)(1 + cos(π t / T)) for t ≤ T, then η_min.
struct CosineAnnealing {
  double initial = 0.1;  ///< η0, at t = 0
  double minimum = 0.0;  ///< η_min, reached at t = T
  int period = 100;      ///< T ≥ 1
  [[nodiscard]] double operator()(int step) const {
    const double t = std::min(step, period);
    return minimum + 0.5 * (initial - minimum) * (1.0 + std::cos(std::numbers::pi * t / period));
  }
};

/// Cosine annealing that restarts at η0: first after T0 steps, then after T0·m, T0·m², …
/// (SGDR, Loshchilov & Hutter; PyTorch's CosineAnnealingWarmRestarts).
struct CosineWarmRestarts {
  double initial = 0.1;  ///< η0 at each restart
  double minimum = 0.0;  ///< η_min at the end of each cycle
  int first_period = 20; ///< T0 ≥ 1
  int multiplier = 2;    ///< m ≥ 1: each cycle is m times longer than the last
  [[nodiscard]] double operator()(int step) const {
    int period = first_period;
    int t = step;
    while (t >= period) {  // find the cycle this step is in
      t -= period;
      period *= multiplier;
    }
    return minimum + 0.5 * (initial - minimum) * (1.0 + std::cos(std::numbers::pi * t / period));
  }
};

/// One cycle (Smith; PyTorch's OneCycleLR with cosine annealing): up from η_max/div to η_max
/// over the first `rise_fraction` of the run, then down to η_max/(div·final_div) at the end.
struct OneCycle {
  double maximum = 0.1;          ///< η_max, the peak
  int total_steps = 100;         ///< length of the cycle
  double rise_fraction = 0.3;    ///< share of the steps spent rising
  double divisor = 25.0;         ///< the start is η_max / divisor
  double final_divisor = 1e4;    ///< the end is the start / final_divisor
  [[nodiscard]] double operator()(int step) const {
    const double start = maximum / divisor;
    const double end = start / final_divisor;
    const double peak_step = std::max(1.0, rise_fraction * total_steps - 1.0);
    const double t = std::min(step, total_steps - 1);
    const auto cosine = [](double from, double to, double progress) {
      return to + 0.5 * (from - to) * (1.0 + std::cos(std::numbers::pi * progress));
    };
    if (t <= peak_step) return cosine(start, maximum, t / peak_step);
    return cosine(maximum, end, (t - peak_step) / std::max(1.0, total_steps - 1.0 - peak_step));
  }
};

/// Linear warm-up in front of any schedule: for t < W, η_t = S(0)·(t + 1)/W, climbing to S(0)
/// at t = W − 1; from t = W on, η_t = S(t − W), so the wrapped schedule starts its own clock
/// when the warm-up ends.
template <Schedule S>
struct Warmup {
  int steps = 10;  ///< W ≥ 1
  S after;         ///< the schedule that follows
  [[nodiscard]] double operator()(int step) const {
    if (step < steps) return after(0) * (step + 1) / steps;
    return after(step - steps);
  }
};

static_assert(Schedule<ConstantRate> && Schedule<StepDecay> && Schedule<ExponentialDecay> &&
              Schedule<CosineAnnealing> && Schedule<CosineWarmRestarts> && Schedule<OneCycle> &&
              Schedule<Warmup<CosineAnnealing>> && Schedule<AnySchedule>);

/// A schedule described by words and numbers, as a command line gives it.
struct ScheduleChoice {
  std::string name = "constant";  ///< one of schedule_names()
  double learning_rate = 0.1;     ///< η0 (the peak for one-cycle)
  int steps = 100;                ///< the run's length: cosine and one-cycle span it
  double decay = 0.0;             ///< step: the factor γ (0 → 0.5); exponential: k (0 → 5/steps)
  int warmup = 0;                 ///< linear warm-up steps in front (0: none)
};

/// "constant", "step", "exponential", "cosine", "restarts", "one-cycle".
[[nodiscard]] const std::vector<std::string>& schedule_names();

/// Builds the schedule. Throws UsageError (naming the flag) for an unknown name, a negative
/// decay, or a warm-up that is not shorter than the run.
[[nodiscard]] AnySchedule make_schedule(const ScheduleChoice& choice);

}  // namespace descent
