#pragma once
/// \file schedule.hpp
/// \brief Learning-rate schedules: η as a function of the step number.
///
/// The descent loop asks the schedule for η at every step, so a constant rate and a decaying
/// one are used the same way. Chapter 3 adds the decay, warm-up and cyclic schedules.

#include <concepts>

namespace descent {

/// A learning rate that may change with the step number t = 0, 1, 2, …
template <class S>
concept Schedule = requires(const S& schedule, int step) {
  { schedule(step) } -> std::convertible_to<double>;
};

/// The same η at every step.
struct ConstantRate {
  double learning_rate = 0.1;  ///< η
  [[nodiscard]] double operator()(int /*step*/) const { return learning_rate; }
};

static_assert(Schedule<ConstantRate>);

}  // namespace descent
