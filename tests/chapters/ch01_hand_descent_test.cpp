// Chapter 1 reproduction tests: every number CURRICULUM §1 names, asserted from the library
// and from the real output of the hand_descent program the book shows.

#include "descent/behaviour.hpp"
#include "descent/functions.hpp"
#include "descent/minimize.hpp"

#include "run_program.hpp"

#include <catch2/catch.hpp>

using namespace descent;

namespace {
Run run_program(const std::string& args) { return ::run_program(HAND_DESCENT_BINARY, args); }
}  // namespace

TEST_CASE("C(w) = w², eta = 0.1 from 5: the seed table, from the library") {
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 0.1, StopRules{.max_steps = 7});
  const double w[] = {5, 4, 3.2, 2.56, 2.048, 1.6384, 1.31072, 1.048576};
  const double c[] = {25, 16, 10.24, 6.5536, 4.194304, 2.68435456, 1.7179869184, 1.099511627776};
  REQUIRE(r.trace.size() == 8);
  for (std::size_t t = 0; t < 8; ++t) {
    INFO("step " << t);
    CHECK(r.trace.rows()[t].x[0] == Approx(w[t]).epsilon(1e-13));
    CHECK(r.trace.rows()[t].loss == Approx(c[t]).epsilon(1e-13));
  }
}

TEST_CASE("the hand table, as the program prints it") {
  const Run run = run_program("--no-plot");
  REQUIRE(run.status == 0);
  for (const char* row : {"w = 5 − 0.1 × (2·5) = 4", "w = 4 − 0.1 × (2·4) = 3.2", "w = 3.2 − 0.1 × (2·3.2) = 2.56",
                          "w = 2.56 − 0.1 × (2·2.56) = 2.048", "w = 2.048 − 0.1 × (2·2.048) = 1.6384",
                          "w = 1.6384 − 0.1 × (2·1.6384) = 1.31072", "w = 1.31072 − 0.1 × (2·1.31072) = 1.048576"}) {
    CHECK(contains(run.out, row));
  }
  for (const char* loss : {"6.5536", "4.194304", "2.68435456", "1.7179869184", "1.099511627776"}) {
    CHECK(contains(run.out, loss));
  }
  CHECK(contains(run.out, "result: w = 1.048576, C = 1.099511627776 after 7 steps"));
}

TEST_CASE("eta = 2.0 diverges: w = −15, 45 and C = 225, 2025") {
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 2.0, StopRules{.max_steps = 2});
  CHECK(r.trace.rows()[1].x[0] == -15.0);
  CHECK(r.trace.rows()[2].x[0] == 45.0);
  CHECK(r.trace.rows()[1].loss == 225.0);
  CHECK(r.trace.rows()[2].loss == 2025.0);
  CHECK(classify(r, Vector::Zero(1), 1e-3) == Behaviour::diverging);
  const Run run = run_program("--lr 2 --steps 2 --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "w = 5 − 2 × (2·5) = −15"));
  CHECK(contains(run.out, "w = −15 − 2 × (2·−15) = 45"));
  CHECK(contains(run.out, "behaviour: diverging: the loss grew from 25 to 2025"));
  CHECK(contains(run.out, "stable only for η < 1"));
}

TEST_CASE("eta = 0.001 crawls: w = 4.99, C = 24.9001") {
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 0.001, StopRules{.max_steps = 1});
  CHECK(r.x[0] == Approx(4.99).epsilon(1e-14));
  CHECK(r.loss == Approx(24.9001).epsilon(1e-14));
  const Run run = run_program("--lr 0.001 --steps 1 --no-plot");
  CHECK(contains(run.out, "w = 5 − 0.001 × (2·5) = 4.99"));
  CHECK(contains(run.out, "24.9001"));
  CHECK(contains(run.out, "behaviour: crawling"));
}

TEST_CASE("the live line on L(x) = ½(x − 1)² + ½") {
  const Run run = run_program("--preset just-right --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "x = −2.50 − 0.40·(−3.50) = −1.10"));
  CHECK(contains(run.out, "behaviour: converged"));
}

TEST_CASE("the loss plot of the shifted parabola shows L − L*, which falls by a constant factor") {
  const Run run = run_program("--preset just-right");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "loss L − 0.5 (above its minimum)"));
  // The gap the plot draws, from the library: each step multiplies x − 1 by 1 − η = 0.6, so the
  // gap ½(x − 1)² by 0.36 (a straight line on a log axis), while L itself levels off at 0.5.
  const RunResult r = minimize(Parabola{0.5, 1.0, 0.5}, Vector::Constant(1, -2.5), 0.4, StopRules{.max_steps = 20});
  for (std::size_t t = 1; t < r.trace.size(); ++t) {
    INFO("step " << t);
    CHECK((r.trace.rows()[t].loss - 0.5) / (r.trace.rows()[t - 1].loss - 0.5) == Approx(0.36).epsilon(1e-6));
  }
}

