// Chapter 7 — Newton's method and L-BFGS: using curvature.
//
// Newton's one step on quadratics of any condition number, the digits that double near a
// minimum, damping and the indefinite-Hessian shift far from it, what a Hessian costs in
// memory, and L-BFGS raced against the first-order optimizers. Run with --help for the flags.

#include "descent/chapter.hpp"
#include "descent/format.hpp"
#include "descent/functions.hpp"
#include "descent/lbfgs.hpp"
#include "descent/minimize.hpp"
#include "descent/newton.hpp"
#include "descent/optimizers.hpp"
#include "descent/plot.hpp"
#include "descent/run_output.hpp"
#include "descent/stability.hpp"
#include "descent/trace_plots.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <optional>

namespace {

using namespace descent;

// ---------------------------------------------------------------------------------------
// Experiment "one-step": Newton against Chapter 6's best constant descent and momentum.

struct OneStepSettings {
  double tolerance = 1e-6;
  int budget = 100'000;
  void declare(CommandLine& cli) {
    cli.real("tolerance", tolerance, "count steps until ‖x − x*‖ ≤ tolerance·‖x0 − x*‖", RealRange{1e-12, 0.5})
        .integer("budget", budget, "steps allowed to descent and momentum", 1, 10'000'000);
  }
};

// Steps until the error ‖x − x*‖ falls to `tolerance` times the starting one (nullopt: not
// within the budget). Only the first and last rows are kept: a long run stores nothing.
template <class O>
std::optional<int> steps_to_error(const Quadratic& q, const Vector& start, double learning_rate, int budget,
                                  double tolerance, O optimizer) {
  const Vector target = q.minimizer();
  const double first = (start - target).norm();
  const auto close = [&](const TraceRow& row) { return (row.x - target).norm() > tolerance * first; };
  const RunResult run = minimize(q, start, ConstantRate{learning_rate},
                                 StopRules{.max_steps = budget, .record_every = 0}, std::move(optimizer), close);
  if (run.reason == StopReason::callback) return run.steps;
  return std::nullopt;
}

int one_step_experiment(const CommandLine& /*cli*/, const OneStepSettings& s) {
  const Vector start = point(1.0, 1.0);
  TextTable table({"κ", "Newton: steps", "error after 1 step", "descent: steps", "momentum: steps"});
  for (const double kappa : {1.0, 10.0, 1e2, 1e4, 1e6, 1e8}) {
    const Quadratic q = Quadratic::with_eigenvalues(point(1.0, kappa));
    //! [one_newton_step]
    const RunResult newton =
        minimize(q, start, StopRules{.max_steps = 1}, Newton{{.step = NewtonStep::pure}});
    const double error =
        (newton.x - q.minimizer()).norm() / (start - q.minimizer()).norm();
    //! [one_newton_step]
    const TunedSettings best = best_constant_settings(1.0, kappa);  // Chapter 6's theory
    const auto text = [&](std::optional<int> steps) {
      return steps ? std::to_string(*steps) : "not reached in " + std::to_string(s.budget);
    };
    const auto descent_steps =
        steps_to_error(q, start, best.descent_learning_rate, s.budget, s.tolerance, GradientDescent{});
    const auto momentum_steps = steps_to_error(q, start, best.momentum_learning_rate, s.budget, s.tolerance,
                                               Momentum<>(best.momentum));
    table.add_row({format_number(kappa), std::to_string(newton.steps), format_scientific(error, 2),
                   text(descent_steps), text(momentum_steps)});
  }
  std::cout << "Quadratics with eigenvalues 1 and κ (rotated off the axes), start (1, 1), minimum at 0.\n"
            << "Steps until ‖x − x*‖ ≤ " << format_number(s.tolerance) << "·‖x0 − x*‖; descent at η = 2/(1 + κ), "
            << "momentum at Chapter 6's best η and μ.\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "digits": quadratic convergence on Rosenbrock near (1, 1).

struct DigitsSettings {
  Vector start = point(1.05, 1.1);
  void declare(CommandLine& cli) { cli.vector("start", start, "where pure Newton starts, near the minimum (1, 1)"); }
};

int digits_experiment(const CommandLine& /*cli*/, const DigitsSettings& s) {
  require_size(s.start, 2, "--start");
  const Rosenbrock valley;
  require_finite_start(valley, s.start, "--start");
  //! [digits]
  const RunResult run =
      minimize(valley, s.start, StopRules{.max_steps = 12, .gradient_tolerance = 1e-15},
               Newton{{.step = NewtonStep::pure}});
  TextTable table(
      {"k", "x_k", "error e(k) = ‖x_k − (1, 1)‖", "correct digits", "e(k)/e(k−1)²"});
  double previous = NAN;
  for (const TraceRow& row : run.trace.rows()) {
    const double error = (row.x - valley.minimizer()).norm();
    const bool exact = error == 0.0;  // rounding can land on (1, 1) exactly
    table.add_row(
        {std::to_string(row.step), format_point(row.x, 16),
         exact ? "0" : format_scientific(error, 3),
         exact ? "all 16" : format_fixed(-std::log10(error), 1),
         row.step == 0 || exact ? "—" : format_number(error / (previous * previous), 3)});
    previous = error;
  }
  //! [digits]
  std::cout << "Pure Newton on Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)² from " << format_point(s.start)
            << ", until ‖∇f‖ ≤ 1e-15\n\n"
            << table.str();
  // From a start far from (1, 1) pure Newton may stall or blow up: that is the result to read.
  if (run.reason != StopReason::gradient_small) {
    std::cout << "pure Newton did not converge: " << describe_outcome(run, StopRules{}) << "\n";
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "far": pure and damped Newton from far away.

// Steps of the run taken where H was not positive definite (where damped Newton shifts it).
int indefinite_points(const Rosenbrock& f, const RunResult& run) {
  int count = 0;
  const auto& rows = run.trace.rows();
  for (std::size_t t = 0; t + 1 < rows.size(); ++t) {
    count += Eigen::LLT<Matrix>(f.hessian(rows[t].x)).info() != Eigen::Success ? 1 : 0;
  }
  return count;
}

double highest_loss(const RunResult& run) {
  double highest = run.trace.front().loss;
  for (const TraceRow& row : run.trace.rows()) highest = std::max(highest, row.loss);
  return highest;
}

// The outcome in a word, so that the table fits the page: the header says what each means.
std::string far_outcome(const RunResult& run) {
  if (run.reason == StopReason::gradient_small) return "reached";
  if (run.diverged()) return "diverged";
  return "still going";
}

int far_experiment(const CommandLine& cli, const NoSettings& /*settings*/) {
  const Rosenbrock valley;
  const StopRules rules{.max_steps = 100, .gradient_tolerance = 1e-8};
  TextTable table({"function", "start", "method", "outcome", "steps", "evals", "indef. H", "highest f", "final f",
                   "end point"});
  table.align_left(0);
  std::vector<ContourPlot> maps;  // one panel per start and method: one path each, no legend
  const auto add = [&](const char* function, const Vector& start, const char* method, const RunResult& run,
                       int indefinite) {
    table.add_row({function, format_point(start, 3), method, far_outcome(run), std::to_string(run.steps),
                   std::to_string(run.trace.back().evaluations), std::to_string(indefinite),
                   format_number(highest_loss(run), 4), format_number(run.loss, 3), format_point(run.x, 3)});
  };
  for (const Vector& start : {point(-1.2, 1.0), point(0.0, 1.5)}) {
    //! [far_runs]
    const RunResult pure =
        minimize(valley, start, rules, Newton{{.step = NewtonStep::pure}});
    const RunResult damped = minimize(valley, start, rules, Newton{});  // shift + Armijo
    //! [far_runs]
    for (const auto& [name, run] : {std::pair{"pure", &pure}, std::pair{"damped", &damped}}) {
      add("Rosenbrock", start, name, *run, indefinite_points(valley, *run));
      ContourPlot& map = maps.emplace_back();
      map.title = std::string(name) + " Newton from " + format_point(start, 3);
      map.x_range = {-2.0, 2.0};
      map.y_range = {-3.5, 3.2};  // deep enough to show pure Newton's climb
      map.f = [&valley](double x, double y) { return valley.value(point(x, y)); };
      map.levels = log_spaced_levels(0.01, 2000.0, 14);
      map.resolution = 161;
      map.minimum = std::array<double, 2>{1.0, 1.0};
      map.paths.push_back(path_series(std::string(name) + " Newton", *run));
      map.paths.back().method = std::string(name) == "pure" ? "newton" : "damped-newton";
    }
  }
  // A saddle, ½(x² − y²): its Hessian diag(1, −1) is indefinite everywhere.
  const Quadratic saddle{Matrix(point(1.0, -1.0).asDiagonal()), Vector::Zero(2)};
  const Vector start = point(1.0, 0.5);
  add("saddle", start, "pure", minimize(saddle, start, rules, Newton{{.step = NewtonStep::pure}}), 1);
  const RunResult damped = minimize(saddle, start, rules, Newton{});
  add("saddle", start, "damped", damped, damped.steps);
  std::cout << "Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1), and the saddle ½(x² − y²),\n"
            << "which has no minimum. Outcome: \"reached\" ‖∇f‖ ≤ 1e-8, or \"still going\" after 100 steps.\n"
            << "evals: evaluations of f and ∇f; indef. H: steps taken where the Hessian was not positive definite.\n\n"
            << table.str();
  save_figure(cli, maps, 2, ".svg",
              "Pure (left) and damped (right) Newton on Rosenbrock, over contours of f; star: the minimum (1, 1)");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "memory": what storing the Hessian costs, next to L-BFGS.

struct MemorySettings {
  int memory = 6;
  void declare(CommandLine& cli) { cli.integer("memory", memory, "m, the pairs L-BFGS keeps", 1, 1000); }
};

int memory_experiment(const CommandLine& /*cli*/, const MemorySettings& s) {
  TextTable table({"parameters n", "Hessian entries n²", "as double", "L-BFGS numbers 2·m·n", "as double",
                   "Hessian / L-BFGS"});
  //! [memory_table]
  for (const double n : {2.0, 10.0, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}) {
    const double entries = n * n;  // every second derivative ∂²L/∂x_i∂x_j
    const double pairs =
        2.0 * s.memory * n;                // m vectors s and m vectors y, n numbers each
    const double ratio = entries / pairs;  // n / (2m)
    table.add_row({format_number(n, 20), format_number(entries, 20),
                   format_bytes(8.0 * entries), format_number(pairs, 20),
                   format_bytes(8.0 * pairs), format_fixed(ratio, ratio < 10 ? 3 : 0)});
  }
  //! [memory_table]
  std::cout << "Memory for the curvature alone (8 bytes per double), L-BFGS with m = " << s.memory << "\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "lbfgs": L-BFGS against descent, momentum, Adam and Newton.

// Newton's dense Hessian of n² numbers is built and factorised at every step: up to this n
// (32 MB) a run is quick; beyond it Newton is left out of a race, or refused by "run".
constexpr int most_newton_dimension = 2000;

// L-BFGS keeps 2·m vectors of n numbers beside about 6 of its own (x, ∇f, the direction, a
// trial point and its gradient): a run too big for memory is refused (n = 10^8 ended in
// std::bad_alloc).
void require_lbfgs_memory(double n, int memory, const std::string& asked) {
  require_memory(8.0 * (2.0 * memory + 6.0) * n, asked + " with --memory " + std::to_string(memory),
                 "L-BFGS's vectors");
}

struct LbfgsRaceSettings {
  int dimension = 10'000;
  int large = 100'000;
  int budget_2d = 100'000;
  int budget_nd = 10'000;
  int memory = 6;
  void declare(CommandLine& cli) {
    cli.integer("dimension", dimension, "n of the extended Rosenbrock race (even)", 4, 10'000'000)
        .integer("large", large, "a larger n run by L-BFGS alone (even; 0: none)", 0, 100'000'000)
        .integer("budget-2d", budget_2d, "steps allowed to descent, momentum and Adam in 2-D", 1, 10'000'000)
        .integer("budget-nd", budget_nd, "the same on extended Rosenbrock", 1, 10'000'000)
        .integer("memory", memory, "m, the pairs L-BFGS keeps", 1, 1000);
  }
};

struct Contender {
  const char* name;
  double learning_rate;  // 0 for the searching methods
};
//! [contenders]
constexpr Contender contenders[] = {{"descent", 1e-3},
                                    {"momentum", 1e-3},
                                    {"adam", 5e-2},
                                    {"newton", 0.0},
                                    {"l-bfgs", 0.0}};
//! [contenders]

// Numbers a method keeps beyond x and ∇f: its state, for the memory column.
double state_numbers(const std::string& name, double n, int memory) {
  if (name == "momentum") return n;
  if (name == "adam") return 2 * n;
  if (name == "newton") return n * n;
  if (name == "l-bfgs") return 2.0 * memory * n;
  return 0;
}

template <Objective F>
RunResult race_one(const std::string& name, const Contender& c, const F& f, const Vector& start, int budget,
                   int memory, int record_every) {
  const double tolerance = 1e-8;
  if (name == "l-bfgs") {
    return minimize(f, start, StopRules{.max_steps = budget, .gradient_tolerance = tolerance,
                                        .record_every = record_every == 0 ? 0 : 1},
                    Lbfgs{{.memory = memory}});
  }
  if constexpr (TwiceDifferentiable<F>) {
    if (name == "newton") {
      return minimize(f, start, StopRules{.max_steps = budget, .gradient_tolerance = tolerance}, Newton{});
    }
  }
  const StopRules rules{.max_steps = budget, .gradient_tolerance = tolerance, .record_every = record_every};
  if (name == "momentum") return minimize(f, start, ConstantRate{c.learning_rate}, rules, Momentum<>(0.9));
  if (name == "adam") return minimize(f, start, ConstantRate{c.learning_rate}, rules, Adam<>());
  return minimize(f, start, ConstantRate{c.learning_rate}, rules, GradientDescent{});
}

// Loss against evaluations, dropping zeros (the log axis has no place for them).
Series evaluations_series(const std::string& title, const RunResult& run) {
  Series s{title, {}, {}, SeriesStyle::lines};
  for (const TraceRow& row : run.trace.rows()) {
    if (row.loss > 0.0) {
      s.x.push_back(static_cast<double>(row.evaluations));
      s.y.push_back(row.loss);
    }
  }
  return s;
}

int lbfgs_experiment(const CommandLine& cli, const LbfgsRaceSettings& s) {
  if (s.dimension % 2 != 0) throw UsageError("--dimension must be even (pairs of coordinates), got " + std::to_string(s.dimension));
  if (s.large % 2 != 0) throw UsageError("--large must be even (pairs of coordinates), got " + std::to_string(s.large));
  require_lbfgs_memory(s.dimension, s.memory, "--dimension " + std::to_string(s.dimension));
  require_lbfgs_memory(s.large, s.memory, "--large " + std::to_string(s.large));
  TextTable table({"problem", "method", "η", "iterations", "evaluations", "final ‖∇f‖", "outcome", "state kept"});
  const auto add = [&](const std::string& problem, const Contender& c, const RunResult& run, int budget, double n) {
    const bool reached = run.reason == StopReason::gradient_small;
    table.add_row({problem, c.name, c.learning_rate > 0 ? format_number(c.learning_rate) : "—",
                   std::to_string(run.steps), std::to_string(run.trace.back().evaluations),
                   format_scientific(run.trace.back().gradient_norm, 2),
                   reached ? "reached" : run.diverged() ? "diverged" : "not reached in " + std::to_string(budget),
                   format_bytes(8.0 * state_numbers(c.name, n, s.memory))});
  };
  const auto plot = [](const std::string& title) {
    return LinePlot{.title = title,
                    .x_label = "function + gradient evaluations",
                    .y_label = "f",
                    .log_x = true,
                    .log_y = true,
                    .y_range = std::array<double, 2>{1e-22, 1e6}};
  };

  const Rosenbrock valley;
  LinePlot small = plot("Rosenbrock (n = 2) from (−1.2, 1): f against evaluations");
  for (const Contender& c : contenders) {
    //! [race_2d]
    const RunResult run = race_one(c.name, c, valley, point(-1.2, 1.0), s.budget_2d, s.memory, 100);
    //! [race_2d]
    add("Rosenbrock n = 2", c, run, s.budget_2d, 2.0);
    small.series.push_back(evaluations_series(c.name, run));
    small.series.back().method = c.name;
  }

  const ExtendedRosenbrock extended{s.dimension};
  const std::string problem = "extended n = " + format_number(s.dimension);
  std::string newton_note;
  LinePlot wide = plot("Extended Rosenbrock (n = " + format_number(s.dimension) + "): f against evaluations");
  for (const Contender& c : contenders) {
    if (std::string(c.name) == "newton" && s.dimension > most_newton_dimension) {
      const double n = s.dimension;
      table.add_row({problem, c.name, "—", "—", "—", "—", "not run", format_bytes(8.0 * n * n)});
      newton_note = "Newton is not run on n = " + format_number(n) + ": its Hessian has n² = " + format_number(n * n) +
                    " entries (" + format_bytes(8.0 * n * n) + "),\nand each step would factorise it with about n³/3 = " +
                    format_scientific(n * n * n / 3.0, 2) + " multiplications.\n";
      continue;
    }
    const RunResult run = race_one(c.name, c, extended, extended.start(), s.budget_nd, s.memory, 200);
    add(problem, c, run, s.budget_nd, s.dimension);
    wide.series.push_back(evaluations_series(c.name, run));
    wide.series.back().method = c.name;
  }
  if (s.large > 0) {  // L-BFGS alone on a larger problem: the same work per coordinate
    const ExtendedRosenbrock big{s.large};
    const RunResult run = race_one("l-bfgs", contenders[4], big, big.start(), s.budget_nd, s.memory, 0);
    add("extended n = " + format_number(s.large), contenders[4], run, s.budget_nd, s.large);
  }
  std::cout << "Stop at ‖∇f‖ < 1e-8. Rosenbrock from (−1.2, 1); extended Rosenbrock from (−1.2, 1, −1.2, 1, …).\n"
            << "Newton is damped (shift + Armijo); L-BFGS keeps m = " << s.memory
            << " pairs.\nEvaluations count f and ∇f together, the start included.\n\n"
            << table.str() << "\n"
            << newton_note;
  save_figure(cli, small, "-2d.svg");
  save_figure(cli, wide, "-nd.svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "run": the reader's choice of method, function and start.

struct RunSettings {
  std::string method = "lbfgs";
  int memory = 6;
  std::string function = "rosenbrock";
  int dimension = 2;
  double condition = 100.0;
  Vector start;
  double tolerance = 1e-8;
  int steps = 1000;
  void declare(CommandLine& cli) {
    cli.choice("method", method, "the method", {"newton", "damped-newton", "lbfgs"})
        .integer("memory", memory, "m, the pairs L-BFGS keeps (lbfgs only)", 1, 1000)
        .choice("function", function,
                "rosenbrock: 100(y − x²)² + (1 − x)²; extended: n/2 such valleys; quadratic: eigenvalues 1 and κ",
                {"rosenbrock", "extended", "quadratic"})
        .integer("dimension", dimension, "n of --function extended (even)", 2, 100'000'000)
        .real("condition", condition, "κ of --function quadratic", RealRange{1.0, 1e12})
        .vector("start", start, "the start (default: (−1.2, 1) for rosenbrock, (−1.2, 1, …) for extended, (1, 1) for quadratic)")
        .real("tolerance", tolerance, "stop once ‖∇f‖ ≤ this", RealRange::positive())
        .integer("steps", steps, "the step budget", 1, 10'000'000);
  }
};

template <TwiceDifferentiable F>
RunResult run_method(const RunSettings& s, const F& f, const Vector& start, const StopRules& rules) {
  if (s.method == "newton") return minimize(f, start, rules, Newton{{.step = NewtonStep::pure}});
  if (s.method == "damped-newton") return minimize(f, start, rules, Newton{});
  return minimize(f, start, rules, Lbfgs{{.memory = s.memory}});
}

int run_experiment(const CommandLine& cli, const RunSettings& s) {
  if (cli.given("memory") && s.method != "lbfgs") throw UsageError("--memory applies only to --method lbfgs");
  if (cli.given("dimension") && s.function != "extended") throw UsageError("--dimension applies only to --function extended");
  if (cli.given("condition") && s.function != "quadratic") throw UsageError("--condition applies only to --function quadratic");
  if (s.dimension % 2 != 0) throw UsageError("--dimension must be even, got " + std::to_string(s.dimension));
  if (s.method != "lbfgs" && s.function == "extended" && s.dimension > most_newton_dimension) {
    throw UsageError("--dimension " + std::to_string(s.dimension) + " is too large for Newton's dense Hessian (" +
                     format_bytes(8.0 * s.dimension * s.dimension) + "); at most " +
                     std::to_string(most_newton_dimension));
  }
  if (s.method == "lbfgs" && s.function == "extended") {
    require_lbfgs_memory(s.dimension, s.memory, "--dimension " + std::to_string(s.dimension));
  }
  const StopRules rules{.max_steps = s.steps, .gradient_tolerance = s.tolerance, .record_every = s.dimension > 10'000 ? 0 : 1};
  std::string formula;
  Vector minimizer;
  RunResult run;
  if (s.function == "rosenbrock") {
    const Rosenbrock f;
    const Vector start = s.start.size() > 0 ? s.start : point(-1.2, 1.0);
    require_size(start, 2, "--start");
    require_finite_start(f, start, "--start");
    formula = "Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)²";
    minimizer = f.minimizer();
    run = run_method(s, f, start, rules);
  } else if (s.function == "extended") {
    const ExtendedRosenbrock f{s.dimension};
    const Vector start = s.start.size() > 0 ? s.start : f.start();
    require_size(start, s.dimension, "--start");
    require_finite_start(f, start, "--start");
    formula = "extended Rosenbrock, n = " + std::to_string(s.dimension);
    minimizer = f.minimizer();
    run = run_method(s, f, start, rules);
  } else {
    const Quadratic f = Quadratic::with_eigenvalues(point(1.0, s.condition));
    const Vector start = s.start.size() > 0 ? s.start : point(1.0, 1.0);
    require_size(start, 2, "--start");
    require_finite_start(f, start, "--start");
    formula = "a quadratic with eigenvalues 1 and κ = " + format_number(s.condition);
    minimizer = f.minimizer();
    run = run_method(s, f, start, rules);
  }
  const std::string name = s.method == "lbfgs" ? "l-bfgs (m = " + std::to_string(s.memory) + ")" : s.method;
  if (!cli.quiet() && s.dimension <= 10) std::cout << name << " on " << formula << "\n\n" << trace_table(run) << "\n";
  std::cout << "result: " << describe_outcome(run, rules) << ", " << run.trace.back().evaluations
            << " evaluations, f = " << format_scientific(run.loss, 3) << ", distance to the minimum "
            << format_scientific((run.x - minimizer).norm(), 2) << "\n";
  LinePlot losses = loss_plot(run, "loss by step", "f", name);
  losses.series.front().method = s.method;  // its look in every figure of the book
  show_and_save_run(cli, run, losses, "");
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("newton", "Chapter 7: Newton's method, its cost, and L-BFGS.")
      .add({.name = "one-step", .summary = "Newton, descent and momentum on quadratics with κ from 1 to 1e8",
            .outputs = OutputFlags::text_only()},
           one_step_experiment)
      .add({.name = "digits", .summary = "pure Newton near Rosenbrock's minimum: the correct digits double",
            .outputs = OutputFlags::text_only()},
           digits_experiment)
      .add({.name = "far", .summary = "pure and damped Newton from far away, paths on the contours",
            .outputs = OutputFlags::files_only()},
           far_experiment)
      .add({.name = "memory", .summary = "memory of a Hessian against L-BFGS's 2·m·n numbers",
            .outputs = OutputFlags::text_only()},
           memory_experiment)
      .add({.name = "lbfgs", .summary = "L-BFGS against descent, momentum, Adam and Newton on Rosenbrock",
            .outputs = OutputFlags::files_only()},
           lbfgs_experiment)
      .add({.name = "run", .summary = "one method (newton, damped-newton, lbfgs) on a function you choose"},
           run_experiment)
      .main(argc, argv);
}
//! [main]
