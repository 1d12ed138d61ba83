// Grading cases of Exercise 5.2 (perturbed_descent) that students see in their pack. The kicks
// are random, so each case compares only some parts of the adapter's reading of the path
// (cases/perturbed_descent.io.hpp): the exact points before any kick, the kick rule's counts,
// whether the run escapes, and whether a seed fixes the path. The closed forms are worked by hand.

#include "perturbed_descent.requests.hpp"

#include <cmath>

using namespace requests;

namespace {

// The chapter's run: x² − y² from exactly (1, 0), η = 0.1, τ = 10⁻³, r = 10⁻², T = 20.
Run chapter_run() { return {.function = saddle(), .start = {1.0, 0.0}, .steps = 200, .escape_below = -1.0, .escape_within = 200}; }

}  // namespace

void public_cases(grading::CaseBook& book) {
  // Each plain step multiplies x by 1 − 2η = 0.8; ‖∇f‖ = 2·0.8ᵗ first falls to 10⁻³ at t = 35.
  json plain = json::array();
  for (int t = 0; t <= 35; ++t) plain.push_back(Vector{std::pow(0.8, t), 0.0});
  book.add({.name = "from (1, 0) on x² − y²: plain steps until the gradient is small",
            .points = 2,
            .calls = {perturbed(chapter_run())},
            .parts = {"/points", "/until_first_kick"},
            .hint = "Until a kick, every step is w ← w − η·∇f(w): x = 0.8ᵗ, y = 0, and ‖∇f‖ = 2·0.8ᵗ "
                    "is at most 10⁻³ first at t = 35. The path has steps + 1 points.",
            .closed_form = {value({{"/points", 201}, {"/until_first_kick", plain}})}});

  book.add({.name = "from (1, 0) on x² − y²: kicks only where the gradient is small, and the run escapes",
            .points = 2,
            .calls = {perturbed(chapter_run())},
            .parts = parts(kick_rule, {"/escaped"}),
            .hint = "Kick where ‖∇f‖ ≤ τ (the norm, not its square) and the last T steps did not kick; "
                    "add the kick to the step; keep ‖ξ‖ ≤ r. The escape: x² − y² < −1 within 200 steps.",
            .closed_form = {rule_kept(200, {{"/escaped", true}})}});

  book.add({.name = "the same settings give the same path, another seed another path",
            .points = 2,
            .calls = {perturbed(chapter_run())},
            .parts = repeatable,
            .hint = "Seed a std::mt19937_64 with settings.seed inside the call (not std::random_device, not a "
                    "static generator, not a fixed seed).",
            .closed_form = {value({{"/same_seed_same_path", true}, {"/other_seed_other_path", true}})}});

  // ∇f = (x, 2y) stays far above 10⁻³ for 40 steps: x = 3·0.9ᵗ, y = −2·0.8ᵗ.
  json bowl = json::array();
  for (int t = 0; t <= 40; ++t) bowl.push_back(Vector{3.0 * std::pow(0.9, t), -2.0 * std::pow(0.8, t)});
  book.add({.name = "a bowl seen from far away: no kick at all",
            .points = 1,
            .calls = {perturbed({.function = quadratic(Vector{1.0, 2.0}), .start = {3.0, -2.0}, .wait = 5, .steps = 40})},
            .parts = {"/until_first_kick", "/kick_steps"},
            .hint = "Where the gradient is large, perturbed descent is plain descent.",
            .closed_form = {value({{"/until_first_kick", bowl}, {"/kick_steps", json::array()}})}});

  book.add({.name = "a flat function: a kick at step 0, then one every T + 1 steps",
            .points = 2,
            .calls = {perturbed({.function = flat(2), .start = {0.0, 0.0}, .radius = 0.5, .wait = 3, .steps = 12})},
            .parts = parts(kick_rule, {"/kick_steps"}),
            .hint = "With T = 3, a kick at step 0 blocks steps 1, 2 and 3; the next comes at step 4.",
            .closed_form = {rule_kept(12, {{"/kick_steps", {0, 4, 8}}})}});
}
