// Grading cases of Exercise 8.1 (dense_backward) that students see in their pack. The expected
// gradients come from the reference solution; the closed forms here (worked by hand, or measured
// with central differences) are checked against it.

#include "dense_backward.requests.hpp"

#include <cmath>
#include <string>
#include <type_traits>

using grading::json;
using namespace requests;

namespace {

double activate(const std::string& f, double z) {
  if (f == "sigmoid") return 1.0 / (1.0 + std::exp(-z));
  if (f == "tanh") return std::tanh(z);
  if (f == "relu") return z > 0.0 ? z : 0.0;
  return z;
}

// S = Σ_ij G_ij·f(z_ij) with z = XW + b, written out with loops: the scalar whose gradient the
// layer's backward pass returns when G = ∂L/∂A.
double contracted_output(const Rows& X, const Rows& W, const Vector& b, const std::string& f, const Rows& G) {
  double sum = 0.0;
  for (std::size_t i = 0; i < X.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      double z = b[j];
      for (std::size_t k = 0; k < W.size(); ++k) z += X[i][k] * W[k][j];
      sum += G[i][j] * activate(f, z);
    }
  }
  return sum;
}

// The slope of S along every entry of `m` (one of X, W, b), by central differences (step 1e-5).
template <class Entries, class Loss>
Entries measured_slopes(Entries& m, const Loss& loss) {
  Entries slopes = m;
  const auto slope = [&](double& x) {
    const double kept = x;
    x = kept + 1e-5;
    const double up = loss();
    x = kept - 1e-5;
    const double down = loss();
    x = kept;
    return (up - down) / 2e-5;
  };
  if constexpr (std::is_same_v<Entries, Vector>) {
    for (std::size_t j = 0; j < m.size(); ++j) slopes[j] = slope(m[j]);
  } else {
    for (std::size_t i = 0; i < m.size(); ++i) {
      for (std::size_t j = 0; j < m[i].size(); ++j) slopes[i][j] = slope(m[i][j]);
    }
  }
  return slopes;
}

