// Hidden grading cases of Exercise 6.2 (adamw_step): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.
// Every request is a script of calls on optimizer states (cases/adamw_step.io.hpp), so a step
// count or a moment that is not carried in the state, or one kept elsewhere, shows in later calls.

#include "adamw_step.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

namespace {

// Settings drawn around the usual ones, with weight decay and momentum both well away from 0.
Settings random_settings(descent::Random& random) {
  return {random.uniform(0.005, 0.1), random.uniform(0.8, 0.95), random.uniform(0.99, 0.9999), 1e-8,
          random.uniform(0.05, 0.5)};
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-10, 1e-9};

  // AdamW on L = ½(w − c)ᵀA(w − c), the gradient taken at each new point.
  grading::Case long_runs{
      .name = "long runs on random rotated quadratics of sizes 1 to 6, with weight decay, many consecutive calls",
      .points = 2,
      .tolerance = differential};
  for (int run = 0; run < 3; ++run) {
    const int n = grading::whole_number(random, 1, 6);
    json start = fresh_state(grading::uniform_numbers(random, n, -10.0, 10.0));
    start["function"] = {{"kind", "quadratic"}, {"hessian", grading::random_spd_matrix(random, n)},
                         {"center", grading::uniform_numbers(random, n, -5.0, 5.0)}};
    const json step_on_loss = random_settings(random).step(0);
    long_runs.calls.push_back(adamw_steps({start}, std::vector<json>(static_cast<std::size_t>(grading::whole_number(random, 50, 200)), step_on_loss)));
  }
  long_runs.calls.push_back(long_runs.calls.front());  // the first run again, from its own start
  book.add(long_runs);

  // Two optimizers of the same size, both from t = 0, stepped in a random order: each must count
  // its own steps and keep its own moments. Then a fresh optimizer in the same program.
  {
    const int n = grading::whole_number(random, 2, 5);
    const Settings settings = random_settings(random);
    std::vector<json> steps;
    for (int k = 0; k < 24; ++k) {
      const Vector gradient = grading::uniform_numbers(random, n, -3.0, 3.0);  // one draw per statement
      const int state = static_cast<int>(random.below(2));
      steps.push_back(settings.step(state, gradient));
    }
    std::vector<json> fresh_steps;
    for (int k = 0; k < 6; ++k) fresh_steps.push_back(settings.step(0, grading::uniform_numbers(random, n, -3.0, 3.0)));
    book.add({.name = "two optimizers stepped in turn (interleaved calls on independent states), then a fresh one",
              .points = 2,
              .calls = {adamw_steps({fresh_state(grading::uniform_numbers(random, n, -2.0, 2.0)), fresh_state(grading::uniform_numbers(random, n, -2.0, 2.0))}, steps),
                        adamw_steps({fresh_state(grading::uniform_numbers(random, n, -2.0, 2.0))}, fresh_steps)},
              .tolerance = differential});
  }

  // Where the order of the decay and the update matters: both large, and gradients that change.
  {
    grading::Case decay{.name = "strong weight decay with changing gradients, a few calls each",
                        .points = 2,
                        .tolerance = differential};
    for (int run = 0; run < 4; ++run) {
      const int n = grading::whole_number(random, 1, 4);
      const Settings settings{random.uniform(0.05, 0.3), random.uniform(0.5, 0.95), random.uniform(0.9, 0.999), 1e-8,
                              random.uniform(0.2, 1.0)};
      std::vector<json> steps;
      for (int k = grading::whole_number(random, 2, 6); k > 0; --k) steps.push_back(settings.step(0, grading::uniform_numbers(random, n, -3.0, 3.0)));
      decay.calls.push_back(adamw_steps({fresh_state(grading::uniform_numbers(random, n, -4.0, 4.0))}, steps));
    }
    book.add(decay);
  }

  // Each coordinate keeps its own order of magnitude, 1e-150 to 1e150 (g² stays finite): the
  // steps are about η whatever the scale. Compared relatively only.
  {
    const Settings settings{0.01, 0.9, 0.999, 1e-8, 0.1};
    const Vector scale{1e-150, 1e-60, 1e-3, 1e40, 1e150};
    std::vector<json> steps;
    for (int k = 0; k < 8; ++k) {
      Vector g;
      for (const double s : scale) g.push_back(s * random.uniform(-3.0, 3.0));
      steps.push_back(settings.step(0, g));
    }
    book.add({.name = "gradients from 1e-150 to 1e150 in one vector (their squares stay finite)",
              .points = 1,
              .calls = {adamw_steps({fresh_state({1.0, -1.0, 2.0, -2.0, 3.0})}, steps)},
              .tolerance = {0.0, 1e-9}});
  }

