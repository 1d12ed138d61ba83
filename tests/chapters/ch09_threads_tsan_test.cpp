// Chapter 9 under ThreadSanitizer: every threaded path of the library (the shared-memory and
// ring all-reduces, compression, local SGD) run with several workers. The test passes when
// the sanitizer reports no data race (a report fails it) and the results are the expected ones.

#include "descent/compression.hpp"
#include "descent/data_parallel.hpp"
#include "descent/datasets.hpp"
#include "descent/least_squares.hpp"

#include <cstdio>
#include <cstdlib>

using namespace descent;

namespace {
int failures = 0;
void check(bool ok, const char* what) {
  if (!ok) {
    std::printf("FAILED: %s\n", what);
    ++failures;
  }
}
}  // namespace

int main() {
  Dataset data = linear_data(300, Vector::Ones(6), 0.5, 3);
  const LeastSquares loss(std::move(data.features), std::move(data.targets));
  const Vector start = Vector::Zero(loss.dimension());
  const DataParallelSettings steps{.steps = 20, .learning_rate = 0.1};
  for (int k = 1; k <= 4; ++k) {
    const auto shards = even_shards(loss.samples(), k);
    const auto replicas = train_on_threads(loss, shards, start, GradientDescent{}, steps);
    for (const auto& r : replicas) check((r.parameters.array() == replicas[0].parameters.array()).all(), "replicas");

    RingAllReduce ring(k);
    const auto ringed = on_threads(k, [&](int w) {
      return data_parallel_replica(loss, shards[std::size_t(w)], start, GradientDescent{}, ring, w, steps);
    });
    check((ringed[0].parameters - replicas[0].parameters).cwiseAbs().maxCoeff() < 1e-12, "ring");

    ThreadAllReduce plain(k);
    CompressedAllReduce compressed(plain, ErrorFeedback(TopK{.k = 2}));
    on_threads(k, [&](int w) {
      return data_parallel_replica(loss, shards[std::size_t(w)], start, GradientDescent{}, compressed, w, steps);
    });
    check(compressed.bytes_sent(0) == 20 * 24, "top-k bytes");

    ThreadAllReduce average(k);
    const LocalSgdSettings local{.rounds = 5, .sync_every = 3, .batch_size = 4, .learning_rate = 0.05};
    const auto histories = on_threads(k, [&](int w) {
      return local_sgd_replica(loss, shards[std::size_t(w)], start, average, w, local);
    });
    for (const auto& h : histories) check((h.back().array() == histories[0].back().array()).all(), "local SGD");
  }
  std::printf("%s\n", failures == 0 ? "all threaded paths ran" : "failures");
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
