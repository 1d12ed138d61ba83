// Chapter 2 reproduction tests: the numbers of CURRICULUM §2, from the library and from the
// real output of the linear_regression program the book shows.

#include "descent/csv.hpp"
#include "descent/datasets.hpp"
#include "descent/least_squares.hpp"
#include "descent/minimize.hpp"
#include "descent/standardize.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace descent;

namespace {
Run chapter(const std::string& args) { return run_program(LINEAR_REGRESSION_BINARY, args); }
}  // namespace

TEST_CASE("the worked step: gradients 4.25 and 2.5 take w 2.0→1.575 and b 1.5→1.25") {
  const Run run = chapter("--experiment worked-step");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "∂L/∂w = (2/N)·Σ r·x = 4.25"));
  CHECK(contains(run.out, "∂L/∂b = (2/N)·Σ r   = 2.5"));
  CHECK(contains(run.out, "w ← 2 − 0.1 × 4.25 = 1.575"));
  CHECK(contains(run.out, "b ← 1.5 − 0.1 × 2.5 = 1.25"));
}

TEST_CASE("the worked steps stop where the loss blows up, and say so") {
  const Run run = chapter("--experiment worked-step --lr 1e308 --steps 5");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "diverged at step 1: loss "));
  CHECK(!contains(run.out, "step 2\n"));
}

TEST_CASE("a fit whose start already meets --tolerance still draws every figure") {
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "descent-ch02-step0";
  std::filesystem::remove_all(out);
  const Run run = chapter("--tolerance 1e308 --no-plot --out " + out.string());
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "after 0 steps"));
  for (const char* file : {"fit.csv", "fit-data.svg", "fit-contours.svg", "fit-loss.svg"}) {
    CHECK(std::filesystem::exists(out / file));
  }
  std::filesystem::remove_all(out);
}

TEST_CASE("descent on standardised features meets the closed form to 1e-9") {
  const Dataset houses = synthetic_housing(50, 7);
  const Standardizer scaling = Standardizer::fit(houses.features);
  const LeastSquares standardized(scaling.transform(houses.features), houses.targets);
  const RunResult run = minimize(standardized, Vector::Zero(2), 0.1,
                                 StopRules{.max_steps = 100000, .gradient_tolerance = 1e-9});
  REQUIRE(run.reason == StopReason::gradient_small);
  const Vector fitted = scaling.to_original_units(run.x);
  const Vector exact = LeastSquares(houses.features, houses.targets).closed_form();
  CHECK((fitted - exact).norm() / exact.norm() < 1e-9);
  CHECK(fitted[0] == Approx(0.15).margin(0.01));  // the generating slope, k$ per sq ft

  const Run out = chapter("");
  REQUIRE(out.status == 0);
  CHECK(contains(out.out, "stopped after " + std::to_string(run.steps) + " steps (gradient below tolerance"));
  CHECK(contains(out.out, "agreement: relative difference "));
  CHECK(contains(out.out, "prediction: size 2000 sq ft → price "));
}

TEST_CASE("raw square feet diverge at η = 0.1 or crawl below 2/λmax, standardised sizes converge") {
  const Run run = chapter("--experiment scaling");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "standardised       0.1  reached ‖∇L‖ ≤ 1e-09 in"));
  CHECK(contains(run.out, "raw                0.1  diverged at step 2"));
  CHECK(contains(run.out, "still going after 100000 steps"));
  CHECK(contains(run.out, "standardised size: λmax = 2, λmin = 2, κ = 1, stable for η < 1"));
  CHECK(contains(run.out, "raw size:          λmax = 5.97e+06, λmin = 3.30e-01, κ = λmax/λmin = 1.81e+07, "
                          "stable for η < 3.35e-07"));
}

TEST_CASE("fitting the reader's own CSV file with named columns") {
  const std::string file = std::string(DESCENT_TEST_DATA) + "/good/houses.csv";
  const Run run = chapter("--data " + file + " --x size --y price --predict 1750");
  REQUIRE(run.status == 0);
  // The four houses lie near price = 0.172·size + 27; the closed form is printed and matched.
  CHECK(contains(run.out, "4 rows of " + file));
  CHECK(contains(run.out, "agreement: relative difference "));
  CHECK(contains(run.out, "prediction: size 1750 → price"));
}

TEST_CASE("contours of the raw loss are √κ, not κ, times longer than wide") {
  const Run run = chapter("--experiment scaling");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "Contours of L: ellipses √κ times longer than wide, 4.25e+03 for the raw size, "
                          "1 (circles) for the standardised one"));
}

TEST_CASE("the book's own-data run: 50 cars, a successful fit, residuals larger for fast cars") {
  const std::string file = std::string(DESCENT_TEST_DATA) + "/../../chapters/02_linear_regression/stopping_distances.csv";
  const Run run = chapter("--data " + file + " --x speed_mph --y distance_ft --predict 30 --no-plot");
  REQUIRE(run.status == 0);
  // The classic fit of these data: dist = 3.932·speed − 17.58.
  CHECK(contains(run.out, "Closed form (normal equations, Eigen LDLT): w = 3.93241, b = −17.5791"));
  CHECK(contains(run.out, "descent:     w = 3.93240875909, b = −17.5790948904"));
  CHECK(contains(run.out, "prediction: speed_mph 30 → distance_ft 100.4"));
  // What the text reads off Figure 2.4: the gaps are wider for the fast cars than for the slow.
  const ColumnData cars = read_columns(file, "speed_mph", "distance_ft");
  const LeastSquares loss(cars.data.features, cars.data.targets);
  const Vector r = loss.residuals(loss.closed_form());
  double slow = 0.0, fast = 0.0;
  int slow_count = 0, fast_count = 0;
  for (Eigen::Index i = 0; i < r.size(); ++i) {
    const double speed = cars.data.features(i, 0);
    if (speed < 12) {
      slow += std::abs(r[i]);
      ++slow_count;
    } else if (speed >= 18) {
      fast += std::abs(r[i]);
      ++fast_count;
    }
  }
  CHECK(fast / fast_count > 2.0 * (slow / slow_count));
}

TEST_CASE("bad data files: one line naming the file, exit code 2") {
  const std::string dir = std::string(DESCENT_TEST_DATA) + "/bad_csv/";
  for (const char* file : {"empty.csv", "ragged.csv", "not_a_number.csv", "nan.csv", "inf.csv", "one_row.csv",
                           "missing.csv"}) {
    const Run run = chapter("--data " + dir + file);
    INFO(file << ": " << run.out);
    CHECK(run.status == 2);
    CHECK(contains(run.out, dir + file));
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
  }
  const Run missing_column = chapter("--data " + std::string(DESCENT_TEST_DATA) + "/good/houses.csv --x area");
  CHECK(missing_column.status == 2);
  CHECK(contains(missing_column.out, "no column 'area' (columns: size, rooms, price)"));
}
