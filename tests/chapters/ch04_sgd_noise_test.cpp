// Chapter 4 reproduction tests: the numbers of CURRICULUM §4, from the library and from the
// real output of the sgd_noise program the book shows.

#include "descent/datasets.hpp"
#include "descent/least_squares.hpp"
#include "descent/optimizer.hpp"
#include "descent/schedule.hpp"
#include "descent/stability.hpp"
#include "descent/train.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace descent;

namespace {
Run chapter(const std::string& args) { return run_program(SGD_NOISE_BINARY, args); }

// The whitespace-separated words of the first line of `text` that starts with `prefix`.
std::vector<std::string> row(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(prefix, 0) == 0) {
      std::istringstream words(line);
      std::vector<std::string> cells;
      for (std::string w; words >> w;) cells.push_back(w);
      return cells;
    }
  }
  FAIL("no line starts with '" << prefix << "'");
  return {};
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

double as_number(std::string cell) {
  for (const std::string minus = "−"; cell.find(minus) != std::string::npos;) cell.replace(cell.find(minus), minus.size(), "-");
  return std::stod(cell);
}

Dataset data(std::uint64_t seed) { return orthogonal_regression(200, Vector{{1.0, 4.0}}, Vector{{2.0, 1.0}}, 0.5, seed); }
}  // namespace

TEST_CASE("the Hessian of the chapter's loss is diag(1, 4), computed from the data") {
  const Dataset d = data(4);
  const LeastSquares loss(d.features, d.targets, false);
  const Matrix h = loss.hessian(Vector::Zero(2));
  CHECK(h(0, 0) == Approx(1.0).epsilon(1e-13));
  CHECK(h(1, 1) == Approx(4.0).epsilon(1e-13));
  CHECK(std::abs(h(0, 1)) < 1e-13);
  CHECK(largest_stable_learning_rate(h) == Approx(0.5).epsilon(1e-13));
  const Run run = chapter("--no-plot");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "Hessian of L computed from the data: [1, 0; 0, 4]"));
  CHECK(contains(run.out, "λmax = 4, 2/λmax = 0.5"));
}

TEST_CASE("label noise is the only randomness: another seed changes the targets, not the features") {
  const Dataset a = data(4);
  const Dataset b = data(5);
  CHECK(a.features == b.features);
  CHECK((a.targets - b.targets).norm() > 1.0);
  // The noise has the stated size: the residuals at the true weights have spread ≈ 0.5.
  const Vector noise = a.targets - a.features * Vector{{2.0, 1.0}};
  CHECK(std::sqrt(noise.squaredNorm() / 200) == Approx(0.5).epsilon(0.1));
}

TEST_CASE("the samples counter: 200, 16 and 1 gradient evaluations per update") {
  const Dataset d = data(4);
  const LeastSquares loss(d.features, d.targets, false);
  for (const auto& [batch, updates] : {std::pair{200, 1}, std::pair{16, 13}, std::pair{1, 200}}) {
    GradientDescent plain;
    const TrainingResult r = train(loss, Vector::Zero(2), ConstantRate{0.1}, plain,
                                   TrainingOptions{.epochs = 1, .batch_size = batch});
    CHECK(r.state.updates == updates);
    CHECK(r.state.samples_seen == 200);
  }
}

TEST_CASE("evaluations to a loss level: SGD fewest, batch most, and SGD then jitters around w*") {
  const Run run = chapter("--no-plot");
  REQUIRE(run.status == 0);
  const auto batch = row(run.out, "batch ");
  const auto mini = row(run.out, "mini-batch ");
  const auto sgd = row(run.out, "SGD ");
  REQUIRE(batch.size() == 9);
  CHECK(batch[2] == "40");
  CHECK(mini[2] == "520");
  CHECK(sgd[2] == "8000");
  // The book's numbers: evaluations to 10 %, 1 %, 0.1 % of the starting excess loss.
  CHECK((std::vector<std::string>(batch.begin() + 3, batch.begin() + 6)) ==
        std::vector<std::string>{"1600", "3800", "6000"});
  CHECK((std::vector<std::string>(mini.begin() + 3, mini.begin() + 6)) == std::vector<std::string>{"128", "312", "416"});
  CHECK((std::vector<std::string>(sgd.begin() + 3, sgd.begin() + 6)) == std::vector<std::string>{"9", "37", "128"});
  for (int level = 3; level <= 5; ++level) {
    CHECK(std::stoi(batch[level]) % 200 == 0);  // a whole number of full-batch updates
    CHECK(std::stoi(sgd[level]) < std::stoi(mini[level]));
    CHECK(std::stoi(mini[level]) < std::stoi(batch[level]));
  }
  // The book names the curves of Figure 4.2 by their legend labels, not by their colours.
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "descent-ch04-compare-labels";
  std::filesystem::remove_all(out);
  REQUIRE(chapter("--no-plot --out " + out.string()).status == 0);
  const std::string loss_figure = read_text(out / "compare-loss.svg");
  for (const char* label : {"batch (B = 200)", "mini-batch (B = 16)", "SGD (B = 1)"}) CHECK(contains(loss_figure, label));
  std::filesystem::remove_all(out);
  // Jitter: SGD's distance from w* late in the run is several times the mini-batch's.
  CHECK(as_number(sgd[8]) > 4 * as_number(mini[8]));
  CHECK(as_number(sgd[8]) > 0.2);
}

