// Hidden grading cases of Exercise 5.1 (classify_critical_point): only an instructor's grading
// runs them; a student sees each case's name (the class of inputs) and whether it passed, never
// its inputs. Most Hessians are chosen spectra turned by a random rotation Q (H = Q·diag(λ)·Qᵀ),
// so that neither the diagonal nor the order of the entries says anything about the kind.

#include "classify_critical_point.requests.hpp"


#include <string>
#include <vector>

using grading::json;
using namespace requests;

namespace {

// The spectrum λ in a random orthonormal basis (the Q of a Gaussian matrix), made exactly symmetric.
Eigen::MatrixXd turned(descent::Random& random, const Eigen::VectorXd& lambda) {
  return grading::rotated(random, lambda);
}

Eigen::VectorXd spectrum(const std::vector<double>& values) {
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

// n curvatures of sizes in [0.5, 5], with the signs a kind needs: "saddle" has both signs (a
// random mix), "degenerate" one exact zero and one sign for the rest.
std::vector<double> curvatures_of(descent::Random& random, const std::string& kind, int n) {
  std::vector<double> values;
  const double sign = kind == "maximum" || (kind == "degenerate" && random.below(2) == 0) ? -1.0 : 1.0;
  for (int i = 0; i < n; ++i) values.push_back(sign * random.uniform(0.5, 5.0));
  if (kind == "saddle") {
    values[0] = -values[0];
    for (int i = 2; i < n; ++i) values[static_cast<std::size_t>(i)] *= random.below(2) == 0 ? -1.0 : 1.0;
  }
  if (kind == "degenerate") values[0] = 0.0;
  random.shuffle(values);
  return values;
}

// A Hessian "estimated" with an error that is not symmetric: S plus an antisymmetric part.
Eigen::MatrixXd with_antisymmetric_part(descent::Random& random, const Eigen::MatrixXd& s) {
  const Eigen::MatrixXd b = Eigen::MatrixXd::NullaryExpr(s.rows(), s.cols(), [&] { return random.uniform(-4.0, 4.0); });
  return s + (b - b.transpose());
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  descent::Random& random = book.random();
  const std::vector<std::string> kinds{"minimum", "maximum", "saddle", "degenerate"};

  {
    grading::Case every_kind{.name = "rotated Hessians of every kind, sizes 2 to 6, many in one run", .points = 3};
    for (int n = 2; n <= 6; ++n) {
      for (const std::string& k : kinds) {
        every_kind.calls.push_back(classify(turned(random, spectrum(curvatures_of(random, k, n))), 1e-6));
        every_kind.closed_form.push_back(kind(k));
      }
    }
    book.add(every_kind);
  }

  {
    grading::Case near_zero{.name = "rotated Hessians with one eigenvalue just inside or just outside the tolerance",
                            .points = 2};
    for (int n = 2; n <= 6; ++n) {
      for (const double small : {0.6e-3, 1.5e-3}) {
        const bool negative = random.below(2) == 0;
        const std::string k = random.below(2) == 0 ? "minimum" : "maximum";
        std::vector<double> values = curvatures_of(random, k, n);
        values.front() = negative ? -small : small;
        const bool inside = small < 1e-3;
        const bool mixed = negative == (k == "minimum");
        near_zero.calls.push_back(classify(turned(random, spectrum(values)), 1e-3));
        near_zero.closed_form.push_back(kind(inside ? "degenerate" : mixed ? "saddle" : k));
      }
    }
    book.add(near_zero);
  }

  book.add({.name = "large curvatures beside a small one that is not zero (the tolerance is absolute)",
            .points = 1,
            .calls = {classify(turned(random, spectrum({800.0, 0.05, 200.0})), 0.01),
                      classify(turned(random, spectrum({-3.0, -1000.0, -0.02, -40.0})), 0.01),
                      classify(turned(random, spectrum({0.03, -500.0, 60.0, 1.0, 7.0})), 0.01)},
            .closed_form = {kind("minimum"), kind("maximum"), kind("saddle")}});

  {
    grading::Case zero_between{.name = "a zero eigenvalue beside a positive and a negative one, sizes 3 to 6", .points = 2};
    for (int n = 3; n <= 6; ++n) {
      std::vector<double> values = curvatures_of(random, "minimum", n);
      values[0] = -values[0];  // one direction down, one flat, the others up
      values[1] = 0.0;
      random.shuffle(values);
      zero_between.calls.push_back(classify(turned(random, spectrum(values)), 1e-6));
      zero_between.closed_form.push_back(kind("saddle"));
    }
    book.add(zero_between);
  }

  {
    grading::Case spun{.name = "estimates that are not symmetric: rotated Hessians plus an antisymmetric error, sizes 2 to 6",
                       .points = 2};
    for (int n = 2; n <= 6; ++n) {
      for (const std::string& k : {kinds[static_cast<std::size_t>(n % 4)], kinds[static_cast<std::size_t>((n + 1) % 4)]}) {
        spun.calls.push_back(classify(with_antisymmetric_part(random, turned(random, spectrum(curvatures_of(random, k, n)))), 1e-6));
        spun.closed_form.push_back(kind(k));
      }
    }
    book.add(spun);
  }

  // An even number of negative eigenvalues and a large positive one: determinant and trace > 0.
  book.add({.name = "saddles with a positive determinant and a positive trace, sizes 3 to 6",
            .points = 1,
            .calls = {classify(turned(random, spectrum({-1.0, 6.0, -2.0})), 1e-6),
                      classify(turned(random, spectrum({3.0, -1.0, 4.0, -2.0})), 1e-6),
                      classify(turned(random, spectrum({-0.5, 2.0, 3.0, -1.0, 4.0})), 1e-6),
                      classify(turned(random, spectrum({-1.0, -1.0, 3.0, -1.0, 5.0, -1.0})), 1e-6)},
            .closed_form = {kind("saddle"), kind("saddle"), kind("saddle"), kind("saddle")}});

  book.add({.name = "maxima in two, four and six dimensions (a positive determinant)",
            .points = 1,
            .calls = {classify(turned(random, spectrum({-2.0, -0.7})), 1e-6),
                      classify(turned(random, spectrum({-1.0, -3.0, -0.6, -2.0})), 1e-6),
                      classify(turned(random, spectrum({-4.0, -1.0, -2.5, -0.8, -3.0, -1.5})), 1e-6)},
            .closed_form = {kind("maximum"), kind("maximum"), kind("maximum")}});

  // Entries a power of two below the largest: the solver's eigenvalues are the entries exactly.
  book.add({.name = "axis-aligned Hessians with eigenvalues exactly at plus or minus the tolerance, sizes 3 to 6",
            .points = 1,
            .calls = {classify(diagonal({2.0, -0.5, 1.0}), 0.5), classify(diagonal({-2.0, 0.5, -1.0, -4.0}), 0.5),
                      classify(diagonal({4.0, 0.5, -0.5, 1.0, 2.0}), 0.5),
                      classify(diagonal({-4.0, 0.5, 4.0, 1.0, -0.5, 2.0}), 0.5)},
            .closed_form = {kind("degenerate"), kind("degenerate"), kind("degenerate"), kind("saddle")}});

  book.add({.name = "one-dimensional Hessians (1 × 1)",
            .points = 1,
            .calls = {classify(diagonal({3.0}), 1e-6), classify(diagonal({-2.0}), 1e-6), classify(diagonal({0.0}), 1e-6),
                      classify(diagonal({-4e-7}), 1e-6)},
            .closed_form = {kind("minimum"), kind("maximum"), kind("degenerate"), kind("degenerate")}});
}
