#pragma once
// The requests that both the public and the hidden cases of Exercise 4.1 (minibatch_gradient)
// make (minibatch_gradient.cases.cpp, minibatch_gradient.hidden.cpp), and the sum both check
// the reference against, written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <cstddef>
#include <vector>

namespace requests {

using grading::json;

using Rows = std::vector<std::vector<double>>;
using Indices = std::vector<int>;

inline json minibatch_gradient(const Rows& X, const std::vector<double>& y, const std::vector<double>& w,
                               const Indices& batch) {
  return grading::request("minibatch_gradient", {{"X", X}, {"y", y}, {"w", w}, {"batch", batch}});
}

/// The statement's sum written out with loops, one sample at a time: (1/B)·Σ 2·x_i·(x_iᵀw − y_i).
inline std::vector<double> batch_gradient(const Rows& X, const std::vector<double>& y, const std::vector<double>& w,
                                          const Indices& batch) {
  std::vector<double> sum(w.size(), 0.0);
  for (const int i : batch) {
    const auto& x = X[static_cast<std::size_t>(i)];
    double residual = -y[static_cast<std::size_t>(i)];
    for (std::size_t j = 0; j < w.size(); ++j) residual += x[j] * w[j];
    for (std::size_t j = 0; j < w.size(); ++j) sum[j] += 2.0 * x[j] * residual;
  }
  for (double& s : sum) s /= static_cast<double>(batch.size());
  return sum;
}

}  // namespace requests
