#pragma once
// How the grader calls Exercise 9.1 (see exercises/protocol.hpp):
//   {"call": "full_batch_gradient", "args": {"gradients": [[..], ..], "sizes": [n_0, ..]}}
// answers the full-batch mean gradient. A gradient may hold "nan" (an empty shard's, or a
// diverged worker's).

#include "shard_reduction.hpp"

#include "protocol.hpp"

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "full_batch_gradient");
  const json& listed = arg(args, "gradients");
  const json& sizes = arg(args, "sizes");
  if (!listed.is_array() || !sizes.is_array() || listed.empty() || listed.size() != sizes.size()) {
    throw BadRequest("\"gradients\" and \"sizes\" must be lists of the same, non-zero length");
  }
  std::vector<Eigen::VectorXd> gradients;
  std::vector<std::size_t> shard_sizes;
  for (std::size_t k = 0; k < listed.size(); ++k) {
    gradients.push_back(to_vector(listed[k]));
    if (gradients[k].size() != gradients[0].size()) throw BadRequest("gradients of different lengths");
    const int size = to_int(sizes[k]);
    if (size < 0) throw BadRequest("a negative shard size");
    shard_sizes.push_back(static_cast<std::size_t>(size));
  }
  return vector(exercises::full_batch_gradient(gradients, shard_sizes));
}

}  // namespace exercise_io
