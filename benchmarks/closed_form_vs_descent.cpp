// Benchmark (not a test): least squares by the normal equations against gradient descent.
//
// For growing N (samples) and d (features) it times, on one thread and in the same run,
// (a) the closed form: form X̃ᵀX̃ (cost ~N·d²) and solve it with LDLᵀ (~d³), and
// (b) gradient descent to a relative gradient tolerance of 1e-8, each step costing ~4·N·d.
// Features are independent standard normals, the friendly case for descent (condition number
// near 1); Chapter 2 explains why real features are standardised first. The ratio column is
// descent time / closed-form time measured in the same run, so it compares like with like.

#include "quiet_eigen.hpp"  // first: see the file

#include "descent/format.hpp"
#include "descent/least_squares.hpp"
#include "descent/minimize.hpp"
#include "descent/random.hpp"
#include "timing.hpp"

#include <chrono>
#include <iostream>

namespace {

using namespace descent;
using benchmarks::best_seconds;

}  // namespace

int main() {
  Eigen::setNbThreads(1);
  struct Size {
    Eigen::Index samples;
    Eigen::Index features;
  };
  TextTable table({"N", "d", "closed form ms", "descent ms", "descent steps", "descent / closed form",
                   "relative difference"});
  for (const Size size : {Size{1'000, 10}, Size{100'000, 10}, Size{10'000, 100}, Size{10'000, 300},
                          Size{10'000, 1'000}}) {
    Random random(2026);
    Matrix features(size.samples, size.features);
    for (Eigen::Index j = 0; j < size.features; ++j) {
      for (Eigen::Index i = 0; i < size.samples; ++i) features(i, j) = random.normal();
    }
    Vector truth(size.features + 1);
    for (auto& t : truth) t = random.normal();
    Vector targets = features * truth.head(size.features);
    targets.array() += truth[size.features];
    for (auto& y : targets) y += 0.1 * random.normal();
    const LeastSquares loss(std::move(features), std::move(targets));

    Vector exact;
    const double closed = best_seconds(size.features >= 1000 ? 1 : 3, [&] { exact = loss.closed_form(); });
    RunResult run;
    const double tolerance = 1e-8 * loss.gradient(Vector::Zero(loss.dimension())).norm();
    const double descent = best_seconds(size.features >= 1000 ? 1 : 3, [&] {
      run = minimize(loss, Vector::Zero(loss.dimension()), 0.4,
                     StopRules{.max_steps = 10'000, .gradient_tolerance = tolerance});
    });
    table.add_row({std::to_string(size.samples), std::to_string(size.features), format_fixed(closed * 1e3, 2),
                   format_fixed(descent * 1e3, 2), std::to_string(run.steps), format_fixed(descent / closed, 2) + "×",
                   format_scientific((run.x - exact).norm() / exact.norm(), 1)});
  }
  std::cout << "Least squares on one thread: normal equations (Eigen LDLT) against gradient descent\n"
            << "(η = 0.4, stop at ‖∇L‖ ≤ 1e-8·‖∇L(0)‖; independent standard-normal features)\n\n"
            << table.str();
  return 0;
}