  // Gradients near ε early in a run, when 1 − β2ᵗ is still small: ε must be added to √v̂ itself.
  {
    const Settings settings{0.01, 0.9, 0.999, 1e-8, 0.0};
    grading::Case tiny{.name = "tiny gradients, where ε is comparable to √v̂ in the first calls",
                       .points = 1,
                       .tolerance = {0.0, 1e-9}};
    for (int run = 0; run < 2; ++run) {
      const int n = grading::whole_number(random, 1, 4);
      std::vector<json> steps;
      for (int k = 0; k < 5; ++k) {
        Vector g;
        for (int i = 0; i < n; ++i) {
          const double size = std::pow(10.0, random.uniform(-10.0, -7.0));  // one draw per statement
          g.push_back(random.below(2) ? size : -size);
        }
        steps.push_back(settings.step(0, g));
      }
      tiny.calls.push_back(adamw_steps({fresh_state(grading::uniform_numbers(random, n, -1.0, 1.0))}, steps));
    }
    book.add(tiny);
  }

  // A state a previous call left: moments and a step count t > 0 that the next call builds on.
  {
    grading::Case resumed{.name = "runs resumed from a saved state (non-zero moments, t > 0)", .points = 1,
                          .tolerance = differential};
    for (int run = 0; run < 3; ++run) {
      const int n = grading::whole_number(random, 1, 5);
      const Settings settings = random_settings(random);
      json start = {{"w", grading::uniform_numbers(random, n, -2.0, 2.0)}, {"m", grading::uniform_numbers(random, n, -1.0, 1.0)}, {"v", grading::uniform_numbers(random, n, 0.01, 2.0)},
                    {"t", grading::whole_number(random, 1, 30)}};
      std::vector<json> steps;
      for (int k = grading::whole_number(random, 1, 4); k > 0; --k) steps.push_back(settings.step(0, grading::uniform_numbers(random, n, -3.0, 3.0)));
      resumed.calls.push_back(adamw_steps({start}, steps));
    }
    book.add(resumed);
  }

  // A constant g: m = (1 − β1ᵗ)·g and v = (1 − β2ᵗ)·g², so m̂ = g and v̂ = g² on every call and
  // every step is η·g/(|g| + ε) — if, and only if, t counts the calls.
  {
    const Settings settings{0.02, 0.9, 0.999, 1e-8, 0.0};
    const double g = -0.4, w0 = 1.0;
    std::vector<json> steps, expected;
    for (int t = 1; t <= 50; ++t) {
      steps.push_back(settings.step(0, {g}));
      expected.push_back(after({w0 - t * 0.02 * g / (std::abs(g) + 1e-8)}, {(1.0 - std::pow(0.9, t)) * g},
                               {(1.0 - std::pow(0.999, t)) * g * g}, t));
    }
    book.add({.name = "a constant gradient for 50 calls: every step as large as the first",
              .points = 1,
              .calls = {adamw_steps({fresh_state({w0})}, steps)},
              .tolerance = {1e-12, 1e-10},
              .closed_form = {{{"value", json(expected)}}}});
  }

  // A zero gradient: only the decay acts, w·(1 − ηλ)ᵗ, and the moments stay 0.
  {
    const Settings settings{0.05, 0.9, 0.999, 1e-8, 0.3};
    std::vector<json> steps, expected;
    for (int t = 1; t <= 40; ++t) {
      steps.push_back(settings.step(0, {0.0, 0.0}));
      const double shrink = std::pow(1.0 - 0.05 * 0.3, t);
      expected.push_back(after({3.0 * shrink, -0.5 * shrink}, {0.0, 0.0}, {0.0, 0.0}, t));
    }
    book.add({.name = "a zero gradient for 40 calls: only the decay acts",
              .points = 1,
              .calls = {adamw_steps({fresh_state({3.0, -0.5})}, steps)},
              .tolerance = {1e-14, 1e-11},
              .closed_form = {{{"value", json(expected)}}}});
  }
}
