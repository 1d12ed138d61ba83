// Grading cases of Exercise 4.2 (epoch_shuffler) that students see in their pack. The adapter
// (cases/epoch_shuffler.io.hpp) answers properties of the student's own epochs, never the
// orders themselves; every case states the properties the statement implies as its closed
// form, and the reference is checked against them.

#include "epoch_shuffler.requests.hpp"

using grading::json;
using namespace requests;

void public_cases(grading::CaseBook& book) {
  {
    const std::vector<Shuffler> ten{{.samples = 10, .batch_size = 4, .seed = 7}};
    const json request = epochs_in_turn(ten, 3);
    book.add({.name = "ten samples in batches of four: batches of 4, 4 and 2, every sample once per epoch",
              .points = 2,
              .calls = {request},
              .parts = {batch_sizes, distinct_and_in_range},
              .hint = "Each epoch deals all ten samples: two full batches of 4 and a last, short batch of the 2 "
                      "left over. No sample twice in an epoch, every index in 0 … 9.",
              .closed_form = {expected_epochs(ten, {0, 0, 0}, {batch_sizes, distinct_and_in_range})}});
  }
  {
    const std::vector<Shuffler> ten{{.samples = 10, .batch_size = 4, .drop_last = true, .seed = 7}};
    book.add({.name = "drop_last: ten samples in batches of four give two batches of 4",
              .points = 1,
              .calls = {epochs_in_turn(ten, 3)},
              .parts = {batch_sizes, distinct_and_in_range},
              .hint = "With drop_last the short last batch (2 samples) is left out: two batches of 4 per epoch.",
              .closed_form = {expected_epochs(ten, {0, 0, 0}, {batch_sizes, distinct_and_in_range})}});
  }
  {
    const std::vector<Shuffler> twenty{{.samples = 20, .batch_size = 6, .seed = 3}};
    book.add({.name = "every epoch a new order, the first one shuffled too",
              .points = 2,
              .calls = {epochs_in_turn(twenty, 5)},
              .parts = {in_order, repeats_an_earlier_epoch},
              .hint = "Shuffle at the start of every epoch, the first included: no epoch may deal 0, 1, 2, … in "
                      "order, and none may repeat an earlier one (20 samples have 20! ≈ 2.4e18 orders).",
              .closed_form = {expected_epochs(twenty, {0, 0, 0, 0, 0}, {in_order, repeats_an_earlier_epoch})}});
  }
  {
    // Drawn in turn: 0, 1, 2, 0, 1, 2, …; shuffler 1 repeats shuffler 0, shuffler 2 does not.
    const std::vector<Shuffler> three{{.samples = 20, .batch_size = 5, .seed = 11},
                                      {.samples = 20, .batch_size = 5, .seed = 11},
                                      {.samples = 20, .batch_size = 5, .seed = 12}};
    const std::vector<std::vector<int>> twins{{}, {0}, {}, {}, {0}, {}, {}, {0}, {}};
    book.add({.name = "the same seed gives the same epochs, another seed other epochs",
              .points = 2,
              .calls = {epochs_in_turn(three, 3)},
              .parts = {same_as},
              .hint = "Two shufflers built alike (seed 11), drawn in turns, must deal the same epochs, and the one "
                      "with seed 12 other epochs: seed each shuffler's own generator with its seed, once, and keep "
                      "it in the shuffler (not std::random_device, not a static or global generator).",
              .closed_form = {expected_epochs(three, {0, 1, 2, 0, 1, 2, 0, 1, 2}, {same_as}, twins)}});
  }
  {
    const Shuffler four{.samples = 4, .batch_size = 3, .seed = 5};
    book.add({.name = "four samples in batches of three, 24 000 epochs: all 24 orders, equally often",
              .points = 2,
              .calls = {many_epochs(four, 24'000)},
              .hint = "Every epoch deals all 4 samples, and a fair shuffle makes each of the 4! = 24 orders "
                      "equally likely: about 1000 times each here. Swapping each place with any place (not only "
                      "one not yet settled) favours some orders; shuffling whole batches reaches only a few.",
              .closed_form = {expected_many_epochs(four)}});
  }
  book.add({.name = "a batch size of 0 is refused",
            .points = 1,
            .calls = {epochs({{.samples = 10, .batch_size = 0}}, {0})},
            .hint = "Throw std::invalid_argument from the constructor when batch_size < 1.",
            .closed_form = {{{"error", "batch_size must be at least 1"}}},
            .reference_throws = true});
}
