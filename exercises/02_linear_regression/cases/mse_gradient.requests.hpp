#pragma once
// The requests that both the public and the hidden cases of Exercise 2.1 (mse_gradient) make
// (mse_gradient.cases.cpp, mse_gradient.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"
#include <vector>

namespace requests {

using grading::json;

using Rows = std::vector<std::vector<double>>;

inline json mse_gradient(const Rows& X, const std::vector<double>& y, const std::vector<double>& theta) {
  return grading::request("mse_gradient", {{"X", X}, {"y", y}, {"theta", theta}});
}

}  // namespace requests
