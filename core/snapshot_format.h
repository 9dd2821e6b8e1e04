// What the writer (snapshot.cpp) and the reader (snapshot_load.cpp) of snapshots agree
// on: the format numbers and the columns of a session row. core/snapshot.h describes
// the document.
#pragma once

#include <array>

namespace pathways::snapshot_format {

// Format 3 adds "counts" (sizes to reserve before reading); format 2 reads the same way
// without it, so bases stored by older clients still load.
constexpr int current = 3;
constexpr int oldest_readable = 2;

// Session row columns, in order. Rows stop after the last value that is not the default.
constexpr std::array session_columns{"pathway", "key",   "status",     "kind",  "duration_min", "missed_reason",
                                     "slot",    "start", "booking_no", "extra", "retired",      "cancelled_by"};

}  // namespace pathways::snapshot_format
