#pragma once
/// \file gradient_check.hpp
/// \brief Checking a gradient against central differences, block by block.
///
/// A backward pass is easy to get subtly wrong and still train a little. The check: nudge
/// each parameter by ±Δ, take the central difference [L(x + Δe_i) − L(x − Δe_i)] / (2Δ)
/// (see finite_difference.hpp; its error shrinks like Δ²), and compare with the gradient
/// the code computed. In double precision a correct gradient agrees to about 1e-8 relative
/// error or better; a wrong one is off by something like 1e-1. The comparison is made per
/// block of parameters (a network's layers), so a failure also says where the bug is. It
/// costs 2n evaluations of L: fine for a check, hopeless for training.

#include "descent/finite_difference.hpp"
#include "descent/objective.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace descent {

/// A named, contiguous run of parameters: one layer's weights and bias in a network.
struct ParameterBlock {
  std::string name;          ///< "layer 1", …
  Eigen::Index offset = 0;   ///< index of its first parameter
  Eigen::Index size = 0;     ///< number of parameters
};

/// The gradient of `f` at `x` by central differences: 2n evaluations of `f.value`.
template <Objective F>
[[nodiscard]] Vector central_difference_gradient(const F& f, const Vector& x, double delta = 1e-5) {
  Vector nudged = x;
  Vector slopes(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const auto along_i = [&](double xi) {
      nudged(i) = xi;
      return f.value(nudged);
    };
    slopes(i) = central_difference(along_i, x(i), delta);
    nudged(i) = x(i);
  }
  return slopes;
}

/// ‖a − b‖ / (‖a‖ + ‖b‖): 0 when equal, 1 when one is zero or they point opposite ways.
[[nodiscard]] inline double relative_error(const Vector& a, const Vector& b) {
  const double scale = a.norm() + b.norm();
  return scale > 0.0 ? (a - b).norm() / scale : 0.0;
}

/// One block's verdict.
struct BlockCheck {
  std::string name;             ///< the block's name
  double relative_error = 0.0;  ///< between the computed and the finite-difference gradient
  double gradient_norm = 0.0;   ///< ‖computed gradient‖ on the block
};

/// Compares `f.gradient(x)` with central differences on each of `blocks`.
template <Objective F>
[[nodiscard]] std::vector<BlockCheck> gradient_check(const F& f, const Vector& x,
                                                     std::span<const ParameterBlock> blocks,
                                                     double delta = 1e-5) {
  const Vector computed = f.gradient(x);
  const Vector estimated = central_difference_gradient(f, x, delta);
  std::vector<BlockCheck> checks;
  for (const ParameterBlock& block : blocks) {
    const Vector ours = computed.segment(block.offset, block.size);
    checks.push_back({.name = block.name,
                      .relative_error = relative_error(ours, estimated.segment(block.offset, block.size)),
                      .gradient_norm = ours.norm()});
  }
  return checks;
}

/// The largest relative error of `checks` (0 for none).
[[nodiscard]] inline double worst_error(std::span<const BlockCheck> checks) {
  double worst = 0.0;
  for (const BlockCheck& check : checks) worst = std::max(worst, check.relative_error);
  return worst;
}

}  // namespace descent
