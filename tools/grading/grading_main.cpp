// The trusted main() of every exercise grading program.
//
// Under CTest or by hand it is an ordinary Catch2 runner. Under a grader (score_exercises,
// grade) the environment variable DESCENT_GRADE_CHANNEL="FD:NONCE" names an inherited pipe and
// a per-run secret. The variable is read and removed before any test runs; after the Catch2
// session has finished *normally*, and only if exactly one test case ran and it passed, this
// main writes "PASS NONCE" to the pipe. A submission that exits early (even with status 0),
// crashes, hangs or prints "All tests passed" therefore never produces the verdict, and the
// grader counts nothing it did not hear on the pipe.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

struct CaseCounter : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  static inline int finished = 0;
  static inline int passed = 0;
  void testCaseEnded(const Catch::TestCaseStats& stats) override {
    ++finished;
    if (stats.totals.assertions.allPassed()) ++passed;
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(CaseCounter)

int main(int argc, char* argv[]) {
  int channel = -1;
  std::string nonce;
  if (const char* spec = std::getenv("DESCENT_GRADE_CHANNEL")) {
    const std::string text = spec;
    const auto colon = text.find(':');
    if (colon != std::string::npos) {
      channel = std::atoi(text.substr(0, colon).c_str());
      nonce = text.substr(colon + 1);
    }
    ::unsetenv("DESCENT_GRADE_CHANNEL");
  }
  const int failed = Catch::Session().run(argc, argv);
  if (channel >= 0 && failed == 0 && CaseCounter::finished == 1 && CaseCounter::passed == 1) {
    const std::string verdict = "PASS " + nonce + "\n";
    [[maybe_unused]] const auto written = ::write(channel, verdict.data(), verdict.size());
  }
  return failed;
}