TEST_CASE("gradient variance against B: slope −1 with replacement, (N−B)/(N−1) without") {
  const Run run = chapter("--experiment variance");
  REQUIRE(run.status == 0);
  const double with = number_after(run.out, "B = 1…128, with replacement:    ");
  const double without = number_after(run.out, "B = 1…128, without replacement: ");
  CHECK(std::abs(with + 1.0) < 0.05);
  CHECK(without < -1.1);
  CHECK(without > -1.25);
  // At B = 128 the finite-population prediction fits the measurement without replacement,
  // and σ²/B does not (it is 2.8 times larger).
  const auto r128 = row(run.out, "128 ");
  const double plain = as_number(r128[1]);
  const double measured_with = as_number(r128[2]);
  const double measured_without = as_number(r128[3]);
  const double finite = as_number(r128[4]);
  CHECK(measured_with == Approx(plain).epsilon(0.1));
  CHECK(measured_without == Approx(finite).epsilon(0.1));
  CHECK(plain > 2.5 * measured_without);
  CHECK(row(run.out, "200 ")[3] == "0");  // every batch of 200 drawn without replacement is the data set
}

TEST_CASE("the noise floor of constant-η SGD is proportional to η") {
  const Run run = chapter("--experiment noise-floor");
  REQUIRE(run.status == 0);
  const double slope = number_after(run.out, "slope of the floor against η: ");
  CHECK(slope > 0.95);
  CHECK(slope < 1.15);
  const auto smallest = row(run.out, "0.001 ");
  CHECK(as_number(smallest[5]) == Approx(1.0).epsilon(0.1));  // measured ÷ η·tr Σ/4
  // The book: the transient skipped is 10/η updates (e^(−2ηλmin·t) = e^(−20) with λmin = 1), then
  // 500/η updates are averaged.
  CHECK(smallest[1] == "10000");
  CHECK(smallest[2] == "500000");
  CHECK(row(run.out, "0.008 ")[1] == "1250");
}

TEST_CASE("decaying schedules remove the floor") {
  const Run run = chapter("--experiment decay");
  REQUIRE(run.status == 0);
  const double constant = as_number(row(run.out, "constant ")[2]);
  for (const char* name : {"step ", "exponential ", "cosine "}) {
    INFO(name);
    CHECK(as_number(row(run.out, name)[2]) < constant / 10);
  }
}

TEST_CASE("epochs: a draw with replacement misses 36.7 % of the samples, and shuffling lowers the floor") {
  const Run run = chapter("--experiment epochs");
  REQUIRE(run.status == 0);
  CHECK(number_after(run.out, "leaves out ") == Approx(100 * std::pow(1 - 1.0 / 200, 200)).epsilon(0.02));
  CHECK(as_number(row(run.out, "0.002 ")[4]) < 0.3);  // epoch ends, shuffled ÷ with replacement
  CHECK(as_number(row(run.out, "0.02 ")[4]) > as_number(row(run.out, "0.002 ")[4]));
}

TEST_CASE("linear scaling rule: holds for small B, breaks where η1·B crosses 2/λmax = 0.5") {
  const Run run = chapter("--experiment scaling");
  REQUIRE(run.status == 0);
  CHECK(number_after(run.out, "predicted break: η1·B = 2/λmax at B = ") == Approx(100.0).epsilon(1e-9));
  const double observed = number_after(run.out, "whose run ends above its start: ");
  CHECK(observed == 104);  // the book's number: seed 1 only
  CHECK(contains(run.out, "(scanning 1…200, seed 1)"));
  // The table (and Figure 4.6) are means of seeds 1 to 5.
  CHECK(contains(run.out, "5 seeds (1…5) per B"));
  CHECK(contains(run.out, "L − L* after 20 epochs, mean of 5 seeds"));
  for (const char* b : {"1 ", "4 ", "16 ", "32 "}) CHECK(row(run.out, b).back() == "holds");
  CHECK(contains(row(run.out, "104 ").back(), "grew"));
  // B = 128 breaks but stays finite; only B = 200 diverges.
  CHECK(contains(row(run.out, "128 ").back(), "grew"));
  CHECK(row(run.out, "128 ")[3] != "diverged");
  CHECK(std::isfinite(as_number(row(run.out, "128 ")[3])));
  CHECK(row(run.out, "200 ")[3] == "diverged");
}

