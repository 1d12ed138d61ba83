#pragma once
/// \file datasets.hpp
/// \brief Seeded synthetic data sets the chapters train on.

#include "descent/objective.hpp"

#include <cstdint>

namespace descent {

/// Features (one row per sample) and targets.
struct Dataset {
  Matrix features;
  Vector targets;
};

/// Houses: size in square feet (uniform 600–3000) and price in thousands of dollars,
/// price = 0.15·size + 50 + noise with a spread of 25 (k$). Same seed, same houses.
[[nodiscard]] Dataset synthetic_housing(Eigen::Index houses, std::uint64_t seed);

/// Features drawn from normals with the given spreads (one column per entry of `scales`),
/// targets = Σ_j x_j + 0.5 + noise·N(0, 1). Unscaled columns make an ill-conditioned loss.
[[nodiscard]] Dataset linear_data(Eigen::Index samples, const Vector& scales, double noise, std::uint64_t seed);

/// A regression whose loss has exactly the curvatures asked for (Chapter 4).
///
/// The features are one fixed draw (the same for every seed), made orthogonal (Householder
/// QR) and scaled so that the mean squared error L(w) = (1/N) Σ_i (x_iᵀw − y_i)², with no
/// bias, has the Hessian (2/N) XᵀX = diag(`curvatures`). The targets are y_i = x_iᵀ`weights`
/// + `noise`·N(0, 1): that label noise, drawn from `seed`, is the only randomness.
[[nodiscard]] Dataset orthogonal_regression(Eigen::Index samples, const Vector& curvatures, const Vector& weights,
                                            double noise, std::uint64_t seed);

}  // namespace descent
