// Chapter 8 reproduction tests: the numbers of CURRICULUM §8, from the real output of the
// backprop program the book shows.

#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {
Run chapter(const std::string& args) { return run_program(BACKPROP_BINARY, args); }
}  // namespace

TEST_CASE("the network has 13,002 parameters") {
  const Run run = chapter("--experiment train --train-images 200 --validation-images 100 --epochs 1");
  REQUIRE(run.status == 0);
  CHECK_THAT(run.output, Catch::Contains("13,002 parameters"));
}
