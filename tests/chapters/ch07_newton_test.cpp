// Chapter 7 reproduction tests: Newton's one step across condition numbers, the digits that
// double, damping far from the minimum, the memory table, and L-BFGS's counts, from the
// library and from the program's own output.

#include "descent/format.hpp"
#include "descent/functions.hpp"
#include "descent/lbfgs.hpp"
#include "descent/minimize.hpp"
#include "descent/newton.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace descent;

namespace {
Run chapter(const std::string& args) { return run_program(NEWTON_BINARY, args); }
Vector v2(double a, double b) { return Vector{{a, b}}; }
StopRules to_gradient(int max_steps) { return StopRules{.max_steps = max_steps, .gradient_tolerance = 1e-8}; }
// The longest line, in characters (UTF-8 continuation bytes not counted).
std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0;
  std::size_t current = 0;
  for (const char c : text) {
    if (c == '\n') {
      widest = std::max(widest, current);
      current = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++current;
    }
  }
  return std::max(widest, current);
}
}  // namespace

TEST_CASE("one Newton step lands on the minimum for every condition number the chapter prints") {
  for (const double kappa : {1.0, 10.0, 1e2, 1e4, 1e6, 1e8}) {
    const Quadratic q = Quadratic::with_eigenvalues(v2(1.0, kappa));
    const RunResult r = minimize(q, v2(1.0, 1.0), StopRules{.max_steps = 1}, Newton{{.step = NewtonStep::pure}});
    INFO("kappa " << kappa);
    CHECK((r.x - q.minimizer()).norm() / std::sqrt(2.0) <= 1e-8);
  }
  const Run run = chapter("--experiment one-step");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"10", "1", "0.0e+00", "69", "26"}));
  CHECK(has_row(run.out, {"10000", "1", "8.5e-13", "69078", "1008"}));
  CHECK(has_row(run.out, {"1000000", "1", "0.0e+00", "not reached in 100000", "11286"}));
  CHECK(has_row(run.out, {"100000000", "1", "2.3e-09", "not reached in 100000", "not reached in 100000"}));
}

TEST_CASE("near the minimum the correct digits double and e(k+1)/e(k)^2 stays between 1 and 10") {
  const Rosenbrock f;
  const RunResult r = minimize(f, v2(1.05, 1.1), StopRules{.max_steps = 12, .gradient_tolerance = 1e-15},
                               Newton{{.step = NewtonStep::pure}});
  std::vector<double> digits;
  for (const TraceRow& row : r.trace.rows()) digits.push_back(-std::log10((row.x - f.minimizer()).norm()));
  REQUIRE(digits.size() == 7);  // steps 0…6, the last exactly (1, 1)
  CHECK(std::isinf(digits[6]));
  for (std::size_t k = 2; k + 1 < 6; ++k) CHECK(digits[k + 1] > 1.5 * digits[k]);  // 2.2 → 3.6 → 6.4 → 12.0
  // A little less than double, and nearer 2 each step: the ratios the chapter quotes.
  CHECK(format_fixed(digits[3] / digits[2], 1) == "1.7");
  CHECK(format_fixed(digits[4] / digits[3], 1) == "1.8");
  CHECK(format_fixed(digits[5] / digits[4], 1) == "1.9");
  const Run run = chapter("--experiment digits");
  REQUIRE(run.status == 0);
  for (const std::vector<std::string>& row : std::vector<std::vector<std::string>>{
           {"1 ", "3.65e-02", "1.4", "2.92"}, {"2 ", "6.62e-03", "2.2", "4.96"}, {"3 ", "2.35e-04", "3.6", "5.37"},
           {"4 ", "4.04e-07", "6.4", "7.29"}, {"5 ", "9.44e-13", "12.0", "5.79"}, {"6 ", "(1, 1)", "all 16"}}) {
    INFO(row[1]);
    CHECK(has_row(run.out, row));
  }
}

TEST_CASE("far from the minimum: pure Newton climbs, damped Newton never does, the saddle") {
  const Run run = chapter("--experiment far");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"Rosenbrock", "(−1.2, 1)", "pure", "reached", "6", "7", "0", "1412"}));
  CHECK(has_row(run.out, {"Rosenbrock", "(−1.2, 1)", "damped", "reached", "21", "29", "0", "24.2"}));
  CHECK(has_row(run.out, {"Rosenbrock", "(0, 1.5)", "damped", "reached", "22", "25", "11"}));
  CHECK(has_row(run.out, {"saddle", "(1, 0.5)", "pure", "reached", "1", "2", "1", "0.375", "0", "(0, 0)"}));
  CHECK(has_row(run.out, {"saddle", "(1, 0.5)", "damped", "still going", "100", "101", "100", "0.375", "−1.77e+08"}));
  // Narrow enough for the book's page (about 115 characters visible).
  CHECK(widest_line(run.out) <= 110);
}

TEST_CASE("the memory table: n² doubles against 2·m·n") {
  const Run run = chapter("--experiment memory");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"1000000", "1000000000000", "8 TB", "12000000", "96 MB", "83333"}));
  CHECK(has_row(run.out, {"10000", "100000000", "800 MB", "120000", "960 kB", "833"}));
  CHECK(has_row(run.out, {"2", "4", "32 B", "24", "192 B", "0.167"}));
  CHECK(format_bytes(8.0 * 1e6 * 1e6) == "8 TB");
  const Run m10 = chapter("--experiment memory --memory 10");
  CHECK(has_row(m10.out, {"1000000", "1000000000000", "8 TB", "20000000", "160 MB", "50000"}));
}

