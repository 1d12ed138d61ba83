#pragma once
/// \file format.hpp
/// \brief Numbers and tables as a reader sees them.
///
/// Display numbers use the typographic minus sign (−), like the book's text, and never show
/// a NaN or an infinity as if it were a number.

#include <Eigen/Core>

#include <string>
#include <string_view>
#include <vector>

namespace descent {

/// Shortest form with at most `significant` digits: 4, 3.2, 1.099511627776, 2.5e-07.
[[nodiscard]] std::string format_number(double value, int significant = 14);

/// A point as a reader writes it: "(1.5, −2)", or just "1.5" in one dimension.
[[nodiscard]] std::string format_point(const Eigen::VectorXd& x, int significant = 6);

/// Fixed number of decimals: format_fixed(-2.5, 2) is "−2.50".
[[nodiscard]] std::string format_fixed(double value, int decimals);

/// 17 significant digits, as CSV files write numbers: every double reads back exactly.
[[nodiscard]] std::string format_exact(double value);

/// Scientific with `significant` digits: format_scientific(0.000123, 3) is "1.23e-04".
[[nodiscard]] std::string format_scientific(double value, int significant = 3);

/// A size in bytes with a decimal (SI) prefix and 3 significant digits: 32 B, 800 kB, 8 TB,
/// 9.6 MB. Powers of 1000, as disk makers and the SI use, so 10¹² doubles read "8 TB".
[[nodiscard]] std::string format_bytes(double bytes);

/// The words joined with '|': "constant|step|cosine", as help texts list choices.
[[nodiscard]] std::string joined_choices(const std::vector<std::string>& words);

/// Number of characters a terminal shows for UTF-8 text (code points, not bytes).
[[nodiscard]] std::size_t display_width(std::string_view text);

/// A plain-text table with a header row. Columns are right-aligned (numbers line up on
/// their last digit) except the first and any marked with align_left().
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers);
  /// Left-aligns column `column` (text such as an update written out).
  TextTable& align_left(std::size_t column);
  /// Appends one row; it must have as many cells as there are headers.
  void add_row(std::vector<std::string> cells);
  /// Renders the table, each line ending in a newline.
  [[nodiscard]] std::string str() const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> left_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace descent
