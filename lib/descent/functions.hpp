#pragma once
/// \file functions.hpp
/// \brief The test functions the chapters descend on.
///
/// Each is a small value type meeting \ref descent::TwiceDifferentiable. Names say the shape:
/// a *parabola* is one-dimensional, a *bowl* is a quadratic in any number of dimensions.

#include "descent/objective.hpp"

#include <Eigen/Cholesky>
#include <cassert>
#include <cmath>
#include <string>

namespace descent {

/// C(w) = a·(w − c)² + m: a one-knob parabola with curvature 2a, minimum m at w = c.
///
/// `Parabola{}` is Chapter 1's C(w) = w²; `Parabola{0.5, 1.0, 0.5}` is the shifted
/// parabola L(x) = ½(x − 1)² + ½; `Parabola{0.15}` has second derivative 0.3, the curve
/// Chapter 3 uses for its crawl / oscillate / explode presets.
struct Parabola {
  double scale = 1.0;    ///< a: the second derivative is 2a
  double centre = 0.0;   ///< c: where the minimum is
  double minimum = 0.0;  ///< m: the loss at the minimum

  [[nodiscard]] Eigen::Index dimension() const { return 1; }
  [[nodiscard]] double value(const Vector& x) const {
    const double d = x[0] - centre;
    return scale * d * d + minimum;
  }
  [[nodiscard]] Vector gradient(const Vector& x) const {
    return Vector::Constant(1, 2.0 * scale * (x[0] - centre));
  }
  [[nodiscard]] Matrix hessian(const Vector&) const { return Matrix::Constant(1, 1, 2.0 * scale); }
  /// The point where the loss is smallest.
  [[nodiscard]] Vector minimizer() const { return Vector::Constant(1, centre); }
};

/// L(x) = Σ_i c_i·x_i²: an axis-aligned bowl. Its Hessian is diag(2c_i).
///
/// `DiagonalBowl{{1, 2}}` is Chapter 1's x² + 2y²; `{{1, 4}}` is Chapter 3's w² + 4b².
struct DiagonalBowl {
  Vector coefficients;  ///< c_i, one per coordinate; all positive for a bowl

  [[nodiscard]] Eigen::Index dimension() const { return coefficients.size(); }
  [[nodiscard]] double value(const Vector& x) const {
    return (coefficients.array() * x.array().square()).sum();
  }
  [[nodiscard]] Vector gradient(const Vector& x) const {
    return (2.0 * coefficients.array() * x.array()).matrix();
  }
  [[nodiscard]] Matrix hessian(const Vector&) const {
    return (2.0 * coefficients).asDiagonal();
  }
  [[nodiscard]] Vector minimizer() const { return Vector::Zero(dimension()); }
};

/// The Rosenbrock valley f(x) = Σ_i [ b·(x_{i+1} − x_i²)² + (a − x_i)² ], minimum at (a, …, a).
///
/// With a = 1, b = 100 in two dimensions this is the banana-shaped valley that Chapters 6
/// and 7 race optimizers on, from the classic start (−1.2, 1).
struct Rosenbrock {
  Eigen::Index n = 2;  ///< number of coordinates (at least 2)
  double a = 1.0;      ///< where the minimum is along every axis
  double b = 100.0;    ///< how steep the valley walls are

  [[nodiscard]] Eigen::Index dimension() const { return n; }
  [[nodiscard]] double value(const Vector& x) const {
    double sum = 0.0;
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      const double wall = x[i + 1] - x[i] * x[i];
      const double floor = a - x[i];
      sum += b * wall * wall + floor * floor;
    }
    return sum;
  }
  [[nodiscard]] Vector gradient(const Vector& x) const {
    Vector g = Vector::Zero(n);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      const double wall = x[i + 1] - x[i] * x[i];
      g[i] += -4.0 * b * x[i] * wall - 2.0 * (a - x[i]);
      g[i + 1] += 2.0 * b * wall;
    }
    return g;
  }
  [[nodiscard]] Matrix hessian(const Vector& x) const {
    Matrix h = Matrix::Zero(n, n);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      h(i, i) += 12.0 * b * x[i] * x[i] - 4.0 * b * x[i + 1] + 2.0;
      h(i, i + 1) += -4.0 * b * x[i];
      h(i + 1, i) += -4.0 * b * x[i];
      h(i + 1, i + 1) += 2.0 * b;
    }
    return h;
  }
  [[nodiscard]] Vector minimizer() const { return Vector::Constant(n, a); }
};

