#pragma once
// The requests that both the public and the hidden cases of Exercise 1.1 (descent_path) make
// (descent_path.cases.cpp, descent_path.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

namespace requests {

using grading::json;

inline json descent_path(const json& function, const std::vector<double>& start, double learning_rate, int steps) {
  return grading::request("descent_path", {{"function", function},
                                           {"start", start},
                                           {"learning_rate", learning_rate},
                                           {"steps", steps}});
}

}  // namespace requests
