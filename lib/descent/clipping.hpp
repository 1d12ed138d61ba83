#pragma once
/// \file clipping.hpp
/// \brief Gradient clipping by norm, as a wrapper around any optimizer.
///
/// If ‖g‖ > c the gradient is rescaled to length c before the inner optimizer sees it
/// (PyTorch's clip_grad_norm_). The direction is kept; only a huge step is shortened, which
/// stops one bad gradient from throwing the parameters far away.

#include "descent/optimizer.hpp"

namespace descent {

/// Rescales g to at most `max_norm` before handing it to `inner`.
template <Optimizer O = GradientDescent>
struct ClipByNorm {
  double max_norm = 1.0;  ///< c > 0
  O inner{};

  void step(Vector& x, const Vector& gradient, double learning_rate) {
    const double norm = gradient.norm();
    if (norm > max_norm) {
      inner.step(x, gradient * (max_norm / norm), learning_rate);
    } else {
      inner.step(x, gradient, learning_rate);
    }
  }
  void reset() { inner.reset(); }
  [[nodiscard]] std::string_view name() const { return "clipped"; }
};

static_assert(Optimizer<ClipByNorm<>>);

}  // namespace descent
