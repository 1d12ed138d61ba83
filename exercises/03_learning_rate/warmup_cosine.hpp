#pragma once
// Exercise 3.1: cosine annealing with a linear warm-up.

#include <cmath>
#include <numbers>

namespace exercises {

//! [signature]
/// The learning rate at step t (t = 0, 1, 2, …) of a run of T steps that warms up
/// linearly for W steps and then anneals from `peak` to `minimum` along half a cosine:
///   t < W:       peak · (t + 1) / W                      (reaches `peak` at t = W − 1)
///   W ≤ t < T:   minimum + ½(peak − minimum)(1 + cos(π (t − W) / (T − W)))
///   t ≥ T:       minimum
/// W may be 0 (no warm-up); W < T always.
inline double warmup_cosine(int t, double peak, double minimum, int warmup_steps,
                            int total_steps) {
//! [signature]
  // BEGIN SOLUTION
  if (t < warmup_steps) return peak * (t + 1) / warmup_steps;
  if (t >= total_steps) return minimum;
  const double progress = static_cast<double>(t - warmup_steps) / (total_steps - warmup_steps);
  return minimum + 0.5 * (peak - minimum) * (1.0 + std::cos(std::numbers::pi * progress));
  // END SOLUTION
  // STARTER: (void)t; (void)peak; (void)minimum; (void)warmup_steps; (void)total_steps; return 0.0;
}

}  // namespace exercises
