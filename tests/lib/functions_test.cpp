#include "descent/finite_difference.hpp"
#include "descent/functions.hpp"
#include "descent/stability.hpp"

#include <catch2/catch.hpp>

using namespace descent;

namespace {
// The gradient every objective reports must agree with central secants of its value.
template <class F>
void check_gradient_and_hessian(const F& f, const Vector& x) {
  const Vector g = f.gradient(x);
  const Matrix h = f.hessian(x);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const auto slice = [&](double t) {
      Vector y = x;
      y[i] = t;
      return f.value(y);
    };
    const auto slope_slice = [&](double t) {
      Vector y = x;
      y[i] = t;
      return f.gradient(y);
    };
    INFO("coordinate " << i);
    CHECK(g[i] == Approx(central_difference(slice, x[i], 1e-5)).epsilon(1e-7).margin(1e-7));
    const Vector column = (slope_slice(x[i] + 1e-5) - slope_slice(x[i] - 1e-5)) / 2e-5;
    for (Eigen::Index j = 0; j < x.size(); ++j) CHECK(h(j, i) == Approx(column[j]).epsilon(1e-6).margin(1e-6));
  }
}
}  // namespace

TEST_CASE("parabola values, slope and curvature") {
  const Parabola c;  // C(w) = w²
  CHECK(c.value(Vector::Constant(1, 5.0)) == 25.0);
  CHECK(c.gradient(Vector::Constant(1, 5.0))[0] == 10.0);
  const Parabola shifted{0.5, 1.0, 0.5};  // L(x) = ½(x − 1)² + ½
  CHECK(shifted.value(Vector::Constant(1, -2.5)) == Approx(6.625));
  CHECK(shifted.gradient(Vector::Constant(1, -2.5))[0] == Approx(-3.5));
  CHECK(shifted.value(shifted.minimizer()) == 0.5);
  check_gradient_and_hessian(Parabola{0.15, -2.0, 1.0}, Vector::Constant(1, 3.0));
}

TEST_CASE("diagonal bowl and Rosenbrock gradients match secants") {
  check_gradient_and_hessian(DiagonalBowl{Vector::LinSpaced(3, 1.0, 3.0)}, Vector::LinSpaced(3, -1.0, 2.0));
  check_gradient_and_hessian(Rosenbrock{}, Vector::LinSpaced(2, -1.2, 1.0));
  check_gradient_and_hessian(Rosenbrock{5}, Vector::LinSpaced(5, -0.5, 1.5));
  const Rosenbrock r;
  CHECK(r.value(r.minimizer()) == 0.0);
  CHECK(r.gradient(r.minimizer()).norm() == 0.0);
  CHECK(r.value(Vector::LinSpaced(2, -1.2, 1.0)) == Approx(24.2));
}

TEST_CASE("largest stable learning rate is 2 over the largest curvature") {
  CHECK(largest_stable_learning_rate(Parabola{}.hessian(Vector::Zero(1))) == Approx(1.0));
  CHECK(largest_stable_learning_rate(Parabola{0.5, 1.0, 0.5}.hessian(Vector::Zero(1))) == Approx(2.0));
  CHECK(largest_stable_learning_rate(Parabola{0.15}.hessian(Vector::Zero(1))) == Approx(2.0 / 0.3));
  // w² + 4b²: Hessian diag(2, 8), limit 0.25 (Chapter 3's race).
  const DiagonalBowl race{Vector::LinSpaced(2, 1.0, 4.0)};
  CHECK(largest_stable_learning_rate(race.hessian(Vector::Zero(2))) == Approx(0.25));
  Matrix rotated(2, 2);
  rotated << 3.0, 1.0, 1.0, 3.0;  // eigenvalues 2 and 4
  CHECK(largest_curvature(rotated) == Approx(4.0));
}
