#include "descent/plot.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

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
