#pragma once
// Runs a chapter program as a reader would, capturing what it prints (stdout and stderr).

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
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
