#include "descent/format.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

TEST_CASE("numbers: shortest exact form with a typographic minus") {
  CHECK(format_number(4.0) == "4");
  CHECK(format_number(5.0 - 0.1 * 8.0) == "4.2");
  CHECK(format_number(1.099511627776) == "1.099511627776");
  CHECK(format_number(-15.0) == "\u221215");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_fixed(-2.5, 2) == "\u22122.50");
  CHECK(format_fixed(-0.001, 2) == "0.00");
  CHECK(format_scientific(0.000123, 3) == "1.23e-04");
}

TEST_CASE("bytes with SI prefixes, as the memory tables print them") {
  CHECK(format_bytes(32.0) == "32 B");
  CHECK(format_bytes(8e4) == "80 kB");
  CHECK(format_bytes(999.6e3) == "1 MB");
  CHECK(format_bytes(9.6e7) == "96 MB");
  CHECK(format_bytes(8.0 * 1e6 * 1e6) == "8 TB");
}

TEST_CASE("numbers: NaN and infinity are never shown as numbers") {
  CHECK(format_number(std::nan("")) == "undefined (NaN)");
  CHECK(format_number(INFINITY) == "overflow (+inf)");
  CHECK(format_fixed(-INFINITY, 2) == "overflow (\u2212inf)");
}

TEST_CASE("tables align by display width, not bytes") {
  TextTable table({"step", "w"});
  table.add_row({"0", "5"});
  table.add_row({"1", "\u221215"});
  CHECK(table.str() == "step    w\n---------\n0       5\n1     \u221215\n");
  CHECK(display_width("\u2212\u03b7") == 2);
  CHECK_THROWS(table.add_row({"only one"}));
}

TEST_CASE("a point is written in parentheses, a single number without") {
  CHECK(descent::format_point(Eigen::Vector2d(1.5, -2.0)) == "(1.5, \u22122)");
  CHECK(descent::format_point(Eigen::VectorXd::Constant(1, 0.25)) == "0.25");
  CHECK(descent::format_point(Eigen::Vector2d(1.0 / 3.0, 2.0), 3) == "(0.333, 2)");
}
