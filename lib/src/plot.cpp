#include "descent/plot.hpp"

#include "descent/format.hpp"
#include "descent/key_placement.hpp"
#include "descent/output.hpp"
#include "descent/plot_style.hpp"

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
#include <tuple>
#include <utility>

extern char** environ;

namespace descent {

namespace fs = std::filesystem;

namespace {

using Points = std::vector<std::pair<double, double>>;

// One house style: thin grey grid, ticks outside, no box around the key. Colours and dashes are
// not here: each series gets its own from plot_style.hpp (one look per method, book-wide).
constexpr const char* house_style = R"(set encoding utf8
set border 3 lw 1 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#e8e8e8' lw 1 dt 1
set key noenhanced nobox opaque
)";

// The SVG canvas of one figure, and the part of it that holds the plot area (the rest is title,
// axis labels and tics), in pixels.
constexpr int figure_width = 720;
constexpr int figure_height = 480;
constexpr double area_width = 600.0;
constexpr double area_height = 360.0;
// Small multiples fill the book's text column, in a smaller font, with fewer tics.
constexpr int panels_width = 900;

// The room a plot has: its plot area in pixels, and whether it is one panel of small multiples
// (whose title names its one series, so that it needs no legend of its own).
struct Room {
  double width = area_width;
  double height = area_height;
  bool panel = false;
};

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string terminal_for(const fs::path& file, int width = figure_width, int height = figure_height) {
  const auto ext = file.extension().string();
  const std::string size = std::to_string(width) + "," + std::to_string(height);
  if (ext == ".svg") return "set terminal svg size " + size + " enhanced font 'DejaVu Sans,13' background '#ffffff'\n";
  if (ext == ".png") {
    return "set terminal pngcairo size " + std::to_string(width * 3 / 2) + "," + std::to_string(height * 3 / 2) +
           " enhanced font 'DejaVu Sans,13'\n";
  }
  throw PlotError("cannot draw " + file.string() + ": use a .svg or .png file name");
}

std::string style_word(SeriesStyle style) {
  switch (style) {
    case SeriesStyle::lines: return "lines";
    case SeriesStyle::points: return "points";
    case SeriesStyle::lines_points: return "linespoints";
    case SeriesStyle::segments: return "vectors nohead";
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

// The title and the axis labels. A panel of small multiples has only its title: the figure's title
// names the axes once for every panel.
void axes(Gnuplot& gp, const std::string& title, const std::string& x_label, const std::string& y_label,
          bool panel = false) {
  if (!title.empty()) gp << "set title " << quoted(title) << " noenhanced\n";
  if (panel) return;
  gp << "set xlabel " << quoted(x_label) << " noenhanced\nset ylabel " << quoted(y_label) << " noenhanced\n";
}

void range(Gnuplot& gp, const char* axis, const std::optional<std::array<double, 2>>& limits) {
  if (limits) gp << "set " << axis << "range [" << (*limits)[0] << ":" << (*limits)[1] << "]\n";
}

// A legend under the plot: two columns, a little lower than gnuplot puts it, and transparent, so
// that it does not cut into the x axis's label.
constexpr const char* outside_key = " horizontal maxcols 2 height 1 noopaque";

// Characters, not bytes: a title's width on the page.
int characters(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The colour, dash and point of one series: the method's own (plot_style.hpp), else the next
// colour of the palette, counted by `palette_index`.
std::string look_words(const Series& series, int& palette_index) {
  const LineLook look = series.method.empty() ? palette_look(palette_index++) : method_look(series.method);
  const bool segments = series.style == SeriesStyle::segments;
  return " lc rgb '" + look.colour + "' dt " + std::to_string(look.dash) + " lw " + (segments ? "1" : "2") + " pt " +
         std::to_string(look.point) + " ps 0.5";
}

// In the terminal each series gets a distinct character. gnuplot's dumb terminal draws line types
// 1 to 7 with * # $ % @ & =, then repeats them: further series, and every series drawn as points,
// get characters of their own.
constexpr int text_line_types = 7;
constexpr char text_line_marks[] = {'*', '#', '$', '%', '@', '&', '='};
constexpr char text_extra_marks[] = {'o', '+', 'x', '~', '^', ':'};

// How the `index`-th series (from 0) is drawn in the terminal, `points`: as points only.
std::string text_look(int index, bool points) {
  if (!points && index < text_line_types) return " with lines lt " + std::to_string(index + 1);
  const char mark = index < text_line_types ? text_line_marks[index]
                                            : text_extra_marks[(index - text_line_types) % sizeof(text_extra_marks)];
  return " with points pt '" + std::string(1, mark) + "'";
}

// The data clause of one series: points as x, y; segments as x, y, dx, dy.
std::string data_clause(GnuplotJob& job, const Series& series, const Points& points) {
  if (series.style != SeriesStyle::segments) return job.data(points) + " using 1:2";
  std::vector<std::tuple<double, double, double, double>> pieces;
  for (std::size_t i = 0; i + 1 < points.size(); i += 2) {
    pieces.emplace_back(points[i].first, points[i].second, points[i + 1].first - points[i].first,
                        points[i + 1].second - points[i].second);
  }
  return job.data(pieces) + " using 1:2:3:4";
}

// About four tics per axis in a panel: a round step on a linear axis, whole decades on a log one.
std::string few_tics(const LinePlot& plot) {
  std::string out;
  const auto extent = [&](bool x_axis) {
    std::array<double, 2> e{INFINITY, -INFINITY};
    const auto& fixed = x_axis ? plot.x_range : plot.y_range;
    if (fixed) return *fixed;
    for (const auto& series : plot.series) {
      for (const auto& [x, y] : drawable(series, plot.log_x, plot.log_y)) {
        e[0] = std::min(e[0], x_axis ? x : y);
        e[1] = std::max(e[1], x_axis ? x : y);
      }
    }
    return e;
  };
  for (const bool x_axis : {true, false}) {
    const auto [low, high] = extent(x_axis);
    if (!(high > low)) continue;
    const bool log = x_axis ? plot.log_x : plot.log_y;
    const char* name = x_axis ? "xtics" : "ytics";
    if (log) {
      const double decades = std::ceil(std::log10(high) - std::floor(std::log10(low)));
      const double every = std::max(1.0, std::ceil(decades / 4.0));
      out += "set " + std::string(name) + " " + format_number(std::pow(10.0, every)) + "\n";
    } else {
      const double rough = (high - low) / 4.0;
      const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
      double step = 10.0 * magnitude;
      for (const double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= rough) {
          step = m * magnitude;
          break;
        }
      }
      out += "set " + std::string(name) + " " + format_number(step) + "\n";
    }
  }
  return out;
}

// The plot command for a line plot: one clause per non-empty series, the legend where the data
// leave room. `text_terminal`: a dumb terminal cannot raise exponents, so log tics are written
// 1e-05, and the legend goes below.
void line_plot_commands(GnuplotJob& job, const LinePlot& plot, bool text_terminal, Room room = {}) {
  Gnuplot& gp = job.script();
  axes(gp, plot.title, plot.x_label, plot.y_label, room.panel);
  const char* log_format = text_terminal ? "'%.0e'" : "'10^{%T}'";
  if (plot.log_x) gp << "set logscale x\nset format x " << log_format << "\n";
  if (plot.log_y) gp << "set logscale y\nset format y " << log_format << "\n";
  range(gp, "x", plot.x_range);
  range(gp, "y", plot.y_range);
  if (room.panel) gp << few_tics(plot);
  std::string clauses;
  std::vector<Track> tracks;
  int palette_index = 0;
  int longest = 0;
  int entries = 0;
  for (const auto& series : plot.series) {
    const Points points = drawable(series, plot.log_x, plot.log_y);
    if (points.empty()) continue;
    std::string how;
    if (text_terminal) {
      how = series.style == SeriesStyle::segments ? " with vectors nohead lt " + std::to_string(entries % text_line_types + 1)
                                                  : text_look(entries, series.style == SeriesStyle::points);
    } else {
      how = " with " + style_word(series.style) + look_words(series, palette_index);
    }
    clauses += (clauses.empty() ? "" : ", ") + data_clause(job, series, points) + how + " title " + quoted(series.title);
    tracks.push_back({points, series.style != SeriesStyle::points});
    longest = std::max(longest, characters(series.title));
    ++entries;
  }
  if (clauses.empty()) throw PlotError("nothing to draw in '" + plot.title + "': every point is non-finite");
  if (plot.minimum && (!plot.log_y || *plot.minimum > 0.0)) {
    clauses += ", " + std::to_string(*plot.minimum) +
               (text_terminal ? text_look(entries, false) : std::string(" with lines lc rgb '#555555' dt 2 lw 1")) +
               " title " + quoted(plot.minimum_title);
    // The line spans the plot: as a track, it runs from the leftmost to the rightmost point.
    double left = INFINITY;
    double right = -INFINITY;
    for (const auto& track : tracks) {
      for (const auto& point : track.points) {
        left = std::min(left, point.first);
        right = std::max(right, point.first);
      }
    }
    if (plot.x_range) std::tie(left, right) = std::pair((*plot.x_range)[0], (*plot.x_range)[1]);
    tracks.push_back({{{left, *plot.minimum}, {right, *plot.minimum}}, true});
    longest = std::max(longest, characters(plot.minimum_title));
    ++entries;
  }
  if (text_terminal) {
    gp << "set key below horizontal maxcols 2 samplen 4 spacing 1 width 4\n";
  } else if (room.panel && entries == 1) {
    gp << "unset key\n";
  } else {
    const Frame frame{.x_range = plot.x_range, .y_range = plot.y_range, .log_x = plot.log_x, .log_y = plot.log_y};
    const std::string where = key_position(tracks, frame, key_size(entries, longest, room.width, room.height));
    gp << "set key " << where << (where == "below" ? outside_key : "") << "\n";
  }
  gp << "plot " << clauses << "\n";
}

void save(GnuplotJob& job, const fs::path& file) {
  write_file_atomically(file, job.run("figure" + file.extension().string()));
}

// Contour lines: gnuplot traces them from a grid of values into a table, which the map then
// plots. Every table is written before the terminal is set (one per panel of small multiples).
std::string contour_table(GnuplotJob& job, const ContourPlot& plot, int index) {
  Gnuplot& gp = job.script();
  const auto [x0, x1] = plot.x_range;
  const auto [y0, y1] = plot.y_range;
  const int n = std::max(plot.resolution, 2);
  std::vector<std::vector<std::tuple<double, double, double>>> grid(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double x = x0 + (x1 - x0) * i / (n - 1);
    for (int j = 0; j < n; ++j) {
      const double y = y0 + (y1 - y0) * j / (n - 1);
      grid[static_cast<std::size_t>(i)].emplace_back(x, y, plot.f(x, y));
    }
  }
  const std::string grid_file = job.grid(grid);
  const std::string contour_file = quoted((job.folder() / ("contours" + std::to_string(index) + ".dat")).string());
  std::string levels;
  for (const double level : plot.levels) {
    if (!levels.empty()) levels += ',';
    levels += std::to_string(level);
  }
  gp << "set view map\nset contour base\nunset surface\n";
  gp << (levels.empty() ? std::string("set cntrparam levels 12\n") : "set cntrparam levels discrete " + levels + "\n");
  gp << "set table " << contour_file << "\nsplot " << grid_file << " using 1:2:3 with lines\nunset table\n";
  gp << "unset contour\nset surface\nunset view\n";
  return contour_file;
}

// The map's plot command over its contour table: arrows, paths in their methods' looks, the
// minimum as a star, and the legend in a corner the paths leave empty (else outside the map).
void contour_commands(GnuplotJob& job, const ContourPlot& plot, const std::string& contour_file, Room room) {
  Gnuplot& gp = job.script();
  const auto [x0, x1] = plot.x_range;
  const auto [y0, y1] = plot.y_range;
  axes(gp, plot.title, plot.x_label, plot.y_label, room.panel);
  gp << "set size ratio -1\nset xrange [" << x0 << ":" << x1 << "]\nset yrange [" << y0 << ":" << y1 << "]\n";
  std::string clauses = contour_file + " using 1:2 with lines lc rgb '" + std::string(background_colour) +
                        "' lw 1 title 'contours of the loss'";
  int longest = characters("contours of the loss");
  int entries = 1;
  if (plot.arrow_field) {
    const int m = std::max(plot.arrows_per_axis, 2);
    const double cell = std::min((x1 - x0), (y1 - y0)) / m;
    std::vector<std::tuple<double, double, double, double>> arrows;
    double longest_arrow = 0.0;
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) {
        const double x = x0 + (x1 - x0) * (i + 0.5) / m;
        const double y = y0 + (y1 - y0) * (j + 0.5) / m;
        const auto [dx, dy] = plot.arrow_field(x, y);
        if (!std::isfinite(dx) || !std::isfinite(dy)) continue;
        longest_arrow = std::max(longest_arrow, std::hypot(dx, dy));
        arrows.emplace_back(x, y, dx, dy);
      }
    }
    if (longest_arrow > 0.0) {
      const double scale = 0.9 * cell / longest_arrow;  // the longest arrow spans most of a cell
      for (auto& [x, y, dx, dy] : arrows) {
        dx *= scale;
        dy *= scale;
      }
      clauses += ", " + job.data(arrows) +
                 " using 1:2:3:4 with vectors head filled size screen 0.008,20 lc rgb '#56B4E9' lw 1.2 title "
                 "'−∇L (descent direction)'";
      longest = std::max(longest, characters("−∇L (descent direction)"));
      ++entries;
    }
  }
  std::vector<Track> tracks;
  int palette_index = 0;
  for (const auto& path : plot.paths) {
    const Points points = drawable(path, false, false);
    if (points.empty()) continue;
    clauses += ", " + data_clause(job, path, points) + " with " + style_word(path.style) +
               look_words(path, palette_index) + " title " + quoted(path.title);
    tracks.push_back({points, path.style != SeriesStyle::points});
    longest = std::max(longest, characters(path.title));
    ++entries;
  }
  if (plot.minimum) {
    const Points star{{(*plot.minimum)[0], (*plot.minimum)[1]}};
    clauses += ", " + job.data(star) + " using 1:2 with points pt 3 ps 2.2 lw 2 lc rgb '#000000' title 'minimum'";
    tracks.push_back({star, false});
    longest = std::max(longest, characters("minimum"));
    ++entries;
  }
  // The map keeps its aspect ratio: the part of the plot area it fills.
  const double aspect = (x1 - x0) / (y1 - y0);
  const double map_width = std::min(room.width, room.height * aspect);
  const double map_height = std::min(room.height, room.width / aspect);
  const Frame frame{.x_range = plot.x_range, .y_range = plot.y_range};
  std::string where = plot.arrow_field ? "below" : key_position(tracks, frame, key_size(entries, longest, map_width, map_height));
  // Outside the map: beside it when the map leaves room on the sides, else below it.
  if (where == "below" && map_width < 0.75 * room.width) where = "outside right top vertical";
  if (room.panel && plot.paths.size() < 2) {
    gp << "unset key\n";  // the panel's title names its path; the figure's title the rest
  } else if (room.panel) {
    // Inside the map, where the paths leave room; the contours and the star are named by the
    // figure's title.
    gp << "set key " << (where == "below" || where.starts_with("outside") ? "top left" : where) << " box lc rgb '#ffffff'\n";
  } else {
    gp << "set key " << where << (where == "below" ? outside_key : " box lc rgb '#ffffff'") << "\n";
  }
  gp << "plot " << clauses << "\n";
}

// Small multiples: `columns` panels to a row, each `panel_height` pixels high, under a figure
// title that says what every panel shows.
struct PanelGrid {
  int columns = 1;
  int rows = 1;
  int height = 0;
  std::string commands;  // terminal, output and multiplot layout
};

PanelGrid panel_grid(GnuplotJob& job, const fs::path& file, std::size_t count, int columns, double panel_height,
                     const std::string& title) {
  PanelGrid grid;
  grid.columns = std::max(1, std::min(columns, static_cast<int>(count)));
  grid.rows = static_cast<int>((count + static_cast<std::size_t>(grid.columns) - 1) / static_cast<std::size_t>(grid.columns));
  // Margins and gaps in pixels: the figure's title, each panel's title, tics and axis labels.
  const double top = (title.empty() ? 0.0 : 34.0) + 26.0;
  const double gap = 60.0;
  // Between two rows sit the upper panel's tick labels and the lower panel's title: more room
  // than between two columns, added to the figure's height so the panels keep theirs.
  const double row_gap = 84.0;
  grid.height = static_cast<int>(grid.rows * panel_height + (grid.rows - 1) * (row_gap - gap) + top + 28.0);
  std::string terminal = terminal_for(file, panels_width, grid.height);
  terminal.replace(terminal.find("DejaVu Sans,13"), 14, "DejaVu Sans,11");
  const auto across = [](double pixels) { return format_number(pixels / panels_width, 4); };
  const auto down = [&](double pixels) { return format_number(pixels / grid.height, 4); };
  grid.commands = terminal + "set output " + quoted((job.folder() / ("figure" + file.extension().string())).string()) +
                  "\nset multiplot layout " + std::to_string(grid.rows) + "," + std::to_string(grid.columns) +
                  (title.empty() ? std::string() : " title " + quoted(title) + " noenhanced") + " margins " + across(48.0) +
                  "," + format_number(1.0 - 24.0 / panels_width, 4) + "," + down(28.0) + "," +
                  format_number(1.0 - top / grid.height, 4) + " spacing " + across(gap) + "," + down(row_gap) + "\n";
  return grid;
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
  GnuplotJob job;
  const std::string table = contour_table(job, plot, 0);
  job.script() << terminal_for(file) << "set output "
               << quoted((job.folder() / ("figure" + file.extension().string())).string()) << "\n";
  contour_commands(job, plot, table, {});
  save(job, file);
}

void save_panels(const std::vector<LinePlot>& panels, int columns, const fs::path& file, const std::string& title) {
  if (panels.empty()) throw PlotError("no panels to draw in " + file.string());
  GnuplotJob job;
  const double panel_width = static_cast<double>(panels_width) / std::max(1, std::min(columns, static_cast<int>(panels.size())));
  const PanelGrid grid = panel_grid(job, file, panels.size(), columns, 0.62 * panel_width + 60.0, title);
  job.script() << grid.commands;
  for (const auto& panel : panels) {
    job.script() << "reset\n" << house_style;
    line_plot_commands(job, panel, false, {.width = panel_width - 60.0, .height = 0.62 * panel_width, .panel = true});
  }
  job.script() << "unset multiplot\n";
  save(job, file);
}

void save_panels(const std::vector<ContourPlot>& panels, int columns, const fs::path& file, const std::string& title) {
  if (panels.empty()) throw PlotError("no panels to draw in " + file.string());
  const auto& first = panels.front();
  const double aspect = (first.x_range[1] - first.x_range[0]) / (first.y_range[1] - first.y_range[0]);
  const double panel_width = static_cast<double>(panels_width) / std::max(1, std::min(columns, static_cast<int>(panels.size())));
  GnuplotJob job;
  std::vector<std::string> tables;
  for (std::size_t i = 0; i < panels.size(); ++i) tables.push_back(contour_table(job, panels[i], static_cast<int>(i)));
  // The map fills its panel's width but for the gap to the next one (tics and labels).
  // A tall map is capped at 380 pixels high: it then fills less than its panel's width.
  const double map_width = std::min(panel_width - 60.0, 380.0 * aspect);
  const PanelGrid grid = panel_grid(job, file, panels.size(), columns, map_width / aspect + 60.0, title);
  job.script() << grid.commands;
  for (std::size_t i = 0; i < panels.size(); ++i) {
    job.script() << "reset\n" << house_style;
    contour_commands(job, panels[i], tables[i],
                     {.width = map_width, .height = map_width / aspect, .panel = true});
  }
  job.script() << "unset multiplot\n";
  save(job, file);
}

void save_plot(const ImageGrid& grid, const fs::path& file) {
  if (grid.images.empty()) throw PlotError("no images to draw in " + file.string());
  GnuplotJob job;
  const int columns = std::max(1, std::min(grid.columns, static_cast<int>(grid.images.size())));
  const int rows = static_cast<int>((grid.images.size() + static_cast<std::size_t>(columns) - 1) /
                                    static_cast<std::size_t>(columns));
  const int cell = panels_width / columns;
  const int height = rows * (cell + 24) + 40;
  job.script() << terminal_for(file, panels_width, height) << "set output "
               << quoted((job.folder() / ("figure" + file.extension().string())).string()) << "\n"
               << "set multiplot layout " << rows << "," << columns << " title " << quoted(grid.title)
               << " noenhanced\nunset key\nunset tics\nunset border\nunset colorbox\n"
               << "set palette grey negative\nset cbrange [0:1]\nset size ratio -1\n";
  int index = 0;
  for (const GreyImage& image : grid.images) {
    const fs::path data = job.folder() / ("image" + std::to_string(index++) + ".dat");
    std::ofstream out(data);
    for (int r = 0; r < image.rows; ++r) {
      for (int c = 0; c < image.columns; ++c) {
        out << (c == 0 ? "" : " ") << image.values[static_cast<std::size_t>(r * image.columns + c)];
      }
      out << "\n";
    }
    job.script() << "set title " << quoted(image.caption) << " noenhanced font ',10'\n"
                 << "set xrange [-0.5:" << image.columns - 0.5 << "]\nset yrange [" << image.rows - 0.5
                 << ":-0.5]\nplot " << quoted(data.string()) << " matrix with image notitle\n";
  }
  job.script() << "unset multiplot\n";
  save(job, file);
}

std::string terminal_plot(const LinePlot& plot, int width, int height) {
  GnuplotJob job;
  job.script() << "set terminal dumb nofeed size " << width << "," << height << "\nunset grid\nset output "
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
