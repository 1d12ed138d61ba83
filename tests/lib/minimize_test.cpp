#include "descent/behaviour.hpp"
#include "descent/functions.hpp"
#include "descent/minimize.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

TEST_CASE("the step budget: exactly max_steps updates, one row each") {
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 0.1, StopRules{.max_steps = 7});
  CHECK(r.steps == 7);
  CHECK(r.trace.size() == 8);
  CHECK(r.reason == StopReason::step_budget);
  CHECK(r.x[0] == Approx(1.048576).epsilon(1e-14));
  CHECK(r.trace.back().evaluations == 8);
  CHECK(r.trace.rows()[3].learning_rate == 0.1);
}

TEST_CASE("gradient threshold stops at the first small gradient") {
  const Parabola f{0.5, 1.0, 0.5};
  const RunResult r = minimize(f, Vector::Constant(1, -2.5), 0.4, StopRules{.max_steps = 1000, .gradient_tolerance = 1e-3});
  CHECK(r.reason == StopReason::gradient_small);
  // |x − 1| = 3.5·0.6^t ≤ 1e-3 first at t = 16.
  CHECK(r.steps == 16);
  CHECK(r.trace.back().gradient_norm <= 1e-3);
  CHECK(r.trace.rows()[15].gradient_norm > 1e-3);
}

TEST_CASE("plateau rule waits for `patience` small changes in a row") {
  const Parabola f{0.5, 1.0, 0.5};
  const auto run = [&](int patience) {
    return minimize(f, Vector::Constant(1, -2.5), 0.4,
                    StopRules{.max_steps = 1000, .plateau_tolerance = 1e-6, .plateau_patience = patience});
  };
  const RunResult one = run(1);
  const RunResult three = run(3);
  CHECK(one.reason == StopReason::loss_plateau);
  CHECK(three.reason == StopReason::loss_plateau);
  CHECK(three.steps == one.steps + 2);
  const auto& rows = one.trace.rows();
  CHECK(std::abs(rows[rows.size() - 1].loss - rows[rows.size() - 2].loss) <= 1e-6);
  CHECK(std::abs(rows[rows.size() - 2].loss - rows[rows.size() - 3].loss) > 1e-6);
}

TEST_CASE("divergence stops the run and reports the step and loss") {
  // η = 2 on w²: w multiplies by −3 each step, the loss by 9. With the explosion threshold at
  // 1e12 × 25 the first loss above it is 25·9^t > 2.5e13, i.e. t = 13 (25·9^13 ≈ 6.4e13).
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), 2.0, StopRules{.max_steps = 100});
  REQUIRE(r.diverged());
  CHECK(r.reason == StopReason::diverged);
  CHECK(r.divergence->step == 13);
  CHECK(r.divergence->loss == Approx(25.0 * std::pow(9.0, 13)));
  CHECK(r.divergence->last_finite_loss == Approx(25.0 * std::pow(9.0, 12)));
  CHECK(r.trace.back().diverged);
  CHECK(r.trace.size() == 14);
  CHECK(std::isfinite(r.loss));
  CHECK(r.loss == Approx(25.0 * std::pow(9.0, 12)));
  CHECK(describe(*r.divergence).find("step 13") != std::string::npos);
}

TEST_CASE("a non-finite loss is divergence, not a crash") {
  const Parabola f;
  const RunResult r = minimize(f, Vector::Constant(1, 1e154), 1.5, StopRules{.max_steps = 50, .explosion_factor = INFINITY});
  REQUIRE(r.diverged());
  CHECK(r.divergence->step == 1);
  CHECK(std::isinf(r.divergence->loss));
  CHECK(std::isfinite(r.loss));
}

TEST_CASE("the callback can stop the run") {
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 5.0), ConstantRate{0.1}, StopRules{.max_steps = 100},
                               GradientDescent{}, [](const TraceRow& row) { return row.x[0] > 2.0; });
  CHECK(r.reason == StopReason::callback);
  CHECK(r.steps == 5);  // 5·0.8^5 = 1.6384 is the first value at or below 2
}

TEST_CASE("any schedule drives the learning rate, recorded per row") {
  const auto halving = [](int step) { return 0.4 / (1 << step); };
  const RunResult r = minimize(Parabola{}, Vector::Constant(1, 1.0), halving, StopRules{.max_steps = 3});
  CHECK(r.trace.rows()[0].learning_rate == 0.4);
  CHECK(r.trace.rows()[2].learning_rate == 0.1);
  // w1 = 1 − 0.4·2 = 0.2; w2 = 0.2 − 0.2·0.4 = 0.12; w3 = 0.12 − 0.1·0.24 = 0.096
  CHECK(r.x[0] == Approx(0.096));
}

TEST_CASE("behaviour: crawl, settle, oscillate, diverge on the shifted parabola") {
  const Parabola f{0.5, 1.0, 0.5};
  const auto behaviour = [&](double eta) {
    return classify(minimize(f, Vector::Constant(1, -2.5), eta, StopRules{.max_steps = 20}), f.minimizer(), 1e-3);
  };
  CHECK(behaviour(0.02) == Behaviour::crawling);
  CHECK(behaviour(0.1) == Behaviour::approaching);
  CHECK(behaviour(0.4) == Behaviour::converged);
  CHECK(behaviour(1.0) == Behaviour::converged);
  CHECK(behaviour(1.8) == Behaviour::oscillating_in);
  CHECK(behaviour(1.99) == Behaviour::bouncing);  // factor −0.99: 20 steps barely shrink the jumps
  CHECK(behaviour(2.2) == Behaviour::diverging);
  CHECK(classify(minimize(f, Vector::Constant(1, -2.5), 50.0, StopRules{.max_steps = 50}), f.minimizer(), 1e-3) ==
        Behaviour::diverged);
}
