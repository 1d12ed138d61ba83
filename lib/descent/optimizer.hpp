#pragma once
/// \file optimizer.hpp
/// \brief The optimizer concepts and plain gradient descent.
///
/// An optimizer turns a gradient into a step. It owns whatever state it needs (momentum
/// buffers, running averages) and can forget it with `reset()`, so the same object can be
/// raced again from a new start. The descent loop (\ref descent::minimize) accepts any type
/// that meets \ref descent::Optimizer, which is how later chapters swap in momentum or Adam
/// without touching the loop.

#include "descent/objective.hpp"

#include <concepts>
#include <cstdint>
#include <string_view>

namespace descent {

/// Anything that can move parameters `x` given their gradient and a learning rate.
template <class O>
concept Optimizer = requires(O& optimizer, Vector& x, const Vector& gradient, double learning_rate) {
  optimizer.step(x, gradient, learning_rate);
  optimizer.reset();
  { optimizer.name() } -> std::convertible_to<std::string_view>;
};

/// Plain gradient descent: w ← w − η·∇L(w), every coordinate at once.
struct GradientDescent {
  // [gradient_descent_step]
  void step(Vector& x, const Vector& gradient, double learning_rate) const {
    x -= learning_rate * gradient;  // against the slope: downhill
  }
  // [gradient_descent_step]
  void reset() {}
  [[nodiscard]] std::string_view name() const { return "gradient descent"; }
};

static_assert(Optimizer<GradientDescent>);

/// What one step of a \ref descent::SearchingOptimizer returns.
struct SearchStep {
  Evaluation evaluation;          ///< L and ∇L at the new point
  std::int64_t evaluations = 0;   ///< value-and-gradient evaluations the step spent (its trials)
};

/// An optimizer that evaluates the objective inside its step.
///
/// Newton with a backtracking search and L-BFGS try points along a direction until one is
/// good enough, so one step costs several evaluations, and only the optimizer knows how many.
/// Such a step takes the objective and the current point's value and gradient, moves `x`,
/// and returns the new point's evaluation (which the loop reuses: no evaluation is wasted)
/// with the number of trials it spent. It has no learning rate: the search picks the length.
template <class O, class F>
concept SearchingOptimizer =
    Objective<F> && requires(O& optimizer, const F& f, Vector& x, const Evaluation& here) {
      { optimizer.step(f, x, here) } -> std::convertible_to<SearchStep>;
      optimizer.reset();
      { optimizer.name() } -> std::convertible_to<std::string_view>;
    };

}  // namespace descent
