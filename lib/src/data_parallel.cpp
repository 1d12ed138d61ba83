#include "descent/data_parallel.hpp"

#include <stdexcept>
#include <string>

namespace descent {

std::vector<RowRange> even_shards(Eigen::Index samples, int workers) {
  if (workers < 1 || workers > samples) {
    throw std::invalid_argument("even_shards: " + std::to_string(workers) + " workers for " +
                                std::to_string(samples) + " samples");
  }
  std::vector<RowRange> shards;
  for (int k = 0; k < workers; ++k) shards.push_back(ring_chunk(samples, workers, k));
  return shards;
}

std::vector<RowRange> shards_of_sizes(const std::vector<Eigen::Index>& sizes) {
  std::vector<RowRange> shards;
  Eigen::Index first = 0;
  for (const Eigen::Index size : sizes) {
    if (size < 1) throw std::invalid_argument("shards_of_sizes: an empty shard");
    shards.push_back({first, size});
    first += size;
  }
  return shards;
}

}  // namespace descent