/// The extended Rosenbrock function: n/2 independent 2-D valleys,
/// f(x) = Σ_{i=1}^{n/2} [ 100·(x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})² ] (indices from 1).
///
/// The standard large test problem for quasi-Newton methods (Moré, Garbow & Hillstrom, 1981);
/// its Hessian is block diagonal, but a method that does not know that sees n² entries.
/// The classic start is (−1.2, 1, −1.2, 1, …), see \ref ExtendedRosenbrock::start.
struct ExtendedRosenbrock {
  Eigen::Index n = 2;  ///< number of coordinates, even

  [[nodiscard]] Eigen::Index dimension() const { return n; }
  [[nodiscard]] double value(const Vector& x) const {
    double sum = 0.0;
    for (Eigen::Index i = 0; i + 1 < n; i += 2) {
      const double wall = x[i + 1] - x[i] * x[i];
      const double floor = 1.0 - x[i];
      sum += 100.0 * wall * wall + floor * floor;
    }
    return sum;
  }
  [[nodiscard]] Vector gradient(const Vector& x) const {
    Vector g(n);
    for (Eigen::Index i = 0; i + 1 < n; i += 2) {
      const double wall = x[i + 1] - x[i] * x[i];
      g[i] = -400.0 * x[i] * wall - 2.0 * (1.0 - x[i]);
      g[i + 1] = 200.0 * wall;
    }
    return g;
  }
  [[nodiscard]] Matrix hessian(const Vector& x) const {
    Matrix h = Matrix::Zero(n, n);
    for (Eigen::Index i = 0; i + 1 < n; i += 2) {
      h(i, i) = 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
      h(i, i + 1) = h(i + 1, i) = -400.0 * x[i];
      h(i + 1, i + 1) = 200.0;
    }
    return h;
  }
  [[nodiscard]] Vector minimizer() const { return Vector::Ones(n); }
  /// (−1.2, 1, −1.2, 1, …)
  [[nodiscard]] Vector start() const {
    Vector x(n);
    for (Eigen::Index i = 0; i < n; ++i) x[i] = i % 2 == 0 ? -1.2 : 1.0;
    return x;
  }
};

/// L(x) = ½ xᵀAx − bᵀx with A symmetric positive definite: the general quadratic bowl.
///
/// Its Hessian is A everywhere, so its eigenvalues fix everything about plain descent: the
/// stability edge 2/λ_max (Chapter 3) and the convergence rates of descent and momentum
/// (Chapter 6).
/// \ref Quadratic::with_eigenvalues builds one with chosen eigenvalues, rotated
/// off the axes so that the coordinates are coupled.
struct Quadratic {
  Matrix a;  ///< A, symmetric positive definite
  Vector b;  ///< b; the minimizer solves A x = b

  [[nodiscard]] Eigen::Index dimension() const { return b.size(); }
  [[nodiscard]] double value(const Vector& x) const { return 0.5 * x.dot(a * x) - b.dot(x); }
  [[nodiscard]] Vector gradient(const Vector& x) const { return a * x - b; }
  [[nodiscard]] Matrix hessian(const Vector&) const { return a; }
  [[nodiscard]] Vector minimizer() const { return a.ldlt().solve(b); }

  /// A = R·diag(eigenvalues)·Rᵀ with R a rotation by `angle` in every coordinate plane (i, i+1),
  /// and b = 0, so the minimum is 0 at the origin.
  [[nodiscard]] static Quadratic with_eigenvalues(const Vector& eigenvalues, double angle = 0.5) {
    const Eigen::Index n = eigenvalues.size();
    Matrix rotation = Matrix::Identity(n, n);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      Matrix plane = Matrix::Identity(n, n);
      plane(i, i) = plane(i + 1, i + 1) = std::cos(angle);
      plane(i, i + 1) = -std::sin(angle);
      plane(i + 1, i) = std::sin(angle);
      rotation = rotation * plane;
    }
    return {rotation * eigenvalues.asDiagonal() * rotation.transpose(), Vector::Zero(n)};
  }
};

static_assert(TwiceDifferentiable<Parabola>);
static_assert(TwiceDifferentiable<Quadratic>);
static_assert(TwiceDifferentiable<DiagonalBowl>);
static_assert(TwiceDifferentiable<Rosenbrock>);
static_assert(TwiceDifferentiable<ExtendedRosenbrock>);

}  // namespace descent
