#pragma once
// The answer protocol: how the grader asks a program built from an exercise file for answers.
//
// The grader never compiles an exercise file into its own code. It builds the exercise file
// into a small answer program (tools/grading/answer_main.cpp plus the exercise's adapter,
// exercises/NN_name/cases/<exercise>.io.hpp) and hands it requests, one JSON object per line:
//
//   {"call": "descent_path", "args": {"gradient": {...}, "start": [3.0], ...}}
//
// The program writes one JSON answer per request, in order: {"value": ...} with what the
// function returned (and what it changed in place), or {"error": "..."} when it threw. The
// grader owns everything else: which requests, the expected answers (from the reference
// solution, computed on its side), the comparison and the points.
//
// Numbers travel as JSON numbers when finite and as the strings "inf", "-inf" and "nan"
// otherwise (JSON has no such numbers); vectors as arrays, matrices as arrays of rows.

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace protocol {

using json = nlohmann::json;

/// A request the adapter cannot read (a missing or malformed argument).
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline json number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

inline double to_number(const json& j) {
  if (j.is_number()) return j.get<double>();
  if (j == "inf") return std::numeric_limits<double>::infinity();
  if (j == "-inf") return -std::numeric_limits<double>::infinity();
  if (j == "nan") return std::numeric_limits<double>::quiet_NaN();
  throw BadRequest("not a number: " + j.dump());
}

inline json vector(const Eigen::VectorXd& v) {
  json out = json::array();
  for (const double x : v) out.push_back(number(x));
  return out;
}

inline json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (const double x : values) out.push_back(number(x));
  return out;
}

inline Eigen::VectorXd to_vector(const json& j) {
  if (!j.is_array()) throw BadRequest("not a vector: " + j.dump());
  Eigen::VectorXd v(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i) v[static_cast<Eigen::Index>(i)] = to_number(j[i]);
  return v;
}

inline std::vector<double> to_numbers(const json& j) {
  const Eigen::VectorXd v = to_vector(j);
  return {v.begin(), v.end()};
}

/// A matrix as its rows.
inline json matrix(const Eigen::MatrixXd& m) {
  json rows = json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) rows.push_back(vector(m.row(r).transpose()));
  return rows;
}

inline Eigen::MatrixXd to_matrix(const json& j) {
  if (!j.is_array() || j.empty() || !j[0].is_array()) throw BadRequest("not a matrix (an array of rows): " + j.dump());
  Eigen::MatrixXd m(static_cast<Eigen::Index>(j.size()), static_cast<Eigen::Index>(j[0].size()));
  for (std::size_t r = 0; r < j.size(); ++r) {
    if (j[r].size() != j[0].size()) throw BadRequest("matrix rows of different lengths");
    m.row(static_cast<Eigen::Index>(r)) = to_vector(j[r]).transpose();
  }
  return m;
}

inline json vectors(const std::vector<Eigen::VectorXd>& list) {
  json out = json::array();
  for (const auto& v : list) out.push_back(vector(v));
  return out;
}

/// The argument `name` of a request, or BadRequest.
inline const json& arg(const json& args, const char* name) {
  if (!args.is_object() || !args.contains(name)) throw BadRequest(std::string("missing argument '") + name + "'");
  return args.at(name);
}

inline int to_int(const json& j) {
  if (!j.is_number_integer()) throw BadRequest("not a whole number: " + j.dump());
  return j.get<int>();
}

}  // namespace protocol
