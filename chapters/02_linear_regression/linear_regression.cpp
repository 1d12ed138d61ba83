// Chapter 2 — Linear regression fit.
//
// Fits price = w·size + b to house prices by gradient descent on the mean squared error,
// and checks the result against the closed-form least-squares solution. Other experiments
// work one step by hand and show why features must be standardised. Run with --help.

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <iostream>

#include "descent/chapter.hpp"
#include "descent/run_output.hpp"
#include "descent/csv.hpp"
#include "descent/datasets.hpp"
#include "descent/format.hpp"
#include "descent/least_squares.hpp"
#include "descent/minimize.hpp"
#include "descent/plot.hpp"
#include "descent/stability.hpp"
#include "descent/standardize.hpp"
#include "descent/trace_plots.hpp"

namespace {

using namespace descent;

// Where the data come from: the synthetic houses, or the reader's CSV file.
struct DataSettings {
  std::string data_file;
  std::string x_column;
  std::string y_column;
  int samples = 50;
  int seed = 7;
  void declare(CommandLine& cli) {
    cli.text("data", data_file, "fit your own CSV file instead of the synthetic houses", "FILE")
        .text("x", x_column, "the feature column of --data, by name or number (default: first)", "COLUMN")
        .text("y", y_column, "the target column of --data, by name or number (default: last)", "COLUMN")
        .integer("samples", samples, "number of synthetic houses", 2, 10'000'000)
        .integer("seed", seed, "seed of the synthetic houses", 0, 1'000'000'000);
  }
};

// When descent stops.
struct StopSettings {
  double tolerance = 1e-9;
  int max_steps = 100'000;
  void declare(CommandLine& cli) {
    cli.real("tolerance", tolerance, "stop when the gradient norm is at most this", RealRange::positive())
        .integer("max-steps", max_steps, "step budget", 1, 100'000'000);
  }
  // Every step of a run is kept (the tables and figures read them): `runs` traces of two
  // parameters must fit in memory at the full budget.
  void require_trace_memory(int runs) const {
    require_memory(runs * trace_bytes(max_steps, 2), "--max-steps " + std::to_string(max_steps),
                   "the trace of every step");
  }
};

struct FitSettings {
  DataSettings data;
  StopSettings stop;
  double learning_rate = 0.1;
  double predict_at = 2000.0;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.real("lr", learning_rate, "learning rate η", RealRange::positive());
    stop.declare(cli);
    cli.real("predict", predict_at, "predict the target at this feature value (default with --data: the mean)");
  }
};

struct WorkedStepSettings {
  double learning_rate = 0.1;
  int steps = 3;
  void declare(CommandLine& cli) {
    cli.real("lr", learning_rate, "learning rate η", RealRange::positive())
        .integer("steps", steps, "steps worked by hand", 1, 10);
  }
};

struct ScalingSettings {
  DataSettings data;
  StopSettings stop;
  void declare(CommandLine& cli) {
    data.declare(cli);
    stop.declare(cli);
  }
};

// The data the chapter fits, with names and units for printing.
struct Problem {
  Dataset data;
  std::string description;
  std::string x_name = "size";
  std::string y_name = "price";
  std::string x_unit = " sq ft";
  std::string y_unit = " k$";
};

Problem load_problem(const DataSettings& s, const CommandLine& cli) {
  Problem p;
  if (s.data_file.empty()) {
    if (cli.given("x") || cli.given("y")) throw UsageError("--x and --y choose columns of --data FILE");
    p.data = synthetic_housing(s.samples, static_cast<std::uint64_t>(s.seed));
    p.description = std::to_string(s.samples) + " houses (synthetic, seed " + std::to_string(s.seed) + ")";
    return p;
  }
  if (cli.given("samples") || cli.given("seed"))
    throw UsageError("--samples and --seed apply to the synthetic data, not --data");
  ColumnData columns = read_columns(s.data_file, s.x_column, s.y_column);
  p.data = std::move(columns.data);
  p.description = columns.description;
  p.x_name = columns.x_name;
  p.y_name = columns.y_name;
  p.x_unit = p.y_unit = "";
  return p;
}

// "size (sq ft)": a column's name with its unit, if it has one, for a figure's axis.
std::string axis_label(const std::string& name, const std::string& unit) {
  const std::size_t first = unit.find_first_not_of(' ');
  return first == std::string::npos ? name : name + " (" + unit.substr(first) + ")";
}

std::string range_of(const Vector& v, const std::string& unit) {
  return format_number(v.minCoeff(), 4) + "–" + format_number(v.maxCoeff(), 4) + unit;
}

// ---------------------------------------------------------------------------------------
// Experiment "fit": descent on standardised features against the closed form.

int fit_experiment(const CommandLine& cli, const FitSettings& s) {
  s.stop.require_trace_memory(1);
  const Problem p = load_problem(s.data, cli);
  //! [standardize_and_fit]
  const Standardizer scaling = Standardizer::fit(p.data.features);
  // fit on (x − μ)/σ
  const LeastSquares loss(scaling.transform(p.data.features), p.data.targets);
  const StopRules rules{.max_steps = s.stop.max_steps,
                        .gradient_tolerance = s.stop.tolerance};
  const RunResult run = minimize(loss, Vector::Zero(2), s.learning_rate, rules);
  const Vector fitted = scaling.to_original_units(run.x);  // (w, b) for the raw size
  //! [standardize_and_fit]
  const LeastSquares raw_loss(p.data.features, p.data.targets);
  const Vector exact = raw_loss.closed_form();
  const double agreement = (fitted - exact).norm() / exact.norm();
  const auto& rows = run.trace.rows();

  // The excess loss L − L*: on a log axis a straight line means a constant factor per step.
  const double floor = raw_loss.value(exact);
  const Series excess = loss_series("L − L(closed form)", run, floor);
  const LinePlot excess_plot{.title = "loss above its minimum, by step",
                             .x_label = "step",
                             .y_label = "L − L* (log scale)",
                             .log_y = true,
                             .series = {excess}};
  if (!cli.quiet()) {
    std::cout << "Data: " << p.description << ", " << p.x_name << " " << range_of(p.data.features.col(0), p.x_unit)
              << ", " << p.y_name << " " << range_of(p.data.targets, p.y_unit) << "\n"
              << "Model: " << p.y_name << " = w · " << p.x_name << " + b;  loss L(w, b) = mean squared error\n\n";
  }
  std::cout << "Closed form (normal equations, Eigen LDLT): w = " << format_number(exact[0], 6)
            << ", b = " << format_number(exact[1], 6) << ", L = " << format_number(raw_loss.value(exact), 6) << "\n\n";
  if (run.diverged()) {
    save_trace(cli, run.trace, ".csv");  // the steps up to the blow-up
    std::cout << "Gradient descent " << describe(*run.divergence) << "; lower --lr (stable below "
              << format_number(largest_stable_learning_rate(loss.hessian(run.x)), 4) << ")\n";
    return 0;
  }
  if (!cli.quiet()) {
    std::cout << "Gradient descent on the standardised " << p.x_name << " (x − " << format_number(scaling.mean[0], 6)
              << ") / " << format_number(scaling.deviation[0], 6) << ", η = " << format_number(s.learning_rate)
              << ", from w = b = 0:\n\n";
    TextTable table({"step", "w (standardised)", "b", "w (per unit " + p.x_name + ")", "b (original)", "L"});
    for (std::size_t t = 0; t < rows.size(); ++t) {
      const bool shown = t <= 2 || t == 5 || t == 10 || t == 20 || t == 50 || t == 100 || t == rows.size() - 1;
      if (!shown) continue;
      const Vector original = scaling.to_original_units(rows[t].x);
      table.add_row({std::to_string(rows[t].step), format_number(rows[t].x[0], 8), format_number(rows[t].x[1], 8),
                     format_number(original[0], 8), format_number(original[1], 8), format_number(rows[t].loss, 8)});
    }
    std::cout << table.str() << "\n";
  }
  std::cout << "stopped after " << run.steps << " steps (" << describe(run.reason) << ", ‖∇L‖ ≤ "
            << format_number(s.stop.tolerance) << ")\n"
            << "descent:     w = " << format_number(fitted[0], 12) << ", b = " << format_number(fitted[1], 12) << "\n"
            << "closed form: w = " << format_number(exact[0], 12) << ", b = " << format_number(exact[1], 12) << "\n"
            << "agreement: relative difference " << format_scientific(agreement, 2) << "\n";
  const double x_new = cli.given("predict") || s.data.data_file.empty() ? s.predict_at : p.data.features.col(0).mean();
  std::cout << "prediction: " << p.x_name << " " << format_number(x_new, 6) << p.x_unit << " → " << p.y_name << " "
            << format_fixed(fitted[0] * x_new + fitted[1], 1) << p.y_unit << "\n";
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(excess_plot);

  if (cli.out()) {
    save_trace(cli, run.trace, ".csv");
    // The data with the line at a few steps, in original units.
    LinePlot lines{.title = "the fitted line during descent, and the residuals at the end",
                   .x_label = axis_label(p.x_name, p.x_unit),
                   .y_label = axis_label(p.y_name, p.y_unit),
                   .series = {Series{"data", {}, {}, SeriesStyle::points}}};
    for (Eigen::Index i = 0; i < p.data.targets.size(); ++i) {
      lines.series[0].x.push_back(p.data.features(i, 0));
      lines.series[0].y.push_back(p.data.targets[i]);
    }
    const double x_low = p.data.features.minCoeff();
    const double x_high = p.data.features.maxCoeff();
    for (const std::size_t t : {std::size_t{1}, std::size_t{3}, std::size_t{10}, rows.size() - 1}) {
      if (t >= rows.size()) continue;
      const Vector line = scaling.to_original_units(rows[t].x);
      lines.series.push_back({"after " + std::to_string(t) + (t == 1 ? " step" : " steps"),
                              {x_low, x_high},
                              {line[0] * x_low + line[1], line[0] * x_high + line[1]},
                              SeriesStyle::lines});
    }
    // The residuals of the final line: one segment from each point to the line.
    Series residuals{"residuals of the final line", {}, {}, SeriesStyle::segments};
    for (Eigen::Index i = 0; i < p.data.targets.size(); ++i) {
      const double x = p.data.features(i, 0);
      residuals.x.insert(residuals.x.end(), {x, x});
      residuals.y.insert(residuals.y.end(), {p.data.targets[i], fitted[0] * x + fitted[1]});
    }
    lines.series.push_back(std::move(residuals));
    save_figure(cli, lines, "-data.svg");
    // The loss landscape over the standardised (w, b) with the path.
    ContourPlot map;
    map.title = "L(w′, b′) over the standardised parameters, with the descent path";
    map.x_label = "w′ (standardised)";
    map.y_label = "b′ (standardised)";
    // The map covers the start, the run's end and the exact minimum, so that a run stopped at
    // step 0 (a --tolerance its start already meets) still has a map to be drawn on.
    const double reach =
        1.15 * std::max({run.x.cwiseAbs().maxCoeff(), loss.closed_form().cwiseAbs().maxCoeff(), 1e-9});
    map.x_range = {-0.15 * reach, reach};
    map.y_range = {-0.15 * reach, reach};
    map.f = [&loss](double w, double b) { return loss.value(Vector{{w, b}}); };
    const double best = loss.value(run.x);
    map.levels = log_spaced_levels(best * 1.05, loss.value(Vector::Zero(2)) * 2.0, 12);
    map.paths.push_back({"descent path", run.trace.coordinate(0), run.trace.coordinate(1), SeriesStyle::lines_points, "gd"});
    map.minimum = std::array<double, 2>{run.x[0], run.x[1]};  // equal to the closed form's to 1e-9
    save_figure(cli, map, "-contours.svg");
    save_figure(cli, excess_plot, "-loss.svg");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "worked-step": one step by hand on two houses.

int worked_step_experiment(const CommandLine& /*cli*/, const WorkedStepSettings& s) {
  // Two points chosen so that at (w, b) = (2, 1.5) the gradient is (4.25, 2.5).
  const LeastSquares loss(Matrix{{1.0}, {2.0}}, Vector{{2.75, 3.75}});
  Vector theta{{2.0, 1.5}};
  std::cout << "Two data points (x, y) = (1, 2.75) and (2, 3.75); start w = 2, b = 1.5, η = "
            << format_number(s.learning_rate) << "\n";
  const int steps = s.steps;
  const double first_loss = loss.value(theta);
  for (int step = 1; step <= steps; ++step) {
    //! [worked_step]
    const Vector r = loss.residuals(theta);  // w·x + b − y for each point
    const Vector g = loss.gradient(theta);   // (∂L/∂w, ∂L/∂b)
    const Vector next = theta - s.learning_rate * g;
    //! [worked_step]
    std::cout << "\nstep " << step << "\n"
              << "  residuals r = w·x + b − y = (" << format_number(r[0], 8) << ", " << format_number(r[1], 8) << ")\n"
              << "  ∂L/∂w = (2/N)·Σ r·x = " << format_number(g[0], 8) << "\n"
              << "  ∂L/∂b = (2/N)·Σ r   = " << format_number(g[1], 8) << "\n"
              << "  w ← " << format_number(theta[0], 8) << " − " << format_number(s.learning_rate) << " × "
              << format_number(g[0], 8) << " = " << format_number(next[0], 8) << "\n"
              << "  b ← " << format_number(theta[1], 8) << " − " << format_number(s.learning_rate) << " × "
              << format_number(g[1], 8) << " = " << format_number(next[1], 8) << "\n"
              << "  L: " << format_number(loss.value(theta), 8) << " → " << format_number(loss.value(next), 8) << "\n";
    if (blew_up(loss.value(next), first_loss, default_explosion_factor)) {  // a result to report, not steps to go on with
      std::cout << "\ndiverged at step " << step << ": loss " << format_number(loss.value(next)) << "; lower --lr\n";
      break;
    }
    theta = next;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "scaling": raw square feet against standardised sizes.

struct Curvature {
  double largest;
  double smallest;
};

Curvature curvature_of(const LeastSquares& loss) {
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(loss.hessian(Vector::Zero(loss.dimension())),
                                                    Eigen::EigenvaluesOnly);
  return {eigen.eigenvalues().maxCoeff(), eigen.eigenvalues().minCoeff()};
}

int scaling_experiment(const CommandLine& cli, const ScalingSettings& s) {
  s.stop.require_trace_memory(1);  // one run at a time: each trace is dropped after its row
  const Problem p = load_problem(s.data, cli);
  const Standardizer scaling = Standardizer::fit(p.data.features);
  const LeastSquares raw(p.data.features, p.data.targets);
  const LeastSquares standardized(scaling.transform(p.data.features), p.data.targets);
  const Vector exact = raw.closed_form();
  const Curvature raw_curve = curvature_of(raw);
  const Curvature std_curve = curvature_of(standardized);
  std::cout << "Data: " << p.description << "\n"
            << "Curvature of L (eigenvalues of the Hessian):\n"
            << "  raw " << p.x_name << ":          λmax = " << format_scientific(raw_curve.largest, 3)
            << ", λmin = " << format_scientific(raw_curve.smallest, 3)
            << ", κ = λmax/λmin = " << format_scientific(raw_curve.largest / raw_curve.smallest, 3)
            << ", stable for η < " << format_scientific(2.0 / raw_curve.largest, 3) << "\n"
            << "  standardised " << p.x_name << ": λmax = " << format_number(std_curve.largest, 4)
            << ", λmin = " << format_number(std_curve.smallest, 4)
            << ", κ = " << format_number(std_curve.largest / std_curve.smallest, 4) << ", stable for η < "
            << format_number(2.0 / std_curve.largest, 4) << "\n"
            << "Contours of L: ellipses √κ times longer than wide, "
            << format_scientific(std::sqrt(raw_curve.largest / raw_curve.smallest), 3) << " for the raw "
            << p.x_name << ", " << format_number(std::sqrt(std_curve.largest / std_curve.smallest), 4)
            << " (circles) for the standardised one\n\n";

  const double careful = 0.9 * 2.0 / raw_curve.largest;  // just inside the stable range
  struct Case {
    std::string features;
    const LeastSquares* loss;
    double learning_rate;
    bool standardized;
  };
  const Case cases[] = {
      {"standardised", &standardized, 0.1, true}, {"raw", &raw, 0.1, false}, {"raw", &raw, careful, false}};
  TextTable table({"features", "η", "outcome", "w", "b", "relative error"});
  table.align_left(2);
  for (const auto& c : cases) {
    const StopRules rules{.max_steps = s.stop.max_steps, .gradient_tolerance = s.stop.tolerance};
    const RunResult run = minimize(*c.loss, Vector::Zero(2), c.learning_rate, rules);
    const Vector fitted = c.standardized ? scaling.to_original_units(run.x) : run.x;
    const std::string outcome = describe_outcome(run, rules);
    table.add_row(
        {c.features, format_number(c.learning_rate, 3), outcome, run.diverged() ? "—" : format_number(fitted[0], 6),
         run.diverged() ? "—" : format_number(fitted[1], 6),
         run.diverged() ? "—" : format_scientific((fitted - exact).norm() / exact.norm(), 2)});
  }
  std::cout << table.str();
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("linear_regression",
                 "Chapter 2: fit price = w·size + b by gradient descent on the mean squared error,\n"
                 "and compare with the closed-form least-squares solution.")
      .add({.name = "fit", .summary = "descent on standardised features against the closed form"}, fit_experiment)
      .add({.name = "worked-step", .summary = "one step worked by hand on two houses", .outputs = OutputFlags::text_only()},
           worked_step_experiment)
      .add({.name = "scaling", .summary = "raw square feet against standardised sizes", .outputs = OutputFlags::text_only()},
           scaling_experiment)
      .main(argc, argv);
}
//! [main]
