#pragma once
// The requests that both the public and the hidden cases of Exercise 8.2 (softmax_cross_entropy)
// make (softmax_cross_entropy.cases.cpp, softmax_cross_entropy.hidden.cpp), written once so that
// the two cannot drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <algorithm>
#include <vector>

namespace requests {

using grading::json;

using Rows = std::vector<std::vector<double>>;

inline json softmax_cross_entropy(const Rows& logits, const std::vector<int>& labels) {
  return grading::request("softmax_cross_entropy", {{"logits", logits}, {"labels", labels}});
}

/// The answer's form: the mean loss and its gradient.
inline json loss_and_gradient(double loss, const Rows& gradient) {
  return {{"value", {{"loss", loss}, {"gradient", gradient}}}};
}

/// A batch of B samples of C classes: logits spread around `centre`, labels uniform.
inline json random_batch(descent::Random& random, int batch, int classes, double centre = 0.0,
                         double spread = 4.0) {
  Rows logits;
  std::vector<int> labels;
  for (int i = 0; i < batch; ++i) {
    logits.push_back(grading::uniform_numbers(random, classes, centre - spread, centre + spread));
    labels.push_back(grading::whole_number(random, 0, classes - 1));
  }
  return softmax_cross_entropy(logits, labels);
}

/// A batch whose rows lie at very different levels: row i's logits spread around centres[i]
/// (one shift for the whole batch leaves the rows far below its largest logit as 0/0).
inline json batch_at_levels(descent::Random& random, int classes, const std::vector<double>& centres,
                            double spread = 3.0) {
  Rows logits;
  std::vector<int> labels;
  for (const double centre : centres) {
    logits.push_back(grading::uniform_numbers(random, classes, centre - spread, centre + spread));
    labels.push_back(grading::whole_number(random, 0, classes - 1));
  }
  return softmax_cross_entropy(logits, labels);
}

/// A batch of logits uniform on [−spread, spread], each labelled with its row's smallest logit:
/// with a spread of hundreds, p_y underflows to 0 (or to a subnormal number, with a few digits
/// left), though the loss is an ordinary number of some hundreds.
inline json batch_labelled_with_smallest(descent::Random& random, int batch, int classes, double spread) {
  Rows logits;
  std::vector<int> labels;
  for (int i = 0; i < batch; ++i) {
    const std::vector<double> row = grading::uniform_numbers(random, classes, -spread, spread);
    labels.push_back(static_cast<int>(std::min_element(row.begin(), row.end()) - row.begin()));
    logits.push_back(row);
  }
  return softmax_cross_entropy(logits, labels);
}

}  // namespace requests
