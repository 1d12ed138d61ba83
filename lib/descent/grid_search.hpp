#pragma once
/// \file grid_search.hpp
/// \brief Brute force: evaluate the loss at every point of a grid and keep the lowest.
///
/// The baseline gradient descent is measured against. With p points per axis in d
/// dimensions it costs p^d evaluations, which is why nobody trains a network this way.

#include "descent/objective.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

namespace descent {

/// The best grid point found and what it cost.
struct GridSearchResult {
  Vector best_x;
  double best_value = std::numeric_limits<double>::infinity();
  std::int64_t evaluations = 0;
};

/// Number of evaluations a grid of `points_per_axis` in `dimensions` dimensions needs.
/// Returned as a double because it overflows 64-bit integers quickly.
[[nodiscard]] inline double grid_evaluations(std::int64_t points_per_axis, int dimensions) {
  return std::pow(static_cast<double>(points_per_axis), dimensions);
}

/// Evaluates `f` on the uniform grid over the box [lower, upper] with `points_per_axis`
/// points along each axis (ends included) and returns the lowest point.
template <Objective F>
GridSearchResult grid_search(const F& f, const Vector& lower, const Vector& upper,
                             std::int64_t points_per_axis) {
  const Eigen::Index d = lower.size();
  const Vector spacing = (upper - lower) / static_cast<double>(points_per_axis - 1);
  std::vector<std::int64_t> index(static_cast<std::size_t>(d), 0);  // an odometer over the grid
  GridSearchResult result;
  Vector x = lower;
  while (true) {
    for (Eigen::Index i = 0; i < d; ++i) {
      x[i] = lower[i] + spacing[i] * static_cast<double>(index[static_cast<std::size_t>(i)]);
    }
    const double value = f.value(x);
    ++result.evaluations;
    if (value < result.best_value) {
      result.best_value = value;
      result.best_x = x;
    }
    Eigen::Index axis = 0;
    while (axis < d && ++index[static_cast<std::size_t>(axis)] == points_per_axis) {
      index[static_cast<std::size_t>(axis)] = 0;
      ++axis;
    }
    if (axis == d) {
      return result;
    }
  }
}

}  // namespace descent
