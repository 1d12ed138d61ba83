#pragma once
// Exercise 1.1: the update rule, every coordinate at once.

#include <Eigen/Core>
#include <functional>
#include <vector>

namespace exercises {

/// ∇L: takes a point, returns the gradient there.
using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;

//! [signature]
/// Takes `steps` steps of w ← w − η·∇L(w) from `start` and returns every point visited,
/// the start first (steps + 1 points). Every coordinate is updated from the gradient at
/// the old point. The steps are taken even if the loss grows: reporting divergence is the
/// caller's job.
inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient,
                                                 const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
//! [signature]
  // BEGIN SOLUTION
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    w -= learning_rate * gradient(w);  // one gradient, all coordinates
    path.push_back(w);
  }
  return path;
  // END SOLUTION
  // STARTER: (void)gradient; (void)start; (void)learning_rate; (void)steps; return {};
}

}  // namespace exercises
