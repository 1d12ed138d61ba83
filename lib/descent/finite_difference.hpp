#pragma once
/// \file finite_difference.hpp
/// \brief Slopes from function values alone: the secant that becomes the tangent.
///
/// The forward difference [f(x+Δ) − f(x)]/Δ has error proportional to Δ; the central
/// difference [f(x+Δ) − f(x−Δ)]/(2Δ) has error proportional to Δ². Chapter 1 tabulates both;
/// Chapter 8 uses the central one to check backpropagation.

#include <concepts>

namespace descent {

/// Slope of the secant from x to x + Δ.
template <std::invocable<double> F>
double forward_difference(const F& f, double x, double delta) {
  return (f(x + delta) - f(x)) / delta;
}

/// Slope of the secant from x − Δ to x + Δ.
template <std::invocable<double> F>
double central_difference(const F& f, double x, double delta) {
  return (f(x + delta) - f(x - delta)) / (2.0 * delta);
}

}  // namespace descent
