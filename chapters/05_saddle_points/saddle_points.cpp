// Chapter 5 — Saddle points and other traps.
//
// Two valleys and the basins that decide which one descent ends in; critical points found and
// classified by the Hessian's eigenvalues; the saddle x² − y², where descent stalls and a
// perturbation of size ε escapes in about log(1/ε)/log(1 + 2η) steps; a stationary inflection
// point and a plateau raced by descent, momentum and Adam; escaping a local minimum; sharp and
// flat minima. Run with --help for the flags.

#include "descent/chapter.hpp"
#include "descent/line_fit.hpp"
#include "descent/critical_points.hpp"
#include "descent/format.hpp"
#include "descent/landscapes.hpp"
#include "descent/minimize.hpp"
#include "descent/optimizers.hpp"
#include "descent/perturbed.hpp"
#include "descent/plot.hpp"
#include "descent/random.hpp"
#include "descent/run_output.hpp"
#include "descent/trace_plots.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace descent;

Vector scalar(double x) { return Vector::Constant(1, x); }

std::string eigen_text(const Vector& eigenvalues) {
  std::string text;
  for (const double v : eigenvalues) text += (text.empty() ? "" : ", ") + format_number(v, 4);
  return text;
}

std::vector<Vector> grid_starts(double low, double high, int count) {
  std::vector<Vector> starts;
  for (int i = 0; i < count; ++i) starts.push_back(scalar(low + (high - low) * i / (count - 1)));
  return starts;
}

