// The sync protocol in one place (DESIGN.md §5): its version, limits and the codes that
// are not op rejections. The server and the browser client both include this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "time.h"

namespace pathways::protocol {

// Bumped when the wire format changes incompatibly; the server answers "update needed"
// (426) to clients below `oldest_supported_version`.
constexpr int version = 1;
constexpr int oldest_supported_version = 1;

constexpr std::size_t max_body_bytes = 1024 * 1024;  // 413 above
constexpr std::size_t max_ops_per_push = 500;

// Time bounds on an op's `at`: not in the server's future (beyond clock skew), and not
// older than the offline window.
constexpr Seconds max_future_skew = minutes(5);
constexpr Seconds offline_window = days(30);

// Codes of protocol-level errors (op rejections use RejectCode).
namespace code {
constexpr std::string_view bad_request = "bad_request";
constexpr std::string_view unauthorized = "unauthorized";
constexpr std::string_view forbidden = "forbidden";
constexpr std::string_view not_found = "not_found";
constexpr std::string_view too_large = "too_large";
constexpr std::string_view rate_limited = "rate_limited";
constexpr std::string_view seq_gap = "seq_gap";              // push skipped a seq
constexpr std::string_view client_taken = "client_taken";    // client_id belongs to another user
constexpr std::string_view update_needed = "update_needed";  // schema version too old
constexpr std::string_view unavailable = "unavailable";      // temporary; retry (503)
constexpr std::string_view time_out_of_range = "time_out_of_range";
}  // namespace code

}  // namespace pathways::protocol
