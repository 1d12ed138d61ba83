// Chapter 1 — Hand descent.
//
// Runs gradient descent on the chapter's small functions and prints each step the way you
// would work it by hand: the old value, the learning rate, the slope, the new value. Other
// experiments compare stopping rules, brute force against descent, and secant slopes
// against the true derivative. Run with --help for the flags.

#include "descent/behaviour.hpp"
#include "descent/chapter.hpp"
#include "descent/finite_difference.hpp"
#include "descent/format.hpp"
#include "descent/functions.hpp"
#include "descent/grid_search.hpp"
#include "descent/minimize.hpp"
#include "descent/plot.hpp"
#include "descent/run_output.hpp"
#include "descent/stability.hpp"
#include "descent/trace_plots.hpp"

#include <cmath>
#include <functional>
#include <iostream>
#include <variant>

namespace {

using namespace descent;

// ---------------------------------------------------------------------------------------
// The chapter's landscapes and how a hand-worked update of each is written.

using Landscape = std::variant<Parabola, DiagonalBowl>;

struct Function {
  Landscape objective;
  std::string formula;                 // as printed: "C(w) = w²"
  std::string loss_symbol;             // "C" or "L"
  std::vector<std::string> variables;  // one name per coordinate
  Vector start;                        // the start the chapter uses
  // Writes one update, e.g. "w = 5 − 0.1 × (2·5) = 4", from the numbers as formatted.
  std::function<std::string(const std::vector<std::string>& old_x, const std::string& learning_rate,
                            const std::vector<std::string>& slope, const std::vector<std::string>& new_x)>
      update_text;
};

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
  return parts.size() == 1 ? out : "(" + out + ")";
}

//! [functions]
Function make_function(const std::string& name) {
  if (name == "parabola") {  // C(w) = w², slope 2w
    return {Parabola{}, "C(w) = w²  (slope 2w)", "C", {"w"}, Vector::Constant(1, 5.0),
            [](const auto& w, const auto& eta, const auto&, const auto& next) {
              return "w = " + w[0] + " − " + eta + " × (2·" + w[0] + ") = " + next[0];
            }};
  }
  if (name == "shifted") {  // L(x) = ½(x − 1)² + ½, minimum 0.5 at x = 1
    return {Parabola{0.5, 1.0, 0.5}, "L(x) = ½(x − 1)² + ½  (slope x − 1)", "L", {"x"}, Vector::Constant(1, -2.5),
            [](const auto& x, const auto& eta, const auto& slope, const auto& next) {
              return "x = " + x[0] + " − " + eta + "·(" + slope[0] + ") = " + next[0];
            }};
  }
  // L(x, y) = x² + 2y², steeper along y than along x
  return {DiagonalBowl{point(1.0, 2.0)}, "L(x, y) = x² + 2y²  (gradient (2x, 4y))", "L", {"x", "y"},
          point(-4.0, 2.0),
          [](const auto& p, const auto& eta, const auto&, const auto& next) {
            return "(x, y) = " + joined(p) + " − " + eta + " × (2·" + p[0] + ", 4·" + p[1] + ") = " + joined(next);
          }};
}
//! [functions]

// The learning-rate presets, shared by --preset and the side-by-side comparison.
struct LearningRatePreset {
  const char* name;
  const char* description;
  double learning_rate;
};
constexpr LearningRatePreset learning_rate_presets[] = {
    {"too-small", "crawls towards the minimum", 0.02},
    {"just-right", "settles in a few steps", 0.4},
    {"too-big", "overshoots and oscillates in", 1.8},
    {"diverges", "every step lands further out (η > 2)", 2.2},
};
constexpr int preset_steps = 20;

struct Settings {
  std::string function = "parabola";
  Vector start;
  double learning_rate = 0.1;
  int steps = 7;
  int decimals = 0;
  double gradient_tolerance = 0.0;
  double plateau_tolerance = 0.0;

