// Chapter 6 reproduction tests: the optimizer family's first steps against hand-computed
// values, the two momentum forms, convergence, the quadratic theory, and the program's output.

#include "descent/functions.hpp"
#include "descent/minimize.hpp"
#include "descent/optimizer_choice.hpp"
#include "descent/optimizers.hpp"
#include "descent/schedule.hpp"
#include "descent/stability.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

namespace {
Run chapter(const std::string& args) { return run_program(MOMENTUM_ADAM_BINARY, args); }
Vector v2(double a, double b) { return Vector{{a, b}}; }
}  // namespace

TEST_CASE("first steps of every optimizer, by hand") {
  const Vector g = v2(2.0, -0.5);
  {  // momentum: b = g, then b = 0.9g + g = 1.9g
    Momentum<> o(0.9);
    Vector w = v2(1.0, 1.0);
    o.step(w, g, 0.1);
    CHECK(w[0] == Approx(0.8));
    o.step(w, g, 0.1);
    CHECK(w[0] == Approx(0.8 - 0.1 * 3.8));
    CHECK(o.velocity()[1] == Approx(-0.95));
  }
  {  // Nesterov: b = g; step uses g + μb = 1.9g
    Nesterov<> o(0.9);
    Vector w = v2(1.0, 1.0);
    o.step(w, g, 0.1);
    CHECK(w[0] == Approx(1.0 - 0.1 * 3.8));
  }
  {  // Adagrad: s = g², step η·g/(|g| + ε) ≈ η·sign(g); second step: s = 2g², step η/√2
    Adagrad<> o;
    Vector w = v2(0.0, 0.0);
    o.step(w, g, 0.1);
    CHECK(w[0] == Approx(-0.1));
    CHECK(w[1] == Approx(0.1));
    o.step(w, g, 0.1);
    CHECK(w[0] == Approx(-0.1 - 0.1 / std::sqrt(2.0)));
  }
  {  // RMSprop: v = 0.01·g², step η·g/(0.1|g| + ε) ≈ 10η·sign(g)
    RMSprop<> o;
    Vector w = v2(0.0, 0.0);
    o.step(w, g, 0.01);
    CHECK(w[0] == Approx(-0.1).epsilon(1e-6));
    CHECK(o.squared_average()[0] == Approx(0.04));
  }
  {  // Adam: first step η·sign(g); the moments are (1−β1)g and (1−β2)g²
    Adam<> o;
    Vector w = v2(0.0, 0.0);
    o.step(w, g, 1e-3);
    CHECK(w[0] == Approx(-1e-3).epsilon(1e-6));
    CHECK(w[1] == Approx(1e-3).epsilon(1e-6));
    CHECK(o.first_moment()[0] == Approx(0.2));
    CHECK(o.second_moment()[0] == Approx(0.004));
    CHECK(o.steps_taken() == 1);
  }
  {  // AdamW: w·(1 − ηλ) first, then Adam
    Adam<> o = AdamW<double>({.weight_decay = 0.5});
    Vector w = v2(2.0, 2.0);
    o.step(w, g, 0.1);
    CHECK(w[0] == Approx(2.0 * 0.95 - 0.1).epsilon(1e-6));
  }
  {  // Adam with L2: λw goes into the gradient
    Adam<> o({.weight_decay = 0.5});
    Vector w = v2(2.0, 2.0);
    o.step(w, v2(-1.0, -1.0), 0.1);  // g + λw = 0: no step at all
    CHECK(w[0] == Approx(2.0));
  }
  {  // Lion: sign of 0.1·g on the first step; m = 0.01·g
    Lion<> o;
    Vector w = v2(0.0, 0.0);
    o.step(w, g, 1e-4);
    CHECK(w[0] == Approx(-1e-4));
    CHECK(w[1] == Approx(1e-4));
    CHECK(o.momentum()[0] == Approx(0.02));
  }
}

TEST_CASE("the two momentum forms take the same steps at a constant learning rate") {
  const Rosenbrock f;
  const RunResult a = minimize(f, v2(-1.2, 1.0), ConstantRate{1e-3}, StopRules{.max_steps = 500}, Momentum<>(0.9));
  const RunResult b = minimize(f, v2(-1.2, 1.0), ConstantRate{1e-3}, StopRules{.max_steps = 500},
                               MomentumVelocityForm<>(0.9));
  for (std::size_t t = 0; t < a.trace.size(); t += 50) {
    CHECK((a.trace.rows()[t].x - b.trace.rows()[t].x).norm() < 1e-12);
  }
  // With a changing rate they differ: past steps keep the rate they were taken with.
  const RunResult c = minimize(f, v2(-1.2, 1.0), ExponentialDecay{1e-3, 0.01}, StopRules{.max_steps = 100},
                               Momentum<>(0.9));
  const RunResult d = minimize(f, v2(-1.2, 1.0), ExponentialDecay{1e-3, 0.01}, StopRules{.max_steps = 100},
                               MomentumVelocityForm<>(0.9));
  CHECK((c.x - d.x).norm() > 1e-6);
}

TEST_CASE("float and double, any size, and reset clears the state") {
  Adam<float> single;
  VectorOf<float> w = VectorOf<float>::Ones(1000);
  single.step(w, VectorOf<float>::Constant(1000, 0.5f), 0.01f);
  CHECK(w[999] == Approx(0.99f).epsilon(1e-5));
  single.reset();
  CHECK(single.first_moment().size() == 0);
  CHECK(single.steps_taken() == 0);
  Momentum<float> heavy(0.9f);
  heavy.step(w, VectorOf<float>::Ones(1000), 0.1f);
  CHECK(heavy.velocity().size() == 1000);
}

