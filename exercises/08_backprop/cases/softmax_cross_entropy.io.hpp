#pragma once
// How the grader calls Exercise 8.2 (see exercises/protocol.hpp):
//   {"call": "softmax_cross_entropy", "args": {"logits": [[..], ..], "labels": [..]}}
// answers {"loss": L, "gradient": ∂L/∂Z as a list of rows}, or an error when the function
// throws. The labels go to the function as they are: checking them is part of the exercise.

#include "softmax_cross_entropy.hpp"

#include "protocol.hpp"

#include <vector>

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "softmax_cross_entropy");
  const Eigen::MatrixXd logits = to_matrix(arg(args, "logits"));
  const json& label_list = arg(args, "labels");
  if (!label_list.is_array()) throw BadRequest("softmax_cross_entropy: labels must be a list");
  std::vector<int> labels;
  for (const json& label : label_list) labels.push_back(to_int(label));
  const exercises::LossAndGradient result = exercises::softmax_cross_entropy(logits, labels);
  return {{"loss", number(result.loss)}, {"gradient", matrix(result.gradient)}};
}

}  // namespace exercise_io
