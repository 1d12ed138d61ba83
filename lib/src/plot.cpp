#include "descent/plot.hpp"

#include "descent/output.hpp"

#include <gnuplot-iostream.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <utility>

extern char** environ;

namespace descent {

namespace fs = std::filesystem;

namespace {

using Points = std::vector<std::pair<double, double>>;

// One house style: the Okabe–Ito palette (readable by colour-blind readers), thin grey grid,
// ticks outside, no box around the key.
constexpr const char* house_style = R"(set encoding utf8
set border 3 lw 1 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key noenhanced top right nobox opaque
set linetype 1 lc rgb '#0072B2' lw 2 pt 7 ps 0.5
set linetype 2 lc rgb '#D55E00' lw 2 pt 5 ps 0.5
set linetype 3 lc rgb '#009E73' lw 2 pt 9 ps 0.6
set linetype 4 lc rgb '#CC79A7' lw 2 pt 11 ps 0.6
set linetype 5 lc rgb '#E69F00' lw 2 pt 13 ps 0.6
set linetype 6 lc rgb '#56B4E9' lw 2 pt 3 ps 0.6
set linetype 7 lc rgb '#000000' lw 2 pt 1 ps 0.6
set linetype 8 lc rgb '#8c6d31' lw 2 pt 2 ps 0.6 dt 2
set linetype cycle 8
)";

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string terminal_for(const fs::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".svg") return "set terminal svg size 720,480 enhanced font 'DejaVu Sans,13' background '#ffffff'\n";
  if (ext == ".png") return "set terminal pngcairo size 1080,720 enhanced font 'DejaVu Sans,13'\n";
  throw PlotError("cannot draw " + file.string() + ": use a .svg or .png file name");
}

std::string style_word(SeriesStyle style) {
  switch (style) {
    case SeriesStyle::lines: return "lines";
    case SeriesStyle::points: return "points";
    case SeriesStyle::lines_points: return "linespoints";
  }
  return "lines";
}

// Drops points a figure cannot show: non-finite ones (a blown-up run) and, on a log axis,
// those at or below zero.
Points drawable(const Series& series, bool log_x, bool log_y) {
  Points points;
  for (std::size_t i = 0; i < std::min(series.x.size(), series.y.size()); ++i) {
    const double x = series.x[i];
    const double y = series.y[i];
    // gnuplot's log axes refuse values near the bottom of the double range (a loss that has
    // shrunk to 1e-320 or 0): such points are left out like non-finite ones.
    constexpr double smallest_on_log_axis = 1e-300;
    if (!std::isfinite(x) || !std::isfinite(y) || (log_x && !(x >= smallest_on_log_axis)) ||
        (log_y && !(y >= smallest_on_log_axis))) {
      continue;
    }
    points.emplace_back(x, y);
  }
  return points;
}

