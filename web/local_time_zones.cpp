// local_time_zones.h: a map of rules, read from the store once and written back whenever
// the server sends a zone. Platform-free: it uses shell/http and shell/storage.
#include "local_time_zones.h"

#include <cctype>
#include <map>

#include "core/protocol.h"
#include "core/time_zone_codec.h"
#include "local_time.h"
#include "nlohmann/json.hpp"
#include "shell/http.h"
#include "shell/storage.h"

namespace pathways::local_time {
namespace {

constexpr std::string_view store_file = "zones.json";
// A zone name as the server's path accepts it; anything else is never asked for.
constexpr std::size_t max_name_bytes = 64;

struct Kept {
  std::map<std::string, ZoneRules, std::less<>> rules;
  std::map<std::string, std::string, std::less<>> problems;
  std::map<std::string, double, std::less<>> asked;  // name -> when (monotonic_ms) it was last asked
};

// An unreachable server is asked again after this long (offline, the rules wait in vain).
constexpr double retry_ms = 30000.0;

// Read from the store the first time it is needed; entries that no longer validate are dropped.
Kept& kept() {
  static Kept k = [] {
    Kept out;
    out.rules.emplace("UTC", utc_zone());
    const auto text = storage::load(store_file);
    if (!text) return out;
    const auto stored = nlohmann::json::parse(*text, nullptr, false);
    if (!stored.is_array()) return out;
    for (const auto& item : stored)
      if (auto rules = zone_rules_from_json(item)) out.rules.insert_or_assign(rules->name, std::move(rules.value()));
    return out;
  }();
  return k;
}

void save(const Kept& k) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& [name, rules] : k.rules)
    if (name != "UTC") all.push_back(zone_rules_json(rules));
  storage::save(store_file, all.dump());
}

bool askable(std::string_view name) {
  if (name.empty() || name.size() > max_name_bytes) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+')) return false;
  return name.front() != '/' && name.back() != '/';
}

void ask(std::string_view name) {
  Kept& k = kept();
  const double now = monotonic_ms();
  if (auto it = k.asked.find(name); it != k.asked.end()) {
    const bool unreachable = zone_problem(name) == "offline";
    if (!unreachable || now - it->second < retry_ms) return;
    it->second = now;
  } else {
    k.asked.emplace(std::string(name), now);
  }
  if (!askable(name)) {
    k.problems.insert_or_assign(std::string(name), "not a time zone name");
    return;
  }
  const std::string wanted(name);
  http::get(std::string(protocol::path::time_zone_prefix) + wanted, "", [wanted](const http::Response& reply) {
    Kept& store = kept();
    if (!reply) {
      // Offline or the server is down: asked again after retry_ms when still wanted.
      store.problems.insert_or_assign(wanted, reply.unreachable() ? "offline" : "not a time zone the server knows");
      return;
    }
    const auto parsed = nlohmann::json::parse(reply.body, nullptr, false);
    auto rules = zone_rules_from_json(parsed);
    if (!rules || rules->name != wanted) {
      store.problems.insert_or_assign(wanted, rules ? "the server sent another zone" : rules.rejection().message);
      return;
    }
    store.problems.erase(wanted);
    store.rules.insert_or_assign(wanted, std::move(rules.value()));
    save(store);
  });
}

}  // namespace

std::string zone_problem(std::string_view name) {
  const Kept& k = kept();
  if (auto it = k.problems.find(name); it != k.problems.end()) return it->second;
  return {};
}

const ZoneRules* zone_rules(std::string_view name) {
  Kept& k = kept();
  if (name == "Etc/UTC") name = "UTC";
  if (auto it = k.rules.find(name); it != k.rules.end()) return &it->second;
  ask(name);
  return nullptr;
}

ZoneLookup zone_lookup() {
  return [](std::string_view name) -> const ZoneRules* {
    const Kept& k = kept();
    auto it = k.rules.find(name);
    return it != k.rules.end() ? &it->second : nullptr;
  };
}

std::string zone_of(const std::string& time_zone) {
  if (!time_zone.empty()) return time_zone;
  std::string browser = zone_name();
  return browser.empty() || browser == "Etc/UTC" ? "UTC" : browser;
}

}  // namespace pathways::local_time
