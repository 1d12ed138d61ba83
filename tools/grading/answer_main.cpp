// The main() of an answer program: an exercise file (the student's, the reference, a starter or
// a pinned wrong solution) built with its adapter, answering the grader's requests.
//
//   answer_program REQUESTS ANSWERS
//
// reads one JSON request per line from REQUESTS and writes one JSON answer per line to ANSWERS
// (exercises/protocol.hpp). Whatever the exercise prints goes to stdout/stderr, which the grader
// may show as feedback for public cases; only the answers are compared. Nothing here is trusted:
// the grader decides every outcome from the answers alone.
//
// DESCENT_EXERCISE_IO names the adapter header, which includes the exercise file.

#include DESCENT_EXERCISE_IO

#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char* argv[]) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " REQUESTS ANSWERS\n";
    return 2;
  }
  std::ifstream requests(argv[1]);
  std::ofstream answers(argv[2], std::ios::trunc);
  if (!requests || !answers) {
    std::cerr << argv[0] << ": cannot open " << (!requests ? argv[1] : argv[2]) << '\n';
    return 2;
  }
  for (std::string line; std::getline(requests, line);) {
    protocol::json answer;
    try {
      answer = {{"value", exercise_io::answer(protocol::json::parse(line))}};
    } catch (const std::exception& error) {
      answer = {{"error", error.what()}};
    } catch (...) {
      answer = {{"error", "an exception that is not a std::exception"}};
    }
    // Flushed per answer: after a crash the grader still sees which call it happened in.
    answers << answer.dump(-1, ' ', false, protocol::json::error_handler_t::replace) << std::endl;
  }
  return 0;
}