// A case of 2 points whose expected gradients are measured with central differences of
// Σ G ⊙ f(XW + b), independently of the reference.
grading::Case checked_by_central_differences(const std::string& name, const std::string& hint, Rows X, Rows W,
                                             Vector b, const std::string& f, const Rows& G) {
  const auto loss = [&] { return contracted_output(X, W, b, f, G); };
  return {.name = name,
          .points = 2,
          .calls = {dense_backward(X, W, b, f, G)},
          .tolerance = {1e-8, 1e-7},
          .hint = hint,
          .closed_form = {gradients(measured_slopes(W, loss), measured_slopes(b, loss), measured_slopes(X, loss))}};
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  // D = G. ∂L/∂W = xᵀg (2 × 3), ∂L/∂b = g, ∂L/∂x = g·Wᵀ = (1 − 0.5, 2 − 1).
  book.add({.name = "one sample through an identity layer of 2 inputs and 3 outputs, worked by hand",
            .points = 2,
            .calls = {dense_backward({{1, 2}}, {{1, 0, -1}, {2, 1, 0}}, {0.5, -0.5, 1}, "identity",
                                     {{1, -1, 0.5}})},
            .hint = "Expected weights [[1, -1, 0.5], [2, -2, 1]] (n_in × n_out, like W: X^T·G), bias "
                    "[1, -1, 0.5] and input [[0.5, 1]] (G·W^T).",
            .closed_form = {gradients({{1, -1, 0.5}, {2, -2, 1}}, {1, -1, 0.5}, {{0.5, 1}})}});

  // z = XW + b = [[2, 0, −1], [−1, −1, 1]]: ReLU′ is 1 only at (0, 0) and (1, 2), so
  // D = [[0.5, 0, 0], [0, 0, 0.75]]; ∂L/∂W = XᵀD, ∂L/∂b = column sums, ∂L/∂X = D·Wᵀ.
  book.add({.name = "ReLU passes the gradient only where z > 0 (none at z = 0 exactly)",
            .points = 2,
            .calls = {dense_backward({{1, 1}, {2, -1}}, {{1, -1, 0}, {2, 0, -1}}, {-1, 1, 0}, "relu",
                                     {{0.5, 0.25, -0.5}, {0.25, -0.5, 0.75}})},
            .hint = "Here z = XW + b = [[2, 0, -1], [-1, -1, 1]]; ReLU' is 1 where z > 0 and 0 where z <= 0, "
                    "so D = [[0.5, 0, 0], [0, 0, 0.75]]. Expected bias [0.5, 0, 0.75].",
            .closed_form = {gradients({{0.5, 0, 1.5}, {0.5, 0, -0.75}}, {0.5, 0, 0.75}, {{0.5, 1}, {0, -0.75}})}});

  // z = (0, ln 3): σ = 1/2 and 3/4, σ′ = σ(1 − σ) = 1/4 and 3/16; D = (0.125, −0.1875).
  const double ln3 = std::log(3.0);
  const Rows two_inputs{{1, -1}, {ln3, 0}};
  book.add({.name = "sigmoid′ is taken at z: 1/4 at z = 0 and 3/16 at z = ln 3",
            .points = 2,
            .calls = {dense_backward(two_inputs, {{1}, {1}}, {0}, "sigmoid", {{0.5}, {-1}})},
            .hint = "With sigma(z) = 1/(1 + e^-z), sigma'(z) = sigma(z)(1 - sigma(z)): here 1/4 and 3/16, so "
                    "D = (0.125, -0.1875) and the bias gradient is -0.0625.",
            .closed_form = {gradients({{0.125 - 0.1875 * ln3}, {-0.125}}, {-0.0625},
                                      {{0.125, 0.125}, {-0.1875, -0.1875}})}});

  // tanh(ln 3) = 0.8: tanh′ = 1 − tanh² = 1 and 0.36; D = (0.5, −0.36).
  book.add({.name = "tanh′ is 1 − tanh²(z): 1 at z = 0 and 0.36 at z = ln 3",
            .points = 2,
            .calls = {dense_backward(two_inputs, {{1}, {1}}, {0}, "tanh", {{0.5}, {-1}})},
            .hint = "tanh(ln 3) = 0.8, so tanh' = 1 - 0.8^2 = 0.36 there, and 1 at z = 0: D = (0.5, -0.36), "
                    "bias gradient 0.14.",
            .closed_form = {gradients({{0.5 - 0.36 * ln3}, {-0.5}}, {0.14}, {{0.5, 0.5}, {-0.36, -0.36}})}});

  // A sigmoid layer 3 → 2 on three samples: every sample adds to ∂L/∂W and ∂L/∂b.
  book.add(checked_by_central_differences(
      "a batch of three through a sigmoid layer: sums over the samples, like central differences",
      "Each gradient is the slope of sum(G * f(XW + b)) along that entry: the weights' and the bias's "
      "gradients add up every sample's part (X^T·D and the column sums of D); G already holds the 1/B of "
      "the mean loss.",
      {{0.5, -1, 2}, {1.5, 0.25, -0.5}, {-2, 1, 0.75}}, {{0.3, -0.8}, {1.1, 0.4}, {-0.6, 0.9}}, {0.2, -0.1},
      "sigmoid", {{0.2, -0.1}, {-0.3, 0.25}, {0.15, 0.05}}));

  // A tanh layer 4 → 3, two samples: the same check on a wider layer.
  book.add(checked_by_central_differences(
      "a tanh layer of 4 inputs and 3 outputs agrees with central differences",
      "The input gradient is D·W^T with D = G * f'(Z), the derivative applied before multiplying by W^T; "
      "the weights' gradient is X^T·D, n_in × n_out like W.",
      {{0.4, -0.7, 1.2, 0.1}, {-1.3, 0.6, 0.2, 0.9}},
      {{0.5, -0.2, 0.7}, {-0.4, 0.9, 0.1}, {0.3, 0.6, -0.8}, {1.0, -0.5, 0.2}}, {-0.3, 0.1, 0.4}, "tanh",
      {{0.5, -0.25, 0.1}, {-0.2, 0.35, 0.45}}));
}
