#include "descent/functions.hpp"
#include "descent/lbfgs.hpp"
#include "descent/line_search.hpp"
#include "descent/minimize.hpp"
#include "descent/newton.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdint>

using namespace descent;

namespace {

Vector v2(double a, double b) { return (Vector(2) << a, b).finished(); }

/// Wraps an objective and counts what the loop and the optimizers really ask of it.
template <Objective F>
struct Counting {
  F f;
  std::int64_t cost = 3;  // evaluations_per_gradient, to see the multiplication
  mutable std::int64_t passes = 0;     // value_and_gradient calls
  mutable std::int64_t separate = 0;   // value() or gradient() calls

  [[nodiscard]] Eigen::Index dimension() const { return f.dimension(); }
  [[nodiscard]] double value(const Vector& x) const {
    ++separate;
    return f.value(x);
  }
  [[nodiscard]] Vector gradient(const Vector& x) const {
    ++separate;
    return f.gradient(x);
  }
  [[nodiscard]] Matrix hessian(const Vector& x) const { return f.hessian(x); }
  [[nodiscard]] Evaluation value_and_gradient(const Vector& x) const {
    ++passes;
    return {f.value(x), f.gradient(x)};
  }
  [[nodiscard]] std::int64_t evaluations_per_gradient() const { return cost; }
};

StopRules to_gradient(double tolerance, int max_steps = 10000) {
  return StopRules{.max_steps = max_steps, .gradient_tolerance = tolerance};
}

}  // namespace

TEST_CASE("Newton lands on a quadratic's minimum in one step, whatever the condition number") {
  for (const double kappa : {1.0, 1e4, 1e8}) {
    const Quadratic q = Quadratic::with_eigenvalues(v2(1.0, kappa));
    const Vector start = v2(1.0, -2.0);
    const RunResult r = minimize(q, start, StopRules{.max_steps = 1}, Newton{{.step = NewtonStep::pure}});
    const Vector e0 = start - q.minimizer();
    const Vector e1 = r.x - q.minimizer();
    const double error = e1.norm() / e0.norm();
    const double energy_error = std::sqrt(e1.dot(q.a * e1) / e0.dot(q.a * e0));  // in H's own norm
    INFO("kappa " << kappa << ": relative error " << error << ", in the energy norm " << energy_error);
    CHECK(r.steps == 1);
    // Rounding level: the computed gradient A·x carries an error of about u·‖A‖·‖x‖, and any
    // solve divides it by λ_min, so no method can beat κ·u (1.1e-8 at κ = 1e8) in the plain
    // norm. In the energy norm, the one Newton's step does not depend on, it is far smaller.
    CHECK(error <= std::max(1e-8, 2.0 * kappa * std::numeric_limits<double>::epsilon()));
    CHECK(energy_error <= 1e-8);
    // The damped version takes the same full step: H is positive definite, α = 1 passes Armijo.
    const RunResult damped = minimize(q, start, StopRules{.max_steps = 1}, Newton{});
    CHECK((damped.x - q.minimizer()).norm() / (start - q.minimizer()).norm() <= 1e-8);
    CHECK(damped.trace.back().evaluations == 2);
  }
}

TEST_CASE("Newton on Rosenbrock near (1, 1): the error squares every step") {
  const Rosenbrock f;
  const Newton pure({.step = NewtonStep::pure});
  const RunResult r = minimize(f, v2(1.2, 1.2), StopRules{.max_steps = 8}, pure);
  std::vector<double> errors;
  for (const TraceRow& row : r.trace.rows()) errors.push_back((row.x - f.minimizer()).norm());
  int ratios = 0;
  for (std::size_t k = 0; k + 1 < errors.size() && errors[k + 1] > 1e-14; ++k) {
    const double ratio = errors[k + 1] / (errors[k] * errors[k]);
    INFO("step " << k << ": e = " << errors[k] << ", e(k+1)/e(k)^2 = " << ratio);
    CHECK(ratio < 20.0);
    ++ratios;
  }
  CHECK(ratios >= 3);
  CHECK((r.x - f.minimizer()).norm() < 1e-14);
}

TEST_CASE("from (-1.2, 1): damped Newton converges, pure Newton gets there only by climbing first") {
  const Rosenbrock f;
  const RunResult damped = minimize(f, v2(-1.2, 1.0), to_gradient(1e-8, 200), Newton{});
  CHECK(damped.reason == StopReason::gradient_small);
  CHECK((damped.x - f.minimizer()).norm() < 1e-8);
  INFO("damped: " << damped.steps << " steps, " << damped.trace.back().evaluations << " evaluations");
  CHECK(damped.steps >= 18);
  CHECK(damped.steps <= 24);
  CHECK(damped.trace.back().evaluations <= 35);
  for (std::size_t t = 1; t < damped.trace.size(); ++t) {
    CHECK(damped.trace.rows()[t].loss < damped.trace.rows()[t - 1].loss);
  }

  const RunResult pure =
      minimize(f, v2(-1.2, 1.0), to_gradient(1e-8, 200), Newton{{.step = NewtonStep::pure}});
  CHECK(pure.reason == StopReason::gradient_small);
  CHECK(pure.steps >= 5);
  CHECK(pure.steps <= 7);
  bool climbed = false;
  for (std::size_t t = 1; t < pure.trace.size(); ++t) {
    climbed = climbed || pure.trace.rows()[t].loss > pure.trace.rows()[t - 1].loss;
  }
  CHECK(climbed);
}

