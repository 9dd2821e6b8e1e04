// An op in words for the sync panel: "Book Kick-off, Amara Adams at Mon 23 Nov 2026, 14:00".
// Names are read from `state` (the view the person sees); what it no longer holds is
// shown by id. Times are in the viewer's zone (local_time.h).
#pragma once

#include <string>

#include "core/ops.h"
#include "core/state.h"

namespace pathways {

std::string describe_op(const State& state, const OpBody& body);

}  // namespace pathways
