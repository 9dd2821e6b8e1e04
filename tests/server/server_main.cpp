// The server suite's entry point.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // tests hang up on the server on purpose
  doctest::Context context(argc, argv);
  return context.run();
}
