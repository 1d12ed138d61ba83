// Grading cases of Exercise 4.1 (minibatch_gradient) that students see in their pack. All of
// them use the three samples of the exercise page; the closed forms, worked by hand, are checked
// against the reference.

#include "minibatch_gradient.requests.hpp"

using grading::json;
using namespace requests;

namespace {

// The page's data: x = (1, 2), (2, 0), (0, 1), y = 1, 5, −1, and w = (1, 1), where the residuals
// x_iᵀw − y_i are 2, −3, 2 and the single-sample gradients 2·x_i·r_i are (4, 8), (−12, 0), (0, 4).
const Rows page_X{{1.0, 2.0}, {2.0, 0.0}, {0.0, 1.0}};
const std::vector<double> page_y{1.0, 5.0, -1.0};
const std::vector<double> page_w{1.0, 1.0};

json on_page_data(const Indices& batch) { return minibatch_gradient(page_X, page_y, page_w, batch); }

json value(const std::vector<double>& gradient) { return {{"value", gradient}}; }

}  // namespace

void public_cases(grading::CaseBook& book) {
  book.add({.name = "a batch of one sample is that sample's own gradient 2·x_i·(x_iᵀw − y_i)",
            .points = 2,
            .calls = {on_page_data({1})},
            .hint = "Row 1 has x = (2, 0), y = 5, so x·w − y = −3 and the gradient is 2·(2, 0)·(−3) = (−12, 0): "
                    "prediction minus target, the factor 2 of the square, and a mean over B = 1 sample.",
            .closed_form = {value({-12.0, 0.0})}});

  book.add({.name = "the page's example: rows 1 and 2 of three",
            .points = 3,
            .calls = {on_page_data({1, 2})},
            .hint = "Expected ((−12, 0) + (0, 4))/2 = (−6, 2): the mean over the B = 2 rows named in the batch, "
                    "not over all N = 3 rows, and not the first two rows of X.",
            .closed_form = {value({-6.0, 2.0})}});

  book.add({.name = "a row drawn twice counts twice",
            .points = 2,
            .calls = {on_page_data({2, 0, 2, 2})},
            .hint = "Expected (3·(0, 4) + (4, 8))/4 = (1, 5): row 2 appears three times, so it is added three "
                    "times, and B = 4 counts every entry of the batch.",
            .closed_form = {value({1.0, 5.0})}});

  book.add({.name = "the batch of every row, in order, gives the full gradient",
            .points = 1,
            .calls = {on_page_data({0, 1, 2})},
            .hint = "With B = N the batch mean is the full gradient: ((4, 8) + (−12, 0) + (0, 4))/3 = (−8/3, 4).",
            .closed_form = {value({-8.0 / 3.0, 4.0})}});

  book.add({.name = "an empty batch is refused",
            .points = 1,
            .calls = {on_page_data({})},
            .hint = "An empty batch has no mean: throw std::invalid_argument instead of dividing by 0.",
            .closed_form = {{{"error", "an empty batch has no mean"}}},
            .reference_throws = true});
}
