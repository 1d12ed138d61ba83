#pragma once
/// \file lr_finder.hpp
/// \brief The learning-rate range test ("LR finder"): sweep η upwards, watch the loss.
///
/// One run, with η growing by the same factor every step from η_min to η_max. While η is too
/// small the loss barely moves; then it falls fastest; past the stability limit it shoots up
/// (the *cliff*). \ref descent::pick_learning_rate reads the recorded sweep: the steepest
/// fall of the loss against log η, the cliff, and a suggestion 10× below the cliff.

#include "descent/minimize.hpp"

#include <cmath>
#include <optional>
#include <vector>

namespace descent {

/// A recorded sweep: the learning rate of each step and the loss after it.
struct LrSweep {
  std::vector<double> learning_rates;
  std::vector<double> losses;
};

/// What the sweep says.
struct LrPick {
  std::size_t steepest_index = 0;  ///< where −dL/d(log η) is largest, before the cliff
  double steepest = 0.0;           ///< η at that point
  std::optional<double> cliff;     ///< first η whose loss exceeds cliff_factor × the best so far
  double suggestion = 0.0;         ///< cliff/10, or `steepest` when the sweep never reached a cliff
};

/// Runs the range test: `steps` steps with η_i = η_min·(η_max/η_min)^(i/(steps−1)). Stops early
/// once the loss exceeds `stop_factor` × the best loss so far, or is not finite.
template <Objective F, Optimizer O = GradientDescent>
LrSweep lr_range_test(const F& f, Vector start, double lr_min, double lr_max, int steps, O optimizer = {},
                      double stop_factor = 4.0) {
  const auto rate = [=](int i) { return lr_min * std::pow(lr_max / lr_min, static_cast<double>(i) / (steps - 1)); };
  LrSweep sweep;
  double best = f.value(start);
  minimize(f, std::move(start), rate, StopRules{.max_steps = steps, .explosion_factor = INFINITY, .record_every = 0},
           std::move(optimizer), [&](const TraceRow& row) {
             sweep.learning_rates.push_back(rate(row.step - 1));  // the rate that produced this loss
             sweep.losses.push_back(row.loss);
             best = std::min(best, row.loss);
             return std::isfinite(row.loss) && row.loss <= stop_factor * best;
           });
  return sweep;
}

/// Reads a sweep: the steepest descent point (central slope of L against log η), the cliff,
/// and the suggestion: back off 10× from the cliff (the steepest point if there is no cliff).
[[nodiscard]] LrPick pick_learning_rate(const LrSweep& sweep, double cliff_factor = 4.0);

}  // namespace descent
