// What the sync engine keeps about this browser's client in the store, as client.json
// (DESIGN.md section 5): whose it is, the client id, the next seq, the base version, the
// server clock offset, the last sync, the pending ops (wire format, in seq order) and the
// rejected ops. The base state itself is base.json, a core snapshot (core/snapshot.h).
//
// Reading trusts nothing (json_field): a missing or mistyped field gets its default, and a
// pending op that no longer decodes is left out, so a store written by another build
// opens with what this one understands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ops.h"

namespace pathways {

// An op the server refused: kept, with its verdict, until the person discards it.
struct RejectedOp {
  std::int64_t seq = 0;
  std::string op_json;  // the op as sent
  std::string code;     // the server's stable code
  std::string message;  // the server's sentence
};

struct ClientRecord {
  Id user;                // the signed-in user it belongs to
  std::string client_id;  // random 128-bit, hex; empty when the store had none
  std::int64_t next_seq = 1;
  std::int64_t version = 0;      // the server version of the base
  long long clock_offset_s = 0;  // server time - device time, seconds
  std::string last_sync;         // RFC 3339 UTC; empty: never
  std::vector<Op> pending;       // in seq order
  // Written instead of `pending` when not empty: the same ops already in the wire format
  // (encode_op_text), which the engine keeps so it encodes each op once.
  std::vector<std::string_view> pending_wire;
  std::vector<RejectedOp> rejected;
};

inline constexpr const char* client_file = "client.json";
inline constexpr const char* base_file = "base.json";

std::string encode_client_record(const ClientRecord& record);
// Nothing when `text` is not a JSON object.
std::optional<ClientRecord> decode_client_record(std::string_view text);

}  // namespace pathways
