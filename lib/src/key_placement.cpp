#include "descent/key_placement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace descent {

namespace {

// An axis as drawn: its limits, on a log axis as log10 of the limits.
struct Axis {
  double low = 0.0;
  double high = 1.0;
  bool log = false;
  [[nodiscard]] double unit(double value) const {  // 0 at the low end of the axis, 1 at the high end
    const double v = log ? std::log10(value) : value;
    return high > low ? (v - low) / (high - low) : 0.5;
  }
};

// gnuplot widens an automatic range to whole tics: to decades on a log axis, to a multiple of a
// round step (1, 2 or 5 times a power of ten, about ten steps across) on a linear one.
Axis axis_of(const std::vector<Track>& tracks, bool first, const std::optional<std::array<double, 2>>& fixed, bool log) {
  Axis axis{.log = log};
  if (fixed) {
    axis.low = log ? std::log10((*fixed)[0]) : (*fixed)[0];
    axis.high = log ? std::log10((*fixed)[1]) : (*fixed)[1];
    return axis;
  }
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const auto& track : tracks) {
    for (const auto& [x, y] : track.points) {
      const double v = log ? std::log10(first ? x : y) : (first ? x : y);
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  if (!(low <= high)) return axis;
  if (log) {
    axis.low = std::floor(low);
    axis.high = std::max(std::ceil(high), axis.low + 1.0);
    return axis;
  }
  const double span = high > low ? high - low : std::max(std::abs(high), 1.0);
  const double magnitude = std::pow(10.0, std::floor(std::log10(span / 10.0)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (span / (m * magnitude) <= 10.0) {
      step = m * magnitude;
      break;
    }
  }
  axis.low = std::floor(low / step) * step;
  axis.high = std::ceil(high / step) * step;
  if (axis.high <= axis.low) axis.high = axis.low + step;
  return axis;
}

struct Box {
  double x0, x1, y0, y1;
  [[nodiscard]] bool holds(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
};

bool enters(const Track& track, const Axis& x_axis, const Axis& y_axis, const Box& box) {
  const auto& p = track.points;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double x = x_axis.unit(p[i].first);
    const double y = y_axis.unit(p[i].second);
    if (box.holds(x, y)) return true;
    if (!track.joined || i + 1 == p.size()) continue;
    // Points along the line to the next point: a line may cross the box between two points.
    const double x_next = x_axis.unit(p[i + 1].first);
    const double y_next = y_axis.unit(p[i + 1].second);
    constexpr int samples = 24;
    for (int k = 1; k < samples; ++k) {
      const double t = static_cast<double>(k) / samples;
      if (box.holds(x + t * (x_next - x), y + t * (y_next - y))) return true;
    }
  }
  return false;
}

}  // namespace

std::string key_position(const std::vector<Track>& tracks, const Frame& frame, KeySize size) {
  const Axis x_axis = axis_of(tracks, true, frame.x_range, frame.log_x);
  const Axis y_axis = axis_of(tracks, false, frame.y_range, frame.log_y);
  const double w = std::min(size.width, 1.0);
  const double h = std::min(size.height, 1.0);
  const std::pair<const char*, Box> corners[] = {
      {"top right", {1.0 - w, 1.0, 1.0 - h, 1.0}},
      {"top left", {0.0, w, 1.0 - h, 1.0}},
      {"bottom left", {0.0, w, 0.0, h}},
      {"bottom right", {1.0 - w, 1.0, 0.0, h}},
  };
  for (const auto& [name, box] : corners) {
    const bool empty = std::none_of(tracks.begin(), tracks.end(),
                                    [&](const Track& t) { return enters(t, x_axis, y_axis, box); });
    if (empty) return name;
  }
  return "below";
}

KeySize key_size(int entries, int longest_title, double area_width, double area_height) {
  constexpr double character = 7.8;  // px per character at 13 px
  constexpr double sample = 62.0;    // the line sample and the gaps around it
  constexpr double row = 17.0;       // px per entry
  constexpr double margin = 1.15;    // a little air around the box
  return {.width = margin * (sample + character * longest_title) / area_width,
          .height = margin * (row * entries + 8.0) / area_height};
}

}  // namespace descent
