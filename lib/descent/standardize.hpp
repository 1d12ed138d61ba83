#pragma once
/// \file standardize.hpp
/// \brief Feature standardisation, and a fitted model carried back to original units.
///
/// Standardising a column subtracts its mean and divides by its standard deviation, so every
/// feature has mean 0 and spread 1. A linear model fitted on standardised features,
/// ŷ = Σ_j w'_j (x_j − μ_j)/σ_j + b', is the same line in original units with
/// w_j = w'_j/σ_j and b = b' − Σ_j w'_j μ_j/σ_j.

#include "descent/objective.hpp"

namespace descent {

/// Per-column mean and standard deviation (population: divided by N).
struct Standardizer {
  Vector mean;       ///< μ_j
  Vector deviation;  ///< σ_j (a constant column, σ_j ≤ 1e-10·max_i |x_ij|, gets 1: it is only centred)

  /// Measures the columns of `features`.
  [[nodiscard]] static Standardizer fit(const Matrix& features);
  /// (x − μ)/σ, column by column.
  [[nodiscard]] Matrix transform(const Matrix& features) const;
  /// x = z·σ + μ: undoes transform().
  [[nodiscard]] Matrix inverse_transform(const Matrix& standardized) const;
  /// θ = (w', b') fitted on standardised features → (w, b) in original units.
  [[nodiscard]] Vector to_original_units(const Vector& theta) const;
  /// θ = (w, b) in original units → (w', b') for standardised features.
  [[nodiscard]] Vector to_standardized_units(const Vector& theta) const;
};

}  // namespace descent
