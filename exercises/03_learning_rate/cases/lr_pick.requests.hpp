#pragma once
// The requests that both the public and the hidden cases of Exercise 3.3 (steepest_index) make
// (lr_pick.cases.cpp, lr_pick.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"
#include "protocol.hpp"

#include <cmath>
#include <vector>

namespace requests {

using grading::json;

// Infinite losses travel as "inf" (protocol::numbers); a plain JSON array would make them null.
inline json steepest_index(const std::vector<double>& learning_rates, const std::vector<double>& losses) {
  return grading::request("steepest_index",
                          {{"learning_rates", protocol::numbers(learning_rates)}, {"losses", protocol::numbers(losses)}});
}

/// The closed form of an answer: the index.
inline json value(int index) { return {{"value", index}}; }

/// n learning rates from `from` to `to`, equally spaced in log.
inline std::vector<double> log_spaced(double from, double to, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(from * std::pow(to / from, static_cast<double>(i) / (n - 1)));
  return out;
}

}  // namespace requests
