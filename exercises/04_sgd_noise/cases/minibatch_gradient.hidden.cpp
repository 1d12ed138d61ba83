// Hidden grading cases of Exercise 4.1 (minibatch_gradient): only an instructor's grading runs
// them; a student sees each case's name (the class of inputs) and whether it passed, never its
// inputs. Every expected answer is also stated as the statement's sum, written out with loops
// (requests.hpp), which the reference's matrix product must agree with.

#include "minibatch_gradient.requests.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

using grading::json;
using namespace requests;

namespace {

// A data set of n samples with d features: each column its own scale (1 unless given) and
// offset, targets near a random linear model, and w away from its minimum.
struct Data {
  Rows X;
  std::vector<double> y, w;
};

Data synthetic_data(descent::Random& random, int n, int d, double smallest_scale = 1.0, double largest_scale = 1.0) {
  Data data;
  std::vector<double> scale, offset, truth;
  for (int j = 0; j < d; ++j) {
    // One draw per statement: the order of draws inside one expression is up to the compiler.
    const double log_scale = random.uniform(std::log(smallest_scale), std::log(largest_scale));
    const double jitter = random.uniform(-0.5, 0.5);
    scale.push_back(std::exp(log_scale + jitter));
    offset.push_back(scale.back() * random.uniform(-2.0, 2.0));
    truth.push_back(random.uniform(-2.0, 2.0) / scale.back());
    data.w.push_back(truth.back() + random.uniform(-3.0, 3.0) / scale.back());
  }
  for (int i = 0; i < n; ++i) {
    std::vector<double> row;
    double target = random.normal();
    for (int j = 0; j < d; ++j) {
      row.push_back(offset[static_cast<std::size_t>(j)] + scale[static_cast<std::size_t>(j)] * random.normal());
      target += truth[static_cast<std::size_t>(j)] * row.back();
    }
    data.X.push_back(row);
    data.y.push_back(target);
  }
  return data;
}

// B different rows out of n (the start of a shuffled order).
Indices without_replacement(descent::Random& random, int n, int b) {
  Indices order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  random.shuffle(order);
  order.resize(static_cast<std::size_t>(b));
  return order;
}

// B rows out of n drawn independently: repeats happen.
Indices with_replacement(descent::Random& random, int n, int b) {
  Indices batch;
  for (int k = 0; k < b; ++k) batch.push_back(grading::whole_number(random, 0, n - 1));
  return batch;
}

// Adds a call on `data` with `batch`, and its expected answer, the sum written out.
void ask(grading::Case& c, const Data& data, const Indices& batch) {
  c.calls.push_back(minibatch_gradient(data.X, data.y, data.w, batch));
  c.closed_form.push_back({{"value", batch_gradient(data.X, data.y, data.w, batch)}});
}

// A class of random data sets: how many samples and features, and how the columns' scales spread.
struct DataClass {
  int fewest = 2, most = 40, most_features = 5;
  double smallest_scale = 1.0, largest_scale = 1.0;
};

// `count` calls, each on a fresh data set of the class, with the batch `pick(random, n)` draws.
template <class Pick>
void ask_on_fresh_data(grading::Case& c, descent::Random& random, int count, const DataClass& data_class, Pick pick) {
  for (int k = 0; k < count; ++k) {
    const int n = grading::whole_number(random, data_class.fewest, data_class.most);
    const int d = grading::whole_number(random, 1, data_class.most_features);
    const Indices batch = pick(random, n);  // the batch drawn first, then the data
    const Data data = synthetic_data(random, n, d, data_class.smallest_scale, data_class.largest_scale);
    ask(c, data, batch);
  }
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const grading::Tolerance differential{1e-10, 1e-9};

  grading::Case distinct{.name = "random data of 2 to 40 samples and 1 to 5 features, batches of distinct rows",
                         .points = 2,
                         .tolerance = differential};
  ask_on_fresh_data(distinct, random, 6, {}, [](descent::Random& r, int n) {
    return without_replacement(r, n, grading::whole_number(r, 2, n));
  });
  book.add(distinct);

  // Few rows and long batches: most rows come up several times.
  grading::Case repeats{.name = "batches drawn with replacement, up to three times as long as the data (many repeats)",
                        .points = 2,
                        .tolerance = differential};
  ask_on_fresh_data(repeats, random, 6, {.fewest = 2, .most = 8, .most_features = 4}, [](descent::Random& r, int n) {
    return with_replacement(r, n, grading::whole_number(r, 2, 3 * n));
  });
  book.add(repeats);

  // One row B times: the mean of B equal gradients is that gradient.
  grading::Case one_row{.name = "one row repeated B times gives that row's own gradient",
                        .points = 1,
                        .tolerance = differential};
  for (int k = 0; k < 3; ++k) {
    const int n = grading::whole_number(random, 3, 10);
    const Data data = synthetic_data(random, n, grading::whole_number(random, 1, 4));
    const int row = grading::whole_number(random, 1, n - 1);
    one_row.calls.push_back(minibatch_gradient(data.X, data.y, data.w, Indices(static_cast<std::size_t>(grading::whole_number(random, 2, 7)), row)));
    one_row.closed_form.push_back({{"value", batch_gradient(data.X, data.y, data.w, {row})}});
  }
  book.add(one_row);

  // A shuffled epoch dealt into batches of B, asked one after another in one program, then the
  // whole data set: the B-weighted batch gradients of the epoch add up to N times the last answer.
  {
    const int n = grading::whole_number(random, 25, 45);
    const int b = grading::whole_number(random, 3, 9);
    const Data data = synthetic_data(random, n, grading::whole_number(random, 2, 5));
    const Indices order = without_replacement(random, n, n);
    grading::Case epoch{.name = "the batches of a whole shuffled epoch, call after call on one data set, then all rows",
                        .points = 1,
                        .tolerance = differential};
    for (int begin = 0; begin < n; begin += b) {
      ask(epoch, data, Indices(order.begin() + begin, order.begin() + std::min(n, begin + b)));
    }
    ask(epoch, data, order);
    book.add(epoch);
  }

  // Columns from about 1e-3 to 1e3: gradients of very different sizes in one answer.
  grading::Case scales{.name = "features of very different scales (about 1e-3 to 1e3) in one data set",
                       .points = 1,
                       .tolerance = {1e-6, 1e-9}};
  const DataClass spread{.fewest = 5, .most = 30, .most_features = 4, .smallest_scale = 1e-3, .largest_scale = 1e3};
  ask_on_fresh_data(scales, random, 3, spread, [](descent::Random& r, int n) {
    return with_replacement(r, n, grading::whole_number(r, 2, n));
  });
  book.add(scales);
}