// A gnuplot script written through gnuplot-iostream into a private temporary folder, then
// run by gnuplot as a separate process whose exit status and output we check.
class GnuplotJob {
 public:
  GnuplotJob() {
    std::string pattern = (fs::temp_directory_path() / "descent-plot-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw PlotError(std::string("cannot make a temporary folder: ") + std::strerror(errno));
    folder_ = pattern;
    script_ = std::make_unique<Gnuplot>(">" + (folder_ / "plot.gp").string());
    *script_ << house_style;
  }
  GnuplotJob(const GnuplotJob&) = delete;
  GnuplotJob& operator=(const GnuplotJob&) = delete;
  ~GnuplotJob() {
    script_.reset();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  Gnuplot& script() { return *script_; }
  fs::path folder() const { return folder_; }

  /// Writes 1-D data (rows of columns) to a file in the job folder; returns its quoted name.
  template <class Rows>
  std::string data(const Rows& rows) {
    return script_->file1d(rows, (folder_ / ("data" + std::to_string(next_file_++) + ".dat")).string());
  }
  /// Writes gridded data (blocks separated by blank lines) for splot.
  template <class Grid>
  std::string grid(const Grid& blocks) {
    return script_->file2d(blocks, (folder_ / ("grid" + std::to_string(next_file_++) + ".dat")).string());
  }

  /// Runs gnuplot on the script; returns the bytes it wrote to `output_name` in the folder.
  std::string run(const std::string& output_name) {
    script_.reset();  // closes the script file
    const std::string program = gnuplot_executable();
    const std::string script = (folder_ / "plot.gp").string();
    const std::string errors = (folder_ / "stderr.txt").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> argv{const_cast<char*>(program.c_str()), const_cast<char*>(script.c_str()), nullptr};
    pid_t child = 0;
    const int spawned = ::posix_spawnp(&child, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      throw PlotError("gnuplot not found at '" + program + "' (" + std::strerror(spawned) +
                      "); install gnuplot-nox or set DESCENT_GNUPLOT");
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    const fs::path output = folder_ / output_name;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(output) || fs::file_size(output) == 0) {
      std::ifstream error_file(errors);
      std::string first_error;
      for (std::string line; std::getline(error_file, line);) {
        if (line.find_first_not_of(" \t^") != std::string::npos) first_error = line;
      }
      throw PlotError("gnuplot ('" + program + "') failed to draw " + output_name +
                      (first_error.empty() ? std::string() : ": " + first_error));
    }
    std::ifstream in(output, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  fs::path folder_;
  std::unique_ptr<Gnuplot> script_;
  int next_file_ = 0;
};

void axes(Gnuplot& gp, const std::string& title, const std::string& x_label, const std::string& y_label) {
  if (!title.empty()) gp << "set title " << quoted(title) << " noenhanced\n";
  gp << "set xlabel " << quoted(x_label) << " noenhanced\nset ylabel " << quoted(y_label) << " noenhanced\n";
}

void range(Gnuplot& gp, const char* axis, const std::optional<std::array<double, 2>>& limits) {
  if (limits) gp << "set " << axis << "range [" << (*limits)[0] << ":" << (*limits)[1] << "]\n";
}

// The plot command for a line plot: one clause per non-empty series.
// `text_terminal`: a dumb terminal cannot raise exponents, so log tics are written 1e-05.
void line_plot_commands(GnuplotJob& job, const LinePlot& plot, bool text_terminal) {
  Gnuplot& gp = job.script();
  axes(gp, plot.title, plot.x_label, plot.y_label);
  const char* log_format = text_terminal ? "'%.0e'" : "'10^{%T}'";
  if (plot.log_x) gp << "set logscale x\nset format x " << log_format << "\n";
  if (plot.log_y) gp << "set logscale y\nset format y " << log_format << "\n";
  range(gp, "x", plot.x_range);
  range(gp, "y", plot.y_range);
  if (!text_terminal) gp << "set key " << plot.key << "\n";
  std::string clauses;
  int line_type = 1;
  for (const auto& series : plot.series) {
    const Points points = drawable(series, plot.log_x, plot.log_y);
    if (points.empty()) continue;
    clauses += (clauses.empty() ? "" : ", ") + job.data(points) + " using 1:2 with " + style_word(series.style) +
               " lt " + std::to_string(line_type++) + " title " + quoted(series.title);
  }
  if (clauses.empty()) throw PlotError("nothing to draw in '" + plot.title + "': every point is non-finite");
  gp << "plot " << clauses << "\n";
}

void save(GnuplotJob& job, const fs::path& file) {
  write_file_atomically(file, job.run("figure" + file.extension().string()));
}

}  // namespace

bool has_drawable_points(const LinePlot& plot) {
  return std::any_of(plot.series.begin(), plot.series.end(),
                     [&](const Series& s) { return !drawable(s, plot.log_x, plot.log_y).empty(); });
}

std::string gnuplot_executable() {
  if (const char* chosen = std::getenv("DESCENT_GNUPLOT"); chosen != nullptr && chosen[0] != '\0') return chosen;
  return DESCENT_GNUPLOT_EXECUTABLE;
}

std::vector<double> log_spaced_levels(double lowest, double highest, int count) {
  std::vector<double> levels;
  const double ratio = count > 1 ? std::pow(highest / lowest, 1.0 / (count - 1)) : 1.0;
  double level = lowest;
  for (int i = 0; i < count; ++i, level *= ratio) levels.push_back(level);
  return levels;
}

void save_plot(const LinePlot& plot, const fs::path& file) {
  const std::string terminal = terminal_for(file);
  GnuplotJob job;
  job.script() << terminal << "set output " << quoted((job.folder() / ("figure" + file.extension().string())).string())
               << "\n";
  line_plot_commands(job, plot, false);
  save(job, file);
}

void save_plot(const ContourPlot& plot, const fs::path& file) {
  const std::string terminal = terminal_for(file);
  GnuplotJob job;
  Gnuplot& gp = job.script();
  const auto [x0, x1] = plot.x_range;
  const auto [y0, y1] = plot.y_range;
  const int n = std::max(plot.resolution, 2);

  // Contour lines: gnuplot traces them from a grid of values into a table, then we plot the table.
  std::vector<std::vector<std::tuple<double, double, double>>> grid(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double x = x0 + (x1 - x0) * i / (n - 1);
    for (int j = 0; j < n; ++j) {
      const double y = y0 + (y1 - y0) * j / (n - 1);
      grid[static_cast<std::size_t>(i)].emplace_back(x, y, plot.f(x, y));
    }
  }
  const std::string grid_file = job.grid(grid);
  const std::string contour_file = quoted((job.folder() / "contours.dat").string());
  std::string levels;
  for (const double level : plot.levels) levels += (levels.empty() ? "" : ",") + std::to_string(level);
  gp << "set view map\nset contour base\nunset surface\n";
  gp << (levels.empty() ? std::string("set cntrparam levels 12\n") : "set cntrparam levels discrete " + levels + "\n");
  gp << "set table " << contour_file << "\nsplot " << grid_file << " using 1:2:3 with lines\nunset table\n";
  gp << "unset contour\nset surface\n";

  gp << terminal << "set output " << quoted((job.folder() / ("figure" + file.extension().string())).string()) << "\n";
  axes(gp, plot.title, plot.x_label, plot.y_label);
  gp << "set size ratio -1\nset xrange [" << x0 << ":" << x1 << "]\nset yrange [" << y0 << ":" << y1 << "]\n";
  gp << "set key opaque box lc rgb '#ffffff'\n";
  std::string clauses = contour_file + " using 1:2 with lines lc rgb '#9a9a9a' lw 1 title 'contours of the loss'";

  if (plot.arrow_field) {
    const int m = std::max(plot.arrows_per_axis, 2);
    const double cell = std::min((x1 - x0), (y1 - y0)) / m;
    std::vector<std::tuple<double, double, double, double>> arrows;
    double longest = 0.0;
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) {
        const double x = x0 + (x1 - x0) * (i + 0.5) / m;
        const double y = y0 + (y1 - y0) * (j + 0.5) / m;
        const auto [dx, dy] = plot.arrow_field(x, y);
        if (!std::isfinite(dx) || !std::isfinite(dy)) continue;
        longest = std::max(longest, std::hypot(dx, dy));
        arrows.emplace_back(x, y, dx, dy);
      }
    }
    if (longest > 0.0) {
      const double scale = 0.9 * cell / longest;  // the longest arrow spans most of a cell
      for (auto& [x, y, dx, dy] : arrows) {
        dx *= scale;
        dy *= scale;
      }
      clauses += ", " + job.data(arrows) +
                 " using 1:2:3:4 with vectors head filled size screen 0.008,20 lc rgb '#56B4E9' lw 1.2 title "
                 "'−∇L (descent direction)'";
    }
  }
  int line_type = 2;
  for (const auto& path : plot.paths) {
    const Points points = drawable(path, false, false);
    if (points.empty()) continue;
    clauses += ", " + job.data(points) + " using 1:2 with " + style_word(path.style) + " lt " +
               std::to_string(line_type++) + " title " + quoted(path.title);
  }
  gp << "plot " << clauses << "\n";
  save(job, file);
}

std::string terminal_plot(const LinePlot& plot, int width, int height) {
  GnuplotJob job;
  job.script() << "set terminal dumb nofeed size " << width << "," << height << "\nunset grid\nset key below\nset output "
               << quoted((job.folder() / "figure.txt").string()) << "\n";
  line_plot_commands(job, plot, true);
  std::string text = job.run("figure.txt");
  // gnuplot pads every line to the full width; trailing blanks only get in the way.
  std::string trimmed;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::erase(line, '\f');  // the dumb terminal starts each page with a form feed
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!trimmed.empty() || !line.empty()) trimmed += line + '\n';  // no blank lines on top
  }
  return trimmed;
}

}  // namespace descent