TEST_CASE("L-BFGS iteration and evaluation counts, so that a regression shows") {
  const Rosenbrock valley;
  const RunResult small = minimize(valley, v2(-1.2, 1.0), to_gradient(1000), Lbfgs{});
  CHECK(small.reason == StopReason::gradient_small);
  CHECK(small.steps == 37);
  CHECK(small.trace.back().evaluations == 46);
  const ExtendedRosenbrock wide{10'000};
  const RunResult large = minimize(wide, wide.start(), to_gradient(1000), Lbfgs{});
  CHECK(large.steps == 37);
  CHECK(large.trace.back().evaluations == 49);
  const RunResult newton = minimize(valley, v2(-1.2, 1.0), to_gradient(1000), Newton{});
  CHECK(newton.steps == 21);
  CHECK(newton.trace.back().evaluations == 29);

  const Run run = chapter("--experiment lbfgs");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"Rosenbrock n = 2", "descent", "0.001", "43605", "43606"}));
  CHECK(has_row(run.out, {"Rosenbrock n = 2", "momentum", "0.001", "4128", "4129"}));
  CHECK(has_row(run.out, {"Rosenbrock n = 2", "adam", "0.05", "2821", "2822"}));
  CHECK(has_row(run.out, {"Rosenbrock n = 2", "l-bfgs", "—", "37", "46"}));
  CHECK(has_row(run.out, {"extended n = 10000", "descent", "0.001", "10000", "10001", "4.9e-01", "not reached in 10000"}));
  CHECK(has_row(run.out, {"extended n = 10000", "l-bfgs", "—", "37", "49"}));
  CHECK(has_row(run.out, {"extended n = 100000", "l-bfgs", "—", "41", "55"}));
  CHECK(has_row(run.out, {"9.6 MB"}));
  CHECK(widest_line(run.out) <= 110);
}

TEST_CASE("the run experiment: each method, and bad input refused with exit 2") {
  const Run lbfgs = chapter("--experiment run --method lbfgs --memory 3 --no-plot");
  REQUIRE(lbfgs.status == 0);
  CHECK(has_row(lbfgs.out, {"l-bfgs (m = 3) on Rosenbrock"}));
  CHECK(has_row(lbfgs.out, {"result: reached ‖∇L‖ ≤ 1e-08"}));
  const Run newton = chapter("--experiment run --method newton --function quadratic --condition 1e6 --no-plot");
  REQUIRE(newton.status == 0);
  CHECK(has_row(newton.out, {"in 1 step, 2 evaluations"}));
  for (const char* bad : {"--experiment run --memory 0", "--experiment run --tolerance 0",
                          "--experiment run --tolerance -1", "--experiment run --method bfgs",
                          "--experiment run --method newton --memory 4"}) {
    INFO(bad);
    const Run refused = chapter(bad);
    CHECK(refused.status == 2);
    CHECK(std::count(refused.out.begin(), refused.out.end(), '\n') == 1);
  }
}

TEST_CASE("digits from a start where pure Newton stalls says so after the table") {
  const Run stalled = chapter("--experiment digits --start 1e10,1e10");
  REQUIRE(stalled.status == 0);
  CHECK(contains(stalled.out, "pure Newton did not converge: still going after 12 steps"));
  const Run near = chapter("--experiment digits");
  REQUIRE(near.status == 0);
  CHECK_FALSE(contains(near.out, "did not converge"));
}

TEST_CASE("the L-BFGS race runs Newton too when n is small enough for its dense Hessian") {
  // Before, "Newton is not run on n = 4: its Hessian has n² = 16 entries (128 B)".
  const Run small = chapter("--experiment lbfgs --dimension 4 --large 0 --budget-2d 100 --budget-nd 1000");
  REQUIRE(small.status == 0);
  CHECK_FALSE(contains(small.out, "Newton is not run"));
  CHECK(has_row(small.out, {"extended n = 4", "newton", "reached"}));
  const Run large = chapter("--experiment lbfgs --dimension 2002 --large 0 --budget-2d 100 --budget-nd 10");
  REQUIRE(large.status == 0);
  CHECK(contains(large.out, "Newton is not run on n = 2002"));
}

TEST_CASE("against LBFGSpp: the evaluation counts the chapter quotes, and a verdict from the measured times") {
  const Run run = run_program(LBFGS_BENCHMARK_BINARY, "");
  REQUIRE(run.status == 0);
  // Iterations and evaluations "ours / LBFGSpp" are deterministic; the times are not.
  CHECK(has_row(run.out, {"Rosenbrock n = 2", "37 / 42", "46 / 60", "0.767"}));
  CHECK(has_row(run.out, {"extended n = 10000", "37 / 43", "49 / 58", "0.845"}));
  CHECK(has_row(run.out, {"extended n = 100000", "41 / 42", "55 / 57", "0.965"}));
  CHECK(contains(run.out, "Evaluations: ours needed fewer on 3 of the 3 problems."));
  // The verdict names the measured ratio and its direction, whichever way it went.
  const double small = number_after(run.out, "on the smallest problem ours took ");
  const double large = number_after(run.out, "on the largest, ");
  CHECK(small > 0.0);
  CHECK(large > 0.0);
  CHECK(contains(run.out, small < 1.0 ? "(less);" : small > 1.0 ? "(more);" : "(the same);"));
  CHECK(widest_line(run.out) <= 110);
}
