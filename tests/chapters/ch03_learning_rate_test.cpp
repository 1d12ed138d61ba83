// Chapter 3 reproduction tests: the numbers of CURRICULUM §3, from the library and from the
// real output of the learning_rate program the book shows.

#include "descent/clipping.hpp"
#include "descent/errors.hpp"
#include "descent/functions.hpp"
#include "descent/lr_finder.hpp"
#include "descent/minimize.hpp"
#include "descent/schedule.hpp"
#include "descent/stability.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

namespace {
Run chapter(const std::string& args) { return run_program(LEARNING_RATE_BINARY, args); }
}  // namespace

TEST_CASE("C = w²: monotone below 0.5, one step at 0.5, oscillating below 1, divergent above") {
  const auto factor = [](double eta) {
    const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), eta, StopRules{.max_steps = 1});
    return r.x[0] / 5.0;
  };
  CHECK(factor(0.25) == Approx(0.5));
  CHECK(factor(0.5) == 0.0);
  CHECK(factor(0.75) == Approx(-0.5));
  CHECK(factor(1.25) == Approx(-1.5));
  const Run run = chapter("--experiment regimes --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "0.25               0.5             0.5  2.5, 1.25, 0.625       monotone"));
  CHECK(contains(run.out, "0.5                  0               0  0, 0, 0                one step"));
  CHECK(contains(run.out, "0.75              −0.5            −0.5  −2.5, 1.25, −0.625     oscillating"));
  CHECK(contains(run.out, "1.25              −1.5            −1.5  −7.5, 11.25, −16.875   divergent"));
}

TEST_CASE("curvature 0.3: η = 0.3 crawls, 6.0 oscillates in, 7.0 explodes, edge 6.67") {
  CHECK(largest_stable_learning_rate(Parabola{0.15}.hessian(Vector::Zero(1))) == Approx(20.0 / 3.0));
  const Run run = chapter("--experiment regimes --no-plot");
  CHECK(contains(run.out, "stable only for η < 2/0.3 = 6.66667"));
  CHECK(contains(run.out, "0.3             0.91                   49         crawls"));
  CHECK(contains(run.out, "6               −0.8                   21  oscillates in"));
  CHECK(contains(run.out, "7               −1.1                never       explodes"));
}

TEST_CASE("the race on w² + 4b²: 0.01 creeps, 0.1 settles, 0.3 diverges along b and is tagged") {
  const DiagonalBowl bowl{Vector{{1.0, 4.0}}};
  const Vector start{{-2.0, 1.0}};
  CHECK(largest_stable_learning_rate(bowl.hessian(start)) == Approx(0.25));
  const RunResult fast = minimize(bowl, start, 0.3, StopRules{.max_steps = 100});
  REQUIRE(fast.diverged());
  CHECK(fast.divergence->step == 43);
  CHECK(std::abs(fast.x[0]) < 1e-10);  // w converged (factor 0.4); b blew up (factor −1.4)
  CHECK(std::abs(fast.x[1]) > 1e5);
  const Run run = chapter("--experiment race");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "stable only for η < 2/8 = 0.25; at η = 0.3 the b factor is 1 − 8·0.3 = −1.4"));
  CHECK(contains(run.out, "0.01  approaching after 100 steps"));
  CHECK(contains(run.out, "0.1   converged after 100 steps"));
  CHECK(contains(run.out, "0.3   diverged at step 43"));
  // Without the check the loss reaches inf only ~1000 steps later: b grows by 1.4 a step, and 4b²
  // passes the largest double (1.8e308) when b passes about 6.7e153, near step 1053.
  const RunResult unchecked =
      minimize(bowl, start, 0.3, StopRules{.max_steps = 1'000'000, .explosion_factor = INFINITY});
  REQUIRE(unchecked.diverged());
  CHECK(unchecked.divergence->step == 1053);
  CHECK(std::isinf(unchecked.divergence->loss));
  CHECK(contains(run.out, "η = 0.3 without the explosion check: the run goes on to step 1053, where its loss "
                          "overflows to inf, 1010 steps after the check stopped it"));
}

TEST_CASE("stability edge: 2/λmax and bisection on real runs agree to 1e-6") {
  const Quadratic q = Quadratic::with_eigenvalues(Vector{{1.0, 10.0, 50.0}});
  const Vector start = Vector::Ones(3);
  const double theory = largest_stable_learning_rate(q.hessian(start));
  CHECK(theory == Approx(0.04).epsilon(1e-12));
  const double found = stability_edge_by_bisection(q, start, 0.5 * theory, 1.5 * theory);
  CHECK(std::abs(found - theory) / theory < 1e-6);
  CHECK_FALSE(descent_grows(q, start, theory * (1 - 1e-5), 4000));
  CHECK(descent_grows(q, start, theory * (1 + 1e-5), 4000));
  const Run run = chapter("--experiment stability");
  REQUIRE(run.status == 0);
  int rows = 0;
  for (std::size_t at = run.out.find("e-"); at != std::string::npos; at = run.out.find("e-", at + 1)) {
    const double difference = std::stod(run.out.substr(at - 1, 5));
    CHECK(difference < 1e-6);
    ++rows;
  }
  CHECK(rows == 5);
}

