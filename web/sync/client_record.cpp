#include "sync/client_record.h"

#include "core/op_codec.h"
#include "json_field.h"
#include "nlohmann/json.hpp"

namespace pathways {

using json = nlohmann::json;

std::string encode_client_record(const ClientRecord& record) {
  json pending = json::array();
  if (record.pending_wire.empty())
    for (const Op& op : record.pending) pending.push_back(encode_op(op));
  json rejected = json::array();
  for (const RejectedOp& r : record.rejected)
    rejected.push_back({{"seq", r.seq}, {"op", r.op_json}, {"code", r.code}, {"message", r.message}});
  const json doc{
      {"user", record.user},           {"client_id", record.client_id},         {"next_seq", record.next_seq},
      {"version", record.version},     {"clock_offset", record.clock_offset_s}, {"last_sync", record.last_sync},
      {"pending", std::move(pending)}, {"rejected", std::move(rejected)}};
  std::string text = doc.dump(-1, ' ', false, json::error_handler_t::replace);
  if (record.pending_wire.empty()) return text;
  // The encoded ops go into the empty "pending" array as they are. The first match is the
  // key's: the keys before it (sorted) hold the client id, numbers and a time.
  const std::string empty = "\"pending\":[]";
  const std::size_t at = text.find(empty);
  std::size_t length = 0;
  for (std::string_view op : record.pending_wire) length += op.size() + 1;
  std::string ops;
  ops.reserve(length);
  for (std::string_view op : record.pending_wire) {
    if (!ops.empty()) ops += ',';
    ops += op;
  }
  text.insert(at + empty.size() - 1, ops);
  return text;
}

std::optional<ClientRecord> decode_client_record(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return std::nullopt;
  ClientRecord record;
  record.user = json_field(doc, "user", "");
  record.client_id = json_field(doc, "client_id", "");
  record.next_seq = json_field(doc, "next_seq", std::int64_t{1});
  record.version = json_field(doc, "version", std::int64_t{0});
  record.clock_offset_s = static_cast<long long>(json_field(doc, "clock_offset", std::int64_t{0}));
  record.last_sync = json_field(doc, "last_sync", "");
  if (const auto it = doc.find("pending"); it != doc.end() && it->is_array())
    for (const json& op : *it)
      if (auto decoded = decode_op_value(op)) record.pending.push_back(std::move(decoded.value()));
  if (const auto it = doc.find("rejected"); it != doc.end() && it->is_array())
    for (const json& r : *it)
      record.rejected.push_back({json_field(r, "seq", std::int64_t{0}), json_field(r, "op", ""),
                                 json_field(r, "code", ""), json_field(r, "message", "")});
  return record;
}

}  // namespace pathways
