// The main() of an answer program: an exercise file (the student's, the reference, a starter or
// a pinned wrong solution) built with its adapter, answering the grader's requests:
//
//   answer_program REQUESTS ANSWERS
//
// (exercises/protocol.hpp, protocol::serve). Whatever the exercise prints goes to stdout and
// stderr, which the grader may show as feedback for public cases; only the answers are compared.
// Nothing here is trusted: the grader decides every outcome from the answers alone.
//
// DESCENT_EXERCISE_IO names the adapter header, which includes the exercise file.

#include DESCENT_EXERCISE_IO

int main(int argc, char* argv[]) { return protocol::serve(argc, argv, exercise_io::answer); }
