// Chapter 5 reproduction tests: the critical points and their classes, the basin boundary at the
// local maximum, the saddle's escape slope against 1/ln(1 + 2η), the plateau race, escaping the
// local valley, and sharp against flat, from the library and from the program's own output.

#include "descent/critical_points.hpp"
#include "descent/landscapes.hpp"
#include "descent/minimize.hpp"
#include "descent/perturbed.hpp"
#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace descent;

namespace {
Run chapter(const std::string& args) { return run_program(SADDLE_POINTS_BINARY, args); }
}  // namespace

TEST_CASE("the classifier reads the signs of the eigenvalues, with a tolerance for zero") {
  CHECK(classify(Matrix{{2.0, 0.0}, {0.0, 3.0}}).kind == CriticalKind::minimum);
  CHECK(classify(Matrix{{-2.0, 0.0}, {0.0, -3.0}}).kind == CriticalKind::maximum);
  CHECK(classify(Matrix{{2.0, 0.0}, {0.0, -2.0}}).kind == CriticalKind::saddle);
  CHECK(classify(Matrix{{0.0, 1.0}, {1.0, 0.0}}).kind == CriticalKind::saddle);  // eigenvalues ±1 off the axes
  CHECK(classify(Matrix{{1.0, 0.0}, {0.0, 1e-9}}).kind == CriticalKind::degenerate);
  CHECK(classify(Matrix{{1.0, 0.0}, {0.0, 1e-9}}, 1e-12).kind == CriticalKind::minimum);
}

TEST_CASE("two valleys: three critical points, and the basin boundary is the local maximum") {
  const auto points = find_critical_points(TwoValleys{}, {Vector::Constant(1, -3.0), Vector::Constant(1, 0.0),
                                                          Vector::Constant(1, 3.0)});
  REQUIRE(points.size() == 3);
  for (const auto& p : points) CHECK(std::abs(TwoValleys{}.gradient(p.x)[0]) <= 1e-12);
  CHECK(points[0].classification.kind == CriticalKind::minimum);
  CHECK(points[1].classification.kind == CriticalKind::maximum);
  CHECK(points[0].value < points[2].value);  // the left valley is the deeper one
  const Run run = chapter("--experiment valleys");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"−2.05979197", "−5.0151649", "8.72823", "minimum"}));
  CHECK(has_row(run.out, {"0.1254940943", "0.031311518", "−3.95275", "maximum"}));
  CHECK(has_row(run.out, {"1.934297876", "−3.0161466", "7.22452", "minimum"}));
  CHECK(contains(run.out, "63 end in the global valley, 58 in the local one"));
  CHECK(contains(run.out, "x0 = 0.1254940943; the local maximum is at x = 0.1254940943"));
  // The help of --lr gives the stability limit from the same f'' the table prints (8.72823).
  const Run help = chapter("--experiment valleys --help");
  REQUIRE(help.status == 0);
  CHECK(contains(help.out, "near the global minimum x = −2.0598 it is stable"));
  CHECK(contains(help.out, "2/f'' = 2/8.728 = 0.2291"));
  CHECK(2.0 / 8.72823 == Approx(0.2291).margin(5e-5));
  CHECK(2.0 / points[0].classification.eigenvalues[0] == Approx(0.2291).margin(5e-5));
}

TEST_CASE("the critical-point table of every landscape") {
  const Run run = chapter("--experiment critical");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"saddle x² − y²", "(0, 0)", "0", "−2, 2", "saddle"}));
  CHECK(has_row(run.out, {"inflection", "degenerate"}));
  CHECK(has_row(run.out, {"inflection", "3", "−6.75", "9", "minimum"}));
  CHECK(has_row(run.out, {"plateau", "7.8053", "1", "degenerate"}));
  CHECK(has_row(run.out, {"sharp and flat", "−1.99197", "−0.801143", "25.03", "minimum"}));
  CHECK(has_row(run.out, {"sharp and flat", "1.81534", "−0.818322", "1.05", "minimum"}));
}

