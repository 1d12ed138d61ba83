#pragma once
/// \file least_squares.hpp
/// \brief Mean squared error of a linear model over a data set, and its closed-form minimum.
///
/// For features X (N rows, d columns), targets y and parameters θ = (w_1, …, w_d, b):
///
///     L(θ) = (1/N) Σ_i (x_iᵀw + b − y_i)²
///     ∇_w L = (2/N) Xᵀr,   ∂L/∂b = (2/N) Σ_i r_i,   where r = Xw + b − y (the residuals).
///
/// The bias b is the last parameter and can be left out. The objective can be restricted to
/// a subset of rows (a mini-batch in Chapter 4, a worker's shard in Chapter 9), and it counts
/// one evaluation per sample, so the trace reports honest per-sample gradient costs. It is a
/// \ref descent::SampleObjective "SampleObjective": `value_and_gradient(θ, batch)` averages over the rows of one
/// batch only, which is what \ref descent::train asks for at every update.

#include "descent/objective.hpp"

#include <cstdint>
#include <vector>

namespace descent {

/// L(θ) = mean of squared residuals of the linear model x ↦ xᵀw + b.
class LeastSquares {
 public:
  /// `features` is N × d, `targets` has N entries; `fit_bias` adds b as the last parameter.
  LeastSquares(Matrix features, Vector targets, bool fit_bias = true);

  [[nodiscard]] Eigen::Index dimension() const { return features_.cols() + (fit_bias_ ? 1 : 0); }
  [[nodiscard]] double value(const Vector& theta) const;
  [[nodiscard]] Vector gradient(const Vector& theta) const;
  /// L(θ) and ∇L(θ) from one computation of the residuals.
  [[nodiscard]] Evaluation value_and_gradient(const Vector& theta) const;
  /// The mean over the rows in `batch` only: (1/B) Σ r_i² and its gradient, B = batch size.
  /// Only those B rows are read (gathered into a B × d block); a row may appear twice.
  [[nodiscard]] Evaluation value_and_gradient(const Vector& theta, Batch batch) const;
  /// The mean over the consecutive rows `rows` in one fused pass: each block of rows is read
  /// once from memory, for its residuals and, while still in cache, for the gradient. The sums
  /// run in an order fixed by the row numbers alone, so the same rows give the same bits.
  [[nodiscard]] Evaluation value_and_gradient(const Vector& theta, RowRange rows) const;
  /// (2/N) X̃ᵀX̃ with X̃ = [X, 1]: constant, because L is quadratic in θ.
  [[nodiscard]] Matrix hessian(const Vector& theta) const;
  /// One gradient costs one per-sample gradient per row.
  [[nodiscard]] std::int64_t evaluations_per_gradient() const { return features_.rows(); }

  /// The model's predictions x ↦ xᵀw + b for each row of `features`.
  [[nodiscard]] Vector predict(const Vector& theta, const Matrix& features) const;
  /// The residuals Xw + b − y on this objective's own data.
  [[nodiscard]] Vector residuals(const Vector& theta) const;
  /// The exact minimizer from the normal equations X̃ᵀX̃ θ = X̃ᵀy, solved with Eigen's LDLᵀ.
  [[nodiscard]] Vector closed_form() const;
  /// The same objective on a subset of the rows (a mini-batch or a shard).
  [[nodiscard]] LeastSquares rows(const std::vector<Eigen::Index>& indices) const;

  [[nodiscard]] const Matrix& features() const { return features_; }
  [[nodiscard]] const Vector& targets() const { return targets_; }
  [[nodiscard]] Eigen::Index samples() const { return features_.rows(); }
  [[nodiscard]] bool fits_bias() const { return fit_bias_; }

 private:
  Matrix features_;
  Vector targets_;
  bool fit_bias_;
};

static_assert(TwiceDifferentiable<LeastSquares>);
static_assert(CountsEvaluations<LeastSquares>);
static_assert(OnePassObjective<LeastSquares>);
static_assert(SampleObjective<LeastSquares>);
static_assert(RowRangeObjective<LeastSquares>);

}  // namespace descent
