#pragma once
// How the grader calls Exercise 5.2 (see exercises/protocol.hpp):
//   {"call": "perturbed_descent", "args": {"function": <test function>, "start": [..],
//      "learning_rate": η, "threshold": τ, "radius": r, "wait": T, "steps": n, "seed": s,
//      "escape_below": v, "escape_within": B}}          (the last two optional, together)
// The kicks are random and the statement leaves the distributions to the student, so the
// answer is not the path but what the statement promises about it, read off the path here
// (this adapter is the grader's: these readings are trusted). At step t the kick is
// ξ = w(t+1) − (w(t) − η·∇f(w(t))); a step with ξ ≈ 0 did not kick. The answer holds:
//   "points"              the number of points (steps + 1)
//   "until_first_kick"    the points up to the first one whose gradient is at most τ: no
//                         randomness has entered yet, so they are exact
//   "kick_steps"          the steps that kicked
//   "kicks_where_gradient_large", "kicks_too_soon", "kicks_missed", "kicks_outside_ball",
//   "kicks_repeated"      how many kicks came where ‖∇f‖ > τ, within T steps of the previous
//                         kick, failed to come where one was due, had ‖ξ‖ > r, or were the
//                         previous kick again
//   "kicks_fill_the_ball" 400 kicks or more, whose mean length and mean are those of kicks
//                         uniform in the ball (within 6 standard deviations each)
//   "same_seed_same_path" the same settings, called again after a call with seed s + 1, give
//                         the same path; "other_seed_other_path": that call's path differs
//   "escaped"             (with escape_below) f fell below v by step B

#include "perturbed_descent.hpp"

#include "test_functions.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace exercise_io {

namespace perturbed_io {

using Path = std::vector<Eigen::VectorXd>;

// Kicks shorter than this are rounding, not kicks: a billionth of the radius, plus what
// computing w − η·g in another order can leave.
inline double kick_floor(double radius, const Eigen::VectorXd& w, const Eigen::VectorXd& move) {
  return 1e-9 * radius + 1e-13 * (1.0 + w.norm() + move.norm());
}

// Whether the kicks' lengths ρ = ‖ξ‖/r and coordinates ξ_i/r average as those of the uniform
// n-ball do: E ρ = n/(n+1), Var ρ = n/((n+2)(n+1)²), E ξ_i/r = 0, Var ξ_i/r = 1/(n+2).
inline bool fill_the_ball(const Path& kicks, double radius) {
  if (kicks.size() < 400) return false;
  const double n = static_cast<double>(kicks.front().size());
  const double count = static_cast<double>(kicks.size());
  double mean_length = 0.0;
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(kicks.front().size());
  for (const Eigen::VectorXd& kick : kicks) {
    mean_length += kick.norm() / radius / count;
    mean += kick / radius / count;
  }
  const double length_spread = std::sqrt(n / ((n + 2.0) * (n + 1.0) * (n + 1.0)) / count);
  const double coordinate_spread = std::sqrt(1.0 / (n + 2.0) / count);
  return std::abs(mean_length - n / (n + 1.0)) <= 6.0 * length_spread &&
         mean.cwiseAbs().maxCoeff() <= 6.0 * coordinate_spread;
}

inline bool same_path(const Path& a, const Path& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size() || a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace perturbed_io

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  using perturbed_io::Path;
  const json& args = args_of(request, "perturbed_descent");
  const TestFunction f = to_function(arg(args, "function"));
  const Eigen::VectorXd start = to_vector(arg(args, "start"));
  const exercises::PerturbedSettings settings{.learning_rate = to_number(arg(args, "learning_rate")),
                                              .threshold = to_number(arg(args, "threshold")),
                                              .radius = to_number(arg(args, "radius")),
                                              .wait = to_int(arg(args, "wait")),
                                              .steps = to_int(arg(args, "steps")),
                                              .seed = static_cast<std::uint64_t>(to_int(arg(args, "seed")))};
  exercises::PerturbedSettings reseeded = settings;
  reseeded.seed += 1;
  const Path path = exercises::perturbed_descent(f.gradient, start, settings);
  const Path other = exercises::perturbed_descent(f.gradient, start, reseeded);
  const Path again = exercises::perturbed_descent(f.gradient, start, settings);

  const double eta = settings.learning_rate, tau = settings.threshold, r = settings.radius;
  json until_first_kick = json::array();
  std::vector<int> kick_steps;
  Path kicks;
  int large = 0, too_soon = 0, missed = 0, outside = 0, repeated = 0;
  std::optional<int> last_kick;
  bool small_seen = false;
  for (std::size_t t = 0; t < path.size(); ++t) {
    if (!small_seen) until_first_kick.push_back(vector(path[t]));
    if (t + 1 == path.size() || path[t + 1].size() != path[t].size()) break;
    const Eigen::VectorXd slope = f.gradient(path[t]);
    const Eigen::VectorXd descended = path[t] - eta * slope;
    const Eigen::VectorXd kick = path[t + 1] - descended;
    const bool small = slope.norm() <= tau;
    small_seen = small_seen || small;
    const int step = static_cast<int>(t);
    const bool quiet = !last_kick || step - *last_kick > settings.wait;
    if (kick.norm() <= perturbed_io::kick_floor(r, path[t], eta * slope)) {
      if (small && quiet) ++missed;
      continue;
    }
    if (!small) ++large;
    else if (!quiet) ++too_soon;
    if (kick.norm() > r * (1.0 + 1e-12) + perturbed_io::kick_floor(r, path[t], eta * slope)) ++outside;
    if (!kicks.empty() && (kick - kicks.back()).norm() <= 1e-9 * r) ++repeated;
    kick_steps.push_back(step);
    kicks.push_back(kick);
    last_kick = step;
  }
  json answer = {{"points", path.size()},
                 {"until_first_kick", until_first_kick},
                 {"kick_steps", kick_steps},
                 {"kicks_where_gradient_large", large},
                 {"kicks_too_soon", too_soon},
                 {"kicks_missed", missed},
                 {"kicks_outside_ball", outside},
                 {"kicks_repeated", repeated},
                 {"kicks_fill_the_ball", perturbed_io::fill_the_ball(kicks, r)},
                 {"same_seed_same_path", perturbed_io::same_path(path, again)},
                 {"other_seed_other_path", !perturbed_io::same_path(path, other)}};
  if (args.contains("escape_below")) {
    const double below = to_number(arg(args, "escape_below"));
    const int within = to_int(arg(args, "escape_within"));
    bool escaped = false;
    for (std::size_t t = 0; t < path.size() && static_cast<int>(t) <= within && !escaped; ++t) {
      escaped = f.value(path[t]) < below;
    }
    answer["escaped"] = escaped;
  }
  return answer;
}

}  // namespace exercise_io
