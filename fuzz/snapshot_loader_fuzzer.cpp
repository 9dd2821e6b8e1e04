// Any byte string given to the snapshot loader yields a State or a Rejection: never a
// crash, an abort or an escaping exception (it is what a browser reads back from its own
// store, and a store can be damaged). A document that loads saves to text that loads to
// the same text again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto state = pathways::load_snapshot(bytes);
  if (!state) {
    if (state.rejection().message.empty()) __builtin_trap();  // every rejection explains itself
    return 0;
  }
  const std::string saved = pathways::save_snapshot(state.value());
  auto again = pathways::load_snapshot(saved);
  if (!again || pathways::save_snapshot(again.value()) != saved) __builtin_trap();
  return 0;
}
