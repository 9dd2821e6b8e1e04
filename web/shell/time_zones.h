// The IANA time zone names this browser knows (R17), for choosing a person's zone.
#pragma once

#include <string>
#include <vector>

namespace pathways::time_zones {

// Sorted names ("Africa/Abidjan" … "UTC"), from Intl.supportedValuesOf('timeZone'); where
// the browser lacks it, a short list of common zones. Read once and kept.
const std::vector<std::string>& names();

}  // namespace pathways::time_zones