  void declare(CommandLine& cli) {
    cli.choice("function", function, "the loss to descend", {"parabola", "shifted", "bowl"})
        .vector("start", start, "start point (default: 5 for parabola, −2.5 for shifted, −4,2 for bowl)")
        .real("lr", learning_rate, "learning rate η", RealRange::positive())
        .integer("steps", steps, "number of descent steps", 1, 1'000'000)
        .integer("decimals", decimals, "fixed decimals for printed numbers (0: shortest exact form)", 0, 12)
        .real("tolerance", gradient_tolerance, "stop when the gradient norm is at most this (0: off)",
              RealRange::non_negative())
        .real("plateau", plateau_tolerance, "stop when the loss changes by at most this (0: off)",
              RealRange::non_negative());
    for (const auto& p : learning_rate_presets) {
      cli.preset({p.name, p.description, {{"function", "shifted"}, {"lr", format_number(p.learning_rate)},
                                          {"steps", std::to_string(preset_steps)}, {"decimals", "2"}}});
    }
  }
};

// The stopping experiment's own thresholds.
struct StoppingSettings {
  double gradient_tolerance = 1e-3;
  double plateau_tolerance = 1e-6;
  void declare(CommandLine& cli) {
    cli.real("tolerance", gradient_tolerance, "the gradient-norm rule stops at ‖∇L‖ ≤ this", RealRange::positive())
        .real("plateau", plateau_tolerance, "the plateau rule stops when the loss changes by at most this",
              RealRange::positive());
  }
};

// Formats every number of one run the same way: shortest exact form, or fixed decimals.
std::function<std::string(double)> number_format(int decimals) {
  if (decimals > 0) return [decimals](double v) { return format_fixed(v, decimals); };
  return [](double v) { return format_number(v); };
}

std::vector<std::string> formatted(const Vector& v, const std::function<std::string(double)>& fmt) {
  std::vector<std::string> out;
  for (const double x : v) out.push_back(fmt(x));
  return out;
}

template <class F>
RunResult run(const F& f, const Settings& s, const Vector& start) {
  StopRules rules;
  rules.max_steps = s.steps;
  rules.gradient_tolerance = s.gradient_tolerance;
  rules.plateau_tolerance = s.plateau_tolerance;
  return minimize(f, start, s.learning_rate, rules);
}

// ---------------------------------------------------------------------------------------
// Experiment "descent": the hand table.

//! [hand_table]
std::string hand_table(const Function& fn, const RunResult& result,
                       const std::function<std::string(double)>& fmt) {
  std::vector<std::string> headers{"step", "update"};
  for (const auto& v : fn.variables) headers.push_back(v);
  headers.push_back(fn.loss_symbol);
  TextTable table(headers);
  table.align_left(1);
  const auto& rows = result.trace.rows();
  for (std::size_t t = 0; t < rows.size(); ++t) {
    std::vector<std::string> cells{std::to_string(rows[t].step)};
    if (t == 0) {
      cells.emplace_back("start");
    } else if (rows[t].diverged) {
      cells.emplace_back("diverged: loss " + fmt(rows[t].loss));
    } else {  // the step that took row t−1 to row t, with every number substituted
      const auto& from = rows[t - 1];
      cells.push_back(fn.update_text(formatted(from.x, fmt), fmt(from.learning_rate),
                                     formatted(from.gradient, fmt),
                                     formatted(rows[t].x, fmt)));
    }
    for (const double x : rows[t].x) cells.push_back(fmt(x));
    cells.push_back(fmt(rows[t].loss));
    table.add_row(std::move(cells));
  }
  return table.str();
}
//! [hand_table]

std::string behaviour_sentence(Behaviour behaviour, const RunResult& result, double stable_limit) {
  const std::string limit = "stable only for η < " + format_number(stable_limit, 6) + " = 2 / largest curvature";
  switch (behaviour) {
    case Behaviour::converged: return "converged: within 0.001 of the minimum";
    case Behaviour::approaching: return "approaching: more than halfway to the minimum, steps shrinking";
    case Behaviour::crawling: return "crawling: less than halfway to the minimum; a larger η would get there sooner";
    case Behaviour::oscillating_in: return "oscillating in: each step jumps across the minimum, a little less each time";
    case Behaviour::bouncing: return "bouncing: each step jumps across the minimum, and the jumps no longer shrink";
    case Behaviour::diverging:
      return "diverging: the loss grew from " + format_number(result.trace.front().loss) + " to " +
             format_number(result.trace.back().loss) + "; " + limit;
    case Behaviour::diverged: return describe(*result.divergence) + "; " + limit;
  }
  return "";
}

