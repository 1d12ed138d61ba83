// Hidden grading cases of Exercise 2.1 (mse_gradient): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.

#include "mse_gradient.requests.hpp"

#include <vector>

using grading::json;
using namespace requests;

namespace {

// Random data: n samples of d features, each feature with its own scale and offset, targets
// near a random line, and parameters away from it.
json random_call(descent::Random& random, int n, int d) {
  std::vector<double> scale, offset;
  for (int j = 0; j < d; ++j) {
    scale.push_back(random.uniform(0.1, 10.0));
    offset.push_back(random.uniform(-5.0, 5.0));
  }
  Rows X(static_cast<std::size_t>(n));
  std::vector<double> y;
  for (auto& row : X) {
    double target = random.normal();
    for (int j = 0; j < d; ++j) {
      row.push_back(offset[j] + scale[j] * random.normal());
      target += random.uniform(-1.0, 1.0) * row.back();
    }
    y.push_back(target);
  }
  std::vector<double> theta;
  for (int j = 0; j <= d; ++j) theta.push_back(random.uniform(-2.0, 2.0));
  return mse_gradient(X, y, theta);
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  // Differential: random sizes in one run (nothing may be kept from an earlier call), the
  // first call again at the end.
  grading::Case random_data{.name = "random data of 1 to 40 samples and 0 to 6 features, several calls in one run",
                            .points = 3,
                            .tolerance = {1e-9, 1e-9}};
  for (int k = 0; k < 8; ++k) {
    const int n = 1 + static_cast<int>(book.random().below(40));
    const int d = static_cast<int>(book.random().below(7));
    random_data.calls.push_back(random_call(book.random(), n, d));
  }
  random_data.calls.push_back(random_data.calls.front());
  book.add(random_data);

  grading::Case wide{.name = "more features than samples", .points = 1, .tolerance = {1e-9, 1e-9}};
  for (int n = 1; n <= 3; ++n) wide.calls.push_back(random_call(book.random(), n, 6));
  book.add(wide);

  // d = 0: θ = (b); residuals −0.5, −1.5, −5.5 and ∂L/∂b = (2/3)(−7.5) = −5.
  book.add({.name = "no features: the model is the bias alone",
            .points = 1,
            .calls = {mse_gradient({{}, {}, {}}, {1.0, 2.0, 6.0}, {0.5})},
            .closed_form = {{{"value", {-5.0}}}}});

  // N = 1: residual 2 − 1 + 0.5 − 3 = −1.5, gradient 2·(−1.5)·(2, −1, 1). N = 2, the
  // statement's example: residuals 0.75 and 1.75, gradient (0.75 + 3.5, 0.75 + 1.75).
  book.add({.name = "one and two samples",
            .points = 1,
            .calls = {mse_gradient({{2, -1}}, {3}, {1, 1, 0.5}), mse_gradient({{1}, {2}}, {2.75, 3.75}, {2.0, 1.5})},
            .closed_form = {{{"value", {-6.0, 3.0, -3.0}}}, {{"value", {4.25, 2.5}}}}});

  // Predictions 2.5, 1, 1.5 and residuals 1.5, −1, 1.5: ∂L/∂w = (2/3)(3, 0.5) and ∂L/∂b =
  // (2/3)·2. Every entry differs, and the bias is neither 0 nor the first entry.
  book.add({.name = "weights and bias all non-zero, the bias last",
            .points = 2,
            .calls = {mse_gradient({{1, 0}, {0, 1}, {1, 1}}, {1, 2, 0}, {0.5, -1.0, 2.0})},
            .closed_form = {{{"value", {2.0, 1.0 / 3.0, 4.0 / 3.0}}}}});
}
