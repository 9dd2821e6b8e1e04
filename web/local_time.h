// Times on screen (R17): every instant in the data is UTC; the person sees it in the
// browser's time zone, in one unambiguous format ("Mon 23 Nov 2026, 14:00"). The offset is
// asked of the browser per instant, so summer time is right on either side of a change.
#pragma once

#include <string>

#include "core/time.h"
#include "core/time_zone.h"

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

// The same formats on a given zone's wall clock (the core's to_local over rules kept by
// local_time_zones.h): for what is read in another person's zone, e.g. a coach's calendar.
std::string format_date(const ZoneRules& zone, Time t);       // "Mon 23 Nov 2026"
std::string format_clock(const ZoneRules& zone, Time t);      // "14:00"
std::string format_date_time(const ZoneRules& zone, Time t);  // "Mon 23 Nov 2026, 14:00"
// A local date in words, "Mon 23 Nov 2026".
std::string format_date(CivilDate date);

// R17, DESIGN.md §5: how far this device's clock is off the server's, in words, when it is
// off by more than a minute: "2 h 5 min fast" / "3 min slow"; empty otherwise.
// `server_minus_device_s`: the server's clock minus this device's, in seconds.
std::string describe_clock_offset(long long server_minus_device_s);

// Local midnight at or before `t`, and the Monday of its week (local).
Time start_of_local_day(Time t);
Time start_of_local_week(Time t);
// The instant of local `hh:mm` on the local day that starts at `day`.
Time at_local_time(Time day, int hour, int minute);

}  // namespace pathways::local_time
