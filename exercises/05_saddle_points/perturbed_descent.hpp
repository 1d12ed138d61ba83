#pragma once
// Exercise 5.2: perturbed gradient descent, with its own seeded randomness.

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace exercises {

/// ∇f: takes a point, returns the gradient there.
using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;

/// The settings of a perturbed run, by name.
struct PerturbedSettings {
  double learning_rate = 0.1;  ///< η
  double threshold = 1e-3;     ///< kick only where ‖∇f‖ is at most this
  double radius = 1e-2;        ///< kicks are drawn from the ball of this radius
  int wait = 20;               ///< after a kick, this many steps without one
  int steps = 100;             ///< steps to take
  std::uint64_t seed = 1;      ///< seeds the kicks' generator
};

//! [signature]
/// Takes `steps` steps from `start` and returns every point visited, the start first.
/// Step t, at the point w with gradient g = ∇f(w), one gradient per step:
///   if ‖g‖ ≤ threshold and none of the previous `wait` steps kicked (the first kick may
///   come at step 0):   w ← w − η·g + ξ,  ξ uniform in the ball ‖ξ‖ ≤ radius;
///   otherwise:         w ← w − η·g.
/// Uniform in the ball: every point within `radius` of 0 equally likely (not only its
/// surface). Draw the kicks from a std::mt19937_64 seeded with `seed` when the call
/// starts, with any <random> distributions: the same settings give the same path on
/// every call, another seed other kicks.
inline std::vector<Eigen::VectorXd> perturbed_descent(const GradientFunction& gradient,
                                                      const Eigen::VectorXd& start,
                                                      const PerturbedSettings& settings) {
//! [signature]
  // BEGIN SOLUTION
  std::mt19937_64 engine(settings.seed);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  const auto n = start.size();
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  int since_kick = settings.wait + 1;  // no kick yet: the first may come at once
  for (int t = 0; t < settings.steps; ++t) {
    const Eigen::VectorXd g = gradient(w);
    w -= settings.learning_rate * g;
    ++since_kick;
    if (g.norm() <= settings.threshold && since_kick > settings.wait) {
      // A direction uniform on the sphere (normal coordinates), a length radius·u^(1/n).
      Eigen::VectorXd direction(n);
      for (auto& coordinate : direction) coordinate = normal(engine);
      const double length = settings.radius * std::pow(uniform(engine), 1.0 / static_cast<double>(n));
      w += length / direction.norm() * direction;
      since_kick = 0;
    }
    path.push_back(w);
  }
  return path;
  // END SOLUTION
  // STARTER: (void)gradient; (void)start; (void)settings; return {};
}

}  // namespace exercises
