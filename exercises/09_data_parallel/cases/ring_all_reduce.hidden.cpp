// Hidden grading cases of Exercise 9.2 (ring_all_reduce): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Differential inputs come from the case book's seeded source.

#include "ring_all_reduce.requests.hpp"

#include <algorithm>

using namespace requests;

namespace {

const char* const phases[] = {"reduce_scatter", "all_gather"};

// Closed forms of the chunks and transfers, written independently of the reference: the chunk
// boundaries as the running sum of the sizes, the transfers by following the chunks around the
// ring (what a worker receives at step s it sends at step s + 1).
int chunk_size(int n, int workers, int c) { return n / workers + (c < n % workers ? 1 : 0); }

int chunk_begin(int n, int workers, int c) {
  int begin = 0;
  for (int k = 0; k < c; ++k) begin += chunk_size(n, workers, k);
  return begin;
}

// What worker r sends at step s: in the reduce-scatter, chunk r at step 0 and then the chunk its
// left neighbour sent at step s − 1; in the all-gather, the chunk r + 1 it owns, then the same.
int sends(int rank, int workers, int step, bool all_gather) {
  if (step == 0) return (rank + (all_gather ? 1 : 0)) % workers;
  return sends((rank + workers - 1) % workers, workers, step - 1, all_gather);
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance exact{0.0, 0.0};
  const grading::Tolerance differential{1e-12, 1e-12};

  {
    grading::Case chunks{.name = "chunk boundaries for every K from 1 to 6 and n from 1 to 300", .tolerance = exact};
    chunks.points = 2;
    for (int workers = 1; workers <= 6; ++workers) {
      std::vector<int> sizes;
      for (int n = 1; n <= 14; ++n) sizes.push_back(n);
      for (int k = 0; k < 3; ++k) sizes.push_back(grading::whole_number(random, 15, 300));
      for (const int n : sizes) {
        for (int c = 0; c < workers; ++c) {
          chunks.calls.push_back(chunk(n, workers, c));
          chunks.closed_form.push_back(chunk_answer(chunk_begin(n, workers, c), chunk_size(n, workers, c)));
        }
      }
    }
    book.add(chunks);
  }

  {
    grading::Case transfers{.name = "the transfers of every worker and step, K = 2 to 6, both phases", .tolerance = exact};
    transfers.points = 3;
    for (int workers = 2; workers <= 6; ++workers) {
      for (int rank = 0; rank < workers; ++rank) {
        for (int step = 0; step + 1 < workers; ++step) {
          for (const bool all_gather : {false, true}) {
            transfers.calls.push_back(transfer(rank, workers, step, phases[all_gather ? 1 : 0]));
            // What r receives at step s is what its left neighbour sends then.
            transfers.closed_form.push_back(transfer_answer(sends(rank, workers, step, all_gather),
                                                            sends((rank + workers - 1) % workers, workers, step, all_gather)));
          }
        }
      }
    }
    book.add(transfers);
  }

  // Single steps on random buffers: the left neighbour's buffer is random too (it has moved
  // on), so only the inbox holds what it sent. For every K, the last step of each phase (where
  // the reduce-scatter completes a chunk, which it still only adds) and random ones.
  {
    grading::Case steps{.name = "single steps on random buffers, K = 2 to 6, every phase, rank and step", .tolerance = differential};
    steps.points = 4;
    for (int workers = 2; workers <= 6; ++workers) {
      for (int k = 0; k < 6; ++k) {
        const int n = grading::whole_number(random, 1, 30);
        const int rank = grading::whole_number(random, 0, workers - 1);
        const int step = k < 2 ? workers - 2 : grading::whole_number(random, 0, workers - 2);
        const bool all_gather = k % 2 == 1;
        std::vector<Vector> buffers;
        for (int r = 0; r < workers; ++r) buffers.push_back(grading::uniform_numbers(random, n, -10.0, 10.0));
        const int received = sends((rank + workers - 1) % workers, workers, step, all_gather);
        const Vector inbox = grading::uniform_numbers(random, chunk_size(n, workers, received), -10.0, 10.0);
        steps.calls.push_back(receive(buffers, inbox, rank, step, phases[all_gather ? 1 : 0]));
        Vector& mine = buffers[static_cast<std::size_t>(rank)];
        const int begin = chunk_begin(n, workers, received);
        for (std::size_t i = 0; i < inbox.size(); ++i) {
          double& x = mine[static_cast<std::size_t>(begin) + i];
          x = all_gather ? inbox[i] : x + inbox[i];
        }
        steps.closed_form.push_back(buffers_answer(buffers));
      }
    }
    book.add(steps);
  }

  {
    grading::Case lockstep{.name = "all-reduces in lockstep, K = 1 to 6, n from K to 300", .tolerance = differential};
    lockstep.points = 3;
    for (int workers = 1; workers <= 6; ++workers) {
      const std::vector<Round> rounds = random_rounds(random, 1, workers, grading::whole_number(random, workers, 300));
      lockstep.calls.push_back(all_reduce(rounds));
      lockstep.closed_form.push_back(means_answer(rounds));
    }
    book.add(lockstep);
  }

  {
    grading::Case few{.name = "all-reduces of fewer numbers than workers (empty chunks), both schedules", .tolerance = differential};
    few.points = 1;
    for (int workers = 2; workers <= 6; ++workers) {
      const std::vector<Round> rounds = random_rounds(random, 1, workers, grading::whole_number(random, 1, workers - 1));
      few.calls.push_back(all_reduce(rounds));
      few.closed_form.push_back(means_answer(rounds));
      few.calls.push_back(all_reduce_late(rounds, grading::whole_number(random, 0, workers - 1)));
      few.closed_form.push_back(means_answer(rounds));
    }
    book.add(few);
  }

  // A training loop's all-reduces one after another: the late worker's left neighbour
  // finishes each round and starts the next before the late one has received the all-gather.
  {
    grading::Case rounds_in_a_row{.name = "several all-reduces in a row with a late worker, K = 2 to 6", .tolerance = differential};
    rounds_in_a_row.points = 3;
    for (int workers = 2; workers <= 6; ++workers) {
      const int length = grading::whole_number(random, 1, 120);  // one draw per statement
      const int count = grading::whole_number(random, 2, 4);
      const std::vector<Round> rounds = random_rounds(random, count, workers, length);
      rounds_in_a_row.calls.push_back(all_reduce_late(rounds, grading::whole_number(random, 0, workers - 1)));
      rounds_in_a_row.closed_form.push_back(means_answer(rounds));
    }
    book.add(rounds_in_a_row);
  }

  {
    const std::vector<Round> alone = random_rounds(random, 2, 1, 5);
    book.add({.name = "one worker: one chunk, the whole vector, and each all-reduce leaves it as it is",
              .points = 1,
              .calls = {chunk(5, 1, 0), all_reduce(alone), all_reduce_late(alone, 0)},
              .tolerance = exact,
              .closed_form = {chunk_answer(0, 5), means_answer(alone), means_answer(alone)}});
  }
}
