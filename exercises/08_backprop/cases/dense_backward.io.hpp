#pragma once
// How the grader calls Exercise 8.1 (see exercises/protocol.hpp):
//   {"call": "dense_backward", "args": {"X": [[..], ..], "W": [[..], ..], "b": [..],
//      "activation": "identity" | "sigmoid" | "tanh" | "relu", "G": [[..], ..]}}
// answers {"weights": ∂L/∂W, "bias": ∂L/∂b, "input": ∂L/∂X}, matrices as lists of rows.

#include "dense_backward.hpp"

#include "protocol.hpp"

#include <string>

namespace exercise_io {

inline exercises::Activation to_activation(const protocol::json& j) {
  using exercises::Activation;
  const std::string name = j.is_string() ? j.get<std::string>() : "";
  if (name == "identity") return Activation::identity;
  if (name == "sigmoid") return Activation::sigmoid;
  if (name == "tanh") return Activation::tanh;
  if (name == "relu") return Activation::relu;
  throw protocol::BadRequest("dense_backward: activation must be identity, sigmoid, tanh or relu");
}

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "dense_backward");
  const Eigen::MatrixXd X = to_matrix(arg(args, "X"));
  const Eigen::MatrixXd W = to_matrix(arg(args, "W"));
  const Eigen::VectorXd b = to_vector(arg(args, "b"));
  const Eigen::MatrixXd G = to_matrix(arg(args, "G"));
  if (W.rows() != X.cols() || b.size() != W.cols() || G.rows() != X.rows() || G.cols() != W.cols()) {
    throw BadRequest("dense_backward: needs X (B × n_in), W (n_in × n_out), b (n_out), G (B × n_out)");
  }
  const exercises::DenseGradients gradients =
      exercises::dense_backward(X, W, b, to_activation(arg(args, "activation")), G);
  return {{"weights", matrix(gradients.weights)}, {"bias", vector(gradients.bias)},
          {"input", matrix(gradients.input)}};
}

}  // namespace exercise_io
