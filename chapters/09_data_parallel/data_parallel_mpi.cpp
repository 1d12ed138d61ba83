// Chapter 9 — the data-parallel loop on MPI ranks instead of threads.
//
// Run with `mpirun -np K data_parallel_mpi …`: each of the K processes (possibly on different
// machines, see the README) builds the same data from the same seed, keeps its shard, and runs
// the library's data_parallel_replica with Open MPI's all-reduce. Only rank 0 prints. Given the
// flags of `data_parallel --experiment run --workers K`, it prints the same parameters.

#include "problem.hpp"

#include "descent/chapter.hpp"
#include "descent/data_parallel.hpp"
#include "descent/format.hpp"
#include "descent/mpi_all_reduce.hpp"
#include "descent/optimizer.hpp"

#include <mpi.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <thread>

namespace {

using namespace descent;

int rank_of_this_process() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

// ---------------------------------------------------------------------------------------
// Experiment "run": the threads' run, on ranks.

struct RunSettings {
  chapter9::RunSettings run;
  void declare(CommandLine& cli) { run.declare(cli); }  // K is mpirun's -np
};

int run_experiment(const CommandLine& /*cli*/, const RunSettings& settings) {
  const chapter9::RunSettings& s = settings.run;
  const int rank = rank_of_this_process();
  // [mpi_run]
  MpiAllReduce reduce;  // the only line that differs from the threads
  chapter9::check_workers(reduce.workers(), s.samples, "mpirun -np");
  const LeastSquares loss =
      chapter9::regression(s.samples, s.features, std::uint64_t(s.seed));
  const std::vector<RowRange> shards = even_shards(s.samples, reduce.workers());
  const ReplicaResult r = data_parallel_replica(
      loss, shards[std::size_t(rank)], Vector::Zero(loss.dimension()), GradientDescent{},
      reduce, rank, {.steps = s.steps, .learning_rate = s.learning_rate});
  // [mpi_run]
  std::cout << reduce.workers() << " MPI ranks, " << s.steps << " steps, η = " << format_number(s.learning_rate)
            << "\n";
  std::cout << chapter9::run_report(r);
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "speedup": one rank alone against all K ranks, on the same gradient.

struct SpeedupSettings {
  int rows = 1'000'000;
  int features = 64;
  int repeats = 5;
  void declare(CommandLine& cli) {
    cli.integer("rows", rows, "N, rows of the least-squares data", 1000, 100'000'000)
        .integer("features", features, "d, columns", 1, 10'000)
        .integer("repeats", repeats, "timings of each; the fastest is kept", 1, 1000);
  }
};

// A barrier that sleeps while it waits: Open MPI's MPI_Barrier spins, and a spinning rank
// would take a core from the rank being timed alone.
void sleeping_barrier() {
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ibarrier(MPI_COMM_WORLD, &request);
  for (int done = 0; MPI_Test(&request, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && done == 0;) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

// The slowest rank's time for `work()` (a step is as slow as its slowest worker), fastest of
// `repeats` tries.
template <class Work>
double timed(int repeats, Work work) {
  double best = INFINITY;
  for (int r = 0; r < repeats; ++r) {
    sleeping_barrier();
    const auto start = std::chrono::steady_clock::now();
    work();
    double mine = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sleeping_barrier();
    double slowest = 0.0;
    MPI_Allreduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    best = std::min(best, slowest);
  }
  return best;
}

int speedup_experiment(const CommandLine& /*cli*/, const SpeedupSettings& s) {
  const int rank = rank_of_this_process();
  MpiAllReduce reduce;
  const LeastSquares loss = chapter9::regression(s.rows, s.features, 1, "--rows");
  const Vector theta = Vector::Constant(loss.dimension(), 0.5);
  const std::vector<RowRange> shards = even_shards(s.rows, reduce.workers());
  volatile double sink = 0.0;
  const double alone = timed(s.repeats, [&] {
    if (rank == 0) sink = sink + shard_mean(loss, theta, {0, s.rows}).mean.gradient[0];
  });
  const double together = timed(s.repeats, [&] {
    sink = sink + reduce.all_reduce(rank, shard_mean(loss, theta, shards[std::size_t(rank)])).gradient[0];
  });
  std::cout << "Gradient of least squares on N = " << s.rows << " rows × d = " << s.features << ", "
            << reduce.workers() << " MPI ranks, fastest of " << s.repeats << " timings\n"
            << "one rank, all rows:                  " << format_number(1e3 * alone, 3) << " ms\n"
            << reduce.workers() << " ranks, a shard each + all-reduce: " << format_number(1e3 * together, 3)
            << " ms\n"
            << "speed-up: " << format_number(alone / together, 3) << "×\n";
  return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  MPI_Init(&argc, &argv);
  if (rank_of_this_process() != 0) {  // rank 0 alone prints and writes
    std::cout.setstate(std::ios::badbit);
    std::cerr.setstate(std::ios::badbit);
  }
  const int status =
      descent::Chapter("data_parallel_mpi",
                       "Chapter 9: the data-parallel loop on MPI ranks (mpirun -np K data_parallel_mpi …).")
          .add({.name = "run", .summary = "data_parallel --experiment run, on ranks",
                .outputs = descent::OutputFlags::text_only()},
               run_experiment)
          .add({.name = "speedup", .summary = "one rank against all ranks on one gradient",
                .outputs = descent::OutputFlags::text_only()},
               speedup_experiment)
          .main(argc, argv);
  MPI_Finalize();
  return status;
}