// The descent path drawn on the landscape: the curve itself in 1-D, contours and the
// negative-gradient arrows in 2-D.
template <class F>
void save_path_figure(const F& f, const Function& fn, const RunResult& result, const std::filesystem::path& file) {
  if (fn.variables.size() == 1) {
    const auto xs = result.trace.coordinate(0);
    double low = fn.objective.index() == 0 ? std::get<Parabola>(fn.objective).centre : 0.0;
    double high = low;
    for (const double x : xs) {
      if (std::isfinite(x)) low = std::min(low, x), high = std::max(high, x);
    }
    const double margin = 0.1 * (high - low) + 0.5;
    Series curve{fn.formula.substr(0, fn.formula.find("  ")), {}, {}, SeriesStyle::lines};
    for (int i = 0; i <= 200; ++i) {
      const double x = low - margin + (high - low + 2 * margin) * i / 200.0;
      curve.x.push_back(x);
      curve.y.push_back(f.value(Vector::Constant(1, x)));
    }
    Series steps{"descent steps", xs, result.trace.losses(), SeriesStyle::lines_points, "gd"};
    save_plot(LinePlot{.title = "the descent path on the curve",
                       .x_label = fn.variables[0],
                       .y_label = fn.loss_symbol,
                       .series = {curve, steps},
                       .minimum = f.value(f.minimizer()),
                       .minimum_title = "lowest " + fn.loss_symbol},
              file);
    return;
  }
  ContourPlot map;
  map.title = "descent on " + fn.formula.substr(0, fn.formula.find("  "));
  map.x_range = {-5.0, 5.0};
  map.y_range = {-3.0, 3.0};
  map.f = [&f](double x, double y) { return f.value(point(x, y)); };
  map.levels = log_spaced_levels(0.05, 60.0, 12);
  map.arrow_field = [&f](double x, double y) {
    const Vector g = f.gradient(point(x, y));
    std::array<double, 2> downhill{};
    Eigen::Map<Eigen::Vector2d>(downhill.data()) = -g.head<2>();
    return downhill;
  };
  map.paths.push_back({"descent path", result.trace.coordinate(0), result.trace.coordinate(1), SeriesStyle::lines_points, "gd"});
  map.minimum = std::array<double, 2>{f.minimizer()[0], f.minimizer()[1]};
  save_plot(map, file);
}

int descent_experiment(const CommandLine& cli, const Settings& s) {
  const Function fn = make_function(s.function);
  const Vector start = s.start.size() > 0 ? s.start : fn.start;
  require_size(start, static_cast<Eigen::Index>(fn.variables.size()), "--start");
  const auto fmt = number_format(s.decimals);
  return std::visit([&](const auto& f) {
    require_finite_start(f, start, "--start");  // an overflowing start is input, not divergence
    const RunResult result = run(f, s, start);
    const double stable_limit = largest_stable_learning_rate(f.hessian(start));
    const Behaviour behaviour = classify(result, f.minimizer(), 1e-3);
    if (!cli.quiet()) {
      std::cout << "Gradient descent on " << fn.formula << "\n"
                << "start " << joined(formatted(start, fmt)) << ", learning rate η = " << fmt(s.learning_rate)
                << ", at most " << s.steps << (s.steps == 1 ? " step" : " steps") << "\n\n"
                << hand_table(fn, result, fmt) << "\n";
    }
    std::cout << "result: " << joined(fn.variables) << " = " << joined(formatted(result.x, fmt)) << ", "
              << fn.loss_symbol << " = " << fmt(result.loss) << " after " << result.steps
              << (result.steps == 1 ? " step (" : " steps (")
              << describe(result.reason) << ")\n"
              << "behaviour: " << behaviour_sentence(behaviour, result, stable_limit) << "\n";
    const double lowest = f.value(f.minimizer());  // 0.5 for the shifted parabola
    const LinePlot losses = loss_plot(result, "loss by step, η = " + format_number(s.learning_rate),
                                      "loss " + fn.loss_symbol, "", lowest);
    show_and_save_run(cli, result, losses);
    if (cli.out()) save_path_figure(f, fn, result, cli.output_path("-path.svg"));
    return 0;
  }, fn.objective);
}

// ---------------------------------------------------------------------------------------
// Experiment "learning-rates": the four presets side by side on the shifted parabola.

