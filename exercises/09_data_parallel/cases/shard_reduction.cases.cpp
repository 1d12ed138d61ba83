// Grading cases of Exercise 9.1 (shard_reduction) that students see in their pack. Each
// request hands the shards' mean gradients and sizes; the answer is the full-batch mean
// gradient. The closed forms, worked by hand, are checked against the reference.

#include "shard_reduction.requests.hpp"

using namespace requests;

void public_cases(grading::CaseBook& book) {
  book.add({.name = "equal shards: the plain mean of the shard gradients",
            .points = 2,
            .calls = {reduction({{1.0, 2.0}, {3.0, -2.0}}, {3, 3})},
            .hint = "Two shards of 3 samples each: g = (3·(1, 2) + 3·(3, −2))/6 = (2, 0).",
            .closed_form = {answer({2.0, 0.0})}});

  book.add({.name = "unequal shards are weighted by their sizes",
            .points = 3,
            .calls = {reduction({{4.0}, {0.0}}, {1, 3}),
                      reduction({{1.0, -1.0}, {4.0, 2.0}, {-2.0, 0.5}}, {2, 5, 3})},
            .hint = "1 sample with gradient 4 and 3 samples with gradient 0 average to (1·4 + 3·0)/4 = 1, "
                    "not (4 + 0)/2 = 2: the mean of the shard means counts every shard alike.",
            .closed_form = {answer({1.0}), answer({(2.0 + 20.0 - 6.0) / 10.0, (-2.0 + 10.0 + 1.5) / 10.0})}});

  book.add({.name = "one worker holding the whole batch returns its gradient",
            .points = 1,
            .calls = {reduction({{0.5, -1.5, 7.0}}, {5})},
            .hint = "One shard of 5 samples is the whole batch: its mean gradient is the answer.",
            .closed_form = {answer({0.5, -1.5, 7.0})}});

  book.add({.name = "an empty shard, whose mean gradient is nan, is left out",
            .points = 2,
            .calls = {reduction({{2.0, 1.0}, {not_a_number, not_a_number}, {4.0, -3.0}}, {2, 0, 2})},
            .hint = "The middle shard has no samples: its gradient (nan, the mean of nothing) must not be "
                    "added, not even times 0 (0·nan is nan). The answer is (2·(2, 1) + 2·(4, −3))/4 = (3, −1).",
            .closed_form = {answer({3.0, -1.0})}});

  book.add({.name = "a diverged worker's nan shows in the result, an empty shard's nan does not",
            .points = 2,
            .calls = {reduction({{not_a_number, not_a_number}, {1.0, 2.0}, {not_a_number, 4.0}}, {0, 2, 2})},
            .hint = "The first shard is empty: leave it out by its size. The third has 2 samples and a nan "
                    "(its worker diverged): it counts like any other, and the nan must show. The answer is "
                    "(2·(1, 2) + 2·(nan, 4))/4 = (nan, 3).",
            .closed_form = {answer({not_a_number, 3.0})}});
}
