// Chapter 8 reproduction tests: the numbers of CURRICULUM §8, from the real output of the
// backprop program the book shows.

#include "run_program.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

namespace {
Run chapter(const std::string& args) { return run_program(BACKPROP_BINARY, args); }
}  // namespace

TEST_CASE("the gradient check passes backprop at 1e-8 and fails the pass that forgets 1/B") {
  const Run run = chapter("--experiment check --images 4");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "26,004 evaluations of L"));
  const double honest = number_after(run.out, "worst relative error ");
  CHECK(honest < 1e-8);
  const auto broken_at = run.out.find("forgets the 1/B");
  REQUIRE(broken_at != std::string::npos);
  const std::string broken = run.out.substr(broken_at);
  CHECK(number_after(broken, "worst relative error ") == Approx(3.0 / 5.0).epsilon(1e-3));  // (B − 1)/(B + 1)
  CHECK(contains(broken, ": FAILS"));
}

TEST_CASE("the cost experiment counts a backward pass near one forward pass and 2n for differences") {
  const Run run = chapter("--experiment cost --repeats 3");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"forward pass", "12,960"}));
  CHECK(has_row(run.out, {"backward pass", "13,376", "1.032 × forward"}));
  CHECK(contains(run.out, "2n = 26,004 forward passes"));
  CHECK(number_after(run.out, "differences ÷ backprop = ") > 1000.0);
}

TEST_CASE("a deep sigmoid network's gradient fades at scale 1 and the fixes flatten it") {
  const Run run = chapter("--experiment depth --images 64");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "0.5^50 = 8.88e-16"));
  CHECK(contains(run.out, "1.5^50 = 6.38e+08"));
  const double sigmoid = number_after(run.out, "sigmoid, scale 1 ");  // first cell: ‖∂L/∂W_1‖
  const double relu = number_after(run.out, "ReLU, He ");
  const double residual = number_after(run.out, "sigmoid, residual ");
  CHECK(sigmoid < 1e-3);
  CHECK(relu > 0.1);
  CHECK(residual > 0.1);
}

TEST_CASE("the depth run the book shows: the factors per layer the chapter quotes") {
  const Run run = chapter("--experiment depth");
  REQUIRE(run.status == 0);
  // Scale 1 (LeCun's start) loses 3.3 per layer, not 4; the loss fades with scale and turns
  // into growth at 16 and 32.
  CHECK(has_row(run.out, {"shrink/layer", "6.09", "3.3", "1.93", "1.33", "1.14", "0.955", "0.629"}));
  CHECK(has_row(run.out, {"sigmoid, scale 1", "2.2e-05", "9.5e-02", "2.3e-04", "3.3"}));
  CHECK(has_row(run.out, {"sigmoid, normalised", "1.8"}));
  CHECK(contains(run.out, "0.25^8 = 1.53e-05"));
}

TEST_CASE("zero and equal starts keep the hidden units identical, a random start does not") {
  const Run run = chapter("--experiment symmetry --images 300 --epochs 2");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"zero", "2", "%", "0.0e+00", "0.0e+00"}));
  CHECK(has_row(run.out, {"all 0.01", "2", "%", "0.0e+00", "0.0e+00"}));
  CHECK_FALSE(has_row(run.out, {"Xavier", "2", "%", "0.0e+00"}));
}

TEST_CASE("784-16-16-10 has 13,002 parameters and a short run reaches a pinned accuracy") {
  const Run run = chapter("--experiment train --train-images 2000 --validation-images 1000 --epochs 3");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "13,002 parameters"));
  CHECK(contains(run.out, "2,000 training images, 1,000 held out for validation, 10,000 test images"));
  CHECK(contains(run.out, "test accuracy 73.19 %"));
  CHECK(has_row(run.out, {"9 Ankle boot"}));
}

TEST_CASE("a learning rate that blows training up is reported, not a crash") {
  const Run run = chapter("--experiment train --train-images 500 --validation-images 200 --epochs 2 --lr 1e6");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "Diverged at update 2: batch loss"));
  CHECK_FALSE(contains(run.out, "nan"));
}

TEST_CASE("a layer whose gradient is exactly 0 leaves its ratio out, never NaN or ∞ in the table") {
  // Two ReLU units per layer are all off for this image: ‖∂L/∂W‖ = 0 in both layers, 0/0 once.
  const Run run = chapter("--experiment depth --depth 2 --width 2 --images 1");
  REQUIRE(run.status == 0);
  CHECK(has_row(run.out, {"ReLU, He", "0.0e+00", "0.0e+00", "—", "—"}));
  CHECK(contains(run.out, "(—: a gradient norm is exactly 0, every unit off or an underflow, so no ratio)"));
  CHECK_FALSE(contains(run.out, "undefined"));
  CHECK_FALSE(contains(run.out, "overflow"));
}
