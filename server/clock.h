// The server's one source of "now". The core never reads a clock; the server reads this
// one, and tests replace it to replay scenarios at fixed times.
#pragma once

#include <chrono>
#include <functional>

#include "core/time.h"

namespace pathways::server {

using Clock = std::function<Time()>;

inline Time system_now() { return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now()); }

}  // namespace pathways::server
