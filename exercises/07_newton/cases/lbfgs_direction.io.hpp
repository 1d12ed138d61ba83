#pragma once
// How the grader calls Exercise 7.2 (see exercises/protocol.hpp):
//   {"call": "lbfgs_direction", "args": {"gradient": [..], "s": [[..], ..], "y": [[..], ..]}}
// answers the direction, a vector. The pairs are listed oldest first; every one has sᵀy > 0.

#include "lbfgs_direction.hpp"

#include "protocol.hpp"

#include <string>
#include <vector>

namespace exercise_io {

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& args = args_of(request, "lbfgs_direction");
  const auto pairs = [&](const char* name) {
    if (!arg(args, name).is_array()) throw BadRequest(std::string("lbfgs_direction: ") + name + " is not a list");
    std::vector<Eigen::VectorXd> list;
    for (const json& v : arg(args, name)) list.push_back(to_vector(v));
    return list;
  };
  const std::vector<Eigen::VectorXd> s = pairs("s"), y = pairs("y");
  if (s.size() != y.size()) throw BadRequest("lbfgs_direction: as many s as y");
  return vector(exercises::lbfgs_direction(to_vector(arg(args, "gradient")), s, y));
}

}  // namespace exercise_io
