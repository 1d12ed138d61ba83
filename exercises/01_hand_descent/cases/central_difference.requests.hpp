#pragma once
// The requests that both the public and the hidden cases of Exercise 1.2 (central_difference_gradient) make
// (central_difference.cases.cpp, central_difference.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

namespace requests {

using grading::json;

inline json central_difference(const json& function, const std::vector<double>& x, double delta) {
  return grading::request("central_difference_gradient", {{"function", function}, {"x", x}, {"delta", delta}});
}

// The term c·Π_i w_i^(p_i) of a polynomial test function.
inline json monomial(double coefficient, const std::vector<int>& powers) {
  return {{"coefficient", coefficient}, {"powers", powers}};
}

inline json polynomial(const std::vector<json>& terms) { return {{"kind", "polynomial"}, {"terms", terms}}; }

}  // namespace requests
