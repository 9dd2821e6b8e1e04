// The op wire format (DESIGN.md §5a): strict decoding of untrusted bytes into typed ops,
// and the encoding clients send. Decoding never throws, aborts or crashes: any input
// gives an Op or a Rejection (malformed, unknown_op, missing_field, wrong_type, …).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "ops.h"
#include "rejection.h"

namespace pathways {

constexpr std::size_t max_op_bytes = 64 * 1024;

Result<Op> decode_op(std::string_view bytes);
Result<Op> decode_op_value(const nlohmann::json& value);  // an already-parsed value

nlohmann::json encode_op(const Op& op);
std::string encode_op_text(const Op& op);

}  // namespace pathways
