// The core suite's entry point: the same tests run natively and in WebAssembly under node.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
