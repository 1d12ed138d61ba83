#pragma once
// The requests that both the public and the hidden cases of Exercise 2.2 (fit_scaling, standardize, to_original_units) make
// (feature_scaling.cases.cpp, feature_scaling.hidden.cpp), written once so that the two cannot drift apart.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"
#include <vector>

namespace requests {

using grading::json;

using Rows = std::vector<std::vector<double>>;

/// A scaling as the requests carry it (and as fit_scaling answers it).
inline json scaling(const std::vector<double>& mean, const std::vector<double>& deviation) {
  return {{"mean", mean}, {"deviation", deviation}};
}

inline json fit_scaling(const Rows& X) { return grading::request("fit_scaling", {{"X", X}}); }

inline json standardize(const Rows& X, const json& scaling) {
  return grading::request("standardize", {{"X", X}, {"scaling", scaling}});
}

inline json to_original_units(const std::vector<double>& theta, const json& scaling) {
  return grading::request("to_original_units", {{"theta", theta}, {"scaling", scaling}});
}

}  // namespace requests
