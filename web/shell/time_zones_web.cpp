// time_zones.h on the browser's Intl API (the server checks every name against tzdata).
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "shell/time_zones.h"

namespace pathways::time_zones {
namespace {

// One name a line.
// clang-format off
EM_JS(char*, js_time_zone_names, (), {
  var names = [];
  try {
    if (typeof Intl.supportedValuesOf === 'function') names = Intl.supportedValuesOf('timeZone');
  } catch (e) {}
  if (!names.length) {
    names = ['Africa/Johannesburg', 'America/Chicago', 'America/Los_Angeles', 'America/New_York',
             'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney',
             'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Pacific/Auckland'];
  }
  var out = String(names.join('\n')); var size = lengthBytesUTF8(out) + 1; var buffer = _malloc(size); stringToUTF8(out, buffer, size); return buffer;
});
// clang-format on

std::vector<std::string> read_names() {
  char* text = js_time_zone_names();
  std::vector<std::string> out;
  std::istringstream lines(text ? text : "");
  std::free(text);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.push_back(line);
  // Chromium leaves UTC out of the list; people still choose it.
  if (std::find(out.begin(), out.end(), "UTC") == out.end()) out.push_back("UTC");
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

const std::vector<std::string>& names() {
  static const std::vector<std::string> list = read_names();
  return list;
}

}  // namespace pathways::time_zones
