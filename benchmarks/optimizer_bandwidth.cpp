// Benchmark (not a test): one optimizer step on 10 million parameters, as memory bandwidth.
//
// An optimizer step does little arithmetic per parameter and streams every array through
// memory once, so its speed limit is memory bandwidth. In the same run, on one thread, this
// program measures a STREAM-like triad a[i] = b[i] + s·c[i] as the reference, then one step
// of momentum, Adam and AdamW in float and double, and prints each as effective GB/s (bytes
// read and written per parameter × parameters / time) and as a fraction of the triad.

#include "quiet_eigen.hpp"  // first: see the file

#include "descent/format.hpp"
#include "descent/optimizers.hpp"
#include "timing.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace {

using namespace descent;
constexpr Eigen::Index parameters = 10'000'000;
constexpr int repeats = 7;

template <class F>
double best_seconds(F&& work) {
  return benchmarks::best_seconds(repeats, work);
}

template <class Scalar>
double triad_bandwidth() {
  VectorOf<Scalar> a = VectorOf<Scalar>::Zero(parameters), b = VectorOf<Scalar>::Constant(parameters, 1),
                   c = VectorOf<Scalar>::Constant(parameters, 2);
  const Scalar s = Scalar(0.5);
  const double seconds = best_seconds([&] {
    Scalar* out = a.data();
    const Scalar* x = b.data();
    const Scalar* y = c.data();
    for (Eigen::Index i = 0; i < parameters; ++i) out[i] = x[i] + s * y[i];
  });
  if (a[parameters / 2] != Scalar(2)) std::cerr << "triad check failed\n";
  return 3.0 * sizeof(Scalar) * parameters / seconds / 1e9;  // STREAM counts 2 reads + 1 write
}

// `arrays` is how many parameter-sized arrays one step reads plus writes.
template <class Scalar, class O>
double step_bandwidth(O optimizer, int arrays) {
  VectorOf<Scalar> w = VectorOf<Scalar>::Constant(parameters, Scalar(0.5));
  const VectorOf<Scalar> g = VectorOf<Scalar>::Constant(parameters, Scalar(1e-3));
  optimizer.step(w, g, Scalar(1e-3));  // allocates the state outside the timing
  const double seconds = best_seconds([&] { optimizer.step(w, g, Scalar(1e-3)); });
  return arrays * sizeof(Scalar) * parameters / seconds / 1e9;
}

template <class Scalar>
void measure(TextTable& table, const char* type) {
  const double triad = triad_bandwidth<Scalar>();
  table.add_row({"triad a = b + s·c (reference)", type, "3", format_fixed(triad, 1), "100 %"});
  const auto row = [&](const char* name, int arrays, double gbs) {
    table.add_row({name, type, std::to_string(arrays), format_fixed(gbs, 1), format_fixed(100.0 * gbs / triad, 0) + " %"});
  };
  // momentum reads w, g, b and writes w, b; Adam and AdamW read w, g, m, v and write w, m, v.
  row("momentum", 5, step_bandwidth<Scalar>(Momentum<Scalar>(Scalar(0.9)), 5));
  row("adam", 7, step_bandwidth<Scalar>(Adam<Scalar>(), 7));
  row("adamw", 7, step_bandwidth<Scalar>(AdamW<Scalar>(), 7));
}

}  // namespace

int main() {
  TextTable table({"kernel", "type", "arrays moved", "GB/s", "of triad"});
  measure<float>(table, "float32");
  measure<double>(table, "float64");
  std::cout << "One step on " << parameters << " parameters, one thread, best of " << repeats << " runs\n\n"
            << table.str();
  return 0;
}
