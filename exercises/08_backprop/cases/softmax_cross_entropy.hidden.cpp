// Hidden grading cases of Exercise 8.2 (softmax_cross_entropy): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Batches are drawn from the case book's seeded source; the reference gives the answers.

#include "softmax_cross_entropy.requests.hpp"

#include <cmath>
#include <vector>

using grading::json;
using namespace requests;

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-12, 1e-10};

  // Random sizes in one run (nothing may be kept from an earlier call), the first call again.
  {
    grading::Case mixed{.name = "random logits of 1 to 20 samples and 2 to 10 classes, several calls in one run",
                        .points = 3,
                        .tolerance = differential};
    for (int k = 0; k < 10; ++k) {
      // One draw per statement: the order of a call's arguments is unspecified.
      const int batch = grading::whole_number(random, 1, 20);
      const int classes = grading::whole_number(random, 2, 10);
      mixed.calls.push_back(random_batch(random, batch, classes));
    }
    mixed.calls.push_back(mixed.calls.front());
    book.add(mixed);
  }

  // e^z overflows beyond z ≈ 709.8 and underflows to 0 below about −745: logits near ±1000
  // give inf/inf or 0/0 unless each row is shifted by its own largest logit (not the batch's,
  // not the first row's, not its smallest), and rows that span hundreds must not overflow either.
  {
    grading::Case huge{.name = "logits near +1000 and near -1000 (far beyond where e^z overflows)",
                       .points = 3,
                       .tolerance = {1e-11, 1e-10}};
    huge.calls.push_back(random_batch(random, 4, 3, 1000.0, 3.0));
    huge.calls.push_back(random_batch(random, 5, 6, -1000.0, 3.0));
    huge.calls.push_back(batch_labelled_with_smallest(random, 3, 4, 1000.0));
    huge.calls.push_back(batch_at_levels(random, 4, {-1000.0, 1000.0, 0.0, 500.0, -500.0}));
    huge.calls.push_back(batch_at_levels(random, 3, {2.0, 900.0, -900.0}));
    book.add(huge);
  }

  // (0, 1000) with label 0: p_0 = e^−1000 underflows to 0, yet ℓ = 1000 + log(1 + e^−1000) =
  // 1000. (0, −800, 5) with label 1: ℓ = 805 + log(1 + e^−5 + e^−805). (−700, 30, 5) with label
  // 0: p_0 ≈ e^−730 is subnormal, with only a few digits, yet ℓ = 730 + log(1 + e^−25 + e^−730),
  // batched with (2, 1, 0), label 2: ℓ = 2 + log(1 + e^−1 + e^−2). Then random rows spanning
  // up to ±800, each labelled with its smallest logit.
  {
    const double t = 1.0 + std::exp(-1.0) + std::exp(-2.0);
    grading::Case confident{
        .name = "confident wrong answers: the label's logit hundreds below the largest",
        .points = 2,
        .calls = {softmax_cross_entropy({{0, 1000}}, {0}), softmax_cross_entropy({{0, -800, 5}}, {1}),
                  softmax_cross_entropy({{-700, 30, 5}, {2, 1, 0}}, {0, 2})},
        .tolerance = {1e-12, 1e-12},
        .closed_form = {loss_and_gradient(1000.0, {{-1.0, 1.0}}),
                        loss_and_gradient(805.0 + std::log1p(std::exp(-5.0)),
                                          {{std::exp(-5.0) / (1.0 + std::exp(-5.0)), -1.0, 1.0 / (1.0 + std::exp(-5.0))}}),
                        loss_and_gradient(0.5 * (730.0 + std::log1p(std::exp(-25.0)) + 2.0 + std::log(t)),
                                          {{-0.5, 0.5 / (1.0 + std::exp(-25.0)), 0.5 * std::exp(-25.0) / (1.0 + std::exp(-25.0))},
                                           {0.5 / t, 0.5 * std::exp(-1.0) / t, 0.5 * std::exp(-2.0) / t - 0.5}})}};
    confident.calls.push_back(batch_labelled_with_smallest(random, 6, 5, 800.0));
    book.add(confident);
  }

  // B = 1 (a softmax over the batch would be 1 everywhere), and C = 1 (the only class is
  // certain: ℓ = 0 and the gradient is 0).
  {
    grading::Case edges{.name = "a single sample, and a single class", .points = 1, .tolerance = differential};
    edges.calls.push_back(softmax_cross_entropy({{3.5}, {-2.0}, {0.0}}, {0, 0, 0}));
    edges.closed_form = {loss_and_gradient(0.0, {{0.0}, {0.0}, {0.0}})};
    for (const int classes : {2, 5, 9}) edges.calls.push_back(random_batch(random, 1, classes));
    book.add(edges);
  }

  book.add({.name = "negative labels, and a label list longer or shorter than the batch, are errors",
            .points = 2,
            .calls = {softmax_cross_entropy({{0.5, 1.0}, {2.0, -1.0}}, {0, -1}),
                      softmax_cross_entropy({{0.5, 1.0}, {2.0, -1.0}}, {0, 1, 1}),
                      softmax_cross_entropy({{0.5, 1.0}, {2.0, -1.0}}, {1})},
            .closed_form = {{{"error", "a negative label"}}, {{"error", "three labels for two rows"}},
                            {{"error", "one label for two rows"}}},
            .reference_throws = true});
}
