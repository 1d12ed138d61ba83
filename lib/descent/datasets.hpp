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

}  // namespace descent
