#include "effective_time.h"

#include <algorithm>

namespace pathways {

Time effective_time(const OpTimes& times, TimeBasis basis, Time known_before) {
  // [mutation R1 clock] -> Time t = times.claimed;
  Time t = std::min(times.claimed, times.received);
  // [end mutation]
  // [mutation R4 receipt]
  if (basis == TimeBasis::receipt) t = times.received;
  // [end mutation]
  // [mutation effective floor]
  t = std::max(t, known_before);
  // [end mutation]
  return t;
}

}  // namespace pathways
