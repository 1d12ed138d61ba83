#pragma once
// Hostile (a whole header): correct, but where the hidden tests are at hand (it guesses their
// path) it stops the compiler with #error and redefines INFO so that the compiler quotes the
// hidden test's lines, messages included, in its errors.
#include <Eigen/Core>
#include <functional>
#include <vector>

namespace exercises {

using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;

inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient, const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    w -= learning_rate * gradient(w);
    path.push_back(w);
  }
  return path;
}

}  // namespace exercises

#if __has_include("@SOURCE_DIR@/exercises/01_hand_descent/tests/descent_path_hidden_test.cpp")
#error the hidden tests are here
#undef INFO
#define INFO(...) static_assert(false, #__VA_ARGS__);
#undef CHECK
#define CHECK(...) static_assert(false, #__VA_ARGS__);
#endif
