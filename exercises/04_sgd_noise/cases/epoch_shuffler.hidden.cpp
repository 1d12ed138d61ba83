// Hidden grading cases of Exercise 4.2 (epoch_shuffler): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Sizes, batch sizes, seeds and the order of draws come from the case book's seeded
// generator; the answers are properties every correct shuffler has (epoch_shuffler.io.hpp).

#include "epoch_shuffler.requests.hpp"

#include <cstdint>

using grading::json;
using namespace requests;

namespace {

// Seeds a 32-bit generator keeps apart too (std::mt19937 or std::minstd_rand take them mod 2³²
// or mod 2³¹ − 1).
int random_seed(descent::Random& random) { return grading::whole_number(random, 1, 2'000'000'000); }

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();

  // Any N and B, B above N too (one short batch), drop_last only where a batch is left.
  {
    grading::Case sizes{.name = "random N from 1 to 60 and B from 1 to N + 5, with and without drop_last: batch sizes, "
                                "every sample once",
                        .points = 2,
                        .parts = {batch_sizes, distinct_and_in_range}};
    for (int k = 0; k < 8; ++k) {
      const int n = grading::whole_number(random, 1, 60);
      const int b = grading::whole_number(random, 1, n + 5);
      const std::vector<Shuffler> one{{.samples = n, .batch_size = b, .drop_last = b <= n && random.below(2) == 1,
                                       .seed = random_seed(random)}};
      sizes.calls.push_back(epochs_in_turn(one, 3));
      sizes.closed_form.push_back(expected_epochs(one, {0, 0, 0}, {batch_sizes, distinct_and_in_range}));
    }
    book.add(sizes);
  }

  // B = 1, a divisor of N, and N itself: every batch full, none empty.
  {
    grading::Case divisors{.name = "B dividing N (1, a divisor, N itself), with and without drop_last: no empty or "
                                   "short batch",
                           .points = 2,
                           .parts = {batch_sizes, distinct_and_in_range}};
    for (const int b : {1, 3, 8, 24}) {
      for (const bool drop_last : {false, true}) {
        const std::vector<Shuffler> one{{.samples = 24, .batch_size = b, .drop_last = drop_last,
                                         .seed = random_seed(random)}};
        divisors.calls.push_back(epochs_in_turn(one, 2));
        divisors.closed_form.push_back(expected_epochs(one, {0, 0}, {batch_sizes, distinct_and_in_range}));
      }
    }
    book.add(divisors);
  }

  // Five shufflers alike but for their seeds, two pairs of twins, drawn in a random order: a
  // shuffler's epochs may depend on its seed and its own past draws only.
  {
    const int n = grading::whole_number(random, 20, 30);
    const int b = grading::whole_number(random, 2, 7);
    const bool drop_last = random.below(2) == 1;
    const int first = random_seed(random), second = first + grading::whole_number(random, 1, 1000);
    const int third = second + grading::whole_number(random, 1, 1000);
    const std::vector<int> seeds{first, first, second, second, third};
    std::vector<Shuffler> five;
    for (const int seed : seeds) five.push_back({.samples = n, .batch_size = b, .drop_last = drop_last, .seed = seed});
    std::vector<int> draws;
    std::vector<std::vector<int>> twins;
    std::vector<int> drawn(seeds.size(), 0);  // epochs drawn so far, per shuffler
    for (int d = 0; d < 30; ++d) {
      const int k = static_cast<int>(random.below(seeds.size()));
      const auto ku = static_cast<std::size_t>(k);
      std::vector<int> same;
      for (std::size_t j = 0; j < seeds.size(); ++j) {
        if (j != ku && seeds[j] == seeds[ku] && drawn[j] > drawn[ku]) same.push_back(static_cast<int>(j));
      }
      draws.push_back(k);
      twins.push_back(same);
      ++drawn[ku];
    }
    book.add({.name = "five shufflers drawn in a random order: the same seed agrees, other seeds differ",
              .points = 2,
              .calls = {epochs(five, draws)},
              .parts = {same_as},
              .closed_form = {expected_epochs(five, draws, {same_as}, twins)}});
  }

  {
    const int b = grading::whole_number(random, 3, 10);
    const std::vector<Shuffler> one{{.samples = 40, .batch_size = b, .drop_last = random.below(2) == 1,
                                     .seed = random_seed(random)}};
    const std::vector<int> draws(30, 0);
    book.add({.name = "30 epochs of 40 samples: none in order, none a repeat of an earlier one",
              .points = 1,
              .calls = {epochs(one, draws)},
              .parts = {in_order, repeats_an_earlier_epoch},
              .closed_form = {expected_epochs(one, draws, {in_order, repeats_an_earlier_epoch})}});
  }

  {
    const Shuffler five{.samples = 5, .batch_size = 2, .drop_last = true, .seed = random_seed(random)};
    book.add({.name = "five samples in batches of two with drop_last, 60 000 epochs: every sample used, all 120 "
                      "orders equally often",
              .points = 2,
              .calls = {many_epochs(five, 60'000)},
              .closed_form = {expected_many_epochs(five)}});
  }

  book.add({.name = "no samples, or drop_last with B above N (no batch at all), is refused",
            .points = 1,
            .calls = {epochs({{.samples = 0, .batch_size = 1}}, {0}),
                      epochs({{.samples = 5, .batch_size = 6, .drop_last = true}}, {0})},
            .closed_form = {{{"error", "no samples"}}, {{"error", "no batch"}}},
            .reference_throws = true});
}
