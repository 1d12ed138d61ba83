// Hidden grading cases of Exercise 8.1 (dense_backward): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.
// Layers and batches are drawn from the case book's seeded source; the reference gives the
// expected gradients.

#include "dense_backward.requests.hpp"

#include <string>

using grading::json;
using namespace requests;

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-12, 1e-10};

  // Random shapes and activations in one run (nothing may be kept from an earlier call): every
  // third layer twice in a row, the second time with new numbers, as a training loop calls it;
  // the first call again at the end. ReLU layers on whole numbers, so that some z are exactly 0.
  {
    grading::Case mixed{
        .name = "random layers with every activation, batches of 1 to 16, 1 to 6 inputs and outputs, "
                "several calls in one run",
        .points = 3,
        .tolerance = differential};
    for (int k = 0; k < 12; ++k) {
      // One draw per statement: the order of a call's arguments is unspecified.
      const int batch = grading::whole_number(random, 1, 16);
      const int n_in = grading::whole_number(random, 1, 6);
      const int n_out = grading::whole_number(random, 1, 6);
      const std::string& f = activations()[static_cast<std::size_t>(k % 4)];
      mixed.calls.push_back(mixed_layer(random, batch, n_in, n_out, f));
      if (k % 3 == 0) mixed.calls.push_back(mixed_layer(random, batch, n_in, n_out, f));
    }
    mixed.calls.push_back(mixed.calls.front());
    book.add(mixed);
  }

  // n_in ≠ n_out, so a transposed weight gradient has the wrong shape, and B ≠ n_in, n_out. The
  // four activations on one shape, then on the other: each call's shapes are the call before's.
  {
    grading::Case non_square{.name = "non-square layers (more outputs than inputs, and fewer), each activation",
                             .points = 2,
                             .tolerance = differential};
    for (const std::vector<int>& shape : {std::vector<int>{5, 2, 7}, std::vector<int>{3, 6, 1}}) {
      for (const std::string& f : activations()) {
        non_square.calls.push_back(mixed_layer(random, shape[0], shape[1], shape[2], f));
      }
    }
    book.add(non_square);
  }

  // n_in = n_out = B: every wrong orientation has the right shape, only the numbers differ.
  {
    grading::Case square{.name = "square layers with a batch as large as the layer",
                         .points = 1,
                         .tolerance = differential};
    for (const std::string& f : activations()) square.calls.push_back(random_layer(random, 4, 4, 4, f));
    book.add(square);
  }

  {
    grading::Case single{.name = "a batch of one sample, each activation", .points = 1, .tolerance = differential};
    for (const std::string& f : activations()) {
      const int n_in = grading::whole_number(random, 2, 5);
      const int n_out = grading::whole_number(random, 2, 5);
      single.calls.push_back(random_layer(random, 1, n_in, n_out, f));
    }
    book.add(single);
  }

  // Shapes that stay the same from call to call while the numbers change: anything cached
  // from the previous call (the forward pass, Z) is stale.
  {
    grading::Case same_shapes{.name = "calls with the same shapes and new numbers, one after another",
                              .points = 1,
                              .tolerance = differential};
    for (const std::string& f : {"sigmoid", "sigmoid", "relu", "relu", "tanh", "tanh"}) {
      same_shapes.calls.push_back(random_layer(random, 6, 3, 2, f));
    }
    book.add(same_shapes);
  }

  // Whole numbers everywhere, so z is a whole number and many are exactly 0.
  {
    grading::Case zeros{.name = "ReLU with many pre-activations exactly 0 among positive and negative ones",
                        .points = 1,
                        .tolerance = differential};
    for (int k = 0; k < 3; ++k) zeros.calls.push_back(whole_number_layer(random, 6, 3, 4, "relu"));
    book.add(zeros);
  }

  // Pre-activations of typically 5 to 30 in size: σ′ and tanh′ are tiny but must still be taken at z.
  {
    grading::Case saturated{.name = "saturated sigmoid and tanh units (pre-activations mostly beyond ±5)", .points = 1,
                            .tolerance = differential};
    for (const std::string& f : {"sigmoid", "tanh", "sigmoid", "tanh"}) {
      saturated.calls.push_back(random_layer(random, 4, 3, 3, f, 20.0));
    }
    book.add(saturated);
  }
}
