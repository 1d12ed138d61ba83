#pragma once
// The requests that both the public and the hidden cases of Exercise 4.2 (epoch_shuffler) make
// (epoch_shuffler.cases.cpp, epoch_shuffler.hidden.cpp), and the answers the statement implies,
// written once so that the two cannot drift apart. Every answer of the adapter is a property a
// correct shuffler has whatever its generator, so every case states its answer in closed form.
// Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <string>
#include <vector>

namespace requests {

using grading::json;

struct Shuffler {
  int samples = 1;
  int batch_size = 1;
  bool drop_last = false;
  int seed = 1;

  [[nodiscard]] json settings() const {
    return {{"samples", samples}, {"batch_size", batch_size}, {"drop_last", drop_last}, {"seed", seed}};
  }
  /// The sizes of an epoch's batches: B, B, …, then N mod B unless it is 0 or dropped.
  [[nodiscard]] std::vector<int> batch_sizes() const {
    std::vector<int> sizes(static_cast<std::size_t>(samples / batch_size), batch_size);
    if (samples % batch_size != 0 && !drop_last) sizes.push_back(samples % batch_size);
    return sizes;
  }
};

// Lists as std::vector: a braced list of one json would be that json itself, not a list of one.
inline json epochs(const std::vector<Shuffler>& shufflers, const std::vector<int>& draws) {
  std::vector<json> settings;
  for (const Shuffler& s : shufflers) settings.push_back(s.settings());
  return grading::request("epochs", {{"shufflers", settings}, {"draws", draws}});
}

/// `epochs` draws in turn from every shuffler of `shufflers`: 0, 1, …, 0, 1, …
inline json epochs_in_turn(const std::vector<Shuffler>& shufflers, int rounds) {
  std::vector<int> draws;
  for (int r = 0; r < rounds; ++r) {
    for (int k = 0; k < static_cast<int>(shufflers.size()); ++k) draws.push_back(k);
  }
  return epochs(shufflers, draws);
}

inline json many_epochs(const Shuffler& shuffler, int count) {
  json args = shuffler.settings();
  args["epochs"] = count;
  return grading::request("many_epochs", args);
}

// The parts of an "epochs" answer, for cases that check some of them (Case::parts).
inline const std::string batch_sizes = "/batch_sizes";
inline const std::string distinct_and_in_range = "/distinct_and_in_range";
inline const std::string in_order = "/in_order";
inline const std::string repeats_an_earlier_epoch = "/repeats_an_earlier_epoch";
inline const std::string same_as = "/same_as";

/// What a correct shuffler answers for the parts `parts` of an "epochs" request: the batch
/// sizes the statement implies, every epoch valid, shuffled and new, and `twins[d]`, the
/// shufflers draw d matches. (A fair shuffle of N samples repeats an order or puts it in
/// order with probability about 1/N!: the cases use N ≥ 20 for those parts.)
inline json expected_epochs(const std::vector<Shuffler>& shufflers, const std::vector<int>& draws,
                            const std::vector<std::string>& parts, const std::vector<std::vector<int>>& twins = {}) {
  json value = json::object();
  for (const std::string& part : parts) value[part] = json::array();
  for (std::size_t d = 0; d < draws.size(); ++d) {
    const Shuffler& s = shufflers[static_cast<std::size_t>(draws[d])];
    for (const std::string& part : parts) {
      if (part == batch_sizes) value[part].push_back(s.batch_sizes());
      if (part == distinct_and_in_range) value[part].push_back(true);
      if (part == in_order || part == repeats_an_earlier_epoch) value[part].push_back(false);
      if (part == same_as) value[part].push_back(twins.empty() ? std::vector<int>{} : twins[d]);
    }
  }
  return {{"value", value}};
}

/// A fair shuffler's answer to "many_epochs" with enough epochs: every sample seen, every epoch
/// an order of the samples it keeps, every such order drawn, all about equally often.
inline json expected_many_epochs(const Shuffler& s) {
  const int kept = s.drop_last ? s.samples - s.samples % s.batch_size : s.samples;
  int orders = 1;
  for (int k = s.samples - kept + 1; k <= s.samples; ++k) orders *= k;
  return {{"value", {{"never_seen", 0}, {"every_epoch_an_order", true}, {"orderings", orders},
                     {"equally_likely", true}}}};
}

}  // namespace requests