TEST_CASE("the saddle: stuck on y = 0, and escape steps grow like ln(1/eps)/ln(1 + 2 eta)") {
  const Run run = chapter("--experiment saddle");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "From (1, 0): reached ‖∇L‖ ≤ 1e-10 in 107 steps"));
  CHECK(contains(run.out, "−2, 2: a saddle, not a minimum"));
  CHECK(has_row(run.out, {"1e-01", "2.30", "13", "12.6"}));
  CHECK(has_row(run.out, {"1e-12", "27.63", "152", "151.6"}));
  const double slope = number_after(run.out, "fitted slope: ");
  CHECK(std::abs(slope - 1.0 / std::log(1.2)) < 0.02);  // 5.483 against 5.485
  CHECK(has_row(run.out, {"gradient noise σ = 0.01", "20 of 20", "31", "39.5", "53"}));
  CHECK(has_row(run.out, {"perturbed, radius 0.01", "20 of 20", "64", "70.5", "95"}));
  // Figure 5.4: the stalled path, which lies on y = 0 under the others' first steps, is drawn last.
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "descent-ch05-saddle-paths";
  std::filesystem::remove_all(out);
  REQUIRE(chapter("--experiment saddle --seeds 1 --out " + out.string()).status == 0);
  std::ifstream in(out / "saddle-paths.svg");
  std::ostringstream svg;
  svg << in.rdbuf();
  const std::string figure = svg.str();
  const auto stuck = figure.find("from (1, 0): stuck (drawn on top)");
  REQUIRE(stuck != std::string::npos);
  CHECK(figure.find("from (1, 1e-3)") < stuck);
  CHECK(figure.find("noise σ = 0.01") < stuck);
  std::filesystem::remove_all(out);
  // The slope holds at another η too: 1/ln(1.1) = 10.49.
  const Run slow = chapter("--experiment saddle --lr 0.05 --seeds 2");
  CHECK(std::abs(number_after(slow.out, "fitted slope: ") - 1.0 / std::log(1.1)) < 0.05);
}

TEST_CASE("perturbed descent kicks only where the gradient is small, and is reproducible") {
  PerturbedDescent<> a{.threshold = 1e-3, .radius = 1e-2, .seed = 5};
  Vector x = Vector{{1.0, 0.0}};
  a.step(x, Vector{{2.0, 0.0}}, 0.1);
  CHECK(a.kicks == 0);
  CHECK(x[1] == 0.0);
  a.step(x, Vector{{0.0, 0.0}}, 0.1);
  CHECK(a.kicks == 1);
  CHECK(x[1] != 0.0);
  CHECK((x - Vector{{0.8, 0.0}}).norm() <= 1e-2);
  PerturbedDescent<> b{.threshold = 1e-3, .radius = 1e-2, .seed = 5};
  Vector y = Vector{{1.0, 0.0}};
  b.step(y, Vector{{2.0, 0.0}}, 0.1);
  b.step(y, Vector{{0.0, 0.0}}, 0.1);
  CHECK(x == y);
}

TEST_CASE("inflection and plateau: descent stalls or crawls, momentum and Adam cross") {
  const Run run = chapter("--experiment plateau");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"descent", "0.1", "not in 100000", "−3.33249e-05"}));
  CHECK(has_row(run.out, {"momentum μ = 0.9", "0.1", "7", "3.10109"}));
  CHECK(has_row(run.out, {"adam", "0.1", "57", "2.98501"}));
  CHECK(has_row(run.out, {"descent", "0.1", "2212", "0.999665", "1.3e-03"}));
  CHECK(has_row(run.out, {"momentum μ = 0.9", "0.1", "266"}));
  CHECK(has_row(run.out, {"adam", "0.1", "33"}));
}