TEST_CASE("divergence is data: remedies on the η = 0.3 race") {
  const DiagonalBowl bowl{Vector{{1.0, 4.0}}};
  const Vector start{{-2.0, 1.0}};
  const StopRules rules{.max_steps = 100};
  CHECK(minimize(bowl, start, 0.3, rules).diverged());
  CHECK(minimize(bowl, start, ConstantRate{0.2}, rules).loss < 1e-30);
  CHECK(minimize(bowl, start, ExponentialDecay{0.3, 0.05}, rules).loss < 1e-10);
  CHECK(minimize(bowl, start, Warmup<CosineAnnealing>{10, {0.3, 0.0, 90}}, rules).loss < 1e-20);
  const RunResult clipped = minimize(bowl, start, ConstantRate{0.3}, rules, ClipByNorm<>{1.0});
  CHECK_FALSE(clipped.diverged());
  CHECK(clipped.loss < 1.0);
  const Run run = chapter("--experiment remedies");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "none: constant η = 0.3        diverged at step 43"));
  CHECK(contains(run.out, "lower η: constant 0.2         converged"));
  CHECK(contains(run.out, "clip ‖g‖ ≤ 1 at η = 0.3       bouncing after 100 steps"));
}

TEST_CASE("LR range test: the steepest point, the cliff, and a suggestion 10× below it") {
  LrSweep sweep;
  for (int i = 0; i < 9; ++i) sweep.learning_rates.push_back(std::pow(10.0, -4 + 0.5 * i));
  sweep.losses = {10, 9.8, 9, 6, 3, 2.5, 2.4, 30, 100};
  const LrPick pick = pick_learning_rate(sweep);
  CHECK(pick.steepest_index == 3);
  REQUIRE(pick.cliff.has_value());
  CHECK(*pick.cliff == Approx(sweep.learning_rates[7]));
  CHECK(pick.suggestion == Approx(sweep.learning_rates[7] / 10));
  const Run run = chapter("--experiment lr-finder --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "steepest fall of the loss: η = 2.92e-04 (step 29)"));
  CHECK(contains(run.out, "cliff (loss above 4× its best): η = 6.14e-02"));
  CHECK(contains(run.out, "suggestion, 10× below the cliff: η = 6.14e-03"));
  CHECK(contains(run.out, "theory: stable only for η < 2/λmax = 1.09e-02"));
  CHECK(contains(run.out, "the cliff  diverged at step"));
}

TEST_CASE("schedules: the formulas at chosen steps") {
  CHECK(StepDecay{0.1, 0.5, 25}(49) == Approx(0.05));
  CHECK(ExponentialDecay{0.1, 0.05}(20) == Approx(0.1 * std::exp(-1.0)));
  CHECK(CosineAnnealing{0.1, 0.0, 100}(50) == Approx(0.05));
  CHECK(CosineAnnealing{0.1, 0.01, 100}(100) == Approx(0.01));
  CHECK(CosineAnnealing{0.1, 0.01, 100}(150) == Approx(0.01));
  const CosineWarmRestarts restarts{0.1, 0.0, 10, 2};
  CHECK(restarts(0) == Approx(0.1));
  CHECK(restarts(10) == Approx(0.1));   // first restart after 10 steps
  CHECK(restarts(30) == Approx(0.1));   // second after 10 + 20
  CHECK(restarts(20) == Approx(0.05));  // halfway through the 20-step cycle
  const OneCycle cycle{0.1, 100};
  CHECK(cycle(0) == Approx(0.004));
  CHECK(cycle(29) == Approx(0.1));
  CHECK(cycle(99) == Approx(0.004 / 1e4));
  const Warmup<ConstantRate> warm{4, {0.2}};
  CHECK(warm(0) == Approx(0.05));
  CHECK(warm(3) == Approx(0.2));
  CHECK(warm(10) == Approx(0.2));
  const AnySchedule chosen = make_schedule({"cosine", 0.1, 100, 0.0, 10});
  CHECK(chosen(9) == Approx(0.1));
  CHECK(chosen(10) == Approx(0.1));
  CHECK(chosen(55) == Approx(0.05));
  CHECK_THROWS_AS(make_schedule({"triangle", 0.1, 100, 0.0, 0}), UsageError);
  CHECK_THROWS_AS(make_schedule({"cosine", 0.1, 100, 0.0, 100}), UsageError);
  CHECK_THROWS_AS(make_schedule({"exponential", 0.1, 100, -0.1, 0}), UsageError);
}

TEST_CASE("gradient clipping rescales long gradients only") {
  ClipByNorm<> clip{1.0};
  Vector x = Vector::Zero(2);
  clip.step(x, Vector{{3.0, 4.0}}, 1.0);  // norm 5 → (0.6, 0.8)
  CHECK(x[0] == Approx(-0.6));
  CHECK(x[1] == Approx(-0.8));
  Vector y = Vector::Zero(2);
  clip.step(y, Vector{{0.3, 0.4}}, 1.0);  // norm 0.5: untouched
  CHECK(y[0] == Approx(-0.3));
}

TEST_CASE("schedules raced, and a chosen run with warm-up") {
  const Run run = chapter("--experiment schedules");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "one-cycle       0.004"));
  CHECK(contains(run.out, "cosine+warm-up   0.01      0.02      0.1"));
  const Run chosen = chapter("--experiment run --lr 0.3 --schedule cosine --warmup 10 --steps 60 --no-plot");
  REQUIRE(chosen.status == 0);
  CHECK(contains(chosen.out, "result: converged"));
}
