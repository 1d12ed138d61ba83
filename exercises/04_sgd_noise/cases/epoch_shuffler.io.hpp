#pragma once
// How the grader calls Exercise 4.2 (see exercises/protocol.hpp). A shuffled epoch's exact
// order depends on the generator and on how it is drawn from (std::shuffle differs between
// standard libraries), and every fair shuffle is right. So the grader never compares the
// student's orders with the reference's. The adapter measures, on the student's own epochs,
// what the statement promises, and the answer is those measurements; a correct shuffler gives
// the reference's answers whatever its generator (except with a probability below 1e-9).
//
//   {"call": "epochs", "args": {"shufflers": [{"samples": N, "batch_size": B,
//                                              "drop_last": false, "seed": s}, …],
//                               "draws": [k, …]}}
//   builds the shufflers, then draws the next epoch of shuffler k, for each k in turn, and
//   answers one entry per draw in each list:
//     "batch_sizes"               the sizes of the epoch's batches, in order
//     "distinct_and_in_range"     no index twice in the epoch, and each one in 0 … N − 1
//     "in_order"                  its indices, batch after batch, are 0, 1, 2, … (unshuffled)
//     "repeats_an_earlier_epoch"  the same batches as an earlier epoch of this shuffler
//     "same_as"                   the other shufflers whose epoch of the same number, drawn
//                                 earlier in the script, had the same batches
//
//   {"call": "many_epochs", "args": {"samples": N (1 to 6), "batch_size": B,
//                                    "drop_last": false, "seed": s, "epochs": E}}
//   draws E epochs of one shuffler and answers
//     "never_seen"            how many of the N samples no batch held
//     "every_epoch_an_order"  every epoch dealt the samples it keeps (N, or N − N mod B with
//                             drop_last), none twice, each in 0 … N − 1
//     "orderings"             how many of those orders came up (batch after batch, as dealt)
//     "equally_likely"        Pearson's χ² of how often each order came up, over all N!/r! orders
//                             of the kept samples (r = N − kept), is below the level a fair shuffle
//                             exceeds with probability 1e-10 (epochs that are no such order count
//                             for none)

#include "epoch_shuffler.hpp"

#include "protocol.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstddef>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace exercise_io {

using Epoch = std::vector<std::vector<Eigen::Index>>;

/// A shuffler's arguments, as a request gives them.
struct ShufflerArguments {
  Eigen::Index samples = 0;
  exercises::EpochOptions options;
};

inline ShufflerArguments shuffler_arguments(const protocol::json& settings) {
  using namespace protocol;
  const int seed = to_int(arg(settings, "seed"));
  const json& drop_last = arg(settings, "drop_last");
  if (seed < 0 || !drop_last.is_boolean()) throw BadRequest("a shuffler needs a seed ≥ 0 and drop_last true or false");
  return {to_int(arg(settings, "samples")), {.batch_size = to_int(arg(settings, "batch_size")),
                                             .drop_last = drop_last.get<bool>(),
                                             .seed = static_cast<std::uint64_t>(seed)}};
}

/// The epoch's indices, batch after batch.
inline std::vector<Eigen::Index> sequence(const Epoch& epoch) {
  std::vector<Eigen::Index> all;
  for (const auto& batch : epoch) all.insert(all.end(), batch.begin(), batch.end());
  return all;
}

inline bool distinct_and_in_range(const std::vector<Eigen::Index>& indices, Eigen::Index samples) {
  std::set<Eigen::Index> seen;
  for (const Eigen::Index i : indices) {
    if (i < 0 || i >= samples || !seen.insert(i).second) return false;
  }
  return true;
}

