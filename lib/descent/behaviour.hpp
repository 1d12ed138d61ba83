#pragma once
/// \file behaviour.hpp
/// \brief Naming what a run did: converged, crawled, oscillated in, diverged.

#include "descent/minimize.hpp"

#include <string_view>

namespace descent {

/// The four regimes a learning rate produces (plus the reported blow-up).
enum class Behaviour {
  converged,       ///< ended within the tolerance of the minimizer
  approaching,     ///< heading in steadily, more than half the way there
  crawling,        ///< heading in, but less than half of the starting distance covered
  oscillating_in,  ///< jumping across the minimum, each jump shorter
  bouncing,        ///< jumping across the minimum, the jumps no longer shrinking
  diverging,       ///< moving away: the loss grew
  diverged,        ///< the loss overflowed or exploded and the run was stopped
};

/// Classifies a finished run against the known minimizer.
///
/// `tolerance` is the distance to the minimizer that counts as arrived. A run that
/// crossed the minimum (consecutive offsets x_t − x* pointing in opposite directions) on
/// most steps is oscillating: in, if its distance to the minimizer halved over the second half
/// of the run, bouncing if not (a clipped step above the edge, or η a hair below 2/λ). One
/// whose final loss exceeds its first is diverging.
[[nodiscard]] Behaviour classify(const RunResult& run, const Vector& minimizer, double tolerance);

/// "converged", "approaching", "crawling", "oscillating in", "bouncing", "diverging", "diverged".
[[nodiscard]] std::string_view describe(Behaviour behaviour);

}  // namespace descent
