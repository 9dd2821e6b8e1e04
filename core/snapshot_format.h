// What the writer (snapshot.cpp) and the reader (snapshot_load.cpp) of snapshots agree
// on: the format numbers and the columns of a session row. core/snapshot.h describes
// the document.
#pragma once

#include <array>

#include "enums.h"

namespace pathways::snapshot_format {

// Format 3 adds "counts" (sizes to reserve before reading); format 2 reads the same way
// without it, so bases stored by older clients still load.
constexpr int current = 3;
constexpr int oldest_readable = 2;

// Session row columns, in order. Rows stop after the last value that is not the default.
constexpr std::array session_columns{"pathway",       "key",          "status",    "kind",       "duration_min",
                                     "missed_reason", "slot",         "start",     "booking_no", "extra",
                                     "retired",       "cancelled_by", "changed_at"};

// Session rows hold status, kind and missed reason as numbers: these values are stored
// in every client's base state, so they are pinned here and never follow the order in
// which the enums happen to be declared. A new value takes a new number.
static_assert(static_cast<int>(SessionStatus::unbooked) == 0 && static_cast<int>(SessionStatus::booked) == 1 &&
              static_cast<int>(SessionStatus::completed) == 2 && static_cast<int>(SessionStatus::missed) == 3 &&
              static_cast<int>(SessionStatus::greyed_out) == 4);
static_assert(static_cast<int>(SessionKind::one_to_one) == 0 && static_cast<int>(SessionKind::pod) == 1);
static_assert(static_cast<int>(MissedReason::none) == 0 && static_cast<int>(MissedReason::no_show) == 1 &&
              static_cast<int>(MissedReason::late_cancellation) == 2 &&
              static_cast<int>(MissedReason::coach_no_show) == 3);
// The largest stored value of each, for the reader's range checks.
constexpr int max_status = 4, max_kind = 1, max_missed_reason = 3;

}  // namespace pathways::snapshot_format
