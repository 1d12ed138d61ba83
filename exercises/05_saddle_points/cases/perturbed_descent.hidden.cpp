// Hidden grading cases of Exercise 5.2 (perturbed_descent): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. The kick seeds are drawn from the case book's seeded source, so every grading seed
// tries other kicks; each case compares only the parts of the answer that do not depend on them.

#include "perturbed_descent.requests.hpp"
#include "protocol.hpp"


#include <cmath>
#include <vector>

using namespace requests;

namespace {

int any_seed(descent::Random& random) { return grading::whole_number(random, 1, 1'000'000); }

// A saddle in n dimensions: curvatures `lambda` (the last one negative) along a random basis,
// centred at a random c, and a start c + v with v of length 2 along the upward directions only,
// so that plain descent walks into the saddle point and stays there.
Run rotated_saddle(descent::Random& random, const std::vector<double>& lambda) {
  const auto n = static_cast<Eigen::Index>(lambda.size());
  const Eigen::MatrixXd q = grading::random_rotation(random, n);
  const Eigen::MatrixXd h = grading::with_eigenvalues(q, Eigen::Map<const Eigen::VectorXd>(lambda.data(), n));
  Eigen::VectorXd up = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i + 1 < n; ++i) up[i] = random.normal();
  const Eigen::VectorXd center = Eigen::VectorXd::NullaryExpr(n, [&] { return random.uniform(-3.0, 3.0); });
  const Eigen::VectorXd start = center + 2.0 * q * up.normalized();
  return {.function = {{"kind", "quadratic"}, {"hessian", protocol::matrix(h)},
                       {"center", Vector(center.begin(), center.end())}},
          .start = Vector(start.begin(), start.end()),
          .steps = 450,
          .seed = any_seed(random),
          .escape_below = -1.0,
          .escape_within = 400};
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const std::vector<std::vector<double>> saddles{{2.0, -2.0}, {1.0, 2.0, -1.5}, {1.0, 1.5, 3.0, -1.0}, {1.0, 2.0, 2.5, 3.0, -2.0}};

  // Measured once over 20 000 seeds each, the reference escaped these within 214 steps; the bound is 400.
  {
    grading::Case escapes{.name = "rotated saddles in 2 to 5 dimensions, started on their ridge: escape within a bound",
                          .points = 2,
                          .parts = parts(kick_rule, {"/escaped"})};
    for (const auto& lambda : saddles) {
      escapes.calls.push_back(perturbed(rotated_saddle(random, lambda)));
      escapes.closed_form.push_back(rule_kept(450, {{"/escaped", true}}));
    }
    book.add(escapes);
  }

  {
    grading::Case seeded{.name = "random seeds, several runs in one program: a seed fixes the path", .points = 1, .parts = repeatable};
    for (int k = 0; k < 3; ++k) {
      Run run{.function = saddle(), .start = {random.uniform(0.5, 2.0), 0.0}, .steps = 150, .seed = any_seed(random)};
      seeded.calls.push_back(perturbed(run));
      seeded.calls.push_back(perturbed(run));  // the same request again, in the same program
      seeded.closed_form.insert(seeded.closed_form.end(), 2,
                                value({{"/same_seed_same_path", true}, {"/other_seed_other_path", true}}));
    }
    book.add(seeded);
  }

  // f = 2.5‖w‖², η = 0.3: w ← −0.5·w + ξ stays within 2r of 0, where ‖∇f‖ ≤ 10r ≤ 0.5 < τ = 1,
  // so with T = 0 every step kicks: 1000 kicks to check against the uniform ball.
  {
    grading::Case many{.name = "a thousand kicks in a steep bowl, sizes 1 to 4: each inside the ball, together filling it",
                       .points = 2,
                       .parts = parts(kick_rule, {"/kicks_repeated", "/kicks_fill_the_ball"})};
    for (int n = 1; n <= 4; ++n) {
      many.calls.push_back(perturbed({.function = quadratic(Vector(static_cast<std::size_t>(n), 5.0)),
                                      .start = Vector(static_cast<std::size_t>(n), 0.0),
                                      .learning_rate = 0.3,
                                      .threshold = 1.0,
                                      .radius = random.uniform(0.01, 0.05),
                                      .wait = 0,
                                      .steps = 1000,
                                      .seed = any_seed(random)}));
      many.closed_form.push_back(rule_kept(1000, {{"/kicks_repeated", 0}, {"/kicks_fill_the_ball", true}}));
    }
    book.add(many);
  }

