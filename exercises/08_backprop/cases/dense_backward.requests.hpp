#pragma once
// The requests that both the public and the hidden cases of Exercise 8.1 (dense_backward) make
// (dense_backward.cases.cpp, dense_backward.hidden.cpp), written once so that the two cannot
// drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <string>
#include <vector>

namespace requests {

using grading::json;

using Vector = std::vector<double>;
using Rows = std::vector<std::vector<double>>;

inline json dense_backward(const Rows& X, const Rows& W, const Vector& b, const std::string& activation,
                           const Rows& G) {
  return grading::request("dense_backward", {{"X", X}, {"W", W}, {"b", b}, {"activation", activation}, {"G", G}});
}

/// The answer's form: the three gradients.
inline json gradients(const Rows& weights, const Vector& bias, const Rows& input) {
  return {{"value", {{"weights", weights}, {"bias", bias}, {"input", input}}}};
}

inline const std::vector<std::string>& activations() {
  static const std::vector<std::string> all{"identity", "sigmoid", "tanh", "relu"};
  return all;
}

/// A rows × columns matrix of numbers uniform on [low, high).
inline Rows uniform_rows(descent::Random& random, int rows, int columns, double low, double high) {
  Rows m;
  for (int r = 0; r < rows; ++r) m.push_back(grading::uniform_numbers(random, columns, low, high));
  return m;
}

/// A random layer and batch: B samples of n_in inputs into n_out outputs, with G drawn as the
/// gradient of a batch-mean loss (entries of size about 1/B).
inline json random_layer(descent::Random& random, int batch, int n_in, int n_out, const std::string& activation,
                         double spread = 2.0) {
  const double scale = 1.0 / static_cast<double>(batch);
  // One draw per statement: the order of a call's arguments is unspecified.
  const Rows X = uniform_rows(random, batch, n_in, -spread, spread);
  const Rows W = uniform_rows(random, n_in, n_out, -1.0, 1.0);
  const Vector b = grading::uniform_numbers(random, n_out, -1.0, 1.0);
  return dense_backward(X, W, b, activation, uniform_rows(random, batch, n_out, -scale, scale));
}

/// A rows × columns matrix of whole numbers, each −1, 0 or 1.
inline Rows whole_rows(descent::Random& random, int rows, int columns) {
  Rows m;
  for (int r = 0; r < rows; ++r) {
    std::vector<double> row;
    for (int c = 0; c < columns; ++c) row.push_back(grading::whole_number(random, -1, 1));
    m.push_back(row);
  }
  return m;
}

/// A random layer whose X, W and b are whole numbers (−1, 0 or 1), so that z is a whole number
/// and many pre-activations are exactly 0: where ReLU's slope at 0 shows. G as in random_layer.
inline json whole_number_layer(descent::Random& random, int batch, int n_in, int n_out, const std::string& activation) {
  const double scale = 1.0 / static_cast<double>(batch);
  // One draw per statement: the order of a call's arguments is unspecified.
  const Rows X = whole_rows(random, batch, n_in);
  const Rows W = whole_rows(random, n_in, n_out);
  const Rows b = whole_rows(random, 1, n_out);
  return dense_backward(X, W, b.front(), activation, uniform_rows(random, batch, n_out, -scale, scale));
}

/// A layer for the mixed cases: ReLU layers on whole numbers (pre-activations at exactly 0
/// among the others), every other activation on real numbers.
inline json mixed_layer(descent::Random& random, int batch, int n_in, int n_out, const std::string& activation) {
  if (activation == "relu") return whole_number_layer(random, batch, n_in, n_out, activation);
  return random_layer(random, batch, n_in, n_out, activation);
}

}  // namespace requests
