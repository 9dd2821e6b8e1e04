// Writing snapshots (the format is described in snapshot.h); snapshot_load.cpp reads them.
#include "snapshot.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "entity_codec.h"
#include "snapshot_format.h"

namespace pathways {
namespace {

using json = nlohmann::json;

json session_row(const Session& s) {
  json row = json::array({s.pathway, s.key, static_cast<int>(s.status), static_cast<int>(s.kind), s.duration_min,
                          static_cast<int>(s.missed_reason), s.slot, s.start == Time{} ? 0LL : unix_seconds(s.start),
                          s.booking_no, s.extra, s.retired, s.cancelled_by,
                          s.changed_at == Time{} ? 0LL : unix_seconds(s.changed_at)});
  const Session defaults;
  const json blank =
      json::array({"", "", static_cast<int>(defaults.status), static_cast<int>(defaults.kind), defaults.duration_min,
                   static_cast<int>(defaults.missed_reason), "", 0LL, 0, false, false, "", 0LL});
  std::size_t keep = row.size();
  while (keep > 2 && row[keep - 1] == blank[keep - 1]) --keep;
  row.erase(row.begin() + static_cast<std::ptrdiff_t>(keep), row.end());
  return row;
}

std::size_t session_count(const State& state) {
  std::size_t n = 0;
  for (const auto& [pathway, list] : state.sessions) n += list.size();
  return n;
}

}  // namespace

std::string save_snapshot(const State& state) {
  // Sorted by id, so equal states give equal documents (diffable, testable). The
  // document's keys are sorted too, which puts "counts" before the big lists it sizes and
  // "pathway" before the session rows that name pathways.
  json doc = json::object();
  doc["format"] = snapshot_format::current;
  json& counts = doc["counts"] = json::object();
  auto add = [&](const auto& map) {
    std::vector<const Id*> ids;
    ids.reserve(map.size());
    for (const auto& [id, value] : map) ids.push_back(&id);
    std::sort(ids.begin(), ids.end(), [](const Id* a, const Id* b) { return *a < *b; });
    if (ids.empty()) return;
    const std::string kind(to_string(kind_of(Entity{map.begin()->second})));
    counts[kind] = ids.size();
    json& list = doc[kind];
    for (const Id* id : ids) list.push_back(entity_data(state, Entity{map.at(*id)}, nullptr));
  };
  add(state.companies);
  add(state.projects);
  add(state.journeys);
  add(state.cohorts);
  add(state.users);
  add(state.pathways);
  add(state.slots);
  add(state.grants);
  add(state.notes);
  add(state.outbox);
  add(state.escalations);
  counts[std::string(to_string(EntityKind::session))] = session_count(state);
  std::vector<const Id*> pathway_ids;
  for (const auto& [pid, list] : state.sessions) pathway_ids.push_back(&pid);
  std::sort(pathway_ids.begin(), pathway_ids.end(), [](const Id* a, const Id* b) { return *a < *b; });
  doc["session_columns"] = snapshot_format::session_columns;
  json& rows = doc["session_rows"] = json::array();
  for (const Id* pid : pathway_ids)
    for (const Session& s : state.sessions.at(*pid)) rows.push_back(session_row(s));
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace pathways
