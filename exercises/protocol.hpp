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
//
// The functions are compiled once (protocol.cpp, in the answer runtime every answer program
// links), so that an answer program compiles little more than the exercise file itself.

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace protocol {

using json = nlohmann::json;

/// A request the adapter cannot read (a missing or malformed argument).
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

json number(double x);
double to_number(const json& j);
json vector(const Eigen::VectorXd& v);
json numbers(const std::vector<double>& values);
Eigen::VectorXd to_vector(const json& j);
std::vector<double> to_numbers(const json& j);
/// A matrix as its rows.
json matrix(const Eigen::MatrixXd& m);
Eigen::MatrixXd to_matrix(const json& j);
json vectors(const std::vector<Eigen::VectorXd>& list);
/// The argument `name` of a request, or BadRequest.
const json& arg(const json& args, const char* name);
/// The "args" of a request for `call`, or BadRequest when the request is for another call (or
/// has no "args"): the first line of an adapter that answers a single call.
const json& args_of(const json& request, const char* call);
int to_int(const json& j);

/// An adapter: the answer to one request (exercises/NN_name/cases/<exercise>.io.hpp).
using Adapter = json (*)(const json& request);

/// The answer program's main loop: `program REQUESTS ANSWERS` reads one JSON request per line
/// and writes one answer per line, {"value": …} or {"error": "…"} when the adapter threw.
int serve(int argc, char* argv[], Adapter answer);

}  // namespace protocol
