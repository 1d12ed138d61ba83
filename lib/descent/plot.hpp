#pragma once
/// \file plot.hpp
/// \brief Figures in one house style, drawn by gnuplot.
///
/// Three kinds of figure serve every chapter: line plots (loss against step, with log axes),
/// contour maps of a two-parameter loss with descent paths on top, and arrow fields of the
/// negative gradient. Each can be saved as SVG or PNG (chosen by the file's extension) or
/// rendered as text for the terminal with gnuplot's `dumb` terminal.
///
/// The data and commands go through gnuplot-iostream into a script, gnuplot runs it, and
/// the exit status and the output file are both checked: a missing or failing gnuplot is a
/// \ref descent::PlotError with gnuplot's own message, never a silently absent figure.
/// Non-finite points (a diverged run) are dropped from the drawing, not drawn as garbage.

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace descent {

/// gnuplot is missing, or it failed to draw.
class PlotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How a series is drawn. `segments`: each pair of consecutive points is one separate segment
/// (residuals drawn from each data point to a fitted line).
enum class SeriesStyle { lines, points, lines_points, segments };

/// One named curve: y against x.
struct Series {
  std::string title;
  std::vector<double> x{};
  std::vector<double> y{};
  SeriesStyle style = SeriesStyle::lines_points;
  /// The method drawn ("gd", "momentum", "adam", …): its colour and dash come from the book's one
  /// table (\ref descent::method_looks). Empty for a series that is not a method: it takes the
  /// next colour of the palette.
  std::string method{};
};

/// A 2-D line plot: several series sharing axes. The legend goes where the data leave room (see
/// \ref descent::key_position).
struct LinePlot {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_x = false;
  bool log_y = false;
  std::optional<std::array<double, 2>> x_range{};  ///< fixed x limits, else automatic
  std::optional<std::array<double, 2>> y_range{};  ///< fixed y limits, else automatic
  std::vector<Series> series{};
  std::optional<double> minimum{};  ///< if set, a dashed line at this height, titled `minimum_title`
  std::string minimum_title = "minimum";
};

/// A contour map of f(x, y) with optional paths and a negative-gradient arrow field.
struct ContourPlot {
  std::string title;
  std::string x_label = "x";
  std::string y_label = "y";
  std::array<double, 2> x_range{-1.0, 1.0};
  std::array<double, 2> y_range{-1.0, 1.0};
  std::function<double(double, double)> f;  ///< the surface to contour
  std::vector<double> levels;               ///< contour heights (see \ref descent::log_spaced_levels)
  int resolution = 121;                     ///< grid points per axis for the contours
  std::vector<Series> paths;                ///< descent paths drawn over the map
  std::optional<std::array<double, 2>> minimum{};  ///< if set, marked with a star: where the paths should end
  /// If set, arrows of this field (usually −∇f) on an `arrows_per_axis` grid.
  std::function<std::array<double, 2>(double, double)> arrow_field;
  int arrows_per_axis = 15;
};

/// A greyscale picture: `rows` × `columns` values, row by row, 0 drawn white and 1 black.
struct GreyImage {
  int rows = 0;
  int columns = 0;
  std::vector<double> values{};  ///< rows·columns values in [0, 1], the top row first
  std::string caption{};         ///< printed above the picture
};

/// Pictures in a grid, `columns` to a row, under `title` (gnuplot's `with image`).
struct ImageGrid {
  std::string title;
  std::vector<GreyImage> images{};
  int columns = 5;
};

/// `count` heights spaced evenly on a log scale from `lowest` to `highest`.
[[nodiscard]] std::vector<double> log_spaced_levels(double lowest, double highest, int count);

/// Whether any point of the plot can be drawn: finite, and positive on a log axis. Drawing a plot
/// without one is a PlotError; a program showing a reader's run checks first and says why.
[[nodiscard]] bool has_drawable_points(const LinePlot& plot);

/// Saves the plot; the format follows the extension (.svg or .png).
void save_plot(const LinePlot& plot, const std::filesystem::path& file);
/// Saves the contour map; the format follows the extension (.svg or .png).
void save_plot(const ContourPlot& plot, const std::filesystem::path& file);

/// Several plots side by side in one figure, `columns` to a row (small multiples: one method a
/// panel, so that no line hides another), under `title`, which says what every panel shows. A
/// panel's title names what it shows; a panel with a single series has no legend.
void save_panels(const std::vector<LinePlot>& panels, int columns, const std::filesystem::path& file,
                 const std::string& title = "");
/// The same for contour maps, whose panels have no legend: `title` names the shared entries.
void save_panels(const std::vector<ContourPlot>& panels, int columns, const std::filesystem::path& file,
                 const std::string& title = "");

/// Saves the pictures; the format follows the extension (.svg or .png).
void save_plot(const ImageGrid& grid, const std::filesystem::path& file);
/// The plot as text, `width` × `height` characters, for a reader at a terminal.
[[nodiscard]] std::string terminal_plot(const LinePlot& plot, int width = 72, int height = 20);

/// The gnuplot executable in use: $DESCENT_GNUPLOT if set, else the one found at build time.
[[nodiscard]] std::string gnuplot_executable();

}  // namespace descent
