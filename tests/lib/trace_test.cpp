#include "descent/functions.hpp"
#include "descent/minimize.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace descent;

TEST_CASE("trace CSV: header, one exact row per step, status column") {
  const RunResult r = minimize(DiagonalBowl{Vector::LinSpaced(2, 1.0, 2.0)}, Vector::LinSpaced(2, -4.0, 2.0), 0.1,
                               StopRules{.max_steps = 2});
  std::ostringstream csv;
  r.trace.write_csv(csv);
  std::istringstream lines(csv.str());
  std::string header, row0, row1, row2, extra;
  std::getline(lines, header);
  std::getline(lines, row0);
  std::getline(lines, row1);
  std::getline(lines, row2);
  CHECK(header == "step,x0,x1,loss,grad_norm,lr,evaluations,g0,g1,status");
  CHECK(row0 == "0,-4,2,24,11.313708498984761,0.10000000000000001,1,-8,8,ok");
  // (x, y) = (−4, 2) − 0.1·(−8, 8) = (−3.2, 1.2)
  CHECK(row1 == "1,-3.2000000000000002,1.2,13.120000000000001,8,0.10000000000000001,2,-6.4000000000000004,4.7999999999999998,ok");
  CHECK(row2.substr(row2.size() - 3) == ",ok");
  CHECK_FALSE(std::getline(lines, extra));
}

TEST_CASE("trace CSV marks the diverged row") {
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 2.0, StopRules{.max_steps = 100});
  std::ostringstream csv;
  r.trace.write_csv(csv);
  const std::string text = csv.str();
  CHECK(text.find("diverged") == text.rfind("diverged"));
  CHECK(text.substr(text.size() - 9) == "diverged\n");
}

TEST_CASE("trace CSV file is written whole, with no temporary left") {
  const auto folder = std::filesystem::temp_directory_path() / "descent-trace-test";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 0.1, StopRules{.max_steps = 7});
  r.trace.write_csv(folder / "trace.csv");
  std::ifstream in(folder / "trace.csv");
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  CHECK(lines == 9);
  CHECK(std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()) == 1);
  std::filesystem::remove_all(folder);
}