inline protocol::json epochs(const protocol::json& args) {
  using namespace protocol;
  const json& listed = arg(args, "shufflers");
  const json& draws = arg(args, "draws");
  if (!listed.is_array() || !draws.is_array()) throw BadRequest("\"shufflers\" and \"draws\" must be lists");
  std::deque<exercises::EpochShuffler> shufflers;  // built in place: a shuffler need not move
  std::vector<Eigen::Index> samples;
  for (const json& settings : listed) {
    const ShufflerArguments a = shuffler_arguments(settings);
    shufflers.emplace_back(a.samples, a.options);
    samples.push_back(a.samples);
  }
  std::vector<std::vector<Epoch>> drawn(shufflers.size());
  json sizes = json::array(), valid = json::array(), in_order = json::array(), repeats = json::array(),
       same_as = json::array();
  for (const json& draw : draws) {
    const int k = to_int(draw);
    if (k < 0 || k >= static_cast<int>(shufflers.size())) throw BadRequest("no shuffler " + std::to_string(k));
    const auto ku = static_cast<std::size_t>(k);
    const Epoch epoch = shufflers[ku].next_epoch();
    const std::vector<Eigen::Index> indices = sequence(epoch);
    json batch_sizes = json::array();
    for (const auto& batch : epoch) batch_sizes.push_back(batch.size());
    sizes.push_back(batch_sizes);
    valid.push_back(distinct_and_in_range(indices, samples[ku]));
    bool counting = true;
    for (std::size_t i = 0; i < indices.size() && counting; ++i) counting = indices[i] == static_cast<Eigen::Index>(i);
    in_order.push_back(counting);
    bool repeated = false;
    for (const Epoch& earlier : drawn[ku]) repeated = repeated || earlier == epoch;
    repeats.push_back(repeated);
    const std::size_t number = drawn[ku].size();  // this epoch's number in its shuffler, from 0
    json twins = json::array();
    for (std::size_t j = 0; j < shufflers.size(); ++j) {
      if (j != ku && drawn[j].size() > number && drawn[j][number] == epoch) twins.push_back(j);
    }
    same_as.push_back(twins);
    drawn[ku].push_back(epoch);
  }
  return {{"batch_sizes", sizes}, {"distinct_and_in_range", valid}, {"in_order", in_order},
          {"repeats_an_earlier_epoch", repeats}, {"same_as", same_as}};
}

/// The χ² a fair shuffle exceeds with probability about 1e-10, with `freedom` degrees of
/// freedom: Wilson and Hilferty's cube of a normal, 6.4 standard deviations out.
inline double chi_square_limit(double freedom) {
  const double spread = 2.0 / (9.0 * freedom);
  return freedom * std::pow(1.0 - spread + 6.4 * std::sqrt(spread), 3.0);
}

inline protocol::json many_epochs(const protocol::json& args) {
  using namespace protocol;
  const ShufflerArguments a = shuffler_arguments(args);
  const Eigen::Index n = a.samples;
  const int epochs = to_int(arg(args, "epochs"));
  if (n > 6 || epochs < 1 || epochs > 1'000'000) throw BadRequest("many_epochs: at most 6 samples, 1 to 1e6 epochs");
  exercises::EpochShuffler shuffler(n, a.options);  // refuses what the statement says it must
  const Eigen::Index kept = a.options.drop_last ? n - n % a.options.batch_size : n;
  double orders = 1.0;  // N!/r!: the orders of `kept` distinct samples out of N
  for (Eigen::Index k = n - kept + 1; k <= n; ++k) orders *= static_cast<double>(k);
  std::map<std::vector<Eigen::Index>, int> counts;  // how often each order came up
  std::vector<bool> seen(static_cast<std::size_t>(n), false);
  bool every_epoch_an_order = true;
  for (int e = 0; e < epochs; ++e) {
    const std::vector<Eigen::Index> indices = sequence(shuffler.next_epoch());
    for (const Eigen::Index i : indices) {
      if (i >= 0 && i < n) seen[static_cast<std::size_t>(i)] = true;
    }
    if (static_cast<Eigen::Index>(indices.size()) == kept && distinct_and_in_range(indices, n)) {
      ++counts[indices];
    } else {
      every_epoch_an_order = false;
    }
  }
  const double expected = epochs / orders;
  double chi_square = (orders - static_cast<double>(counts.size())) * expected;  // the orders never drawn
  for (const auto& [order, count] : counts) chi_square += (count - expected) * (count - expected) / expected;
  return {{"never_seen", std::count(seen.begin(), seen.end(), false)},
          {"every_epoch_an_order", every_epoch_an_order},
          {"orderings", counts.size()},
          {"equally_likely", orders < 2.0 || chi_square < chi_square_limit(orders - 1.0)}};
}

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& call = arg(request, "call");
  if (call == "epochs") return epochs(arg(request, "args"));
  if (call == "many_epochs") return many_epochs(arg(request, "args"));
  throw BadRequest("unknown call " + call.dump());
}

}  // namespace exercise_io
