// Hidden grading cases of Exercise 6.1 (momentum_step): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.
// Every request is a script of calls on optimizer states (cases/momentum_step.io.hpp), so a
// velocity that is not carried in the state, or one kept elsewhere, shows in later calls.

#include "momentum_step.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

namespace {

// Random gradients for `calls` calls on one state of size n, each a fresh draw (they change
// size and sign from call to call).
std::vector<json> random_steps(descent::Random& random, int state, int n, int calls, double learning_rate,
                               double momentum) {
  std::vector<json> steps;
  for (int k = 0; k < calls; ++k) steps.push_back(step(state, grading::uniform_numbers(random, n, -3.0, 3.0), learning_rate, momentum));
  return steps;
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-10, 1e-9};

  // Heavy ball on L = ½(w − c)ᵀA(w − c), the gradient taken at each new point: every call's
  // velocity must be the one the previous call left.
  grading::Case long_runs{.name = "long runs on random rotated quadratics of sizes 1 to 6, many consecutive calls",
                          .points = 2,
                          .tolerance = differential};
  for (int run = 0; run < 3; ++run) {
    const int n = grading::whole_number(random, 1, 6);
    const json function = {{"kind", "quadratic"}, {"hessian", grading::random_spd_matrix(random, n)},
                           {"center", grading::uniform_numbers(random, n, -5.0, 5.0)}};
    const json step_on_loss = {{"state", 0}, {"learning_rate", random.uniform(0.01, 0.3)},
                               {"momentum", random.uniform(0.0, 0.95)}};
    json start = state(grading::uniform_numbers(random, n, -10.0, 10.0), Vector(static_cast<std::size_t>(n), 0.0));
    start["function"] = function;
    long_runs.calls.push_back(momentum_steps({start}, std::vector<json>(static_cast<std::size_t>(grading::whole_number(random, 50, 200)),
                                                                         step_on_loss)));
  }
  long_runs.calls.push_back(long_runs.calls.front());  // the first run again, from its own start
  book.add(long_runs);

  // Two optimizers of the same size, stepped in a random order: each must continue from its own
  // velocity. Then a fresh optimizer in the same program must start from its own zeros.
  {
    const int n = grading::whole_number(random, 2, 5);
    const double learning_rate = random.uniform(0.05, 0.5);
    const double momentum = random.uniform(0.5, 0.95);
    std::vector<json> steps;
    for (int k = 0; k < 24; ++k) {
      const Vector gradient = grading::uniform_numbers(random, n, -3.0, 3.0);  // one draw per statement
      const int which = static_cast<int>(random.below(2));
      steps.push_back(step(which, gradient, learning_rate, momentum));
    }
    const json zeros = Vector(static_cast<std::size_t>(n), 0.0);
    const json interleaved = momentum_steps(
        {state(grading::uniform_numbers(random, n, -2.0, 2.0), zeros), state(grading::uniform_numbers(random, n, -2.0, 2.0), zeros)},
        steps);
    const std::vector<json> fresh_steps = random_steps(random, 0, n, 6, learning_rate, momentum);
    const json fresh = momentum_steps({state(grading::uniform_numbers(random, n, -2.0, 2.0), zeros)}, fresh_steps);
    book.add({.name = "two optimizers stepped in turn (interleaved calls on independent states), then a fresh one",
              .points = 2,
              .calls = {interleaved, fresh},
              .tolerance = differential});
  }

  // η changes from call to call: PyTorch's b stores no η, so only this call's η scales its step.
  {
    const int n = grading::whole_number(random, 1, 4);
    std::vector<json> steps;
    for (int k = 0; k < 12; ++k) steps.push_back(step(0, grading::uniform_numbers(random, n, -3.0, 3.0), 0.5 * std::pow(0.7, k), 0.9));
    book.add({.name = "the learning rate changes from call to call (a schedule)",
              .points = 1,
              .calls = {momentum_steps({state(grading::uniform_numbers(random, n, -2.0, 2.0), Vector(static_cast<std::size_t>(n), 0.0))},
                                       steps)},
              .tolerance = differential});
  }

  // A state a previous call left: a non-zero velocity, which the next call must build on.
  {
    grading::Case resumed{.name = "runs resumed from a saved, non-zero velocity", .points = 1, .tolerance = differential};
    for (int run = 0; run < 3; ++run) {
      const int n = grading::whole_number(random, 1, 5);
      // One draw per statement: the order of a call's arguments is up to the compiler.
      const double momentum = random.uniform(0.0, 0.99);
      const double learning_rate = random.uniform(0.05, 0.5);
      const int steps = grading::whole_number(random, 1, 5);
      std::vector<json> resumed_steps = random_steps(random, 0, n, steps, learning_rate, momentum);
      const Vector velocity = grading::uniform_numbers(random, n, -4.0, 4.0);
      const Vector position = grading::uniform_numbers(random, n, -2.0, 2.0);
      resumed.calls.push_back(momentum_steps({state(position, velocity)}, std::move(resumed_steps)));
    }
    book.add(resumed);
  }

  // A constant gradient g for t calls: b_t = (1 − μᵗ)/(1 − μ)·g, and w falls by η·Σ b_s =
  // η·g·(t − μ(1 − μᵗ)/(1 − μ))/(1 − μ).
  {
    const double g = 0.75, learning_rate = 0.1, momentum = 0.95, w0 = 4.0;
    std::vector<json> steps, expected;
    for (int t = 1; t <= 60; ++t) {
      steps.push_back(step(0, {g}, learning_rate, momentum));
      const double decayed = std::pow(momentum, t);
      const double velocity = (1.0 - decayed) / (1.0 - momentum) * g;
      const double travelled = learning_rate * g * (t - momentum * (1.0 - decayed) / (1.0 - momentum)) / (1.0 - momentum);
      expected.push_back(state({w0 - travelled}, {velocity}));
    }
    book.add({.name = "a constant gradient for 60 calls with momentum near 1",
              .points = 1,
              .calls = {momentum_steps({state({w0}, {0.0})}, steps)},
              .tolerance = {1e-11, 1e-10},
              .closed_form = {{{"value", json(expected)}}}});
  }
}
