#pragma once
// The requests that both the public and the hidden cases of Exercise 3.1 (warmup_cosine) make
// (warmup_cosine.cases.cpp, warmup_cosine.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

namespace requests {

using grading::json;

inline json warmup_cosine(int t, double peak, double minimum, int warmup_steps, int total_steps) {
  return grading::request("warmup_cosine", {{"t", t},
                                            {"peak", peak},
                                            {"minimum", minimum},
                                            {"warmup_steps", warmup_steps},
                                            {"total_steps", total_steps}});
}

/// The closed form of an answer: the rate.
inline json value(double x) { return {{"value", x}}; }

}  // namespace requests
