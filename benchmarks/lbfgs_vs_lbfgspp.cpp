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
#include <vector>

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

std::string time_text(double seconds) {
  if (seconds < 1e-3) return format_number(seconds * 1e6, 3) + " µs";
  if (seconds < 1.0) return format_number(seconds * 1e3, 3) + " ms";
  return format_number(seconds, 3) + " s";
}

// A pair "ours / LBFGSpp" in one cell, so that the table fits the book's page.
std::string pair_text(std::int64_t a, std::int64_t b) { return std::to_string(a) + " / " + std::to_string(b); }

struct Comparison {
  std::string problem;
  Outcome a;  // ours
  Outcome b;  // LBFGSpp
};

void add_row(TextTable& table, const Comparison& c) {
  table.add_row({c.problem, pair_text(c.a.iterations, c.b.iterations), pair_text(c.a.evaluations, c.b.evaluations),
                 format_number(static_cast<double>(c.a.evaluations) / static_cast<double>(c.b.evaluations), 3),
                 time_text(c.a.seconds), time_text(c.b.seconds), format_number(c.a.seconds / c.b.seconds, 3),
                 format_scientific(c.a.gradient_norm, 1) + " / " + format_scientific(c.b.gradient_norm, 1)});
}

// "0.632 times LBFGSpp's time (less)": the ratio as measured, and which way it went.
std::string time_verdict(const Comparison& c) {
  const double ratio = c.a.seconds / c.b.seconds;
  return format_number(ratio, 3) + " times LBFGSpp's time (" +
         (ratio < 1.0 ? "less" : ratio > 1.0 ? "more" : "the same") + ")";
}

}  // namespace

int main() {
  const Rosenbrock valley;
  const Vector start = (Vector(2) << -1.2, 1.0).finished();
  std::vector<Comparison> comparisons;
  comparisons.push_back({"Rosenbrock n = 2", ours(valley, start), theirs(valley, start)});
  for (const Eigen::Index n : {Eigen::Index{10'000}, Eigen::Index{100'000}}) {
    const ExtendedRosenbrock extended{n};
    comparisons.push_back({"extended n = " + format_number(static_cast<double>(n)),
                           ours(extended, extended.start()), theirs(extended, extended.start())});
  }
  TextTable table({"problem", "iterations", "evaluations", "eval. ratio", "time ours", "time LBFGSpp",
                   "time ratio", "final ‖∇f‖"});
  int fewer = 0;  // problems where ours needed fewer evaluations
  for (const Comparison& c : comparisons) {
    add_row(table, c);
    fewer += c.a.evaluations < c.b.evaluations ? 1 : 0;
  }
  std::cout << "L-BFGS, m = " << memory << ", strong Wolfe (c1 = 1e-4, c2 = 0.9), stop at ‖∇f‖ < 1e-8.\n"
            << "Pairs a / b are ours / LBFGSpp; ratios are ours ÷ LBFGSpp; times are the best of " << repeats
            << " runs, one thread.\n\n"
            << table.str() << "\n"
            << "Evaluations: ours needed fewer on " << fewer << " of the " << comparisons.size() << " problems.\n"
            << "Time, as measured in this run: on the smallest problem ours took "
            << time_verdict(comparisons.front()) << ";\non the largest, " << time_verdict(comparisons.back())
            << ".\n";
  return 0;
}