TEST_CASE("damped Newton shifts an indefinite Hessian until it factorises") {
  const Rosenbrock f;
  const Vector x = v2(0.0, 1.0);  // h11 = 2 − 400 = −398: indefinite
  REQUIRE(Eigen::LLT<Matrix>(f.hessian(x)).info() != Eigen::Success);
  Newton newton;
  Vector moved = x;
  const SearchStep s = newton.step(f, moved, evaluate(f, x));
  CHECK(newton.last_shift() > 0.0);
  CHECK(s.evaluation.value < f.value(x));
  CHECK(s.evaluations >= 1);
}

TEST_CASE("the trace counts the evaluations really made, for both kinds of optimizer") {
  const auto check = [](const auto& optimizer) {
    Counting<Rosenbrock> f{Rosenbrock{}};
    const RunResult r = minimize(f, v2(-1.2, 1.0), to_gradient(1e-8, 300), optimizer);
    CHECK(f.separate == 0);  // one pass per point: value and gradient never computed apart
    CHECK(r.trace.back().evaluations == f.passes * f.cost);
  };
  check(Newton{});
  check(Newton{{.step = NewtonStep::pure}});
  check(Lbfgs{});
  Counting<Rosenbrock> f{Rosenbrock{}};
  const RunResult plain = minimize(f, v2(-1.2, 1.0), ConstantRate{1e-3}, StopRules{.max_steps = 50});
  CHECK(f.separate == 0);
  CHECK(f.passes == 51);
  CHECK(plain.trace.back().evaluations == 51 * 3);
}

namespace {
/// Every accepted step of the trace meets the strong Wolfe conditions, checked from the rows
/// alone: s = x₊ − x is α·d with α > 0, and both conditions scale with α.
void check_strong_wolfe(const RunResult& r, const WolfeSettings& w = {}) {
  const auto& rows = r.trace.rows();
  for (std::size_t t = 0; t + 1 < rows.size(); ++t) {
    const Vector s = rows[t + 1].x - rows[t].x;
    const double slope = rows[t].gradient.dot(s);
    INFO("step " << t + 1);
    REQUIRE(slope < 0.0);
    CHECK(rows[t + 1].loss <= rows[t].loss + w.c1 * slope);
    CHECK(std::abs(rows[t + 1].gradient.dot(s)) <= w.c2 * std::abs(slope));
  }
}
}  // namespace

TEST_CASE("L-BFGS on 2-D Rosenbrock from (-1.2, 1): strong Wolfe steps to a gradient below 1e-8") {
  const Rosenbrock f;
  const RunResult r = minimize(f, v2(-1.2, 1.0), to_gradient(1e-8), Lbfgs{});
  INFO("L-BFGS: " << r.steps << " iterations, " << r.trace.back().evaluations << " evaluations");
  CHECK(r.reason == StopReason::gradient_small);
  CHECK((r.x - f.minimizer()).norm() < 1e-7);
  CHECK(r.steps >= 30);  // measured: 37 iterations, 46 evaluations
  CHECK(r.steps <= 44);
  CHECK(r.trace.back().evaluations >= r.steps + 1);
  CHECK(r.trace.back().evaluations <= 55);
  check_strong_wolfe(r);
}

TEST_CASE("L-BFGS on extended Rosenbrock, n = 1000") {
  const ExtendedRosenbrock f{1000};
  const RunResult r = minimize(f, f.start(), to_gradient(1e-8), Lbfgs{});
  INFO("L-BFGS: " << r.steps << " iterations, " << r.trace.back().evaluations << " evaluations");
  CHECK(r.reason == StopReason::gradient_small);
  CHECK((r.x - f.minimizer()).norm() < 1e-6);
  CHECK(r.steps >= 30);  // measured: 37 iterations, 46 evaluations, as in 2-D: by
  CHECK(r.steps <= 44);  // symmetry every valley follows the 2-D path
  CHECK(r.trace.back().evaluations <= 55);
  check_strong_wolfe(r);
}

TEST_CASE("L-BFGS keeps at most m pairs, and reset forgets them") {
  const Rosenbrock f;
  Lbfgs lbfgs({.memory = 3});
  Vector x = v2(-1.2, 1.0);
  Evaluation here = evaluate(f, x);
  for (int i = 0; i < 10; ++i) here = lbfgs.step(f, x, here).evaluation;
  CHECK(lbfgs.pairs() == 3);
  lbfgs.reset();
  CHECK(lbfgs.pairs() == 0);
  CHECK(lbfgs.inverse_hessian_times(v2(1.0, 2.0)) == v2(1.0, 2.0));  // no pairs: H = I
}

TEST_CASE("strong Wolfe search on a quadratic line meets both conditions") {
  const Quadratic q = Quadratic::with_eigenvalues(v2(1.0, 100.0));
  const Vector x = v2(1.0, 1.0);
  const Evaluation here = evaluate(q, x);
  for (const double first : {1e-6, 1e-2, 1.0, 1e3}) {
    const LineSearchResult found = strong_wolfe(q, x, here, -here.gradient, first);
    INFO("first trial " << first << ": alpha " << found.step << " after " << found.evaluations);
    CHECK(found.satisfied);
    const double slope = here.gradient.dot(-here.gradient);
    CHECK(found.evaluation.value <= here.value + 1e-4 * found.step * slope);
    CHECK(std::abs(found.evaluation.gradient.dot(-here.gradient)) <= 0.9 * std::abs(slope));
  }
}
