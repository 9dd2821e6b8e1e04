// Times on screen (R17): every instant in the data is UTC; the person sees it in the
// browser's time zone, in one unambiguous format ("Mon 23 Nov 2026, 14:00"). The offset is
// asked of the browser per instant, so summer time is right on either side of a change.
#pragma once

#include <string>

#include "core/time.h"

namespace pathways::local_time {

// The browser's clock (not yet corrected by the server's offset; the sync engine does that).
Time browser_now();
// Milliseconds since some start, for measuring.
double monotonic_ms();

// The browser's IANA time zone ("Europe/London"; Intl.DateTimeFormat), empty when it does not
// say. Reports bound their dates by this zone's midnights (R17).
std::string zone_name();

// Minutes to add to UTC to get local time at `t` (east of Greenwich is positive).
int utc_offset_minutes(Time t);

std::string format_date_time(Time t);   // "Mon 23 Nov 2026, 14:00"
std::string format_date(Time t);        // "Mon 23 Nov 2026"
std::string format_short_date(Time t);  // "23 Nov"
std::string format_clock(Time t);       // "14:00"

// Local midnight at or before `t`, and the Monday of its week (local).
Time start_of_local_day(Time t);
Time start_of_local_week(Time t);
// The instant of local `hh:mm` on the local day that starts at `day`.
Time at_local_time(Time day, int hour, int minute);

}  // namespace pathways::local_time
