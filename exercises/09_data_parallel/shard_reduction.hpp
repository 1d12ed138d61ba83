#pragma once
// Exercise 9.1: the full-batch gradient from the workers' shard gradients.

#include <Eigen/Core>

#include <cstddef>
#include <vector>

namespace exercises {

//! [signature]
/// Worker k computed g_k, the mean gradient over its shard of n_k samples. Return the
/// mean gradient over the whole batch, g = Σ_k n_k·g_k / Σ_k n_k: the gradient one worker
/// would compute on all the data. Shards may differ in size. A shard of no samples
/// (n_k = 0) has no mean gradient: its g_k may hold anything, NaN included, and must not
/// touch the result. A shard with samples counts whatever its g_k holds: a NaN from a
/// diverged worker must show in the result. At least one shard has samples, and every
/// g_k has the same length.
inline Eigen::VectorXd full_batch_gradient(
    const std::vector<Eigen::VectorXd>& shard_gradients,
    const std::vector<std::size_t>& shard_sizes) {
//! [signature]
  // BEGIN SOLUTION
  Eigen::VectorXd weighted_sum = Eigen::VectorXd::Zero(shard_gradients.front().size());
  std::size_t samples = 0;
  for (std::size_t k = 0; k < shard_gradients.size(); ++k) {
    if (shard_sizes[k] == 0) continue;  // the mean of nothing: 0·NaN would poison the sum
    weighted_sum += static_cast<double>(shard_sizes[k]) * shard_gradients[k];
    samples += shard_sizes[k];
  }
  return weighted_sum / static_cast<double>(samples);
  // END SOLUTION
  // STARTER: (void)shard_gradients; (void)shard_sizes; return {};
}

}  // namespace exercises