  // On ½‖w‖² from ‖w‖ = 0.5 with τ = 1, every step kicks while the step η·∇f is 5r down to 0.2r.
  {
    const Vector start = grading::uniform_numbers(random, 3, -1.0, 1.0);
    const double length = std::sqrt(start[0] * start[0] + start[1] * start[1] + start[2] * start[2]);
    book.add({.name = "kicks on a slope, where the gradient step is larger than the kick",
              .points = 1,
              .calls = {perturbed({.function = quadratic(Vector{1.0, 1.0, 1.0}),
                                   .start = {0.5 * start[0] / length, 0.5 * start[1] / length, 0.5 * start[2] / length},
                                   .threshold = 1.0,
                                   .wait = 0,
                                   .steps = 30,
                                   .seed = any_seed(random)})},
              .parts = kick_rule,
              .closed_form = {rule_kept(30)}});
  }

  {
    grading::Case flat_runs{.name = "flat functions in 1 to 6 dimensions with waits of 0 to 7 steps", .points = 2,
                            .parts = parts(kick_rule, {"/kick_steps"})};
    for (int k = 0; k < 4; ++k) {
      const int n = grading::whole_number(random, 1, 6);
      const int wait = k == 0 ? 0 : grading::whole_number(random, 1, 7);
      const int steps = grading::whole_number(random, 20, 40);
      json due = json::array();
      for (int t = 0; t < steps; t += wait + 1) due.push_back(t);
      flat_runs.calls.push_back(perturbed({.function = flat(n),
                                           .start = grading::uniform_numbers(random, n, -1.0, 1.0),
                                           .radius = random.uniform(0.1, 0.8),
                                           .wait = wait,
                                           .steps = steps,
                                           .seed = any_seed(random)}));
      flat_runs.closed_form.push_back(rule_kept(steps, {{"/kick_steps", due}}));
    }
    book.add(flat_runs);
  }

  // ‖∇f(start)‖ equals τ exactly (one non-zero coordinate, a power of two): the kick is due.
  book.add({.name = "a gradient exactly as long as the threshold",
            .points = 1,
            .calls = {perturbed({.function = quadratic(Vector{1.0, 1.0}), .start = {0.5, 0.0}, .threshold = 0.5, .steps = 1,
                                 .seed = any_seed(random)}),
                      perturbed({.function = quadratic(Vector{1.0, 1.0, 1.0}), .start = {0.0, 0.0, -2.0}, .threshold = 2.0,
                                 .radius = 0.1, .steps = 1, .seed = any_seed(random)})},
            .parts = {"/kick_steps"},
            .closed_form = {value({{"/kick_steps", {0}}}), value({{"/kick_steps", {0}}})}});

  // ‖∇f‖ = 3 ≤ τ = 4 from the start (3² = 9 is not); then x² from 0.5, where ‖∇f‖ = 0.8ᵗ
  // first reaches τ = 10⁻² at t = 21 and its square reaches τ at t = 11.
  json slow = json::array();
  for (int t = 0; t <= 21; ++t) slow.push_back(Vector{0.5 * std::pow(0.8, t)});
  book.add({.name = "thresholds above and below 1",
            .points = 1,
            .calls = {perturbed({.function = quadratic(Vector{1.0, 1.0}), .start = {0.0, 3.0}, .threshold = 4.0, .radius = 0.1,
                                 .wait = 5, .steps = 3, .seed = any_seed(random)}),
                      perturbed({.function = quadratic(Vector{2.0}), .start = {0.5}, .threshold = 1e-2, .steps = 30,
                                 .seed = any_seed(random)})},
            .parts = {"/kick_steps", "/until_first_kick", "/kicks_missed", "/kicks_where_gradient_large"},
            .closed_form = {value({{"/kick_steps", {0}}, {"/until_first_kick", {Vector{0.0, 3.0}}}, {"/kicks_missed", 0},
                                   {"/kicks_where_gradient_large", 0}}),
                            value({{"/kick_steps", {21}}, {"/until_first_kick", slow}, {"/kicks_missed", 0},
                                   {"/kicks_where_gradient_large", 0}})}});
}