TEST_CASE("escaping the local valley: descent never, momentum from far, noise most of the time") {
  const Run run = chapter("--experiment escape");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"3.5", "1.934", "266", "−2.06", "365", "18 of 20"}));
  CHECK(has_row(run.out, {"1.93", "1.934", "200", "1.934", "191", "20 of 20"}));
  CHECK(contains(run.out, "momentum reached the global valley from 1 of 7 starts; noise in 122 of 140 runs."));
}

TEST_CASE("escaping the local valley: with 200 seeds per start, the start hardly matters") {
  // The book: 1.93's 20 of 20 is chance; with 200 runs a start every start scores 165 to 175.
  const Run run = chapter("--experiment escape --seeds 200");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"1.93", "1.934", "200", "1.934", "191", "174 of 200"}));
  int lowest = 200, highest = 0;
  for (const char* start : {"0.5 ", "1 ", "1.5 ", "1.93 ", "2.5 ", "3 ", "3.5 "}) {
    const auto at = run.out.find("\n" + std::string(start));
    REQUIRE(at != std::string::npos);
    const auto of = run.out.find(" of 200", at);
    const auto begin = run.out.rfind(' ', of - 1) + 1;
    const int count = std::stoi(run.out.substr(begin, of - begin));
    lowest = std::min(lowest, count);
    highest = std::max(highest, count);
  }
  CHECK(lowest == 165);
  CHECK(highest == 175);
}

TEST_CASE("sharp against flat: the loss rises faster at the sharp minimum, and the counts with their noise") {
  const Run run = chapter("--experiment sharp-flat");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"0.01", "1.25e-03", "5.23e-05", "23.8"}));
  CHECK(has_row(run.out, {"1", "8.25e-01", "3.35e-01", "2.46"}));
  CHECK(has_row(run.out, {"1 ", "19", "81", "0", "3.9"}));
  CHECK(has_row(run.out, {"4 ", "33", "67", "0", "4.7"}));
  CHECK(has_row(run.out, {"32 (full batch)", "27", "73", "0", "4.4"}));
  // The book: the counts do not move in one direction with B, and the gap between B = 1 and full
  // batch (8 runs) is only about twice the counting noise √(k(n − k)/n) of either count.
  // The words of the line of the counts table (below its header) that starts with prefix.
  const auto cells = [&](const std::string& prefix) {
    const auto at = run.out.find("\n" + prefix, run.out.find("batch size B"));
    REQUIRE(at != std::string::npos);
    std::istringstream line(run.out.substr(at + 1, run.out.find('\n', at + 1) - at - 1));
    std::vector<std::string> words;
    for (std::string w; line >> w;) words.push_back(w);
    return words;
  };
  const auto b1 = cells("1 ");
  const auto b4 = cells("4 ");
  const auto full = cells("32 (full batch)");
  const int gap = std::stoi(full[3]) - std::stoi(b1[1]);  // "32 (full batch)" is three words
  CHECK(gap == 8);
  for (const double noise : {std::stod(full.back()), std::stod(b1.back())}) {  // "about twice" each
    CHECK(gap / noise > 1.7);
    CHECK(gap / noise < 2.3);
  }
  CHECK(std::stoi(b4[1]) > std::stoi(full[3]));  // B = 4 keeps more in the sharp well than full batch
  CHECK(std::stoi(b1[1]) < std::stoi(full[3]));  // B = 1 fewer
  CHECK(std::sqrt(19.0 * 81 / 100) == Approx(std::stod(b1.back())).margin(0.05));
}

TEST_CASE("bad input is refused with one line and exit 2") {
  for (const char* bad : {"--experiment saddle --lr 2", "--experiment valleys --starts 1", "--experiment escape --noise 0",
                          "--experiment critical --lr 0.1", "--experiment sharp-flat --seeds 0"}) {
    INFO(bad);
    const Run refused = chapter(bad);
    CHECK(refused.status == 2);
    CHECK(std::count(refused.out.begin(), refused.out.end(), '\n') == 1);
  }
}
