#pragma once
/// \file optimizer.hpp
/// \brief The optimizer concept and plain gradient descent.
///
/// An optimizer turns a gradient into a step. It owns whatever state it needs (momentum
/// buffers, running averages) and can forget it with `reset()`, so the same object can be
/// raced again from a new start. The descent loop (\ref descent::minimize) accepts any type
/// that meets \ref descent::Optimizer, which is how later chapters swap in momentum or Adam
/// without touching the loop.

#include "descent/objective.hpp"

#include <concepts>
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
  //! [gradient_descent_step]
  void step(Vector& x, const Vector& gradient, double learning_rate) const {
    x -= learning_rate * gradient;  // against the slope: downhill
  }
  //! [gradient_descent_step]
  void reset() {}
  [[nodiscard]] std::string_view name() const { return "gradient descent"; }
};

static_assert(Optimizer<GradientDescent>);

}  // namespace descent
