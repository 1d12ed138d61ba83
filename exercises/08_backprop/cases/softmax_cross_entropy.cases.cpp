// Grading cases of Exercise 8.2 (softmax_cross_entropy) that students see in their pack. The
// expected answers come from the reference solution; the closed forms here (worked by hand, or
// measured with central differences of the loss) are checked against it.

#include "softmax_cross_entropy.requests.hpp"

#include <cmath>
#include <vector>

using grading::json;
using namespace requests;

namespace {

// The mean loss written out with loops, in long double (moderate logits only).
double mean_loss(const Rows& logits, const std::vector<int>& labels) {
  long double total = 0.0L;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    long double sum = 0.0L;
    for (const double z : logits[i]) sum += std::exp(static_cast<long double>(z));
    total += std::log(sum) - logits[i][static_cast<std::size_t>(labels[i])];
  }
  return static_cast<double>(total / static_cast<long double>(logits.size()));
}

// ∂L/∂z_ij by central differences of the mean loss (step 1e-5).
Rows measured_gradient(Rows logits, const std::vector<int>& labels) {
  Rows slopes = logits;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    for (std::size_t j = 0; j < logits[i].size(); ++j) {
      const double kept = logits[i][j];
      logits[i][j] = kept + 1e-5;
      const double up = mean_loss(logits, labels);
      logits[i][j] = kept - 1e-5;
      const double down = mean_loss(logits, labels);
      logits[i][j] = kept;
      slopes[i][j] = (up - down) / 2e-5;
    }
  }
  return slopes;
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  // Logits (0, ln 3): p = (1/4, 3/4). Label 1: ℓ = ln(4/3), gradient p − (0, 1). Then the
  // rows (0, ln 3) and (ln 3, 0), both label 1: ℓ = ln(4/3) and ln 4, everything halved.
  const double ln3 = std::log(3.0);
  book.add({.name = "two classes, one sample and then two, worked by hand",
            .points = 3,
            .calls = {softmax_cross_entropy({{0, ln3}}, {1}), softmax_cross_entropy({{0, ln3}, {ln3, 0}}, {1, 1})},
            .hint = "Softmax of (0, ln 3) is (1/4, 3/4). One sample with label 1: loss ln(4/3) = 0.2877, "
                    "gradient [[0.25, -0.25]]. Two samples: loss (ln(4/3) + ln 4)/2 and gradient "
                    "[[0.125, -0.125], [0.375, -0.375]], a mean over the batch.",
            .closed_form = {loss_and_gradient(std::log(4.0 / 3.0), {{0.25, -0.25}}),
                            loss_and_gradient(0.5 * (std::log(4.0 / 3.0) + std::log(4.0)),
                                              {{0.125, -0.125}, {0.375, -0.375}})}});

  // Equal logits: p = 1/4 everywhere, ℓ = ln 4 for every label; gradient (1/4 − one-hot)/3.
  {
    Rows expected(3, std::vector<double>(4, 0.25 / 3.0));
    const std::vector<int> labels{0, 3, 1};
    for (std::size_t i = 0; i < 3; ++i) expected[i][static_cast<std::size_t>(labels[i])] -= 1.0 / 3.0;
    book.add({.name = "equal logits: the loss is ln C whatever the labels",
              .points = 2,
              .calls = {softmax_cross_entropy(Rows(3, std::vector<double>(4, 2.5)), labels)},
              .hint = "With C = 4 equal logits every probability is 1/4, so the mean loss is ln 4 = 1.3863 and "
                      "the gradient is (1/4 - one-hot)/3: -0.25 at each sample's label, 0.0833 elsewhere.",
              .closed_form = {loss_and_gradient(std::log(4.0), expected)}});
  }

  // Softmax does not change when a constant is added to a row, so neither do ℓ and the gradient.
  book.add({.name = "adding a constant to a sample's logits changes nothing",
            .points = 2,
            .calls = {softmax_cross_entropy({{30, 30 + ln3}}, {1}), softmax_cross_entropy({{-30 + ln3, -30}}, {0})},
            .tolerance = {1e-12, 1e-9},
            .hint = "Logits (30, 30 + ln 3) give the same probabilities (1/4, 3/4) as (0, ln 3): loss "
                    "ln(4/3). If you subtract the row's largest logit m before exponentiating, add m back to "
                    "the log-sum-exp (or subtract it from the label's logit too).",
            .closed_form = {loss_and_gradient(std::log(4.0 / 3.0), {{0.25, -0.25}}),
                            loss_and_gradient(std::log(4.0 / 3.0), {{-0.25, 0.25}})}});

  {
    const Rows logits{{1.2, -0.4, 0.3, 2.1, -1.5}, {0.0, 0.8, -2.2, 0.5, 1.1}, {-0.6, 0.2, 1.7, -0.9, 0.4},
                      {2.5, 1.9, -0.3, 0.1, -1.0}};
    const std::vector<int> labels{3, 0, 2, 4};
    book.add({.name = "matches central differences of the mean loss, 4 samples of 5 classes",
              .points = 2,
              .calls = {softmax_cross_entropy(logits, labels)},
              .tolerance = {1e-9, 1e-8},
              .hint = "The gradient is (softmax - one-hot)/B, with the softmax taken along each row (over the "
                      "classes of one sample) and the one-hot at each sample's own label.",
              .closed_form = {loss_and_gradient(mean_loss(logits, labels), measured_gradient(logits, labels))}});
  }

  // The statement's example: (1000, 0) with label 1. e^1000 overflows, and p_1 = e^−1000 underflows
  // to 0, yet ℓ = 1000 + log(1 + e^−1000) = 1000. In a batch with the row (0, ln 3), label 1
  // (ℓ = ln(4/3)), each row keeps its own shift, and everything is halved.
  book.add({.name = "logits (1000, 0) with label 1: the loss is 1000, not infinity, alone and in a batch",
            .points = 2,
            .calls = {softmax_cross_entropy({{1000, 0}}, {1}), softmax_cross_entropy({{1000, 0}, {0, ln3}}, {1, 1})},
            .hint = "Shift each row by its own largest logit m before exponentiating, and compute the loss as "
                    "log(sum of e^(z - m)) - (z_y - m), never as -log(p_y): here p_1 = e^-1000 is 0 in double "
                    "precision. Expected loss 1000 and gradient [[1, -1]]; then loss (1000 + ln(4/3))/2 and "
                    "gradient [[0.5, -0.5], [0.125, -0.125]].",
            .closed_form = {loss_and_gradient(1000.0, {{1.0, -1.0}}),
                            loss_and_gradient(0.5 * (1000.0 + std::log(4.0 / 3.0)), {{0.5, -0.5}, {0.125, -0.125}})}});

  book.add({.name = "a label equal to the number of classes is an error",
            .points = 1,
            .calls = {softmax_cross_entropy({{0.5, 1.0, -0.5}, {0.0, 0.0, 1.0}}, {2, 3})},
            .hint = "Labels run from 0 to C - 1: with C = 3 classes the label 3 does not exist, and the "
                    "function must throw std::invalid_argument.",
            .closed_form = {{{"error", "softmax_cross_entropy: a label outside 0 ... C - 1"}}},
            .reference_throws = true});
}
