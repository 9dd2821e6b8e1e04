// The device's clock, UTC to the second. The sync engine corrects it by the server's
// offset (SyncEngine::now); on screen, local_time.h turns it into the viewer's zone.
// Web: Date.now(). Native: the simulated tab's clock, which the test moves.
#pragma once

#include "core/time.h"

namespace pathways::clock {

Time now();

}  // namespace pathways::clock
