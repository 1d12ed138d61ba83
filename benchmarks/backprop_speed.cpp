// Benchmark (not a test): how fast the 784-16-16-10 network of Chapter 8 learns, on one thread.
//
// On a batch of 64 Fashion-MNIST images it times the forward pass (with the loss), the
// backward pass, and a whole training step (forward, backward and an Adam step), and prints
// the backward/forward ratio and samples per second; then one epoch of the 60,000 training
// images through descent::train, and beside it the time of one gradient by central
// differences (2n forward passes). The network code is compiled into this program with
// -O3 -march=native (see CMakeLists.txt), so the numbers describe this machine's best; the
// chapter's own program is built for any x86-64 and is slower. Goals: backward ÷ forward
// ≤ 1.3, an epoch ≤ 0.3 s.

#include "quiet_eigen.hpp"  // first: see the file

#include "descent/classifier.hpp"
#include "descent/fashion_mnist.hpp"
#include "descent/format.hpp"
#include "descent/gradient_check.hpp"
#include "descent/optimizers.hpp"
#include "descent/schedule.hpp"
#include "descent/train.hpp"
#include "timing.hpp"

#include <chrono>
#include <iostream>
#include <numeric>

namespace {

using namespace descent;

std::string micro(double seconds) { return format_number(seconds * 1e6, 4) + " µs"; }

}  // namespace

int main() {
  const LabelledData train_set = load_fashion_mnist(FashionMnistSplit::train);
  const ClassifierLoss loss(Mlp({.widths = {784, 16, 16, 10}, .hidden = Activation::relu}), train_set);
  const Vector start = loss.network().initial_parameters({.scheme = InitScheme::he});
  std::vector<Eigen::Index> batch(64);
  std::iota(batch.begin(), batch.end(), Eigen::Index{0});
  const int repeats = 201;
  double sink = 0.0;
  const double forward = benchmarks::best_seconds(repeats, [&] { sink += loss.value(start, batch); });
  const double both = benchmarks::best_seconds(repeats, [&] { sink += loss.value_and_gradient(start, batch).value; });
  Vector x = start;
  Adam<> adam;
  const double step = benchmarks::best_seconds(repeats, [&] {
    const Evaluation e = loss.value_and_gradient(x, batch);
    adam.step(x, e.gradient, 1e-3);
  });
  const double backward = both - forward;
  // One epoch: 60,000 images in shuffled batches of 64, forward, backward and Adam each. Its
  // wall time on a busy machine includes waiting for a core; its CPU time does not.
  Adam<> epoch_adam;
  const auto one_epoch = [&] {
    const TrainingResult r = train(loss, start, ConstantRate{1e-3}, epoch_adam,
                                   {.epochs = 1, .batch_size = 64, .record_every = 0});
    sink += r.loss;
  };
  const double epoch = benchmarks::best_seconds(3, one_epoch);
  const double epoch_cpu = benchmarks::best_cpu_seconds(3, one_epoch);
  // Central differences: time 500 partial derivatives, scale to all n.
  const int probes = 500;
  const auto batch_loss = [&](const Vector& p) { return loss.value(p, batch); };
  const double probe_time = benchmarks::best_seconds(3, [&] {
    sink += central_difference_partials(batch_loss, start, probes).sum();
  });
  const double differences = probe_time * static_cast<double>(loss.dimension()) / probes;
  TextTable table({"784-16-16-10, ReLU, batch 64, one thread", "time", "samples/s"});
  table.align_left(0);
  table.add_row({"forward pass (with the loss)", micro(forward), format_number(64 / forward, 3)});
  table.add_row({"backward pass", micro(backward), "—"});
  table.add_row({"training step (forward, backward, Adam)", micro(step), format_number(64 / step, 3)});
  table.add_row({"one epoch of 60,000 images, wall time", format_number(epoch, 3) + " s",
                 format_number(60'000 / epoch, 3)});
  table.add_row({"one epoch of 60,000 images, CPU time", format_number(epoch_cpu, 3) + " s",
                 format_number(60'000 / epoch_cpu, 3)});
  table.add_row({"one gradient by central differences", format_number(differences, 3) + " s", "—"});
  std::cout << table.str() << "\nbackward ÷ forward = " << format_number(backward / forward, 3)
            << " (goal ≤ 1.3); epoch " << format_number(epoch_cpu, 3) << " s of CPU (goal ≤ 0.3 s); differences ÷ backprop = "
            << format_number(differences / both, 3) << "\n(best of several runs; other programs on this machine "
            << "slow it down)\n";
  return sink == 0.123 ? 1 : 0;
}