// A 1-D landscape's curve, for a figure.
template <Objective F>
Series curve(const F& f, const std::string& title, double low, double high) {
  Series s{title, {}, {}, SeriesStyle::lines};
  for (int i = 0; i <= 400; ++i) {
    const double x = low + (high - low) * i / 400.0;
    s.x.push_back(x);
    s.y.push_back(f.value(scalar(x)));
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// Experiment "valleys": where descent ends depends on where it starts.

// The help of --lr: the stability limit 2/f'' at the global minimum, computed from the curve.
std::string valleys_lr_help() {
  const CriticalPoint global = find_critical_points(TwoValleys{}, grid_starts(-3.0, 3.0, 61)).front();
  const double curvature = global.classification.eigenvalues[0];
  return "η of plain descent (near the global minimum x = " + format_number(global.x[0], 5) +
         " it is stable below 2/f'' = 2/" + format_number(curvature, 4) + " = " + format_number(2.0 / curvature, 4) + ")";
}

struct ValleysSettings {
  double learning_rate = 0.05;
  int starts = 121;
  void declare(CommandLine& cli) {
    cli.real("lr", learning_rate, valleys_lr_help(), RealRange{1e-4, 0.15})
        .integer("starts", starts, "starting points on the grid from −3 to 3", 3, 100'001);
  }
};

//! [settle]
// Plain descent until the slope is below 1e-10 (or 100 000 steps): where it settles.
double settle(const TwoValleys& f, double start, double learning_rate) {
  const StopRules rules{
      .max_steps = 100'000, .gradient_tolerance = 1e-10, .record_every = 0};
  return minimize(f, scalar(start), learning_rate, rules).x[0];
}
//! [settle]

int valleys_experiment(const CommandLine& cli, const ValleysSettings& s) {
  const TwoValleys f;
  const std::vector<CriticalPoint> points = find_critical_points(f, grid_starts(-3.0, 3.0, 61));
  TextTable table({"critical point x", "f(x)", "f''(x)", "kind"});
  for (const CriticalPoint& p : points) {
    table.add_row({format_number(p.x[0], 10), format_number(p.value, 8), format_number(p.classification.eigenvalues[0], 6),
                   std::string(kind_name(p.classification.kind))});
  }
  std::cout << "Two valleys f(x) = x⁴/4 − 2x² + x/2, f'(x) = x³ − 4x + 1/2. Critical points (f' = 0),\n"
            << "found by Newton's method on f' from 61 starts between −3 and 3:\n\n"
            << table.str() << "\n";
  const double hump = points.size() == 3 ? points[1].x[0] : 0.0;

  // The basin map: the final x of plain descent from every start on the grid.
  Series ends{"where descent settles", {}, {}, SeriesStyle::points};
  int left = 0;
  for (const Vector& start : grid_starts(-3.0, 3.0, s.starts)) {
    const double end = settle(f, start[0], s.learning_rate);
    ends.x.push_back(start[0]);
    ends.y.push_back(end);
    left += end < hump ? 1 : 0;
  }
  //! [boundary]
  // The boundary between the basins, by bisection on the start: the last start that still
  // ends in the left (global) valley and the first that ends in the right one.
  double low = -1.0, high = 1.0;  // settle(low) is left, settle(high) is right
  for (int i = 0; i < 60; ++i) {
    const double middle = 0.5 * (low + high);
    (settle(f, middle, s.learning_rate) < hump ? low : high) = middle;
  }
  //! [boundary]
  std::cout << "Plain descent at η = " << format_number(s.learning_rate) << " from " << s.starts
            << " starts between −3 and 3: " << left << " end in the global valley, " << s.starts - left
            << " in the local one.\n"
            << "Boundary between the basins (bisection on the start): x0 = " << format_number(low, 10)
            << "; the local maximum is at x = " << format_number(hump, 10) << ", a difference of "
            << format_scientific(std::abs(low - hump), 2) << ".\n";

  LinePlot basins{.title = "Basins of attraction of f(x) = x⁴/4 − 2x² + x/2 (η = " + format_number(s.learning_rate) + ")",
                  .x_label = "start x0",
                  .y_label = "where descent settles",
                  .series = {ends}};
  basins.series.push_back(Series{"local maximum", {hump, hump}, {-2.5, 2.5}, SeriesStyle::lines});
  save_figure(cli, basins, "-basins.svg");

  LinePlot paths{.title = "Descent paths on the two valleys (η = " + format_number(s.learning_rate) + ")",
                 .x_label = "x",
                 .y_label = "f(x)",
                 .series = {curve(f, "f(x)", -3.0, 3.0)}};
  for (const double start : {-2.9, -0.4, 0.4, 2.9}) {
    const RunResult run = minimize(f, scalar(start), s.learning_rate, StopRules{.max_steps = 40});
    Series path{"from " + format_number(start), run.trace.coordinate(0), {}, SeriesStyle::lines_points};
    for (const TraceRow& row : run.trace.rows()) path.y.push_back(row.loss);
    paths.series.push_back(path);
  }
  save_figure(cli, paths, "-paths.svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "critical": every landscape's critical points, classified.

struct CriticalSettings {
  double tolerance = 1e-4;
  void declare(CommandLine& cli) {
    cli.real("tolerance", tolerance, "an eigenvalue with |λ| at most this counts as zero", RealRange{1e-12, 1.0});
  }
};

int critical_experiment(const CommandLine& /*cli*/, const CriticalSettings& s) {
  TextTable table({"landscape", "critical point", "f", "Hessian eigenvalues", "kind"});
  const auto add = [&](const std::string& name, const auto& f, const std::vector<Vector>& starts) {
    for (const CriticalPoint& p : find_critical_points(f, starts, 1e-12, 1e-3, s.tolerance)) {
      table.add_row({name, format_point(p.x, 6), format_number(p.value, 6), eigen_text(p.classification.eigenvalues),
                     std::string(kind_name(p.classification.kind))});
    }
  };
  add("two valleys", TwoValleys{}, grid_starts(-3.0, 3.0, 61));
  std::vector<Vector> plane;
  for (const double x : {-1.0, 0.0, 1.0}) {
    for (const double y : {-1.0, 1.0}) plane.push_back(point(x, y));
  }
  add("saddle x² − y²", Saddle{}, plane);
  add("inflection x⁴/4 − x³", Inflection{}, grid_starts(-1.0, 4.0, 51));
  add("plateau 1 − exp(−x²/2)", Plateau{}, grid_starts(-0.9, 0.9, 19));
  add("sharp and flat", SharpFlat{}, grid_starts(-4.0, 4.0, 81));
  std::cout << "Critical points found by Newton's method on the gradient, classified by the eigenvalues of\n"
            << "the Hessian (an eigenvalue with |λ| ≤ " << format_number(s.tolerance) << " counts as zero)\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "saddle": stalling on x² − y² and escaping it.

struct SaddleSettings {
  double learning_rate = 0.1;
  double noise = 0.01;
  int seeds = 20;
  void declare(CommandLine& cli) {
    cli.real("lr", learning_rate, "η of descent (stable along x below 1)", RealRange{1e-3, 0.9})
        .real("noise", noise, "σ of the gradient noise of the noisy runs", RealRange{1e-9, 10.0})
        .integer("seeds", seeds, "seeds of the noisy and perturbed runs", 1, 10'000);
  }
};

//! [escape_run]
// Descent on x² − y² from (1, ε) until |y| ≥ 1: the steps it takes to leave the saddle.
template <class O = GradientDescent>
RunResult escape_run(const Vector& start, double learning_rate, int budget,
                     O optimizer = {}) {
  const StopRules rules{.max_steps = budget, .gradient_tolerance = 0.0};
  return minimize(Saddle{}, start, ConstantRate{learning_rate}, rules,
                  std::move(optimizer),
                  [](const TraceRow& row) { return std::abs(row.x[1]) < 1.0; });
}
//! [escape_run]

std::optional<int> escaped_after(const RunResult& run) {
  if (run.reason == StopReason::callback) return run.steps;
  return std::nullopt;
}

int saddle_experiment(const CommandLine& cli, const SaddleSettings& s) {
  const double eta = s.learning_rate;
  // Started exactly on y = 0: descent walks into the saddle and stops there.
  const StopRules to_flat{.max_steps = 10'000, .gradient_tolerance = 1e-10};
  const RunResult stuck = minimize(Saddle{}, point(1.0, 0.0), eta, to_flat);
  const Classification there = classify(Saddle{}.hessian(stuck.x));
  std::cout << "f(x, y) = x² − y², plain descent at η = " << format_number(eta) << "\n\n"
            << "From (1, 0): " << describe_outcome(stuck, to_flat) << ", at " << format_point(stuck.x, 3)
            << ", f = " << format_scientific(stuck.loss, 2) << ". Hessian eigenvalues there: "
            << eigen_text(there.eigenvalues) << ": a " << kind_name(there.kind) << ", not a minimum.\n\n";

  // From (1, ε): steps to |y| ≥ 1 against log(1/ε), and the least-squares slope.
  TextTable table({"ε", "ln(1/ε)", "steps to |y| ≥ 1", "predicted ln(1/ε)/ln(1 + 2η)"});
  const double predicted_slope = 1.0 / std::log(1.0 + 2.0 * eta);
  std::vector<double> logs, steps;
  Series measured{"measured", {}, {}, SeriesStyle::points};
  Series predicted{"ln(1/ε)/ln(1 + 2η)", {}, {}, SeriesStyle::lines};
  for (int k = 1; k <= 12; ++k) {
    const double epsilon = std::pow(10.0, -k);
    const auto n = escaped_after(escape_run(point(1.0, epsilon), eta, 100'000));
    if (!n) throw std::runtime_error("no escape from ε = " + format_scientific(epsilon, 1));
    logs.push_back(std::log(1.0 / epsilon));
    steps.push_back(*n);
    table.add_row({format_scientific(epsilon, 1), format_fixed(logs.back(), 2), std::to_string(*n),
                   format_fixed(logs.back() * predicted_slope, 1)});
    measured.x.push_back(logs.back());
    measured.y.push_back(*n);
    predicted.x.push_back(logs.back());
    predicted.y.push_back(logs.back() * predicted_slope);
  }
  const LineFit line = fit_line(logs, steps);  // steps ≈ a + b·ln(1/ε)
  const double slope = line.slope;
  std::cout << "From (1, ε): steps until |y| ≥ 1\n\n"
            << table.str() << "\nfitted slope: " << format_fixed(slope, 3) << " steps per unit of ln(1/ε); predicted "
            << "1/ln(1 + 2η) = " << format_fixed(predicted_slope, 3) << " (intercept "
            << format_fixed(line.intercept, 2) << ")\n\n";

  // No deliberate perturbation: noisy gradients, and perturbed descent, from (1, 0) exactly.
  const auto summary = [&](const std::string& name, const auto& make) {
    std::vector<int> counts;
    for (int seed = 1; seed <= s.seeds; ++seed) {
      const auto n = escaped_after(escape_run(point(1.0, 0.0), eta, 100'000, make(seed)));
      if (n) counts.push_back(*n);
    }
    std::sort(counts.begin(), counts.end());
    double mean = 0;
    for (const int c : counts) mean += static_cast<double>(c) / static_cast<double>(counts.size());
    return std::vector<std::string>{name, std::to_string(counts.size()) + " of " + std::to_string(s.seeds),
                                    counts.empty() ? "—" : std::to_string(counts.front()),
                                    counts.empty() ? "—" : format_fixed(mean, 1),
                                    counts.empty() ? "—" : std::to_string(counts.back())};
  };
  TextTable noisy({"from (1, 0)", "escaped", "fewest steps", "mean", "most"});
  //! [noisy_runs]
  noisy.add_row(summary("gradient noise σ = " + format_number(s.noise), [&](int seed) {
    return NoisyGradient<>{.deviation = s.noise,
                           .seed = static_cast<std::uint64_t>(seed)};
  }));
  noisy.add_row(summary("perturbed, radius " + format_number(s.noise), [&](int seed) {
    return PerturbedDescent<>{
        .threshold = 1e-3, .radius = s.noise, .seed = static_cast<std::uint64_t>(seed)};
  }));
  //! [noisy_runs]
  std::cout << "Started exactly on y = 0, " << s.seeds << " seeds each (perturbed descent kicks only where ‖∇f‖ ≤ 1e-3)\n\n"
            << noisy.str();

  ContourPlot map{.title = "Descent on x² − y² at η = " + format_number(eta),
                  .x_range = {-1.2, 1.2},
                  .y_range = {-1.2, 1.2},
                  .f = [](double x, double y) { return x * x - y * y; },
                  .levels = {-1.0, -0.6, -0.3, -0.1, 0.0, 0.1, 0.3, 0.6, 1.0},
                  .resolution = 121,
                  .paths = {},
                  .arrow_field = {}};
  map.paths.push_back(path_series("from (1, 1e-3)", escape_run(point(1.0, 1e-3), eta, 1000)));
  map.paths.push_back(path_series("(1, 0), noise σ = " + format_number(s.noise),
                                  escape_run(point(1.0, 0.0), eta, 100'000, NoisyGradient<>{.deviation = s.noise, .seed = 1})));
  // The stalled path lies on y = 0, where the other two begin: drawn last, on top of them, so
  // that it shows (their first steps run along it).
  map.paths.push_back(path_series("from (1, 0): stuck (drawn on top)",
                                  minimize(Saddle{}, point(1.0, 0.0), eta, StopRules{.max_steps = 60})));
  save_figure(cli, map, "-paths.svg");
  LinePlot fit{.title = "Steps to escape the saddle against ln(1/ε), η = " + format_number(eta),
               .x_label = "ln(1/ε)",
               .y_label = "steps until |y| ≥ 1",
               .series = {measured, predicted}};
  save_figure(cli, fit, "-escape.svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "plateau": a stationary inflection point and a plateau, raced.

struct PlateauSettings {
  double start = 4.0;
  int budget = 100'000;
  void declare(CommandLine& cli) {
    cli.real("start", start, "where the plateau race starts (the well is at 0)", RealRange{1.0, 6.0})
        .integer("budget", budget, "steps allowed to each method", 1, 10'000'000);
  }
};

struct Racer {
  const char* name;
  double learning_rate;
};
//! [racers]
constexpr Racer racers[] = {{"descent", 0.1}, {"momentum μ = 0.9", 0.1}, {"adam", 0.1}};
//! [racers]

template <Objective F>
RunResult race(const Racer& r, const F& f, double start, int budget, const StepCallback& going) {
  const StopRules rules{.max_steps = budget, .record_every = 1};
  const std::string name = r.name;
  if (name == "adam") return minimize(f, scalar(start), ConstantRate{r.learning_rate}, rules, Adam<>(), going);
  if (name == "descent") return minimize(f, scalar(start), ConstantRate{r.learning_rate}, rules, GradientDescent{}, going);
  return minimize(f, scalar(start), ConstantRate{r.learning_rate}, rules, Momentum<>(0.9), going);
}

int plateau_experiment(const CommandLine& cli, const PlateauSettings& s) {
  const auto outcome = [&](const RunResult& run) {
    return run.reason == StopReason::callback ? std::to_string(run.steps) : "not in " + std::to_string(s.budget);
  };
  // The inflection point: from −1, can each method get past 0 to the minimum at 3?
  TextTable inflection({"method", "η", "steps to x ≥ 2.9", "x at the end"});
  for (const Racer& r : racers) {
    const RunResult run = race(r, Inflection{}, -1.0, s.budget, [](const TraceRow& row) { return row.x[0] < 2.9; });
    inflection.add_row({r.name, format_number(r.learning_rate), outcome(run), format_number(run.x[0], 6)});
  }
  std::cout << "Inflection f(x) = x⁴/4 − x³: f'(0) = f''(0) = 0, minimum at x = 3. From x = −1:\n\n"
            << inflection.str() << "\n";

  //! [plateau_race]
  // The plateau: steps until x is inside the well, |x| ≤ 0.5.
  TextTable table({"method", "η", "steps to |x| ≤ 0.5", "f at the start", "slope at the start"});
  LinePlot figure{.title = "Crossing the plateau of 1 − exp(−x²/2) from x = " + format_number(s.start),
                  .x_label = "step",
                  .y_label = "x",
                  .log_x = true};
  for (const Racer& r : racers) {
    const RunResult run = race(r, Plateau{}, s.start, s.budget, [](const TraceRow& row) { return std::abs(row.x[0]) > 0.5; });
    //! [plateau_race]
    table.add_row({r.name, format_number(r.learning_rate), outcome(run), format_number(Plateau{}.value(scalar(s.start)), 6),
                   format_scientific(Plateau{}.gradient(scalar(s.start))[0], 2)});
    Series path{r.name, {}, {}, SeriesStyle::lines};
    path.method = std::string(r.name).substr(0, std::string(r.name).find(' '));  // "momentum μ = 0.9": momentum
    for (const TraceRow& row : run.trace.rows()) {
      path.x.push_back(row.step + 1);  // step + 1: the log axis has no place for step 0
      path.y.push_back(row.x[0]);
    }
    figure.series.push_back(path);
  }
  std::cout << "Plateau f(x) = 1 − exp(−x²/2), from x = " << format_number(s.start) << ":\n\n" << table.str();
  save_figure(cli, figure, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "escape": leaving the local valley with momentum or noise.

struct EscapeSettings {
  double learning_rate = 0.01;
  double momentum = 0.9;
  double noise = 12.0;
  int noisy_steps = 20'000;
  int seeds = 20;
  void declare(CommandLine& cli) {
    cli.real("lr", learning_rate, "η of every run", RealRange{1e-4, 0.1})
        .real("momentum", momentum, "μ of the momentum runs", RealRange{0.0, 0.999})
        .real("noise", noise, "σ of the gradient noise", RealRange{1e-6, 100.0})
        .integer("noisy-steps", noisy_steps, "steps with noise, before 2000 steps without", 1, 1'000'000)
        .integer("seeds", seeds, "seeds of the noisy runs from each start", 1, 10'000);
  }
};

int escape_experiment(const CommandLine& /*cli*/, const EscapeSettings& s) {
  const TwoValleys f;
  const std::vector<CriticalPoint> points = find_critical_points(f, grid_starts(-3.0, 3.0, 61));
  if (points.size() != 3) throw std::runtime_error("expected three critical points");
  const double hump = points[1].x[0];
  const StopRules settle_rules{.max_steps = 100'000, .gradient_tolerance = 1e-8, .record_every = 0};
  const StopRules calm{.max_steps = 2000, .record_every = 0};
  TextTable table({"start x0", "descent ends", "steps", "momentum ends", "steps", "noise: in global valley", "mean f at end"});
  int momentum_wins = 0, noise_total = 0;
  int row = 0;
  for (const double start : {0.5, 1.0, 1.5, 1.93, 2.5, 3.0, 3.5}) {
    ++row;
    const RunResult plain = minimize(f, scalar(start), ConstantRate{s.learning_rate}, settle_rules);
    const RunResult heavy = minimize(f, scalar(start), ConstantRate{s.learning_rate}, settle_rules, Momentum<>(s.momentum));
    momentum_wins += heavy.x[0] < hump ? 1 : 0;
    //! [noisy_escape]
    int reached = 0;
    double mean_f = 0.0;
    for (int seed = 1; seed <= s.seeds; ++seed) {
      const RunResult hot = minimize(
          f, scalar(start), ConstantRate{s.learning_rate},
          StopRules{.max_steps = s.noisy_steps, .record_every = 0},
          NoisyGradient<>{.deviation = s.noise,
                          .seed = static_cast<std::uint64_t>(1000 * row + seed)});
      const RunResult cooled = minimize(f, hot.x, ConstantRate{s.learning_rate},
                                        calm);  // then settle, no noise
      reached += cooled.x[0] < hump ? 1 : 0;
      mean_f += cooled.loss / s.seeds;
    }
    //! [noisy_escape]
    noise_total += reached;
    table.add_row({format_number(start), format_number(plain.x[0], 4), std::to_string(plain.steps), format_number(heavy.x[0], 4),
                   std::to_string(heavy.steps), std::to_string(reached) + " of " + std::to_string(s.seeds),
                   format_number(mean_f, 4)});
  }
  std::cout << "Two valleys f(x) = x⁴/4 − 2x² + x/2: global minimum f(" << format_number(points[0].x[0], 5) << ") = "
            << format_number(points[0].value, 5) << ", local f(" << format_number(points[2].x[0], 5) << ") = "
            << format_number(points[2].value, 5) << ".\n"
            << "Every start is in the local basin (x0 > " << format_number(hump, 4) << "). η = " << format_number(s.learning_rate)
            << "; descent and momentum μ = " << format_number(s.momentum) << " run until |f'| ≤ 1e-8;\n"
            << "the noisy runs take " << s.noisy_steps << " steps with gradient noise σ = " << format_number(s.noise)
            << ", then 2000 without, " << s.seeds << " seeds per start.\n\n"
            << table.str() << "\nmomentum reached the global valley from " << momentum_wins << " of 7 starts; noise in "
            << noise_total << " of " << 7 * s.seeds << " runs.\n";
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "sharp-flat": how sharp a minimum is, and which one small-batch SGD ends in.

struct SharpFlatSettings {
  int draws = 2000;
  int seeds = 100;
  double learning_rate = 0.05;
  int steps = 4000;
  double spread = 3.0;
  void declare(CommandLine& cli) {
    cli.integer("draws", draws, "random perturbations per radius", 1, 10'000'000)
        .integer("seeds", seeds, "SGD runs per batch size (each with its own start and batches)", 1, 100'000)
        .real("lr", learning_rate, "η of SGD", RealRange{1e-4, 0.07})
        .integer("steps", steps, "SGD steps per run", 1, 1'000'000)
        .real("spread", spread, "standard deviation of the samples' tilts z_i", RealRange{0.0, 100.0});
  }
};

// The loss over N = 32 samples: sample i tilts the landscape by z_i·x, and the z_i average to 0
// exactly, so the full loss is the landscape itself. A batch's gradient is f'(x) plus the mean
// tilt of the batch: the noise of small-batch SGD, with variance falling as the batch grows.
struct TiltedSamples {
  SharpFlat f;
  std::vector<double> tilts;
  TiltedSamples(double spread, std::uint64_t seed) {
    Random random(seed);
    for (int i = 0; i < 32; ++i) tilts.push_back(random.normal(0.0, spread));
    double mean = 0;
    for (const double z : tilts) mean += z / 32.0;
    for (double& z : tilts) z -= mean;
  }
};

int sharp_flat_experiment(const CommandLine& cli, const SharpFlatSettings& s) {
  const SharpFlat f;
  std::vector<CriticalPoint> minima;
  for (const CriticalPoint& p : find_critical_points(f, grid_starts(-4.0, 4.0, 81))) {
    if (p.classification.kind == CriticalKind::minimum && p.value < -0.5) minima.push_back(p);
  }
  if (minima.size() != 2) throw std::runtime_error("expected two deep minima");
  const CriticalPoint& sharp = minima[0];
  const CriticalPoint& flat = minima[1];
  std::cout << "f(x) = x²/20 − exp(−(x + 2)²/0.08) − exp(−(x − 2)²/2): two minima\n"
            << "  sharp: x = " << format_number(sharp.x[0], 6) << ", f = " << format_number(sharp.value, 6)
            << ", f'' = " << format_number(sharp.classification.eigenvalues[0], 4) << "\n"
            << "  flat:  x = " << format_number(flat.x[0], 6) << ", f = " << format_number(flat.value, 6)
            << ", f'' = " << format_number(flat.classification.eigenvalues[0], 4) << "\n\n";

  //! [perturb]
  // Mean of f(x* + δ) − f(x*) over draws δ ~ N(0, r²), the same draws for both minima.
  TextTable table(
      {"radius r", "sharp: mean increase", "flat: mean increase", "sharp / flat"});
  LinePlot figure{.title = "Loss increase under random perturbations of radius r",
                  .x_label = "radius r",
                  .y_label = "mean f(x* + δ) − f(x*)",
                  .log_x = true,
                  .log_y = true};
  Series sharp_series{"sharp minimum", {}, {}, SeriesStyle::lines_points};
  Series flat_series{"flat minimum", {}, {}, SeriesStyle::lines_points};
  for (const double r : {0.01, 0.03, 0.1, 0.3, 1.0}) {
    Random random(7);
    double rise_sharp = 0, rise_flat = 0;
    for (int i = 0; i < s.draws; ++i) {
      const double delta = random.normal(0.0, r);
      rise_sharp += (f.value(scalar(sharp.x[0] + delta)) - sharp.value) / s.draws;
      rise_flat += (f.value(scalar(flat.x[0] + delta)) - flat.value) / s.draws;
    }
    //! [perturb]
    table.add_row({format_number(r), format_scientific(rise_sharp, 3), format_scientific(rise_flat, 3),
                   format_number(rise_sharp / rise_flat, 3)});
    sharp_series.x.push_back(r);
    sharp_series.y.push_back(rise_sharp);
    flat_series.x.push_back(r);
    flat_series.y.push_back(rise_flat);
  }
  figure.series = {sharp_series, flat_series};
  std::cout << "Perturbations δ ~ N(0, r²), " << s.draws << " draws per radius\n\n" << table.str() << "\n";

  // SGD: which minimum each run ends in, by batch size.
  const TiltedSamples data(s.spread, 11);
  TextTable counts({"batch size B", "ends in sharp", "ends in flat", "elsewhere", "counting noise ±"});
  for (const int batch : {1, 4, 32}) {
    int in_sharp = 0, in_flat = 0;
    for (int seed = 1; seed <= s.seeds; ++seed) {
      double x = Random(static_cast<std::uint64_t>(seed)).uniform(-4.0, 4.0);  // the same starts for every B
      Random random(static_cast<std::uint64_t>(1000 * batch + seed));
      //! [sgd_step]
      for (int t = 0; t < s.steps; ++t) {
        double tilt = 0;  // the batch's mean tilt: B samples drawn with replacement
        for (int b = 0; b < batch; ++b) tilt += data.tilts[random.below(32)] / batch;
        const double g =
            batch == 32 ? f.gradient(scalar(x))[0] : f.gradient(scalar(x))[0] + tilt;
        x -= s.learning_rate * g;
      }
      //! [sgd_step]
      if (std::abs(x - sharp.x[0]) < 0.5) ++in_sharp;
      else if (std::abs(x - flat.x[0]) < 2.0) ++in_flat;
    }
    // A count k of n runs moves by about √(k(n − k)/n) when the runs are repeated with new
    // starts and batches (the binomial standard deviation, with k/n for the probability).
    const double k = in_sharp, n = s.seeds;
    counts.add_row({batch == 32 ? "32 (full batch)" : std::to_string(batch), std::to_string(in_sharp),
                    std::to_string(in_flat), std::to_string(s.seeds - in_sharp - in_flat),
                    format_number(std::sqrt(k * (n - k) / n), 2)});
  }
  std::cout << "SGD on 32 samples with tilts of spread " << format_number(s.spread) << " (the full loss is f), η = "
            << format_number(s.learning_rate) << ", " << s.steps << " steps,\n"
            << s.seeds << " runs per batch size from starts uniform in [−4, 4]; the sharp well counts within 0.5 of its minimum,\n"
            << "the flat one within 2. Counting noise: √(k(n − k)/n), the standard deviation of a count k of n runs\n"
            << "(of the sharp count here) if the runs were repeated with new random starts and batches\n\n"
            << counts.str();
  save_figure(cli, figure, ".svg");
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("saddle_points", "Chapter 5: saddle points and other traps.")
      .add({.name = "valleys", .summary = "two valleys: critical points, basins of attraction, the boundary", .outputs = OutputFlags::files_only()},
           valleys_experiment)
      .add({.name = "critical", .summary = "every landscape's critical points, classified by Hessian eigenvalues",
            .outputs = OutputFlags::text_only()},
           critical_experiment)
      .add({.name = "saddle", .summary = "x² − y²: stuck on y = 0; escape steps against ln(1/ε); noise", .outputs = OutputFlags::files_only()},
           saddle_experiment)
      .add({.name = "plateau", .summary = "an inflection point and a plateau: descent, momentum and Adam raced",
            .outputs = OutputFlags::files_only()},
           plateau_experiment)
      .add({.name = "escape", .summary = "leaving a local valley with momentum or gradient noise", .outputs = OutputFlags::text_only()},
           escape_experiment)
      .add({.name = "sharp-flat", .summary = "sharp and flat minima: perturbations, and where small-batch SGD ends",
            .outputs = OutputFlags::files_only()},
           sharp_flat_experiment)
      .main(argc, argv);
}
//! [main]
