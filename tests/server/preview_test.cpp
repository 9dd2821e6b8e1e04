// R7: "Preview as participant" shows what the participant's own client holds. For every
// participant of the demo dataset, the core's scoped_state equals the state a client builds
// from the server's full pull (read back with the client's entity_from_data), entity by entity.
#include <nlohmann/json.hpp>

#include "core/entity_codec.h"
#include "core/preview.h"
#include "core/scope.h"
#include "harness.h"
#include "server/demo.h"
#include "server/pull.h"
#include "server/storage/database.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// Every entity of `state` in its stored form, "kind:id" -> JSON text.
std::map<std::string, std::string> stored(const State& state) {
  std::map<std::string, std::string> out;
  auto add = [&](const Entity& e) {
    out[std::string(to_string(kind_of(e))) + ":" + id_of(e)] = entity_data(state, e, nullptr).dump();
  };
  for (const auto& [id, v] : state.companies) add(v);
  for (const auto& [id, v] : state.projects) add(v);
  for (const auto& [id, v] : state.journeys) add(v);
  for (const auto& [id, v] : state.cohorts) add(v);
  for (const auto& [id, v] : state.users) add(v);
  for (const auto& [id, v] : state.pathways) add(v);
  for (const auto& [id, list] : state.sessions)
    for (const Session& s : list) add(s);
  for (const auto& [id, v] : state.slots) add(v);
  for (const auto& [id, v] : state.grants) add(v);
  for (const auto& [id, v] : state.notes) add(v);
  for (const auto& [id, v] : state.escalations) add(v);
  return out;
}

}  // namespace

TEST_CASE("R7 scoped_state: a preview equals what the server's pull gives each participant of the demo") {
  State state;
  state.commit(server::build_demo(default_now()).changes);
  TempDir dir;
  server::storage::Database database((dir.path() / "empty.db").string());
  auto db = database.connect();
  int participants = 0, hidden = 0;
  for (const auto& entry : state.users) {
    const Id& id = entry.first;  // a plain name: a structured binding cannot be captured by CAPTURE in C++20
    const User& viewer = entry.second;
    if (viewer.role != Role::participant) continue;
    CAPTURE(id);
    ++participants;
    const std::string client = "preview";
    const std::string text =
        server::build_pull(state, *db, server::PullRequest{viewer, client, 0, 7, 0, 0, default_now()});
    const json body = json::parse(text);
    State pulled;  // as the participant's client reads the pull
    for (const json& change : body.at("changes")) {
      auto kind = parse_enum<EntityKind>(change.at("kind").get<std::string>());
      REQUIRE(kind);
      auto e = entity_from_data(*kind, change.at("data"));
      REQUIRE(e);
      pulled.commit(Change{e.value(), false});
    }
    const State preview = scoped_state(state, id);
    CHECK(stored(preview) == stored(pulled));
    // Hidden sessions of their own pathways are absent from both (R7).
    for (const Id& pid : state.ids(state.pathways_by_participant, id))
      for (const Session& s : state.sessions_of(pid))
        if (!participant_sees_session(state, s)) {
          ++hidden;
          CHECK(preview.session(s.id()) == nullptr);
        }
  }
  CHECK(participants >= 50);
  CHECK(hidden > 0);  // the demo hides sessions through blueprints
}
