#pragma once
/// \file plot_style.hpp
/// \brief The book's one table of looks: each method (gd, momentum, adam, newton, …) has the same
/// colour and dash in every figure of every chapter, so a reader who has learnt that plain descent
/// is black never has to read a legend twice.
///
/// Colours come from the Okabe–Ito palette, which colour-blind readers can tell apart. Two methods
/// of one family share a colour and differ by dash (momentum solid, Nesterov dashed). Series that
/// are not methods (three learning rates, two batch sizes) take the palette in order.

#include <string>
#include <string_view>
#include <vector>

namespace descent {

/// How one series is drawn: a colour, a gnuplot dash type (1 is solid) and a point type.
struct LineLook {
  std::string colour;  ///< "#rrggbb"
  int dash = 1;        ///< gnuplot's `dt`: 1 solid, 2 dashed, 3 dotted, 4 dash-dot
  int point = 7;       ///< gnuplot's `pt`
};

/// One row of the table: a method's name as the library and the programs spell it, and its look.
struct MethodLook {
  std::string_view method;
  LineLook look;
};

/// Every method the book draws, with its look (see the file's description).
[[nodiscard]] const std::vector<MethodLook>& method_looks();

/// The look of `method` ("gd", "momentum", "adam", "newton", …); a name the table does not know is
/// a std::invalid_argument naming it, so a typo cannot give a method a stray colour.
[[nodiscard]] LineLook method_look(std::string_view method);

/// The look of the `index`-th series that is not a method, cycling through the palette.
[[nodiscard]] LineLook palette_look(int index);

/// The colour of contour lines and other background: light enough that data stand out on it.
inline constexpr std::string_view background_colour = "#a8a8a8";

}  // namespace descent
