// pathways-zone-rules ZONE...: prints the core's rules for each IANA zone, as read from the
// system's tzdata, one JSON array (core/time_zone_codec.h). For fixtures and for checking
// what the server hands browsers.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/time_zone_codec.h"
#include "server/zone_database.h"

int main(int argc, char** argv) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 1; i < argc; ++i) {
    auto rules = pathways::server::read_zone_rules(argv[i]);
    if (!rules) {
      std::fprintf(stderr, "pathways-zone-rules: unknown time zone %s\n", argv[i]);
      return 2;
    }
    out.push_back(pathways::zone_rules_json(*rules));
  }
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
