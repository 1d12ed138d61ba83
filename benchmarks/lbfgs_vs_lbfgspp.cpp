// Benchmark (not a test): the library's L-BFGS against LBFGSpp on the same problems.
//
// LBFGSpp (Yixuan Qiu; Debian's liblbfgspp-dev) is a header-only C++ L-BFGS on Eigen. Both
// solvers get the same function, start, memory m = 6 and stopping rule ‖∇f‖ < 1e-8, and both
// use a line search that enforces the strong Wolfe conditions with c1 = 1e-4, c2 = 0.9
// (LBFGSpp's LineSearchNocedalWright). Every call of f and ∇f is counted by a wrapper
// around the same objective; time is the best of several runs in this process.

#include "quiet_eigen.hpp"  // first: see the file

#include "descent/format.hpp"
#include "descent/functions.hpp"
#include "descent/lbfgs.hpp"
#include "descent/minimize.hpp"
#include "timing.hpp"

#include <LBFGS.h>

#include <cstdint>
#include <iostream>
#include <string>

namespace {

using namespace descent;
constexpr double tolerance = 1e-8;
constexpr int memory = 6;
constexpr int repeats = 5;

struct Outcome {
  int iterations = 0;
  std::int64_t evaluations = 0;
  double gradient_norm = 0.0;
  double seconds = 0.0;
};

// The objective as LBFGSpp wants it: f(x, grad) returns f and fills grad, and counts calls.
template <Objective F>
struct CountedForLbfgspp {
  const F& f;
  std::int64_t calls = 0;
  double operator()(const Vector& x, Vector& gradient) {
    ++calls;
    gradient = f.gradient(x);
    return f.value(x);
  }
};

template <Objective F>
Outcome ours(const F& f, const Vector& start) {
  Outcome out;
  out.seconds = benchmarks::best_seconds(repeats, [&] {
    const RunResult run = minimize(f, start, StopRules{.max_steps = 10'000, .gradient_tolerance = tolerance,
                                                       .record_every = 0},
                                   Lbfgs{{.memory = memory}});
    out.iterations = run.steps;
    out.evaluations = run.trace.back().evaluations;
    out.gradient_norm = run.trace.back().gradient_norm;
  });
  return out;
}

template <Objective F>
Outcome theirs(const F& f, const Vector& start) {
  LBFGSpp::LBFGSParam<double> param;
  param.m = memory;
  param.epsilon = tolerance;
  param.epsilon_rel = 0.0;  // an absolute test, ‖∇f‖ < 1e-8, like ours
  param.max_iterations = 10'000;
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  param.ftol = 1e-4;
  param.wolfe = 0.9;
  Outcome out;
  out.seconds = benchmarks::best_seconds(repeats, [&] {
    LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchNocedalWright> solver(param);
    CountedForLbfgspp<F> counted{f};
    Vector x = start;
    double fx = 0.0;
    out.iterations = solver.minimize(counted, x, fx);
    out.evaluations = counted.calls;
    out.gradient_norm = f.gradient(x).norm();
  });
  return out;
}

void compare(TextTable& table, const std::string& problem, const Outcome& a, const Outcome& b) {
  const auto time = [](double s) {
    return s < 1e-3 ? format_number(s * 1e6, 3) + " µs" : s < 1.0 ? format_number(s * 1e3, 3) + " ms" : format_number(s, 3) + " s";
  };
  table.add_row({problem, std::to_string(a.iterations), std::to_string(b.iterations), std::to_string(a.evaluations),
                 std::to_string(b.evaluations), format_number(static_cast<double>(a.evaluations) / b.evaluations, 3),
                 time(a.seconds), time(b.seconds), format_number(a.seconds / b.seconds, 3),
                 format_scientific(a.gradient_norm, 1) + " / " + format_scientific(b.gradient_norm, 1)});
}

}  // namespace

int main() {
  TextTable table({"problem", "iter. ours", "iter. LBFGSpp", "evals ours", "evals LBFGSpp", "evals ratio",
                   "time ours", "time LBFGSpp", "time ratio", "final ‖∇f‖ ours / LBFGSpp"});
  const Rosenbrock valley;
  const Vector start = (Vector(2) << -1.2, 1.0).finished();
  compare(table, "Rosenbrock n = 2", ours(valley, start), theirs(valley, start));
  for (const Eigen::Index n : {Eigen::Index{10'000}, Eigen::Index{100'000}}) {
    const ExtendedRosenbrock extended{n};
    compare(table, "extended n = " + format_number(static_cast<double>(n)), ours(extended, extended.start()),
            theirs(extended, extended.start()));
  }
  std::cout << "L-BFGS, m = " << memory << ", strong Wolfe (c1 = 1e-4, c2 = 0.9), stop at ‖∇f‖ < 1e-8; "
            << "ratios are ours / LBFGSpp; best of " << repeats << " runs, one thread\n\n"
            << table.str();
  return 0;
}
