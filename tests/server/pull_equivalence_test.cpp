// The pull's fast JSON writer (server/entity_json.h) shapes bytes only: scope and redaction
// are the core's (core/scope.h, core/entity_fields.h). Its text equals the core codec's
// (core/entity_codec.h) byte for byte, and a full pull's changes equal the core's scope
// written by the codec, for every viewer of the demo dataset and of a generated one.
#include <limits>
#include <nlohmann/json.hpp>

#include "bench_dataset.h"
#include "core/entity_codec.h"
#include "core/scope.h"
#include "harness.h"
#include "server/demo.h"
#include "server/entity_json.h"
#include "server/json_text.h"
#include "server/pull.h"
#include "server/storage/database.h"
#include "server/storage/entity_store.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The demo, plus what it lacks: notes, grants, and text that needs escaping.
State demo_state() {
  State state;
  state.commit(server::build_demo(default_now()).changes);
  const Pathway* pw = nullptr;
  for (const auto& [id, p] : state.pathways)
    if (!state.sessions_of(id).empty() && (!pw || id < pw->id)) pw = &p;
  REQUIRE(pw);
  const Session& s = state.sessions_of(pw->id).front();
  User odd = *state.user(pw->participant);
  odd.name = "Zo\xc3\xab \"Q\" \\ O'Neil\t\x01 caf\xc3\xa9 \xe2\x98\x95 bad\xff\xfe";
  const Id session_id = s.id();
  const Id pathway_id = pw->id;
  const Id coach = pw->coach;
  state.commit(Change{odd, false});
  state.commit(Change{Note{"note-1", session_id, coach, "Line one\nline \"two\"\r\n\x1f end", default_now()}, false});
  Grant g;
  g.id = "grant-1";
  g.pathway = pathway_id;
  g.count = 2;
  g.po_ref = "PO \u00e9 7";
  g.reason = "Needs two more";
  g.approver = "admin";
  g.at = default_now();
  state.commit(Change{g, false});
  return state;
}

State generated_state(const TempDir& dir) {
  const std::string path = (dir.path() / "generated.db").string();
  bench::write_dataset(path, {4, 30}, default_now());
  server::storage::Database database(path);
  auto db = database.connect();
  State state;
  server::storage::load_entities(*db, state);
  return state;
}

template <class F>
void for_each_entity(const State& state, F&& f) {
  auto all = [&](const auto& map) {
    for (const auto& [id, v] : map) f(Entity{v});
  };
  all(state.companies);
  all(state.projects);
  all(state.journeys);
  all(state.cohorts);
  all(state.users);
  all(state.pathways);
  for (const auto& [id, list] : state.sessions)
    for (const Session& s : list) f(Entity{s});
  all(state.slots);
  all(state.grants);
  all(state.notes);
  all(state.escalations);
}

// The change entries of a full pull, as the server wrote them before it had its own
// scope and writer: the core's for_each_in_scope and entity_data, one JSON tree each.
std::string core_changes(const State& state, const User& viewer, std::int64_t version) {
  std::string out;
  for_each_in_scope(state, viewer, [&](const Entity& e) {
    if (!out.empty()) out += ',';
    out += "{\"kind\":\"" + std::string(to_string(kind_of(e))) + "\",\"id\":" + dumped(json(id_of(e))) +
           ",\"version\":" + std::to_string(version) +
           ",\"deleted\":false,\"data\":" + dumped(entity_data(state, e, &viewer)) + "}";
  });
  return out;
}

void check_equivalence(const State& state, server::sql::Connection& db) {
  int viewers = 0;
  for (const auto& [viewer_id, viewer] : state.users) {
    CAPTURE(viewer_id);
    ++viewers;
    const Scope scope(state, viewer);
    const server::EntityJsonWriter writer(scope);

    // Every entity, as this viewer may read it.
    for_each_entity(state, [&](const Entity& e) {
      CAPTURE(id_of(e));
      std::string mine;
      writer.append(mine, e);
      CHECK(mine == dumped(entity_data(state, e, &viewer)));
    });

    // A full pull, byte for byte.
    const std::string client = "equivalence";
    server::PullRequest request{viewer, client, 0, 7, 0, 0, default_now()};
    const std::string text = server::build_pull(state, db, request);
    const json body = json::parse(text);
    const std::string expected = "\"changes\":[" + core_changes(state, viewer, 7) + "]";
    CHECK(text.find(expected) != std::string::npos);
    CHECK(body.at("reset") == true);
  }
  CHECK(viewers > 5);
}

}  // namespace

TEST_CASE("the pull's entity text equals the core codec's for every viewer of the demo dataset") {
  TempDir dir;
  server::storage::Database database((dir.path() / "empty.db").string());
  auto db = database.connect();
  check_equivalence(demo_state(), *db);
}

TEST_CASE("the pull's entity text equals the core codec's for every viewer of a generated dataset") {
  TempDir dir;
  const State state = generated_state(dir);
  server::storage::Database database((dir.path() / "empty.db").string());
  auto db = database.connect();
  check_equivalence(state, *db);
}

TEST_CASE("json_text writes strings exactly as nlohmann's dump does") {
  const std::vector<std::string> samples = {
      "",
      "plain-id_1.2:3@x+y/z",
      "quote \" backslash \\ slash /",
      std::string("controls \x01\x02\x1f and \x7f", 19),
      "\b\f\n\r\t",
      std::string("nul \0 inside", 12),
      "caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x98\x80",
      "invalid \xff\xfe end",
      "truncated \xc3",
      "surrogate \xed\xa0\x80 half",
      "overlong \xc0\xaf slash",
      "mixed \"\xc3\xa9\"\n\xff",
  };
  for (const std::string& s : samples) {
    CAPTURE(s);
    std::string mine;
    server::json_text::append_string(mine, s);
    CHECK(mine == dumped(json(s)));
  }
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42}, std::int64_t{9007199254740993},
                         std::numeric_limits<std::int64_t>::min()}) {
    std::string mine;
    server::json_text::append_integer(mine, n);
    CHECK(mine == dumped(json(n)));
  }
}
