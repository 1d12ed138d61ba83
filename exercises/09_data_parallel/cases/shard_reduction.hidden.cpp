// Hidden grading cases of Exercise 9.1 (shard_reduction): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Differential inputs come from the case book's seeded source.

#include "shard_reduction.requests.hpp"

#include <cmath>

using namespace requests;

namespace {

// Shard sizes for `workers` workers: random, unequal, between low and high.
std::vector<int> random_sizes(descent::Random& random, int workers, int low, int high) {
  std::vector<int> sizes;
  for (int k = 0; k < workers; ++k) sizes.push_back(grading::whole_number(random, low, high));
  return sizes;
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-10, 1e-10};

  // The real thing: least squares split among 2 to 8 workers, each computing its shard's mean
  // gradient; the reduction must give the gradient computed on all the rows at once.
  {
    grading::Case split{.name = "least squares split among 2 to 8 workers of unequal shards: the full-batch gradient",
                        .points = 3,
                        .tolerance = differential};
    for (int run = 0; run < 5; ++run) {
      const int workers = grading::whole_number(random, 2, 8);
      const std::vector<int> sizes = random_sizes(random, workers, 1, 40);  // one draw per statement
      const int dimension = grading::whole_number(random, 1, 6);
      const SplitProblem problem = least_squares_split(random, dimension, sizes);
      split.calls.push_back(problem.request);
      split.closed_form.push_back(problem.full_batch);
    }
    book.add(split);
  }

  // Empty shards (more workers than the batch has left for them), at the ends and in between;
  // the workers with no samples report nan.
  {
    grading::Case empty{.name = "empty shards first, last and in between, reporting nan", .points = 2, .tolerance = differential};
    for (const std::vector<int>& sizes : {std::vector<int>{0, 7, 2, 0}, std::vector<int>{3, 0, 0, 5, 0}, std::vector<int>{0, 0, 4}}) {
      const SplitProblem problem = least_squares_split(random, 3, sizes);
      empty.calls.push_back(problem.request);
      empty.closed_form.push_back(problem.full_batch);
    }
    book.add(empty);
  }

  // A worker whose run diverged reports nan in some coordinates although its shard has
  // samples: the full-batch gradient has nan there too (and only there), also beside empty
  // shards (first, last) whose nan is left out, and when the diverged worker's first entry is
  // a number.
  book.add({.name = "a worker with samples and a nan gradient (it diverged): nan shows in the result",
            .points = 3,
            .calls = {reduction({{1.0, 2.0, 3.0}, {not_a_number, 0.0, 1.0}, {3.0, not_a_number, 2.0}}, {1, 2, 1}),
                      reduction({{4.0, -2.0, 1.0}, {-1.0, 0.0, not_a_number}, {not_a_number, not_a_number, not_a_number}},
                                {3, 1, 0}),
                      reduction({{not_a_number, not_a_number}, {0.5, not_a_number}, {2.0, 1.0}}, {0, 3, 1})},
            .closed_form = {answer({not_a_number, not_a_number, 1.75}), answer({2.75, -1.5, not_a_number}),
                            answer({0.875, not_a_number})}});

  // Many workers with shard sizes that span six orders of magnitude: the weights must be
  // exact to 1e-10 (float arithmetic keeps about 7 digits).
  {
    grading::Case wide{.name = "up to 64 workers, shard sizes from 1 to a million", .points = 2, .tolerance = differential};
    for (int run = 0; run < 4; ++run) {
      const int workers = grading::whole_number(random, 8, 64);
      const int dimension = grading::whole_number(random, 1, 5);
      std::vector<Vector> gradients;
      std::vector<int> sizes;
      for (int k = 0; k < workers; ++k) {
        gradients.push_back(grading::uniform_numbers(random, dimension, -10.0, 10.0));
        sizes.push_back(static_cast<int>(std::pow(10.0, random.uniform(0.0, 6.0))));
      }
      wide.calls.push_back(reduction(gradients, sizes));
    }
    book.add(wide);
  }

  // Reductions of the same length one after another, as a training loop makes them: each must
  // start from nothing.
  {
    grading::Case repeated{.name = "many reductions of the same length in one run, each on its own", .points = 2, .tolerance = differential};
    const int dimension = grading::whole_number(random, 2, 6);
    for (int step = 0; step < 6; ++step) {
      const int workers = grading::whole_number(random, 1, 5);
      const SplitProblem problem = least_squares_split(random, dimension, random_sizes(random, workers, 1, 30));
      repeated.calls.push_back(problem.request);
      repeated.closed_form.push_back(problem.full_batch);
    }
    book.add(repeated);
  }
}
