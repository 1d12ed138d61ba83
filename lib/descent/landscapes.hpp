#pragma once
/// \file landscapes.hpp
/// \brief Landscapes with traps: two valleys, a saddle, a stationary inflection point, a
/// plateau, and a sharp and a flat minimum side by side.
///
/// Chapter 5 descends on each of them; later chapters and the exercises reuse them. Each is a
/// small value type meeting \ref descent::TwiceDifferentiable (value, gradient, Hessian).

#include "descent/objective.hpp"

#include <cmath>

namespace descent {

/// f(x) = x⁴/4 − 2x² + x/2: two valleys split by a hump.
///
/// f'(x) = x³ − 4x + 1/2 has three roots: a deeper (global) minimum near x ≈ −2.06, a
/// shallower (local) one near x ≈ 1.93 and a local maximum near x ≈ 0.125 between them.
struct TwoValleys {
  [[nodiscard]] Eigen::Index dimension() const { return 1; }
  [[nodiscard]] double value(const Vector& v) const {
    const double x = v[0];
    return 0.25 * x * x * x * x - 2.0 * x * x + 0.5 * x;
  }
  [[nodiscard]] Vector gradient(const Vector& v) const {
    const double x = v[0];
    return Vector::Constant(1, x * x * x - 4.0 * x + 0.5);
  }
  [[nodiscard]] Matrix hessian(const Vector& v) const { return Matrix::Constant(1, 1, 3.0 * v[0] * v[0] - 4.0); }
};

/// f(x, y) = x² − y²: a saddle at the origin, a minimum along x and a maximum along y.
struct Saddle {
  [[nodiscard]] Eigen::Index dimension() const { return 2; }
  [[nodiscard]] double value(const Vector& v) const { return v[0] * v[0] - v[1] * v[1]; }
  [[nodiscard]] Vector gradient(const Vector& v) const { return Vector{{2.0 * v[0], -2.0 * v[1]}}; }
  [[nodiscard]] Matrix hessian(const Vector& /*v*/) const { return Matrix{{2.0, 0.0}, {0.0, -2.0}}; }
};

/// f(x) = x⁴/4 − x³: a stationary inflection point at 0 (f' = f'' = 0 there) and the only
/// minimum at x = 3, f(3) = −6.75.
///
/// f'(x) = x²(x − 3) is negative on both sides of 0, so the curve keeps falling through 0; but
/// descent from x < 0 slows to a halt as it nears 0 and never gets past it.
struct Inflection {
  [[nodiscard]] Eigen::Index dimension() const { return 1; }
  [[nodiscard]] double value(const Vector& v) const {
    const double x = v[0];
    return 0.25 * x * x * x * x - x * x * x;
  }
  [[nodiscard]] Vector gradient(const Vector& v) const {
    const double x = v[0];
    return Vector::Constant(1, x * x * (x - 3.0));
  }
  [[nodiscard]] Matrix hessian(const Vector& v) const { return Matrix::Constant(1, 1, 3.0 * v[0] * v[0] - 6.0 * v[0]); }
};

/// f(x) = 1 − exp(−x²/2): a well at 0 inside a plateau whose slope x·exp(−x²/2) is almost zero
/// once |x| is a few units.
struct Plateau {
  [[nodiscard]] Eigen::Index dimension() const { return 1; }
  [[nodiscard]] double value(const Vector& v) const { return 1.0 - std::exp(-0.5 * v[0] * v[0]); }
  [[nodiscard]] Vector gradient(const Vector& v) const {
    return Vector::Constant(1, v[0] * std::exp(-0.5 * v[0] * v[0]));
  }
  [[nodiscard]] Matrix hessian(const Vector& v) const {
    const double x = v[0];
    return Matrix::Constant(1, 1, (1.0 - x * x) * std::exp(-0.5 * x * x));
  }
};

/// f(x) = x²/20 − exp(−(x + 2)²/(2·0.2²)) − exp(−(x − 2)²/(2·1²)): a sharp well near x = −2
/// (width 0.2) and a flat one near x = 2 (width 1), both about 0.8 deep, in a shallow bowl
/// that brings every start back towards them.
struct SharpFlat {
  double sharp_centre = -2.0;  ///< where the sharp well is
  double sharp_width = 0.2;    ///< its width s (a Gaussian dip of standard deviation s)
  double flat_centre = 2.0;    ///< where the flat well is
  double flat_width = 1.0;     ///< its width
  double bowl = 0.05;          ///< c of the confining c·x²

  [[nodiscard]] Eigen::Index dimension() const { return 1; }
  [[nodiscard]] double value(const Vector& v) const {
    const double x = v[0];
    return bowl * x * x - dip(x, sharp_centre, sharp_width) - dip(x, flat_centre, flat_width);
  }
  [[nodiscard]] Vector gradient(const Vector& v) const {
    const double x = v[0];
    return Vector::Constant(1, 2.0 * bowl * x + slope(x, sharp_centre, sharp_width) + slope(x, flat_centre, flat_width));
  }
  [[nodiscard]] Matrix hessian(const Vector& v) const {
    const double x = v[0];
    return Matrix::Constant(1, 1, 2.0 * bowl + bend(x, sharp_centre, sharp_width) + bend(x, flat_centre, flat_width));
  }

 private:
  // The dip exp(−(x − c)²/(2s²)), and the derivatives of −dip.
  static double dip(double x, double c, double s) { return std::exp(-(x - c) * (x - c) / (2.0 * s * s)); }
  static double slope(double x, double c, double s) { return (x - c) / (s * s) * dip(x, c, s); }
  static double bend(double x, double c, double s) {
    const double u = (x - c) / s;
    return (1.0 - u * u) / (s * s) * dip(x, c, s);
  }
};

static_assert(TwiceDifferentiable<TwoValleys>);
static_assert(TwiceDifferentiable<Saddle>);
static_assert(TwiceDifferentiable<Inflection>);
static_assert(TwiceDifferentiable<Plateau>);
static_assert(TwiceDifferentiable<SharpFlat>);

}  // namespace descent
