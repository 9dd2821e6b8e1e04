// Any byte string given to the op decoder yields an Op or a Rejection: never a crash, an
// abort or an escaping exception. Decoded ops are also applied to a small state, so the
// rules see arbitrary well-formed ops too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/apply.h"
#include "core/op_codec.h"

namespace {

pathways::State make_state() {
  using namespace pathways;
  State s;
  User admin;
  admin.id = "admin";
  admin.name = "Admin";
  admin.role = Role::admin;
  s.commit(Change{admin});
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const pathways::State state = make_state();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto op = pathways::decode_op(bytes);
  if (op) {
    // A decoded op re-encodes and decodes to the same text.
    const std::string text = pathways::encode_op_text(op.value());
    auto again = pathways::decode_op(text);
    if (!again || pathways::encode_op_text(again.value()) != text) __builtin_trap();
    for (auto role : {pathways::Role::admin, pathways::Role::coach, pathways::Role::participant})
      (void)pathways::apply(state, op.value(), pathways::Actor{"admin", role}, op->at);
  } else if (op.rejection().message.empty()) {
    __builtin_trap();  // every rejection explains itself
  }
  return 0;
}
