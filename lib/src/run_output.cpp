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
                   const std::string& series_title) {
  return {title, "step", loss_name + " (log scale)", false, true, std::nullopt, std::nullopt,
          {loss_series(series_title.empty() ? loss_name : series_title, run)}};
}

void show_and_save_run(const CommandLine& cli, const RunResult& run, const LinePlot& losses, const std::string& base) {
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(losses);
  if (cli.out()) {
    run.trace.write_csv(*cli.out() / (base + ".csv"));
    save_plot(losses, *cli.out() / (base + "-loss.svg"));
  }
}

}  // namespace descent
