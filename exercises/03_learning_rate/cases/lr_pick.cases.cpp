// Grading cases of Exercise 3.3 (steepest_index) that students see in their pack. The expected
// indices come from the reference solution; the closed forms here are checked against it.

#include "lr_pick.requests.hpp"

#include <cmath>
#include <vector>

using grading::json;
using namespace requests;

void public_cases(grading::CaseBook& book) {
  book.add({.name = "the steepest fall, not the lowest loss",
            .points = 3,
            .calls = {steepest_index(log_spaced(1e-4, 1.0, 9), {10, 9.8, 9, 6, 3, 2.5, 2.4, 30, 100})},
            .tolerance = {0.0, 0.0},
            .hint = "Central slopes over equal log steps: i = 3 has 3 - 9 = -6, the most negative. The lowest "
                    "loss (i = 6) is where descent is already too fast to trust.",
            .closed_form = {value(3)}});

  book.add({.name = "slopes are per factor of the learning rate (against ln eta)",
            .points = 3,
            .calls = {steepest_index({1e-3, 2e-3, 4e-3, 1e-2, 1e-1, 2e-1, 4e-1}, {10, 9, 7, 5, 2, 1.5, 1.4})},
            .tolerance = {0.0, 0.0},
            .hint = "Against ln eta the slopes are -2.16, -2.49, -1.55, -1.17, -0.43: index 2. Against eta "
                    "itself index 1 would look steepest.",
            .closed_form = {value(2)}});

  book.add({.name = "points from the cliff on are ignored",
            .points = 2,
            .calls = {steepest_index(log_spaced(1e-3, 1e-1, 7), {10, 8, 6, 5, 40, 1, 0.5})},
            .tolerance = {0.0, 0.0},
            .hint = "40 > 4 x 5 makes index 4 the cliff; only indices 1 and 2 are candidates (i + 1 < cliff).",
            .closed_form = {value(1)}});

  // The statement's example: the cliff is index 4 (50 > 4 × 2.5); slopes (3 − 10)/ln 100 and
  // (2.5 − 8)/ln 100.
  book.add({.name = "the example of the statement: the cliff at index 4, candidates 1 and 2",
            .points = 1,
            .calls = {steepest_index({1e-4, 1e-3, 1e-2, 1e-1, 1.0}, {10, 8, 3, 2.5, 50})},
            .tolerance = {0.0, 0.0},
            .hint = "Index 1's central slope, (3 - 10) / ln 100, is steeper than index 2's, (2.5 - 8) / ln 100.",
            .closed_form = {value(1)}});

  book.add({.name = "the first and last points need two neighbours, so they are never picked",
            .points = 2,
            .calls = {steepest_index(log_spaced(1e-4, 1e-2, 5), {100, 10, 9.9, 9.8, 9.7}),
                      steepest_index(log_spaced(1e-4, 1e-2, 5), {10, 9.9, 9.8, 9.7, 1})},
            .tolerance = {0.0, 0.0},
            .hint = "A big drop between points 0 and 1 puts the central slope's minimum at index 1; a big drop "
                    "between the last two points puts it at index n - 2.",
            .closed_form = {value(1), value(3)}});
}
