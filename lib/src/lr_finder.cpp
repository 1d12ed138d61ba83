#include "descent/lr_finder.hpp"

#include <stdexcept>

namespace descent {

LrPick pick_learning_rate(const LrSweep& sweep, double cliff_factor) {
  const std::size_t n = std::min(sweep.learning_rates.size(), sweep.losses.size());
  if (n < 3) throw std::invalid_argument("pick_learning_rate: a sweep needs at least 3 points");
  LrPick pick;
  std::size_t end = n;  // points from the cliff on are not candidates
  double best = sweep.losses[0];
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(sweep.losses[i]) || sweep.losses[i] > cliff_factor * best) {
      pick.cliff = sweep.learning_rates[i];
      end = i;
      break;
    }
    best = std::min(best, sweep.losses[i]);
  }
  // [steepest]
  double steepest_slope = INFINITY;
  for (std::size_t i = 1; i + 1 < end; ++i) {
    const double slope = (sweep.losses[i + 1] - sweep.losses[i - 1]) /
                         (std::log(sweep.learning_rates[i + 1]) - std::log(sweep.learning_rates[i - 1]));
    if (slope < steepest_slope) {  // most negative: the loss falls fastest per factor of η
      steepest_slope = slope;
      pick.steepest_index = i;
    }
  }
  // [steepest]
  if (!std::isfinite(steepest_slope)) pick.steepest_index = 0;
  pick.steepest = sweep.learning_rates[pick.steepest_index];
  pick.suggestion = pick.cliff ? *pick.cliff / 10.0 : pick.steepest;
  return pick;
}

}  // namespace descent
