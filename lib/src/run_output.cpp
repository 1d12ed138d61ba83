#include "descent/run_output.hpp"

#include "descent/format.hpp"
#include "descent/trace_plots.hpp"

#include <algorithm>
#include <iostream>

namespace descent {

std::string trace_table(const RunResult& run, int rows_wanted) {
  const auto& rows = run.trace.rows();
  std::vector<std::string> headers{"step", "η"};
  for (Eigen::Index i = 0; i < rows.front().x.size(); ++i) {
    std::string header = "x";  // built in two steps: GCC 12 warns falsely on "x" + to_string(i)
    header += std::to_string(i);
    headers.push_back(std::move(header));
  }
  headers.emplace_back("loss");
  TextTable table(headers);
  const std::size_t every = std::max<std::size_t>(1, rows.size() / static_cast<std::size_t>(std::max(rows_wanted, 1)));
  for (std::size_t t = 0; t < rows.size(); ++t) {
    if (t % every != 0 && t + 1 != rows.size()) continue;
    std::vector<std::string> cells{std::to_string(rows[t].step), format_number(rows[t].learning_rate, 6)};
    for (const double x : rows[t].x) cells.push_back(format_number(x, 6));
    cells.push_back(rows[t].diverged ? "diverged: " + format_number(rows[t].loss, 4) : format_number(rows[t].loss, 6));
    table.add_row(std::move(cells));
  }
  return table.str();
}

LinePlot loss_plot(const RunResult& run, const std::string& title, const std::string& loss_name,
                   const std::string& series_title, double minimum) {
  const std::string shown = minimum == 0.0 ? loss_name : loss_name + " − " + format_number(minimum) + " (above its minimum)";
  return {.title = title,
          .x_label = "step",
          .y_label = shown + " (log scale)",
          .log_y = true,
          .series = {loss_series(series_title.empty() ? shown : series_title, run, minimum)}};
}

bool drawable_or_explained(const CommandLine& cli, const LinePlot& plot, const std::string& why_not) {
  if (has_drawable_points(plot)) return true;
  if (!cli.quiet()) std::cout << "\n(no figure: " << why_not << ")\n";
  return false;
}

void show_and_save_run(const CommandLine& cli, const RunResult& run, const LinePlot& losses, const std::string& suffix) {
  save_trace(cli, run.trace, suffix + ".csv");
  // Started at the minimum, or blew up at once.
  if (!drawable_or_explained(cli, losses, "the loss is zero or not finite at every step")) return;
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(losses);
  save_figure(cli, losses, suffix + "-loss.svg");
}

void save_figure(const CommandLine& cli, const LinePlot& plot, const std::string& suffix) {
  if (cli.out()) save_plot(plot, cli.output_path(suffix));
}

void save_figure(const CommandLine& cli, const ContourPlot& plot, const std::string& suffix) {
  if (cli.out()) save_plot(plot, cli.output_path(suffix));
}

void save_figure(const CommandLine& cli, const std::vector<LinePlot>& panels, int columns, const std::string& suffix,
                 const std::string& title) {
  if (cli.out()) save_panels(panels, columns, cli.output_path(suffix), title);
}

void save_figure(const CommandLine& cli, const std::vector<ContourPlot>& panels, int columns,
                 const std::string& suffix, const std::string& title) {
  if (cli.out()) save_panels(panels, columns, cli.output_path(suffix), title);
}

void save_trace(const CommandLine& cli, const Trace& trace, const std::string& suffix) {
  if (cli.out()) trace.write_csv(cli.output_path(suffix));
}

std::string describe_outcome(const RunResult& run, const StopRules& rules) {
  const std::string steps = std::to_string(run.steps) + (run.steps == 1 ? " step" : " steps");
  switch (run.reason) {
    case StopReason::diverged: return describe(*run.divergence);
    case StopReason::gradient_small: return "reached ‖∇L‖ ≤ " + format_number(rules.gradient_tolerance) + " in " + steps;
    case StopReason::loss_plateau: return "loss stopped changing after " + steps;
    case StopReason::callback: return "stopped on request after " + steps;
    case StopReason::step_budget: break;
  }
  return "still going after " + steps;
}

}  // namespace descent
