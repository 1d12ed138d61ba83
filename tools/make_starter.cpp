// make_starter: turns an exercise's reference solution into the student's starter file.
//
//   make_starter SOLUTION STARTER
//   make_starter SOLUTION OUTPUT --body FILE
//
// In the solution, each region the student writes is marked:
//
//     // BEGIN SOLUTION
//     …reference code…
//     // END SOLUTION
//     // STARTER: return {};   // a stub that compiles
//
// The starter drops every marked region and un-comments the `// STARTER:` lines, keeping
// their indentation. With --body, each marked region is replaced by the lines of FILE instead
// (and the STARTER lines are dropped): that is how the project's tests build plausible wrong
// solutions from a few lines each. A solution with several regions takes a FILE with as many
// sections, separated by lines reading `// NEXT REGION`. A solution with unbalanced markers, or none at all, is an error (exit 2),
// so a broken exercise cannot ship its answer.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

int fail(const std::string& message) {
  std::cerr << "make_starter: " << message << '\n';
  return 2;
}

}  // namespace

int main(int argc, char* argv[]) {
  const bool with_body = argc == 5 && std::string(argv[3]) == "--body";
  if (argc != 3 && !with_body) return fail("usage: make_starter SOLUTION STARTER [--body FILE]");
  std::ifstream in(argv[1]);
  if (!in) return fail(std::string(argv[1]) + ": cannot read");
  std::vector<std::string> bodies(1);
  if (with_body) {
    std::ifstream body_file(argv[4]);
    if (!body_file) return fail(std::string(argv[4]) + ": cannot read");
    for (std::string line; std::getline(body_file, line);) {
      if (trimmed(line) == "// NEXT REGION") {
        bodies.emplace_back();
      } else {
        bodies.back() += line + '\n';
      }
    }
  }
  const std::string starter_marker = "// STARTER:";
  std::ostringstream out;
  if (with_body) {
    out << "// Generated from " << std::filesystem::path(argv[1]).filename().string() << " with the body of "
        << std::filesystem::path(argv[4]).filename().string() << ".\n";
  } else {
    out << "// Starter generated from " << std::filesystem::path(argv[1]).filename().string() << ".\n"
        << "// Replace each stub marked STARTER with your implementation, then run the tests.\n";
  }
  bool inside = false;
  int regions = 0;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    const std::string text = trimmed(line);
    if (text == "// BEGIN SOLUTION") {
      if (inside) return fail(std::string(argv[1]) + ":" + std::to_string(line_number) + ": nested BEGIN SOLUTION");
      inside = true;
      ++regions;
      if (with_body) {
        if (regions > static_cast<int>(bodies.size())) return fail(std::string(argv[4]) + ": fewer sections than regions");
        out << bodies[static_cast<std::size_t>(regions - 1)];
      }
      continue;
    }
    if (text == "// END SOLUTION") {
      if (!inside) return fail(std::string(argv[1]) + ":" + std::to_string(line_number) + ": END SOLUTION without BEGIN");
      inside = false;
      continue;
    }
    if (inside) continue;
    if (text.rfind(starter_marker, 0) == 0) {
      if (with_body) continue;
      const std::string indent = line.substr(0, line.find_first_not_of(" \t"));
      out << indent << trimmed(text.substr(starter_marker.size())) << "  // TODO: replace this stub\n";
      continue;
    }
    out << line << '\n';
  }
  if (inside) return fail(std::string(argv[1]) + ": BEGIN SOLUTION is never closed");
  if (regions == 0) return fail(std::string(argv[1]) + ": no BEGIN SOLUTION region");
  if (with_body && regions != static_cast<int>(bodies.size())) {
    return fail(std::string(argv[4]) + ": " + std::to_string(bodies.size()) + " sections for " + std::to_string(regions) +
                " regions");
  }
  std::ofstream file(argv[2], std::ios::trunc);
  if (!(file << out.str())) return fail(std::string(argv[2]) + ": cannot write");
  return 0;
}