TEST_CASE("the four presets: crawl, settle, oscillate in, diverge") {
  const Run run = run_program("--experiment learning-rates --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "too-small   0.02"));
  CHECK(contains(run.out, "crawling"));
  CHECK(contains(run.out, "converged"));
  CHECK(contains(run.out, "oscillating in"));
  CHECK(contains(run.out, "diverging"));
  for (const char* preset : {"too-small", "just-right", "too-big", "diverges"}) {
    const Run one = run_program(std::string("--preset ") + preset + " --quiet");
    CHECK(one.status == 0);
  }
  CHECK(contains(run_program("--preset too-big --quiet").out, "oscillating in"));
  CHECK(contains(run_program("--preset diverges --quiet").out, "diverging"));
  CHECK(contains(run_program("--preset too-small --quiet").out, "crawling"));
}

TEST_CASE("stopping rules: budget, gradient threshold, plateau") {
  const Run run = run_program("--experiment stopping");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "fixed budget of 10 steps     10"));
  CHECK(contains(run.out, "gradient norm ≤ 0.001        16"));
  CHECK(contains(run.out, "loss change ≤ 1e-06          16"));
  CHECK(contains(run.out, "gradient below tolerance"));
  CHECK(contains(run.out, "loss stopped changing"));
}

TEST_CASE("brute force needs 1001^d evaluations, descent a handful of steps") {
  const Run run = run_program("--experiment brute-force");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "1                  1.001e+03     0.0e+00             11                   12"));
  CHECK(contains(run.out, "2                  1.002e+06     0.0e+00             12                   13"));
  CHECK(contains(run.out, "1.003e+09   (not run)"));
  CHECK(contains(run.out, "1.010e+30   (not run)             14"));
}

TEST_CASE("two dimensions: L = x² + 2y², both coordinates move at once") {
  const RunResult r = minimize(DiagonalBowl{Vector::LinSpaced(2, 1.0, 2.0)}, Vector::LinSpaced(2, -4.0, 2.0), 0.1,
                               StopRules{.max_steps = 1});
  CHECK(r.x[0] == Approx(-3.2));
  CHECK(r.x[1] == Approx(1.2));
  const Run run = run_program("--function bowl --steps 2 --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "(x, y) = (−4, 2) − 0.1 × (2·−4, 4·2) = (−3.2, 1.2)"));
}

TEST_CASE("secant slopes: forward error ∝ Δ, central ∝ Δ²") {
  const Run run = run_program("--experiment slopes --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "∂f/∂x = −215.6, ∂f/∂y = −88"));
  CHECK(contains(run.out, "forward 9.9×, central 100.0×"));
  CHECK(contains(run.out, "the central secant is exact: −88"));
}

TEST_CASE("the help text lists the flags and the presets") {
  const Run run = run_program("--help");
  CHECK(run.status == 0);
  for (const char* part : {"--lr X (=0.1)", "--steps N (=7)", "--start", "--function", "--out DIR", "--quiet",
                           "too-small", "just-right", "too-big", "diverges", "--experiment"}) {
    CHECK(contains(run.out, part));
  }
}

TEST_CASE("divergence in the program is reported with its step, never printed as NaN") {
  const Run run = run_program("--lr 2 --steps 100 --no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "diverged at step 13"));
  CHECK_FALSE(contains(run.out, "nan"));
  CHECK_FALSE(contains(run.out, " inf"));
}

TEST_CASE("--help states the defaults each experiment really runs with") {
  const Run help = run_program("--help");
  REQUIRE(help.status == 0);
  // descent stops only on the budget unless asked; stopping compares rules at 1e-3 and 1e-6.
  const std::size_t descent = help.out.find("--experiment descent");
  const std::size_t stopping = help.out.find("--experiment stopping");
  REQUIRE(descent != std::string::npos);
  REQUIRE(stopping != std::string::npos);
  CHECK(help.out.find("--tolerance X (=0)", descent) < stopping);
  CHECK(help.out.find("--tolerance X (=0.001)", stopping) != std::string::npos);
  CHECK(help.out.find("--plateau X (=1e-06)", stopping) != std::string::npos);
  const Run stopped = run_program("--experiment stopping");
  CHECK(contains(stopped.out, "gradient norm ≤ 0.001"));
  CHECK(contains(stopped.out, "loss change ≤ 1e-06"));
  const Run plain = run_program("--steps 3 --no-plot");
  CHECK(contains(plain.out, "after 3 steps (step budget used)"));
}

TEST_CASE("a run that starts at the minimum, or whose loss underflows, is a result, not a plot error") {
  const Run at_minimum = run_program("--start 0");
  CHECK(at_minimum.status == 0);
  CHECK(contains(at_minimum.out, "(no figure: the loss is zero or not finite at every step)"));
  const Run long_run = run_program("--steps 1700 --quiet");  // the loss reaches 0 in double precision
  CHECK(long_run.status == 0);
  CHECK(contains(long_run.out, "after 1700 steps"));
}
