// random.h on crypto.getRandomValues.
#include <emscripten/emscripten.h>

#include "shell/random.h"

namespace pathways::random {
namespace {

// clang-format off
EM_JS(void, js_random_hex, (char* out, int bytes), {
  var a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  var s = "";
  for (var i = 0; i < bytes; ++i) s += (a[i] < 16 ? "0" : "") + a[i].toString(16);
  stringToUTF8(s, out, bytes * 2 + 1);
});
// clang-format on

}  // namespace

std::string hex(int bytes) {
  std::string out(static_cast<std::size_t>(bytes) * 2 + 1, '\0');
  js_random_hex(out.data(), bytes);
  out.resize(static_cast<std::size_t>(bytes) * 2);
  return out;
}

}  // namespace pathways::random
