#pragma once
/// \file objective.hpp
/// \brief What every objective in the book is: a value and a gradient over an Eigen vector.
///
/// An objective is any type with `dimension()`, `value(x)` and `gradient(x)`. The
/// concepts below check that at compile time, so a chapter that passes the wrong thing to
/// \ref descent::minimize gets an error that names the missing member, not a page of
/// template noise. Chapters that need curvature (Newton, the stability bound 2/λ_max) use
/// \ref descent::TwiceDifferentiable, which adds `hessian(x)`.

#include <Eigen/Core>
#include <concepts>
#include <cstdint>
#include <span>

namespace descent {

/// The parameter vector every objective and optimizer works on.
using Vector = Eigen::VectorXd;
/// The matrix type of Hessians and data sets.
using Matrix = Eigen::MatrixXd;

/// A differentiable function R^n → R: the thing gradient descent walks down.
// [objective_concept]
template <class F>
concept Objective = requires(const F& f, const Vector& x) {
  { f.dimension() } -> std::convertible_to<Eigen::Index>;  // n, the number of parameters
  { f.value(x) } -> std::convertible_to<double>;           // L(x)
  { f.gradient(x) } -> std::convertible_to<Vector>;        // ∇L(x), n partial derivatives
};
// [objective_concept]

/// An objective that also knows its matrix of second derivatives.
template <class F>
concept TwiceDifferentiable = Objective<F> && requires(const F& f, const Vector& x) {
  { f.hessian(x) } -> std::convertible_to<Matrix>;
};

/// An objective whose one gradient costs more (or less) than one "evaluation".
///
/// A full-batch least-squares gradient over N samples costs N per-sample gradients; a
/// mini-batch costs B. Objectives that say so make the trace's evaluation counter honest.
template <class F>
concept CountsEvaluations = Objective<F> && requires(const F& f) {
  { f.evaluations_per_gradient() } -> std::convertible_to<std::int64_t>;
};

/// How many evaluations one gradient of `f` costs (1 unless the objective says otherwise).
template <Objective F>
constexpr std::int64_t evaluations_per_gradient(const F& f) {
  if constexpr (CountsEvaluations<F>) {
    return f.evaluations_per_gradient();
  } else {
    return 1;
  }
}

/// A value and a gradient computed together.
struct Evaluation {
  double value = 0.0;  ///< L(x)
  Vector gradient;     ///< ∇L(x)
};

/// An objective that computes its value and gradient in one pass (a network's forward and
/// backward pass share the activations; computing them apart would run the forward pass twice).
template <class F>
concept OnePassObjective = Objective<F> && requires(const F& f, const Vector& x) {
  { f.value_and_gradient(x) } -> std::convertible_to<Evaluation>;
};

/// L(x) and ∇L(x): in one pass when `f` offers it, else by its two members.
template <Objective F>
Evaluation evaluate(const F& f, const Vector& x) {
  if constexpr (OnePassObjective<F>) {
    return f.value_and_gradient(x);
  } else {
    return {f.value(x), f.gradient(x)};
  }
}

/// The indices of the samples in one batch.
using Batch = std::span<const Eigen::Index>;

/// An objective that is an average over samples: L(x) = (1/N) Σ_i ℓ_i(x).
///
/// Besides the full average it gives the average over any batch of sample indices, which is
/// what stochastic and mini-batch descent (Chapter 4), a network trained on images (Chapter 8)
/// and a worker's shard (Chapter 9) need. One per-sample gradient is one "evaluation".
// [sample_objective_concept]
template <class F>
concept SampleObjective = Objective<F> && requires(const F& f, const Vector& x, Batch batch) {
  { f.samples() } -> std::convertible_to<Eigen::Index>;                  // N
  { f.value_and_gradient(x, batch) } -> std::convertible_to<Evaluation>;  // over the batch only
};
// [sample_objective_concept]

/// A run of consecutive samples, rows `first` … `first + count − 1` (a worker's shard in
/// Chapter 9).
struct RowRange {
  Eigen::Index first = 0;
  Eigen::Index count = 0;
};

static_assert(std::semiregular<RowRange>);

/// A sample objective that averages over a run of consecutive rows in one pass, reading each
/// row once and copying nothing: the fast path for a shard of a large data set.
template <class F>
concept RowRangeObjective = SampleObjective<F> && requires(const F& f, const Vector& x, RowRange rows) {
  { f.value_and_gradient(x, rows) } -> std::convertible_to<Evaluation>;
};

}  // namespace descent