TEST_CASE("Figure 4.6: the label says what the table holds, and only diverged runs are drawn at the top") {
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "descent-ch04-scaling-figure";
  std::filesystem::remove_all(out);
  const Run run = chapter("--experiment scaling --out " + out.string());
  REQUIRE(run.status == 0);
  const std::string figure = read_text(out / "scaling.svg");
  CHECK(contains(figure, "mean of 5 seeds"));
  CHECK(contains(figure, "diverged (drawn at the top)"));
  std::filesystem::remove_all(out);
}

TEST_CASE("run: bad input is refused with one line naming the flag and exit 2") {
  for (const char* args : {"--batch-size 0", "--batch-size 201", "--batch-size 2.5", "--epochs -1", "--epochs 0",
                           "--schedule triangle"}) {
    INFO(args);
    const Run run = chapter(std::string("--experiment run ") + args);
    CHECK(run.status == 2);
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') <= 1);
    CHECK(contains(run.out, std::string(args).substr(0, std::string(args).find(' '))));
  }
  const Run ok = chapter("--experiment run --batch-size 200 --epochs 2 --lr 0.4");
  CHECK(ok.status == 0);
}

TEST_CASE("a learning rate that blows up is a reported result: the update and its loss, exit 0") {
  // Every run below diverges; the figures are asked for too, which must not turn the result into
  // a failure ("cannot draw figures") when no point of a loss curve is finite.
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "descent-ch04-divergence";
  std::filesystem::remove_all(out);
  const std::string to = " --out " + out.string();
  SECTION("compare: η = 5 and η = 1e308, each variant's update and batch loss") {
    const Run five = chapter("--lr 5" + to);
    REQUIRE(five.status == 0);
    CHECK(has_row(five.out, {"batch ", "diverged", "—", "—"}));
    CHECK(contains(five.out, "batch diverged at update 6: batch loss 1.222e+13"));
    CHECK(contains(five.out, "SGD diverged at update 9: batch loss"));
    const Run huge = chapter("--lr 1e308" + to);
    REQUIRE(huge.status == 0);
    CHECK(contains(huge.out, "mini-batch diverged at update 2: batch loss overflow (+inf)"));
    CHECK(contains(huge.out, "(no figure: no run has a finite loss to draw; lower --lr)"));
  }
  SECTION("decay: a blown-up run has no last epoch to average, not a mean of 0") {
    const Run run = chapter("--experiment decay --lr 5" + to);
    REQUIRE(run.status == 0);
    CHECK(row(run.out, "constant ")[2] == "diverged");
    CHECK_FALSE(contains(run.out, "0.0e+00"));
    CHECK(contains(run.out, "cosine diverged at update 9: batch loss 2.369e+15"));
  }
  SECTION("scaling: a B whose runs blew up names the seed, the update and the batch loss") {
    const Run run = chapter("--experiment scaling");  // the book's run: B = 200 has η = 1 > 2/λmax
    REQUIRE(run.status == 0);
    CHECK(row(run.out, "200 ")[3] == "diverged");
    CHECK(contains(run.out, "B = 200: seed 1 diverged at update 14: batch loss 5.067e+12"));
  }
  SECTION("run: the update, the batch loss, and the CSV still written") {
    const Run run = chapter("--experiment run --lr 1e308" + to);
    REQUIRE(run.status == 0);
    CHECK(contains(run.out, "diverged at update 2: batch loss overflow (+inf)"));
    CHECK(std::filesystem::exists(out / "run.csv"));
  }
  std::filesystem::remove_all(out);
}

TEST_CASE("one epoch: full batch takes one update, and its last-quarter distance is a number") {
  // The last quarter of 2 path points was empty: the RMS printed "undefined (NaN)".
  const Run run = chapter("--epochs 1 --no-plot");
  REQUIRE(run.status == 0);
  const auto batch = row(run.out, "batch ");
  REQUIRE(batch.size() == 9);
  CHECK(batch[2] == "1");
  CHECK(batch[7] == batch[8]);  // one point: the RMS over it is the final distance
  CHECK_FALSE(contains(run.out, "undefined"));
}
