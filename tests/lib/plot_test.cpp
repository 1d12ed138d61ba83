#include "descent/key_placement.hpp"
#include "descent/plot.hpp"
#include "descent/plot_style.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

using namespace descent;
namespace fs = std::filesystem;

namespace {
fs::path fresh_folder(const std::string& name) {
  const auto folder = fs::temp_directory_path() / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

LinePlot sample() {
  return LinePlot{"loss", "step", "loss", false, true, std::nullopt, std::nullopt,
                  {Series{"run", {0, 1, 2, 3}, {25, 16, 10.24, INFINITY}}}};
}
}  // namespace

TEST_CASE("line plots are written as SVG, the same bytes every time") {
  const auto folder = fresh_folder("descent-plot-test");
  save_plot(sample(), folder / "a.svg");
  save_plot(sample(), folder / "b.svg");
  const std::string svg = read(folder / "a.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg == read(folder / "b.svg"));
  save_plot(sample(), folder / "c.png");
  CHECK(read(folder / "c.png").substr(1, 3) == "PNG");
  fs::remove_all(folder);
}

TEST_CASE("contour maps with paths and arrows") {
  const auto folder = fresh_folder("descent-contour-test");
  ContourPlot map;
  map.x_range = {-2, 2};
  map.y_range = {-2, 2};
  map.f = [](double x, double y) { return x * x + 2 * y * y; };
  map.levels = log_spaced_levels(0.1, 8.0, 6);
  map.arrow_field = [](double x, double y) { return std::array<double, 2>{-2 * x, -4 * y}; };
  map.paths.push_back({"path", {-1.5, -1.2, -0.96}, {1.0, 0.6, 0.36}});
  save_plot(map, folder / "map.svg");
  const std::string svg = read(folder / "map.svg");
  CHECK(svg.find("contours of the loss") != std::string::npos);
  CHECK(svg.find("descent direction") != std::string::npos);
  fs::remove_all(folder);
}

TEST_CASE("terminal plots are text") {
  const std::string text = terminal_plot(sample(), 60, 15);
  CHECK(text.find("step") != std::string::npos);
  CHECK(text.find('\f') == std::string::npos);
  CHECK(text.front() != '\n');
}

TEST_CASE("log-spaced contour levels") {
  const auto levels = log_spaced_levels(0.01, 100.0, 5);
  REQUIRE(levels.size() == 5);
  CHECK(levels[0] == Approx(0.01));
  CHECK(levels[2] == Approx(1.0));
  CHECK(levels[4] == Approx(100.0));
}

TEST_CASE("a missing gnuplot is a PlotError naming it, and no file appears") {
  const auto folder = fresh_folder("descent-nognuplot-test");
  ::setenv("DESCENT_GNUPLOT", "/nonexistent/gnuplot", 1);
  CHECK_THROWS_WITH(save_plot(sample(), folder / "a.svg"), Catch::Contains("/nonexistent/gnuplot"));
  ::setenv("DESCENT_GNUPLOT", "false", 1);  // runs, but draws nothing
  CHECK_THROWS_AS(save_plot(sample(), folder / "a.svg"), PlotError);
  ::unsetenv("DESCENT_GNUPLOT");
  CHECK(fs::is_empty(folder));
  CHECK_THROWS_AS(save_plot(sample(), folder / "a.jpg"), PlotError);
  fs::remove_all(folder);
}

TEST_CASE("a series with nothing drawable is an error, not an empty figure") {
  const LinePlot empty{"t", "x", "y", false, true, std::nullopt, std::nullopt, {Series{"s", {1, 2}, {-1, NAN}}}};
  CHECK_THROWS_AS(terminal_plot(empty), PlotError);
}

TEST_CASE("the legend goes to a corner the data leave empty or else below the plot") {
  const KeySize key{.width = 0.3, .height = 0.2};
  const Frame frame{.x_range = std::array<double, 2>{0.0, 10.0}, .y_range = std::array<double, 2>{0.0, 10.0}};
  // A falling line from the top left to the bottom right: both of those corners are taken.
  const Track falling{{{0.0, 10.0}, {10.0, 0.0}}};
  CHECK(key_position({falling}, frame, key) == "top right");
  // A rising line takes the bottom left and the top right.
  const Track rising{{{0.0, 0.0}, {10.0, 10.0}}};
  CHECK(key_position({rising}, frame, key) == "top left");
  // A line between two points can cross a corner where neither point is.
  const Track across_top{{{0.0, 9.5}, {10.0, 9.5}}};
  CHECK(key_position({across_top}, frame, key) == "bottom left");
  // Points in every corner: nowhere inside is free.
  const Track corners{{{0.5, 0.5}, {9.5, 0.5}, {0.5, 9.5}, {9.5, 9.5}}, false};
  CHECK(key_position({corners}, frame, key) == "below");
  // On a log axis the corners are measured in decades: 1e-8 is at the bottom of [1e-10, 1].
  const Frame log_frame{.x_range = std::array<double, 2>{0.0, 10.0},
                        .y_range = std::array<double, 2>{1e-10, 1.0},
                        .log_y = true};
  const Track low_right{{{9.0, 1e-9}, {10.0, 1e-10}}};
  CHECK(key_position({low_right}, log_frame, key) == "top right");
  CHECK(key_position({Track{{{9.0, 0.5}, {10.0, 0.9}}, false}}, log_frame, key) == "top left");
}

TEST_CASE("one look per method across the book and unknown methods refused") {
  CHECK(method_look("gd").colour == "#000000");
  CHECK(method_look("descent").colour == method_look("gd").colour);
  CHECK(method_look("nesterov").colour == method_look("momentum").colour);
  CHECK(method_look("nesterov").dash != method_look("momentum").dash);
  // No two methods of the table look the same, unless one is another's name for it.
  const auto& table = method_looks();
  for (std::size_t i = 0; i < table.size(); ++i) {
    for (std::size_t j = i + 1; j < table.size(); ++j) {
      const bool same = table[i].look.colour == table[j].look.colour && table[i].look.dash == table[j].look.dash;
      const bool alias = (table[i].method == "gd" && table[j].method == "descent") ||
                         (table[i].method == "lbfgs" && table[j].method == "l-bfgs");
      INFO(table[i].method << " and " << table[j].method);
      CHECK(same == alias);
    }
  }
  CHECK_THROWS_AS(method_look("adamax"), std::invalid_argument);
  const auto folder = fresh_folder("descent-style-test");
  LinePlot plot = sample();
  plot.series.front().method = "gd";
  plot.series.push_back({"momentum", {0, 1, 2}, {20, 5, 1}, SeriesStyle::lines, "momentum"});
  save_plot(plot, folder / "methods.svg");
  const std::string svg = read(folder / "methods.svg");
  CHECK(svg.find("rgb(  0,   0,   0)") != std::string::npos);   // gd: black
  CHECK(svg.find("rgb(  0, 114, 178)") != std::string::npos);   // momentum: blue #0072B2
  fs::remove_all(folder);
}

TEST_CASE("small multiples and segments and the minimum are drawn") {
  const auto folder = fresh_folder("descent-panels-test");
  LinePlot with_minimum = sample();
  with_minimum.minimum = 10.0;
  with_minimum.minimum_title = "lowest loss";
  with_minimum.series.push_back({"residuals", {0, 0, 1, 1}, {25, 20, 16, 18}, SeriesStyle::segments});
  save_panels({with_minimum, sample()}, 2, folder / "panels.svg", "two panels");
  const std::string svg = read(folder / "panels.svg");
  CHECK(svg.find("two panels") != std::string::npos);
  CHECK(svg.find("lowest loss") != std::string::npos);
  ContourPlot map;
  map.f = [](double x, double y) { return x * x + y * y; };
  map.minimum = std::array<double, 2>{0.0, 0.0};
  save_plot(map, folder / "map.svg");
  CHECK(read(folder / "map.svg").find("minimum") != std::string::npos);
  fs::remove_all(folder);
}

TEST_CASE("in the terminal every series has a mark of its own") {
  LinePlot plot{.title = "eight", .x_label = "step", .y_label = "y"};
  for (int k = 0; k < 8; ++k) {
    plot.series.push_back({"s" + std::to_string(k), {0, 1, 2}, {1.0 * k, 1.0 * k + 0.5, 1.0 * k + 1}, SeriesStyle::lines});
  }
  const std::string text = terminal_plot(plot, 100, 30);
  // Each legend entry: the title, then (after spaces) the series' own mark.
  const std::string marks = "*#$%@&=o";
  for (int k = 0; k < 8; ++k) {
    const std::string title = "s" + std::to_string(k) + " ";
    const std::size_t at = text.rfind(title);
    REQUIRE(at != std::string::npos);
    const std::size_t mark = text.find_first_not_of(' ', at + title.size());
    INFO(title << "\n" << text);
    CHECK(text[mark] == marks[static_cast<std::size_t>(k)]);
  }
}

TEST_CASE("image grids embed one picture per image, the same bytes every time") {
  const auto folder = fresh_folder("descent-plot-image-test");
  ImageGrid grid{.title = "two pictures", .images = {}, .columns = 2};
  for (int k = 0; k < 2; ++k) {
    GreyImage image{.rows = 3, .columns = 4, .values = {}, .caption = "picture " + std::to_string(k)};
    for (int p = 0; p < 12; ++p) image.values.push_back((p + k) / 12.0);
    grid.images.push_back(image);
  }
  save_plot(grid, folder / "a.svg");
  save_plot(grid, folder / "b.svg");
  const std::string svg = read(folder / "a.svg");
  CHECK(svg == read(folder / "b.svg"));
  CHECK(svg.find("picture 1") != std::string::npos);
  std::size_t images = 0;
  for (std::size_t at = svg.find("<image"); at != std::string::npos; at = svg.find("<image", at + 1)) ++images;
  CHECK(images == 2);
  CHECK(svg.find(".dat") == std::string::npos);  // no temporary file name leaks into the figure
  CHECK_THROWS_AS(save_plot(ImageGrid{.title = "none"}, folder / "c.svg"), PlotError);
  fs::remove_all(folder);
}
