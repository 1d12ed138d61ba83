#pragma once
// The requests that both the public and the hidden cases of Exercise 9.1 (shard_reduction)
// make (shard_reduction.cases.cpp, shard_reduction.hidden.cpp), written once so that the two
// cannot drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include "protocol.hpp"

#include <Eigen/Core>

#include <cmath>
#include <limits>
#include <vector>

namespace requests {

using grading::json;

using Vector = std::vector<double>;

inline const double not_a_number = std::numeric_limits<double>::quiet_NaN();

/// A vector as the protocol writes it: NaN as "nan", so that a request never holds null.
inline json numbers(const Vector& v) { return protocol::numbers(v); }

// Lists as std::vector: a braced list of one json would be that json itself, not a list of one.
inline json reduction(const std::vector<Vector>& gradients, const std::vector<int>& sizes) {
  json listed = json::array();
  for (const Vector& g : gradients) listed.push_back(numbers(g));
  return grading::request("full_batch_gradient", {{"gradients", listed}, {"sizes", sizes}});
}

inline json answer(const Vector& g) { return {{"value", numbers(g)}}; }

/// A least-squares problem split among workers: the shards' mean gradients as the workers
/// compute them, and the full-batch mean gradient computed directly on all the rows (a closed
/// form the reduction must reproduce). Rows are split in order, shard k taking sizes[k] rows.
struct SplitProblem {
  json request;
  json full_batch;
};

inline SplitProblem least_squares_split(descent::Random& random, int dimension, const std::vector<int>& sizes) {
  int rows = 0;
  for (const int n : sizes) rows += n;
  const Eigen::MatrixXd X = Eigen::MatrixXd::NullaryExpr(rows, dimension, [&] { return random.normal(); });
  const Eigen::VectorXd y = Eigen::VectorXd::NullaryExpr(rows, [&] { return random.normal(0.0, 3.0); });
  const Eigen::VectorXd w = Eigen::VectorXd::NullaryExpr(dimension, [&] { return random.uniform(-2.0, 2.0); });
  // The gradient of (1/m)·Σ (x·w − y)² over m rows is (2/m)·Xᵀ(Xw − y).
  const auto mean_gradient = [&](int first, int count) -> Vector {
    if (count == 0) return Vector(static_cast<std::size_t>(dimension), not_a_number);  // the mean of nothing
    const Eigen::MatrixXd Xs = X.middleRows(first, count);
    const Eigen::VectorXd g = 2.0 / count * Xs.transpose() * (Xs * w - y.segment(first, count));
    return {g.begin(), g.end()};
  };
  std::vector<Vector> gradients;
  int first = 0;
  for (const int n : sizes) {
    gradients.push_back(mean_gradient(first, n));
    first += n;
  }
  return {reduction(gradients, sizes), answer(mean_gradient(0, rows))};
}

}  // namespace requests