int learning_rates_experiment(const CommandLine& cli, const NoSettings& /*settings*/) {
  const Function fn = make_function("shifted");
  const auto& f = std::get<Parabola>(fn.objective);
  TextTable table({"preset", "η", "x after 20 steps", "L after 20 steps", "behaviour"});
  LinePlot plot{.title = "four learning rates on " + fn.formula.substr(0, fn.formula.find("  ")) + ", start x = −2.5",
                .x_label = "step",
                .y_label = "x",
                .y_range = std::array<double, 2>{-8.0, 10.0},
                .minimum = 1.0,
                .minimum_title = "minimum x = 1"};
  for (const auto& preset : learning_rate_presets) {
    const RunResult result = minimize(f, fn.start, preset.learning_rate, StopRules{.max_steps = preset_steps});
    table.add_row({preset.name, format_number(preset.learning_rate), format_fixed(result.x[0], 4),
                   format_fixed(result.loss, 4), std::string(describe(classify(result, f.minimizer(), 1e-3)))});
    Series path{std::string(preset.name) + " (η = " + format_number(preset.learning_rate) + ")", {},
                result.trace.coordinate(0)};
    for (const auto& row : result.trace.rows()) path.x.push_back(row.step);
    plot.series.push_back(std::move(path));
    save_trace(cli, result.trace, std::string("-") + preset.name + ".csv");
  }
  std::cout << "Four learning rates on " << fn.formula << ", start x = −2.5, " << preset_steps
            << " steps (stable only for η < 2)\n\n"
            << table.str();
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(plot);
  save_figure(cli, plot, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "stopping": three ways to decide the run is over, on the same run.

int stopping_experiment(const CommandLine& /*cli*/, const StoppingSettings& s) {
  const Function fn = make_function("shifted");
  const auto& f = std::get<Parabola>(fn.objective);
  const double eta = 0.4;
  //! [stopping_rules]
  const std::pair<std::string, StopRules> rules[] = {
      {"fixed budget of 10 steps", StopRules{.max_steps = 10}},
      {"gradient norm ≤ " + format_number(s.gradient_tolerance),
       StopRules{.max_steps = 1000, .gradient_tolerance = s.gradient_tolerance}},
      {"loss change ≤ " + format_number(s.plateau_tolerance),
       StopRules{.max_steps = 1000, .plateau_tolerance = s.plateau_tolerance}},
  };
  //! [stopping_rules]
  TextTable table({"stopping rule", "steps", "x", "|x − 1|", "L − 0.5", "why it stopped"});
  for (const auto& [label, rule] : rules) {
    const RunResult result = minimize(f, fn.start, eta, rule);
    table.add_row({label, std::to_string(result.steps), format_number(result.x[0], 8),
                   format_scientific(std::abs(result.x[0] - 1.0), 2), format_scientific(result.loss - 0.5, 2),
                   std::string(describe(result.reason))});
  }
  std::cout << "Stopping rules on " << fn.formula << ", start x = −2.5, η = 0.4\n\n" << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "brute-force": evaluations a grid needs against evaluations descent needs.

int brute_force_experiment(const CommandLine& /*cli*/, const NoSettings& /*settings*/) {
  constexpr double half_width = 10.0;    // search the box [−10, 10]^d
  constexpr double precision = 0.01;     // locate the minimum to within this
  constexpr std::int64_t points = 1001;  // grid spacing 0.02: every point is within 0.01 of a grid point
  constexpr double run_limit = 2e6;      // grids bigger than this are counted, not run
  TextTable table({"dimensions", "grid evaluations", "grid error", "descent steps", "descent evaluations",
                   "descent error"});
  for (const int d : {1, 2, 3, 10}) {
    const DiagonalBowl bowl{Vector::Constant(d, 0.5)};  // curvature 1 along every axis, minimum at 0
    const double grid_count = grid_evaluations(points, d);
    std::string grid_error = "(not run)";
    if (grid_count <= run_limit) {
      const auto grid = grid_search(bowl, Vector::Constant(d, -half_width), Vector::Constant(d, half_width), points);
      grid_error = format_scientific(grid.best_x.norm(), 2);
    }
    //! [descent_to_precision]
    const RunResult run = minimize(bowl, Vector::Constant(d, -2.5), ConstantRate{0.4}, StopRules{.max_steps = 1000},
                                   GradientDescent{}, [&](const TraceRow& row) { return row.x.norm() > precision; });
    //! [descent_to_precision]
    table.add_row({std::to_string(d), format_scientific(grid_count, 4), grid_error, std::to_string(run.steps),
                   std::to_string(run.trace.back().evaluations), format_scientific(run.x.norm(), 2)});
  }
  std::cout << "Locating the minimum of L = ½‖x‖² to within " << format_number(precision) << " in the box [−10, 10]^d\n"
            << "grid: " << points << " points per axis; descent: η = 0.4 from (−2.5, …, −2.5)\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "slopes": partial derivatives as slopes of slices, and secants closing in.

int slopes_experiment(const CommandLine& cli, const NoSettings& /*settings*/) {
  const Rosenbrock f;
  const Vector at = point(-1.2, 1.0);
  const Vector exact = f.gradient(at);
  // The slice through `point` along x: y is frozen, only x varies.
  const auto slice_x = [&](double x) { return f.value(point(x, at[1])); };
  const auto slice_y = [&](double y) { return f.value(point(at[0], y)); };
  TextTable table({"Δ", "forward ΔL/Δ", "forward error", "central ΔL/Δ", "central error"});
  Series forward_errors{"forward difference", {}, {}}, central_errors{"central difference", {}, {}};
  for (const double delta : {1.0, 0.1, 0.01, 0.001, 0.0001}) {
    const double forward = forward_difference(slice_x, at[0], delta);
    const double central = central_difference(slice_x, at[0], delta);
    table.add_row({format_number(delta), format_number(forward, 10), format_scientific(std::abs(forward - exact[0]), 3),
                   format_number(central, 10), format_scientific(std::abs(central - exact[0]), 3)});
    forward_errors.x.push_back(delta);
    forward_errors.y.push_back(std::abs(forward - exact[0]));
    central_errors.x.push_back(delta);
    central_errors.y.push_back(std::abs(central - exact[0]));
  }
  std::cout << "Slopes of the Rosenbrock function f(x, y) = 100(y − x²)² + (1 − x)² at (x, y) = (−1.2, 1)\n"
            << "exact partial derivatives: ∂f/∂x = " << format_number(exact[0], 10)
            << ", ∂f/∂y = " << format_number(exact[1], 10) << "\n\n"
            << "Slice along x (y frozen at 1): secant slopes against the exact ∂f/∂x\n" << table.str() << "\n"
            << "error shrinks per 10× smaller Δ (from Δ = 0.01 to 0.001): forward "
            << format_fixed(forward_errors.y[2] / forward_errors.y[3], 1) << "×, central "
            << format_fixed(central_errors.y[2] / central_errors.y[3], 1) << "×\n"
            << "slice along y (x frozen at −1.2) is a parabola in y, so the central secant is exact: "
            << format_number(central_difference(slice_y, at[1], 0.1), 10) << " at Δ = 0.1\n";
  const LinePlot plot{.title = "secant error against step size Δ",
                      .x_label = "Δ",
                      .y_label = "|secant slope − ∂f/∂x|",
                      .log_x = true,
                      .log_y = true,
                      .series = {forward_errors, central_errors}};
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(plot);
  save_figure(cli, plot, ".svg");
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("hand_descent", "Chapter 1: gradient descent worked by hand, w ← w − η·∇C(w), one row per step.")
      .add({.name = "descent", .summary = "the hand-worked table of one descent run"}, descent_experiment)
      .add({.name = "learning-rates", .summary = "four learning rates side by side on the shifted parabola",
            .outputs = OutputFlags::files_and_plot()},
           learning_rates_experiment)
      .add({.name = "stopping", .summary = "three stopping rules on the same run", .outputs = OutputFlags::text_only()},
           stopping_experiment)
      .add({.name = "brute-force", .summary = "evaluations a grid needs against evaluations descent needs",
            .outputs = OutputFlags::text_only()},
           brute_force_experiment)
      .add({.name = "slopes", .summary = "partial derivatives as slopes; secants closing in on the tangent",
            .outputs = OutputFlags::files_and_plot()},
           slopes_experiment)
      .main(argc, argv);
}
//! [main]
