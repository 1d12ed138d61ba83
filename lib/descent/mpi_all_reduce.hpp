#pragma once
/// \file mpi_all_reduce.hpp
/// \brief The all-reduce between processes, possibly on different machines: Open MPI's.
///
/// Header-only, so that the library itself needs no MPI: only a program that includes this
/// file (and links MPI) uses it. It meets \ref descent::AllReduce like the threads' all-reduces,
/// so \ref descent::data_parallel_replica runs unchanged on MPI ranks.

#include "descent/all_reduce.hpp"

#include <mpi.h>

namespace descent {

/// One rank's end of `MPI_Allreduce` over `communicator`: the worker number is the rank.
class MpiAllReduce {
 public:
  explicit MpiAllReduce(MPI_Comm communicator = MPI_COMM_WORLD) : communicator_(communicator) {
    MPI_Comm_size(communicator_, &workers_);
  }
  [[nodiscard]] int workers() const { return workers_; }
  // [mpi_all_reduce]
  [[nodiscard]] Evaluation all_reduce(int /*rank*/, const ShardMean& mine) const {
    Vector sums = packed(mine);  // [n_k·g_k, n_k·L_k, n_k]
    MPI_Allreduce(MPI_IN_PLACE, sums.data(), static_cast<int>(sums.size()), MPI_DOUBLE,
                  MPI_SUM, communicator_);  // every rank gets Σ_k of them
    return unpacked(sums);
  }
  // [mpi_all_reduce]

 private:
  MPI_Comm communicator_;
  int workers_ = 1;
};

static_assert(AllReduce<MpiAllReduce>);

}  // namespace descent
