#pragma once
/// \file perturbed.hpp
/// \brief Randomness added to any optimizer: noise on every gradient (what a small batch
/// does), or a kick only where the gradient is tiny (perturbed gradient descent).
///
/// Both wrap an optimizer, like \ref descent::ClipByNorm, and own a seeded \ref descent::Random
/// that `reset()` re-seeds, so the same run gives the same steps every time.

#include "descent/optimizer.hpp"
#include "descent/random.hpp"

#include <cmath>
#include <cstdint>

namespace descent {

/// Adds independent normal noise of standard deviation `deviation` to every component of the
/// gradient before `inner` sees it: a stand-in for the error of a mini-batch gradient.
template <Optimizer O = GradientDescent>
struct NoisyGradient {
  double deviation = 0.1;   ///< σ of each component's noise
  std::uint64_t seed = 1;   ///< the noise's seed
  O inner{};
  Random random{seed};

  void step(Vector& x, const Vector& gradient, double learning_rate) {
    Vector noisy = gradient;
    for (Eigen::Index i = 0; i < noisy.size(); ++i) noisy[i] += random.normal(0.0, deviation);
    inner.step(x, noisy, learning_rate);
  }
  void reset() {
    inner.reset();
    random = Random(seed);
  }
  [[nodiscard]] std::string_view name() const { return "noisy gradient"; }
};

/// Perturbed gradient descent (after Jin et al., 2017): when ‖∇f‖ ≤ `threshold` and no kick was
/// given in the last `wait` steps, x jumps by a random vector drawn uniformly from the ball of
/// radius `radius`; every step then goes to `inner` as usual. Where the gradient is large it is
/// plain `inner`: the noise is spent only where descent would stall.
template <Optimizer O = GradientDescent>
struct PerturbedDescent {
  double threshold = 1e-3;  ///< kick only where ‖∇f‖ is at most this
  double radius = 1e-2;     ///< size of the ball the kick is drawn from
  int wait = 20;            ///< steps after a kick before another is allowed
  std::uint64_t seed = 1;   ///< the kicks' seed
  O inner{};
  Random random{seed};
  int since_kick = 1 << 30;  ///< steps since the last kick
  int kicks = 0;             ///< kicks given so far

  // [perturbed_step]
  void step(Vector& x, const Vector& gradient, double learning_rate) {
    ++since_kick;
    if (gradient.norm() <= threshold && since_kick > wait) {
      x += ball_draw(x.size());  // a small random jump, only where descent would stall
      since_kick = 0;
      ++kicks;
    }
    inner.step(x, gradient, learning_rate);
  }
  // [perturbed_step]
  void reset() {
    inner.reset();
    random = Random(seed);
    since_kick = 1 << 30;
    kicks = 0;
  }
  [[nodiscard]] std::string_view name() const { return "perturbed descent"; }

 private:
  // Uniform in the ball: a normal direction, scaled by radius·u^(1/n).
  Vector ball_draw(Eigen::Index n) {
    Vector d(n);
    for (Eigen::Index i = 0; i < n; ++i) d[i] = random.normal();
    const double scale = radius * std::pow(random.uniform(), 1.0 / static_cast<double>(n)) / d.norm();
    return d * scale;
  }
};

static_assert(Optimizer<NoisyGradient<>>);
static_assert(Optimizer<PerturbedDescent<>>);

}  // namespace descent
