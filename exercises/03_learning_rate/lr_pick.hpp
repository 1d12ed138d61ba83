#pragma once
// Exercise 3.3: reading an LR range test.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace exercises {

//! [signature]
/// A range test recorded `learning_rates[i]` (growing) and the loss after each step,
/// `losses[i]`. Return the index i where the loss falls fastest per factor of η: the most
/// negative central slope (losses[i+1] − losses[i−1]) / (ln η[i+1] − ln η[i−1]), over
/// 1 ≤ i ≤ n − 2. Points from the *cliff* on are left out: the cliff is the first index
/// whose loss exceeds (is greater than; an infinite loss does) 4 × the smallest loss
/// before it; only i with i + 1 < cliff count. A sweep may have no cliff. On ties the
/// smaller index wins. The sweeps you get always leave at least one candidate.
inline std::size_t steepest_index(const std::vector<double>& learning_rates,
                                  const std::vector<double>& losses) {
//! [signature]
  // BEGIN SOLUTION
  std::size_t end = losses.size();
  double best = losses[0];
  for (std::size_t i = 1; i < losses.size(); ++i) {
    if (losses[i] > 4.0 * best) {
      end = i;
      break;
    }
    best = std::min(best, losses[i]);
  }
  std::size_t steepest = 1;
  double steepest_slope = INFINITY;
  for (std::size_t i = 1; i + 1 < end; ++i) {
    const double slope =
        (losses[i + 1] - losses[i - 1]) / (std::log(learning_rates[i + 1]) - std::log(learning_rates[i - 1]));
    if (slope < steepest_slope) {
      steepest_slope = slope;
      steepest = i;
    }
  }
  return steepest;
  // END SOLUTION
  // STARTER: (void)learning_rates; (void)losses; return 0;
}

}  // namespace exercises
