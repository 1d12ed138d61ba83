// Grading cases of Exercise 9.2 (ring_all_reduce) that students see in their pack: each of
// the four functions on its own, then whole all-reduces run by the adapter's driver
// (cases/ring_all_reduce.io.hpp) in lockstep and with a late worker. The closed forms, worked
// by hand, are checked against the reference.

#include "ring_all_reduce.requests.hpp"

using namespace requests;

void public_cases(grading::CaseBook& book) {
  book.add({.name = "chunk sizes differ by at most one, the longer chunks first",
            .points = 2,
            .calls = {chunk(7, 3, 0), chunk(7, 3, 1), chunk(7, 3, 2), chunk(10, 4, 0), chunk(10, 4, 1), chunk(10, 4, 2),
                      chunk(10, 4, 3)},
            .hint = "7 numbers among 3 workers: 7 mod 3 = 1 chunk of 3, then 2 of 2, at entries 0, 3 and 5. "
                    "10 among 4: 2 chunks of 3, then 2 of 2.",
            .closed_form = {chunk_answer(0, 3), chunk_answer(3, 2), chunk_answer(5, 2), chunk_answer(0, 3), chunk_answer(3, 3),
                            chunk_answer(6, 2), chunk_answer(8, 2)}});

  book.add({.name = "fewer numbers than workers: 2 numbers among 5 workers",
            .points = 1,
            .calls = {chunk(2, 5, 0), chunk(2, 5, 1), chunk(2, 5, 2), chunk(2, 5, 3), chunk(2, 5, 4)},
            .hint = "2 mod 5 = 2 chunks of ⌈2/5⌉ = 1 number, then 3 empty chunks, which begin at 2.",
            .closed_form = {chunk_answer(0, 1), chunk_answer(1, 1), chunk_answer(2, 0), chunk_answer(2, 0), chunk_answer(2, 0)}});

  // The table of the exercise page: K = 3, every worker, step and phase.
  {
    grading::Case table{.name = "the chunk table of the exercise page: K = 3, both phases",
                        .points = 3,
                        .hint = "Reduce-scatter: worker r sends r, then r − 1, and receives r − 1, then r − 2 "
                                "(modulo 3). All-gather: it sends r + 1, then r, and receives r, then r − 1."};
    const int rs[3][2][2] = {{{0, 2}, {2, 1}}, {{1, 0}, {0, 2}}, {{2, 1}, {1, 0}}};
    const int ag[3][2][2] = {{{1, 0}, {0, 2}}, {{2, 1}, {1, 0}}, {{0, 2}, {2, 1}}};
    for (int r = 0; r < 3; ++r) {
      for (int s = 0; s < 2; ++s) {
        table.calls.push_back(transfer(r, 3, s, "reduce_scatter"));
        table.closed_form.push_back(transfer_answer(rs[r][s][0], rs[r][s][1]));
        table.calls.push_back(transfer(r, 3, s, "all_gather"));
        table.closed_form.push_back(transfer_answer(ag[r][s][0], ag[r][s][1]));
      }
    }
    book.add(table);
  }

  // Three workers, 7 numbers: chunks at entries 0–2, 3–4 and 5–6.
  const Vector v0{1, 2, 3, 4, 5, 6, 7}, v1{5, -1, 0, 2, 9, 3, 4}, v2{0, 2, 6, 3, 1, 9, -2};
  book.add({.name = "a reduce-scatter step adds the message, an all-gather step copies it",
            .points = 2,
            .calls = {receive({v0, v1, v2}, {1, 2, 3}, 1, 0, "reduce_scatter"),
                      receive({{6, 3, 9, 9, 15, 18, 9}, {6, 3, 9, 9, 15, 12, 2}, {6, 3, 9, 4, 10, 18, 9}}, {9, 15}, 2, 1,
                              "all_gather")},
            .hint = "Worker 1 at step 0 of the reduce-scatter receives chunk 0 (entries 0–2) and adds it: "
                    "(5, −1, 0) + (1, 2, 3). Worker 2 at step 1 of the all-gather receives chunk 1 (entries 3–4), "
                    "a finished sum, and copies it over its own.",
            .closed_form = {buffers_answer({v0, {6, 1, 3, 2, 9, 3, 4}, v2}),
                            buffers_answer({{6, 3, 9, 9, 15, 18, 9}, {6, 3, 9, 9, 15, 12, 2}, {6, 3, 9, 9, 15, 18, 9}})}});

  book.add({.name = "the left neighbour has moved on: only the inbox holds what it sent",
            .points = 3,
            .calls = {receive({v0, v1, {2, 1, 3, 3, 5, 6, 3}}, {2, 11}, 0, 1, "reduce_scatter"),
                      receive({{0.5, -1, 2, 7, -3, 4, 1}, {1, 4, 5, 8, 20, 18, 9}, v2}, {9, 15}, 1, 0, "all_gather")},
            .hint = "Worker 0 at step 1 of the reduce-scatter adds its inbox (2, 11) to its chunk 1 (entries 3–4); "
                    "worker 2's buffer has changed since it sent them. Read the inbox, never a neighbour's buffer.",
            .closed_form = {buffers_answer({{1, 2, 3, 6, 16, 6, 7}, v1, {2, 1, 3, 3, 5, 6, 3}}),
                            buffers_answer({{0.5, -1, 2, 7, -3, 4, 1}, {1, 4, 5, 9, 15, 18, 9}, v2})}});

  book.add({.name = "the finish turns the sum into the mean",
            .points = 1,
            .calls = {finish({3, -6, 1.5}, 3), finish({2, 1}, 4)},
            .hint = "After the all-gather the buffer holds the sum of the K vectors: divide it by K.",
            .closed_form = {{{"value", Vector{1, -2, 0.5}}}, {{"value", Vector{0.5, 0.25}}}}});

  const std::vector<Round> example{{v0, v1, v2}};
  book.add({.name = "three workers, 7 numbers, in lockstep: every worker ends with the mean",
            .points = 3,
            .calls = {all_reduce(example)},
            .hint = "The sums of the three vectors are (6, 3, 9, 9, 15, 18, 9); every worker must end with "
                    "their mean (2, 1, 3, 3, 5, 6, 3).",
            .closed_form = {means_answer(example)}});

  book.add({.name = "three workers, 7 numbers, worker 1 late: its left neighbour finishes first",
            .points = 2,
            .calls = {all_reduce_late(example, 1)},
            .hint = "Worker 0 finishes (its buffer then holds the mean) before worker 1 receives anything in "
                    "the all-gather: worker 1 must take the all-gather's sums from its inbox.",
            .closed_form = {means_answer(example)}});
}
