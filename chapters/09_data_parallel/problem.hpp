#pragma once
// Chapter 9: the problem both of the chapter's programs train on (data_parallel on threads,
// data_parallel_mpi on MPI ranks), and the flags of one data-parallel run, so that the two
// programs given the same flags train on the same bits.

#include "descent/cli.hpp"
#include "descent/data_parallel.hpp"
#include "descent/datasets.hpp"
#include "descent/errors.hpp"
#include "descent/format.hpp"
#include "descent/least_squares.hpp"

#include <string>

namespace chapter9 {

using namespace descent;

// The memory a least-squares problem of N samples and d features takes (X, y and a copy of
// each while it is built), refused beyond the shared limit naming the flags.
inline void require_regression_memory(Eigen::Index samples, Eigen::Index features, const std::string& asked) {
  require_memory(2.0 * 8.0 * double(samples) * double(features + 1), asked, "the regression data");
}

// Least squares with d features of spread 1, targets Σ_j x_j + 0.5 + noise 0.5, bias fitted.
// `rows_flag` is the flag that set N, named if the data would not fit.
inline LeastSquares regression(Eigen::Index samples, Eigen::Index features, std::uint64_t seed,
                               const std::string& rows_flag = "--samples") {
  require_regression_memory(samples, features, rows_flag + " " + std::to_string(samples) + " with --features " +
                                                   std::to_string(features));
  Dataset data = linear_data(samples, Vector::Ones(features), 0.5, seed);
  return {std::move(data.features), std::move(data.targets), /*fit_bias=*/true};
}

// The most worker threads a run may start: far beyond any machine's cores, short of the
// thousands of threads an operating system would refuse or take minutes to run.
inline constexpr int most_threads = 256;

// One data-parallel run: plain gradient descent from θ = 0 on K shards of N samples.
struct RunSettings {
  int workers = 2;
  int samples = 1000;
  int features = 8;
  int steps = 50;
  double learning_rate = 0.1;
  int seed = 1;
  // --workers, for the experiments that let the reader choose K (MPI takes it from -np).
  void declare_workers(CommandLine& cli) {
    cli.integer("workers", workers, "K, worker threads, at most --samples", 1, most_threads);
  }
  // The flags of the problem and the descent.
  void declare(CommandLine& cli) {
    cli.integer("samples", samples, "N, samples of the regression", 1, 100'000'000)
        .integer("features", features, "d, features per sample (the model has d + 1 parameters)", 1, 10'000)
        .integer("steps", steps, "steps of gradient descent", 1, 1'000'000)
        .real("lr", learning_rate, "η, the learning rate", RealRange::positive())
        .integer("seed", seed, "seed of the data", 0, 1'000'000'000);
  }
};

// Every worker needs at least one sample.
inline void check_workers(int workers, Eigen::Index samples, const std::string& flag) {
  if (workers < 1 || workers > samples) {
    throw UsageError(flag + " must be from 1 to the " + std::to_string(samples) + " samples (got " +
                     std::to_string(workers) + ")");
  }
}

// Where a run blew up, for a report or a table cell: "diverged at step 7: loss 5.66e+13".
inline std::string divergence_text(int step, double loss) {
  return "diverged at step " + std::to_string(step) + ": loss " + format_number(loss, 3);
}

// How a run ended: where it diverged, or the last loss and the final parameters, one per
// line, every digit (a test compares the lines of the two programs).
inline std::string run_report(const ReplicaResult& r) {
  if (r.diverged_at >= 0) {
    return divergence_text(r.diverged_at, r.losses.back()) + "; lower --lr\n";
  }
  std::string text = "loss before the last step: " + format_exact(r.losses.back()) + "\n";
  for (Eigen::Index j = 0; j < r.parameters.size(); ++j) {
    text += "θ[" + std::to_string(j) + "] = " + format_exact(r.parameters[j]) + "\n";
  }
  return text;
}

}  // namespace chapter9