TEST_CASE("every optimizer converges on a well-conditioned quadratic") {
  const Quadratic q = Quadratic::with_eigenvalues(v2(1.0, 4.0));
  for (const auto& name : optimizer_names()) {
    OptimizerSettings s;
    s.name = name;
    s.weight_decay = 0.0;
    // Sign-like steps (Lion, RMSprop) jitter at the scale of η, so they get small rates.
    const double eta = name == "lion" || name == "rmsprop" ? 1e-3
                       : name == "adagrad"                  ? 0.5
                       : name == "adam" || name == "adamw"  ? 0.01
                                                            : 0.1;
    const RunResult run = minimize(q, v2(1.0, 1.0), ConstantRate{eta}, StopRules{.max_steps = 5000}, make_optimizer(s));
    INFO(name);
    CHECK(run.loss < 1e-5);
  }
}

TEST_CASE("quadratic theory: rates of descent and momentum, the momentum edge") {
  const Run run = chapter("--experiment theory");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "10    descent   0.181818         —        0.818182       0.818182"));
  CHECK(contains(run.out, "100   descent   0.019802         —        0.980198       0.980198"));
  CHECK(contains(run.out, "10   momentum   0.230886  0.269874        0.519494       0.52"));
  CHECK(contains(run.out, "100  momentum  0.0330579  0.669421        0.818182       0.81"));
  const Quadratic q = Quadratic::with_eigenvalues(v2(1.0, 100.0));
  const double rate_root = (10.0 - 1) / (10.0 + 1);
  const RunResult heavy = minimize(q, v2(1.0, 1.0), ConstantRate{std::pow(2.0 / 11.0, 2)}, StopRules{.max_steps = 1000},
                                   Momentum<>(rate_root * rate_root));
  const double measured = std::pow(heavy.x.stableNorm() / heavy.trace.rows()[500].x.stableNorm(), 1.0 / 500);
  CHECK(measured == Approx(rate_root).epsilon(1e-2));
  const double edge = stability_edge_by_bisection(q, v2(1.0, 1.0), 0.01, 0.06, 1e-9, 4000, Momentum<>(0.9));
  CHECK(edge == Approx(0.038).epsilon(1e-6));
}

TEST_CASE("the Rosenbrock race and the zig-zag") {
  const Run race = chapter("--no-plot");
  REQUIRE(race.status == 0);
  CHECK(has_row(race.out, {"gd", "0.002", "not reached", "1.5e-03"}));
  CHECK(has_row(race.out, {"momentum", "0.001", "2493"}));
  CHECK(has_row(race.out, {"nesterov", "0.001", "2537"}));
  CHECK(contains(race.out, "adam        0.05"));
  CHECK(contains(race.out, "lion       0.002"));
  // The text: descent's η is the best of the sweep; past 2/λmax ≈ 0.002 on the floor it rattles
  // (f higher after 3000 steps), and at 0.01 it blows up within four steps.
  CHECK(contains(race.out, "after 3000 steps f is lowest at η = 0.002 (the race above runs gd at 0.002)"));
  CHECK(has_row(race.out, {"0.001", "2.5e-02"}));
  CHECK(has_row(race.out, {"0.0025", "1.2e-01"}));
  CHECK(has_row(race.out, {"0.01", "diverged at step 4"}));
  const Rosenbrock valley;
  const auto f_after = [&](double eta) {
    return minimize(valley, v2(-1.2, 1.0), eta, StopRules{.max_steps = 3000}).loss;
  };
  // "On the valley floor the steepest curvature is about 1000, so 2/λmax is about 0.002."
  CHECK(largest_stable_learning_rate(valley.hessian(v2(1.0, 1.0))) == Approx(0.002).epsilon(0.01));
  CHECK(f_after(2e-3) < f_after(1e-3));
  CHECK(f_after(2e-3) < f_after(2.5e-3));
  const Run zigzag = chapter("--experiment zigzag");
  REQUIRE(zigzag.status == 0);
  // Momentum's first swings are wider than descent's (1.93 at step 2 against 0.923 at step 1),
  // then die out sooner: |y| < 0.01 from step 21 against 58.
  CHECK(has_row(zigzag.out, {"descent", "0.07692", "—", "2.3e-09", "113", "0.923 (1)", "58"}));
  CHECK(has_row(zigzag.out, {"momentum", "0.1111", "0.4444", "1.4e-47", "31", "1.93 (2)", "21"}));
}

TEST_CASE("a chosen optimizer with every hyper-parameter") {
  const Run run = chapter("--experiment run --optimizer adamw --lr 0.05 --beta1 0.8 --beta2 0.99 --eps 1e-6 "
                          "--weight-decay 0 --steps 2000 --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "adamw on Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)², schedule constant from η0 = 0.05"));
  CHECK(contains(run.out, "result: approaching, loss 0.0325603 at (0.988755, 0.995647) after 2000 steps"));
}

TEST_CASE("ε = 0 is refused where the update divides by √v + ε") {
  for (const char* name : {"adagrad", "rmsprop", "adam", "adamw"}) {
    INFO(name);
    OptimizerSettings s;
    s.name = name;
    s.eps = 0.0;
    CHECK_THROWS_WITH(make_optimizer(s), Catch::Contains("--eps"));
    s.eps = 1e-12;
    CHECK_NOTHROW(make_optimizer(s));
  }
  OptimizerSettings momentum;  // momentum has no ε to divide by
  momentum.name = "momentum";
  momentum.eps = 0.0;
  CHECK_NOTHROW(make_optimizer(momentum));
}
