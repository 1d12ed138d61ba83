#pragma once
// Runs a chapter program as a reader would, capturing what it prints (stdout and stderr).

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>
#include <sys/wait.h>

struct Run {
  int status = -1;  ///< exit code, or -1 if the program did not exit normally
  std::string out;  ///< stdout and stderr together
};

inline Run run_program(const std::string& binary, const std::string& args) {
  const std::string command = binary + " " + args + " 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// True when one line of `text` holds these cells, in this order (tables pad their columns with
// spaces, so a test names the cells and not the padding).
inline bool has_row(const std::string& text, const std::vector<std::string>& cells) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    const std::string line = text.substr(begin, end - begin);
    std::size_t at = 0;
    bool all = true;
    for (const auto& cell : cells) {
      at = line.find(cell, at);
      if (at == std::string::npos) {
        all = false;
        break;
      }
      at += cell.size();
    }
    if (all) return true;
    begin = end + 1;
  }
  return false;
}

// The number right after `label` in `text` (e.g. "slope against η: 1.049"); the book's minus
// sign (−) reads as '-'. Throws when the label is missing, which fails the test.
inline double number_after(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  if (at == std::string::npos) throw std::runtime_error("no '" + label + "' in the output");
  std::string word = text.substr(at + label.size(), 24);
  for (const std::string minus = "−"; word.find(minus) != std::string::npos;) {
    word.replace(word.find(minus), minus.size(), "-");
  }
  return std::stod(word);
}
