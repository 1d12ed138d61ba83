#pragma once
/// \file key_placement.hpp
/// \brief Where a figure's legend goes, decided from the data: the first corner of the plot area
/// that no point and no line of the data cross, else below the plot. A legend never covers data.

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace descent {

/// One series as drawn: its points in data coordinates, and whether consecutive points are joined
/// by lines (a line can cross a corner that holds none of its points).
struct Track {
  std::vector<std::pair<double, double>> points;
  bool joined = true;
};

/// The plot area the tracks are drawn in: the axis limits (automatic ones are taken from the data,
/// widened as gnuplot widens them) and whether each axis is logarithmic.
struct Frame {
  std::optional<std::array<double, 2>> x_range{};
  std::optional<std::array<double, 2>> y_range{};
  bool log_x = false;
  bool log_y = false;
};

/// The legend's size as fractions of the plot area's width and height.
struct KeySize {
  double width = 0.3;
  double height = 0.1;
};

/// gnuplot's words for the legend's place: "top right", "top left", "bottom left", "bottom right"
/// (the first of these whose box no track enters) or "below" (under the plot, outside it).
[[nodiscard]] std::string key_position(const std::vector<Track>& tracks, const Frame& frame, KeySize size);

/// The legend's size for `entries` entries whose longest title has `longest_title` characters, in a
/// plot area of `area_width` × `area_height` pixels (fonts of 13 px, gnuplot's sample line).
[[nodiscard]] KeySize key_size(int entries, int longest_title, double area_width, double area_height);

}  // namespace descent
