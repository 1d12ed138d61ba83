// Grading cases of Exercise 6.1 (momentum_step) that students see in their pack. Each request
// is a script of calls on optimizer states (cases/momentum_step.io.hpp); the answer is each
// call's state afterwards. The closed forms, worked by hand, are checked against the reference.

#include "momentum_step.requests.hpp"

using grading::json;
using namespace requests;

namespace {

json after(const Vector& w, const Vector& velocity) { return state(w, velocity); }

/// The closed form of a request's answer: the states after each step.
json answer(const std::vector<json>& states_after_each_step) { return {{"value", states_after_each_step}}; }

}  // namespace

void public_cases(grading::CaseBook& book) {
  book.add({.name = "the first step is a plain gradient step",
            .points = 2,
            .calls = {momentum_steps({state({1.0, -2.0}, {0.0, 0.0})}, {step(0, {0.5, 4.0}, 0.1, 0.9)})},
            .hint = "b = 0.9·0 + g = (0.5, 4), then w = (1, −2) − 0.1·(0.5, 4) = (0.95, −2.4).",
            .closed_form = {answer({after({0.95, -2.4}, {0.5, 4.0})})}});

  // A constant g = 1: b = 1, 1.9, 2.71 and w falls by 0.5 b each call.
  book.add({.name = "three steps with a constant gradient accumulate 1, 1.9, 2.71 times g",
            .points = 3,
            .calls = {momentum_steps({state({0.0}, {0.0})},
                                     {step(0, {1.0}, 0.5, 0.9), step(0, {1.0}, 0.5, 0.9), step(0, {1.0}, 0.5, 0.9)})},
            .hint = "b must carry over from one call to the next: b ← 0.9·b + g gives 1, 1.9, 2.71, "
                    "and w moves by 0.5·b after b is updated.",
            .closed_form = {answer({after({-0.5}, {1.0}), after({-1.45}, {1.9}), after({-2.805}, {2.71})})}});

  book.add({.name = "the velocity remembers a gradient that has gone",
            .points = 3,
            .calls = {momentum_steps({state({2.0, 2.0}, {0.0, 0.0})},
                                     {step(0, {1.0, -1.0}, 0.2, 0.5), step(0, {0.0, 0.0}, 0.2, 0.5)})},
            .hint = "With a zero gradient the velocity still moves w: b = 0.5·(1, −1), w = (1.8, 2.2) − 0.2·b.",
            .closed_form = {answer({after({1.8, 2.2}, {1.0, -1.0}), after({1.7, 2.3}, {0.5, -0.5})})}});

  // L = w², gradient 2w at each new point: with μ = 0 and η = 0.25 every call halves w.
  std::vector<json> halving;
  for (double w = 3.0; w > 0.2; w /= 2.0) halving.push_back(after({w / 2.0}, {2.0 * w}));
  const json step_on_loss = {{"state", 0}, {"learning_rate", 0.25}, {"momentum", 0.0}};
  book.add({.name = "μ = 0 is plain gradient descent",
            .points = 2,
            .calls = {momentum_steps({{{"w", {3.0}}, {"velocity", {0.0}},
                                       {"function", {{"kind", "quadratic"}, {"hessian", {2.0}}}}}},
                                     std::vector<json>(4, step_on_loss))},
            .hint = "With μ = 0 the velocity is just the gradient: four steps of η = 0.25 on w² halve w four "
                    "times.",
            .closed_form = {answer(halving)}});
}
