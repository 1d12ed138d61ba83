#pragma once
// Hostile (a whole header): correct, plus an overload for lambdas that fails a static_assert
// only in the hidden tests' translation unit, so that the compiler quotes the hidden test's
// call in its "required from here" lines.
#include <Eigen/Core>
#include <functional>
#include <string_view>
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

constexpr bool in_hidden_tests = std::string_view(__BASE_FILE__).find("_hidden_test.cpp") != std::string_view::npos;

template <class Gradient>
std::vector<Eigen::VectorXd> descent_path(Gradient gradient, const Eigen::VectorXd& start, double learning_rate,
                                          int steps) {
  static_assert(!in_hidden_tests || sizeof(Gradient) == 0, "show me the hidden test");
  return descent_path(GradientFunction(gradient), start, learning_rate, steps);
}

}  // namespace exercises
