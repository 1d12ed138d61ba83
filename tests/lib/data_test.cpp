#include "descent/csv.hpp"
#include "descent/datasets.hpp"
#include "descent/least_squares.hpp"
#include "descent/minimize.hpp"
#include "descent/random.hpp"
#include "descent/standardize.hpp"

#include <catch2/catch.hpp>

using namespace descent;

namespace {
const std::string data_dir = DESCENT_TEST_DATA;

std::string error_of(const std::string& file, const std::string& column = "") {
  try {
    const Table t = read_csv(data_dir + "/" + file);
    if (!column.empty()) (void)t.column(column);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("CSV with a header, comments and blank lines") {
  const Table t = read_csv(data_dir + "/good/houses.csv");
  CHECK(t.has_header);
  CHECK(t.columns == std::vector<std::string>{"size", "rooms", "price"});
  REQUIRE(t.values.rows() == 4);
  CHECK(t.column("price")[3] == 460.0);
  CHECK(t.column("2")[1] == 3.0);  // by 1-based number
  const Table plain = read_csv(data_dir + "/good/no_header.csv");
  CHECK_FALSE(plain.has_header);
  CHECK(plain.columns == std::vector<std::string>{"1", "2"});
  CHECK(plain.column("2")[3] == 9.0);
}

TEST_CASE("every malformed CSV names the file, line and column") {
  const std::string bad = data_dir + "/bad_csv/";
  CHECK(error_of("bad_csv/missing.csv") == bad + "missing.csv: cannot open (No such file or directory)");
  CHECK(error_of("bad_csv/empty.csv") == bad + "empty.csv: the file is empty");
  CHECK(error_of("bad_csv/only_comments.csv") == bad + "only_comments.csv: the file is empty");
  CHECK(error_of("bad_csv/ragged.csv") == bad + "ragged.csv:3: 1 cells, expected 2 like the first line");
  CHECK(error_of("bad_csv/not_a_number.csv") == bad + "not_a_number.csv:3:2 (price): 'abc' is not a number");
  CHECK(error_of("bad_csv/nan.csv") == bad + "nan.csv:3:2 (price): 'nan' is not a finite number");
  CHECK(error_of("bad_csv/inf.csv") == bad + "inf.csv:2:2 (price): 'inf' is not a finite number");
  CHECK(error_of("bad_csv/one_row.csv") == bad + "one_row.csv: needs at least 2 data rows, found 1");
  CHECK(error_of("bad_csv/empty_cell.csv") == bad + "empty_cell.csv:3:2 (price): empty cell");
  CHECK(error_of("bad_csv/empty_header_name.csv") == bad + "empty_header_name.csv:1:2: empty column name in the header");
  CHECK(error_of("good/houses.csv", "area") ==
        data_dir + "/good/houses.csv: no column 'area' (columns: size, rooms, price)");
  CHECK(error_of("good/houses.csv", "4").find("no column '4'") != std::string::npos);
}

TEST_CASE("a corrupt cell is quoted harmlessly: control bytes escaped, at most 40 bytes") {
  // Quoted raw, "\x1b[2J" would clear the reader's terminal; a binary file, fill a screen.
  const std::string bad = data_dir + "/bad_csv/";
  CHECK(error_of("bad_csv/control_bytes.csv") ==
        bad + "control_bytes.csv:3:2 (price): '\\x1b[2J\\x1b[31mwiped' is not a number");
  CHECK(error_of("bad_csv/long_cell.csv") ==
        bad + "long_cell.csv:3:2 (price): '" + std::string(40, 'x') + "…' is not a number");
}

TEST_CASE("a byte-order mark is not part of the first column's name, only regular files are read") {
  const Table t = read_csv(data_dir + "/good/bom.csv");
  CHECK(t.columns == std::vector<std::string>{"size", "price"});
  CHECK(t.column("size")[0] == 1000.0);
  CHECK(error_of("../../../../../../dev/zero").find(": not a regular file") != std::string::npos);
  CHECK(error_of("good").find(": not a regular file") != std::string::npos);
}

TEST_CASE("least squares: value, gradient, Hessian and the closed form") {
  // Two points (1, 2.75), (2, 3.75) at (w, b) = (2, 1.5): the seed's worked step.
  const LeastSquares loss(Matrix{{1.0}, {2.0}}, Vector{{2.75, 3.75}});
  const Vector g = loss.gradient(Vector{{2.0, 1.5}});
  CHECK(g[0] == Approx(4.25));
  CHECK(g[1] == Approx(2.5));
  CHECK(loss.value(Vector{{2.0, 1.5}}) == Approx(1.8125));
  const Vector exact = loss.closed_form();  // the line through both points: y = x + 1.75
  CHECK(exact[0] == Approx(1.0));
  CHECK(exact[1] == Approx(1.75));
  CHECK(loss.gradient(exact).norm() == Approx(0.0).margin(1e-12));
  CHECK(loss.evaluations_per_gradient() == 2);
  const Matrix h = loss.hessian(exact);  // (2/N)[[Σx², Σx], [Σx, N]] = [[5, 3], [3, 2]]
  CHECK(h(0, 0) == Approx(5.0));
  CHECK(h(0, 1) == Approx(3.0));
  CHECK(h(1, 1) == Approx(2.0));
  const LeastSquares no_bias(Matrix{{1.0}, {2.0}}, Vector{{2.0, 4.0}}, false);
  CHECK(no_bias.dimension() == 1);
  CHECK(no_bias.closed_form()[0] == Approx(2.0));
  const LeastSquares shard = loss.rows({1});
  CHECK(shard.samples() == 1);
  CHECK(shard.targets()[0] == 3.75);
}

TEST_CASE("standardisation and its inverse, for data and for fitted models") {
  const Matrix x{{1.0, 10.0}, {3.0, 10.0}, {5.0, 40.0}};
  const Standardizer s = Standardizer::fit(x);
  CHECK(s.mean[0] == Approx(3.0));
  CHECK(s.deviation[0] == Approx(std::sqrt(8.0 / 3.0)));
  const Matrix z = s.transform(x);
  CHECK(z.col(0).mean() == Approx(0.0).margin(1e-12));
  CHECK(std::sqrt(z.col(1).array().square().mean()) == Approx(1.0));
  CHECK((s.inverse_transform(z) - x).norm() == Approx(0.0).margin(1e-12));
  const Vector theta{{0.5, -2.0, 7.0}};
  CHECK((s.to_standardized_units(s.to_original_units(theta)) - theta).norm() == Approx(0.0).margin(1e-12));
  const Vector original = s.to_original_units(theta);
  for (Eigen::Index i = 0; i < 3; ++i) {
    CHECK(x.row(i).dot(original.head(2)) + original[2] == Approx(z.row(i).dot(theta.head(2)) + theta[2]));
  }
  const Standardizer constant = Standardizer::fit(Matrix::Constant(3, 1, 4.0));
  CHECK(constant.deviation[0] == 1.0);
  // Three rows of 0.1: the computed spread is rounding noise (about 1e-17), not 0; the column is
  // still constant, so it is centred to 0, not standardised to ±1.
  const Matrix tenths = Matrix::Constant(3, 1, 0.1);
  const Standardizer noisy = Standardizer::fit(tenths);
  CHECK(noisy.deviation[0] == 1.0);
  CHECK(noisy.transform(tenths).cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("seeded data: the same houses every time, different with another seed") {
  const Dataset a = synthetic_housing(50, 7);
  const Dataset b = synthetic_housing(50, 7);
  const Dataset c = synthetic_housing(50, 8);
  CHECK(a.features == b.features);
  CHECK(a.targets == b.targets);
  CHECK(a.features != c.features);
  CHECK(a.features.minCoeff() >= 600.0);
  CHECK(a.features.maxCoeff() < 3000.0);
  // The generating line is price = 0.15·size + 50: a fit on 2000 houses lands near it.
  const Dataset big = synthetic_housing(2000, 1);
  const Vector fit = LeastSquares(big.features, big.targets).closed_form();
  CHECK(fit[0] == Approx(0.15).margin(0.005));
  CHECK(fit[1] == Approx(50.0).margin(8.0));
}

TEST_CASE("random draws are fixed by the seed and well spread") {
  Random r(123);
  const double first = r.uniform();
  CHECK(Random(123).uniform() == first);
  Random s(5);
  double sum = 0.0, squares = 0.0;
  for (int i = 0; i < 20000; ++i) {
    const double z = s.normal();
    sum += z;
    squares += z * z;
  }
  CHECK(sum / 20000 == Approx(0.0).margin(0.03));
  CHECK(squares / 20000 == Approx(1.0).margin(0.03));
  std::vector<int> items{0, 1, 2, 3, 4, 5, 6, 7};
  Random(9).shuffle(items);
  std::vector<int> again{0, 1, 2, 3, 4, 5, 6, 7};
  Random(9).shuffle(again);
  CHECK(items == again);
  CHECK(items != std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
}
