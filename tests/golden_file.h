// Reading tests/golden/scenarios.json, shared by the core suite (natively and in WASM) and
// the server suite (over HTTP), so both replay exactly the same entries.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace pathways::golden {

// "now", "now-2h", "now+3d", "now-30m" → a time relative to `base` (the file's notation).
inline std::optional<Time> relative_time(const std::string& text, Time base) {
  static const std::regex pattern(R"(now(?:([+-])(\d+)([mhd]))?)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  if (!m[1].matched) return base;
  const long long n = std::stoll(m[2]) * (m[1] == "-" ? -1 : 1);
  const Seconds unit = m[3] == "m" ? minutes(1) : m[3] == "h" ? hours(1) : days(1);
  return base + unit * n;
}

// `op` with every relative time among its string fields made absolute (RFC 3339).
inline nlohmann::json resolve_times(nlohmann::json op, Time base) {
  for (auto& [key, value] : op.items())
    if (value.is_string())
      if (auto t = relative_time(value.get<std::string>(), base)) value = format_time(*t);
  return op;
}

inline nlohmann::json load() {
  std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/golden/scenarios.json");
  REQUIRE_MESSAGE(in.good(), "tests/golden/scenarios.json is readable");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

}  // namespace pathways::golden
