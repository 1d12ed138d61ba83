#pragma once
/// \file stopping.hpp
/// \brief When a descent run stops, and why it stopped.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace descent {

/// How far above max(|first loss|, 1) a loss may climb before a run counts as diverged, for
/// every loop that has no reason to choose another (see \ref descent::blew_up).
inline constexpr double default_explosion_factor = 1e12;

/// The stopping rules of one run. A rule set to 0 is off; the step budget always applies.
struct StopRules {
  int max_steps = 100;              ///< the step budget
  double gradient_tolerance = 0.0;  ///< stop once ‖∇L‖ ≤ this (a near-flat spot)
  double plateau_tolerance = 0.0;   ///< stop once |L_t − L_{t−1}| ≤ this …
  int plateau_patience = 1;         ///< … for this many steps in a row
  /// A loss above `explosion_factor × max(|L_0|, 1)` counts as divergence, before it
  /// overflows to infinity. 1e12 leaves room for slow but honest descent from bad starts.
  double explosion_factor = default_explosion_factor;
  /// Keep every k-th row in the trace (1: all; 0: only the first and the last). Long runs
  /// that only need the end point skip the cost of storing every step.
  int record_every = 1;
};

/// The divergence rule every loop shares: a loss that is not finite, or above
/// `explosion_factor × max(|first_loss|, 1)`, has blown up.
[[nodiscard]] inline bool blew_up(double loss, double first_loss, double explosion_factor) {
  return !std::isfinite(loss) || loss > explosion_factor * std::max(std::abs(first_loss), 1.0);
}

/// Why a run ended.
enum class StopReason {
  step_budget,     ///< all `max_steps` were taken
  gradient_small,  ///< ‖∇L‖ fell to the gradient tolerance
  loss_plateau,    ///< the loss stopped changing
  diverged,        ///< the loss became non-finite or exploded
  callback,        ///< the step callback asked to stop
};

/// Where and how a run blew up.
struct Divergence {
  int step = 0;        ///< the first step whose loss was non-finite or exploded
  double loss = 0.0;   ///< that loss (may be +∞ or NaN)
  double last_finite_loss = 0.0;  ///< the loss one step before
};

/// A short phrase for reports: "step budget used", "gradient below tolerance", …
[[nodiscard]] std::string_view describe(StopReason reason);

/// One line for a reader: "diverged at step 12: loss 3.1e+13 (was 2.4e+11)".
[[nodiscard]] std::string describe(const Divergence& divergence);

}  // namespace descent
