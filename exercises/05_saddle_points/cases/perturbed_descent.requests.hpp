#pragma once
// The requests that both the public and the hidden cases of Exercise 5.2 (perturbed_descent)
// make (perturbed_descent.cases.cpp, perturbed_descent.hidden.cpp), and the parts of the answer
// (cases/perturbed_descent.io.hpp) each kind of case compares, written once so that the two
// cannot drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <string>
#include <vector>

namespace requests {

using grading::json;
using Vector = std::vector<double>;

/// A run's settings, by name as in exercises::PerturbedSettings.
struct Run {
  json function;
  Vector start;
  double learning_rate = 0.1;
  double threshold = 1e-3;
  double radius = 1e-2;
  int wait = 20;
  int steps = 100;
  int seed = 1;
  /// With `escape_within` > 0: the answer says whether f fell below `escape_below` by then.
  double escape_below = 0.0;
  int escape_within = 0;
};

inline json perturbed(const Run& run) {
  json args = {{"function", run.function}, {"start", run.start},       {"learning_rate", run.learning_rate},
               {"threshold", run.threshold}, {"radius", run.radius},  {"wait", run.wait},
               {"steps", run.steps},         {"seed", run.seed}};
  if (run.escape_within > 0) {
    args["escape_below"] = run.escape_below;
    args["escape_within"] = run.escape_within;
  }
  return grading::request("perturbed_descent", args);
}

/// f = ½ Σ h_i w_i², or ½(w − c)ᵀH(w − c) with a full matrix.
inline json quadratic(const json& hessian) { return {{"kind", "quadratic"}, {"hessian", hessian}}; }

/// The saddle x² − y² of the chapter (Hessian diag(2, −2)).
inline json saddle() { return quadratic(Vector{2.0, -2.0}); }

/// A function whose gradient is zero everywhere, in n dimensions: every step may kick.
inline json flat(int n) { return quadratic(Vector(static_cast<std::size_t>(n), 0.0)); }

// The parts a case compares (JSON pointers into the answer).
// The length of the path comes with the counts, so that a path cut short cannot pass on counts of 0.
inline const std::vector<std::string> kick_rule{"/points", "/kicks_where_gradient_large", "/kicks_too_soon",
                                                "/kicks_missed", "/kicks_outside_ball"};
inline const std::vector<std::string> repeatable{"/same_seed_same_path", "/other_seed_other_path"};

/// The parts `names` joined: kick_rule + {"/escaped"}, say.
inline std::vector<std::string> parts(std::vector<std::string> first, const std::vector<std::string>& more) {
  first.insert(first.end(), more.begin(), more.end());
  return first;
}

/// The closed form of answers compared on `keyed` parts only: {"/part": value, …}.
inline json value(const json& keyed) { return {{"value", keyed}}; }

/// The closed form of the kick_rule parts for a run of `steps` steps that keeps the rule,
/// with the parts `more` besides.
inline json rule_kept(int steps, json more = json::object()) {
  more.update({{"/points", steps + 1}, {"/kicks_where_gradient_large", 0}, {"/kicks_too_soon", 0},
               {"/kicks_missed", 0}, {"/kicks_outside_ball", 0}});
  return value(more);
}

}  // namespace requests
