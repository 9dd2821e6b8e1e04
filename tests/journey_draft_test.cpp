// R9: edits to a published journey are a draft until published again; the publish preview
// says what publishing will do, and publishing does exactly that. Also the names of
// journeys and sessions (one line, at most 200 characters).
#include "core/journey_draft.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/entity_codec.h"
#include "core/snapshot.h"
#include "core/text_rules.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

AddPlaceholder add(const char* id, const char* title, SessionKind kind = SessionKind::one_to_one, int minutes_ = 60) {
  AddPlaceholder p;
  p.journey = "lead";
  p.placeholder = id;
  p.title.value = title;
  p.kind = kind;
  p.duration_min = minutes_;
  return p;
}

UpdatePlaceholder edit(const char* id, std::optional<const char*> title, std::optional<int> minutes_,
                       std::optional<SessionKind> kind = std::nullopt) {
  UpdatePlaceholder u;
  u.journey = "lead";
  u.placeholder = id;
  if (title) u.title = Name{*title};
  u.duration_min = minutes_;
  u.kind = kind;
  return u;
}

const Journey& journey_of(const World& w) { return *w.state.journey("lead"); }

std::vector<Id> ids(const std::vector<Placeholder>& list) {
  std::vector<Id> out;
  for (const Placeholder& p : list) out.push_back(p.id);
  return out;
}

bool shows(const World& w, const char* cohort, const char* placeholder) {
  const auto& bp = w.state.cohort(cohort)->blueprint;
  return std::binary_search(bp.begin(), bp.end(), Id(placeholder));
}

// What an applied op did to sessions, counted as the preview counts.
struct Done {
  SessionCounts sessions;
  std::set<Id> pathways;
};
Done sessions_done(const State& before, const Applied& applied) {
  Done d;
  for (const Change& c : applied.changes) {
    const Session* s = std::get_if<Session>(&c.entity);
    if (!s) continue;
    const Session* old = before.session(s->id());
    d.pathways.insert(s->pathway);
    if (c.deleted)
      ++d.sessions.removed;
    else if (!old)
      ++d.sessions.created;
    else if (s->retired && !old->retired)
      ++d.sessions.kept_retired;
    else
      ++d.sessions.updated;
  }
  return d;
}

}  // namespace

TEST_CASE("R9 an unpublished journey is edited directly; a published one through a draft") {
  World w = make_world();
  CreateJourney j;
  j.journey = "fresh";
  j.name.value = "Fresh";
  w.must(admin, j, now);
  AddPlaceholder a = add("f1", "First");
  a.journey = "fresh";
  w.must(admin, a);
  CHECK(w.state.journey("fresh")->placeholders.size() == 1);
  CHECK_FALSE(w.state.journey("fresh")->draft);

  // Published: each edit goes to the draft, the published list and every session stay.
  const auto published = journey_of(w).placeholders;
  const auto alice_before = w.state.sessions_of("pa");
  w.must(admin, add("s5", "Wrap-up"), now + minutes(1));
  w.must(admin, edit("s2", "Strengths, again", 45, SessionKind::pod));
  w.must(admin, MovePlaceholder{"lead", "pod1", 0});
  w.must(admin, RetirePlaceholder{"lead", "s1"}, now + minutes(7));
  CHECK(journey_of(w).placeholders == published);
  REQUIRE(journey_of(w).draft);
  CHECK(ids(*journey_of(w).draft) == std::vector<Id>{"pod1", "s1", "s2", "s4", "s5"});
  CHECK(find_in(*journey_of(w).draft, "s1")->retired);
  CHECK(find_in(*journey_of(w).draft, "s2")->kind == SessionKind::pod);
  CHECK(find_in(*journey_of(w).draft, "s2")->duration_min == 45);
  CHECK(journey_of(w).changed_at == now + minutes(7));
  CHECK(w.state.sessions_of("pa").size() == alice_before.size());
  CHECK(w.state.session("pa/s5") == nullptr);
  CHECK(working_placeholders(journey_of(w)).size() == 5);
}

TEST_CASE("R9 a placeholder added to a published journey is shown in every cohort's blueprint, which may hide it") {
  World w = make_world();
  w.must(admin, add("s5", "Wrap-up"));
  CHECK(shows(w, "c1", "s5"));
  CHECK(shows(w, "c2", "s5"));
  // The blueprint matrix may hide a column that exists only in the draft.
  w.must(admin, SetBlueprint{"c1", "s5", false});
  CHECK_FALSE(shows(w, "c1", "s5"));
  // A cohort created while the draft is pending shows it too.
  w.must(admin, CreateCohort{"c3", {"Winter"}, "lead", "acme-2026"});
  CHECK(shows(w, "c3", "s5"));
  w.must(admin, PublishJourney{"lead"});
  CHECK_FALSE(journey_of(w).draft);
  CHECK(find_in(journey_of(w).placeholders, "s5"));
  // Existing pathways get it: Unbooked where shown, Greyed out where hidden.
  CHECK(w.status("pa/s5") == SessionStatus::greyed_out);
  CHECK(w.status("pb/s5") == SessionStatus::greyed_out);
  CHECK(w.status("pc/s5") == SessionStatus::unbooked);
  CHECK(w.session("pc/s5").duration_min == 60);
}

TEST_CASE("R9 publishing never rewrites Booked, Completed or Missed sessions") {
  struct Row {
    const char* name;
    SessionStatus status;
    bool rewritten;
  };
  const Row rows[] = {{"unbooked", SessionStatus::unbooked, true},
                      {"greyed out", SessionStatus::greyed_out, true},
                      {"booked", SessionStatus::booked, false},
                      {"completed", SessionStatus::completed, false},
                      {"missed", SessionStatus::missed, false}};
  for (const Row& row : rows) {
    CAPTURE(row.name);
    World w = make_world();
    switch (row.status) {
      case SessionStatus::unbooked:
        break;
      case SessionStatus::greyed_out:
        w.must(admin, GreyOut{"pa/s2"});
        break;
      case SessionStatus::booked:
        w.book("pa/s2", days(3));
        break;
      case SessionStatus::completed:
      case SessionStatus::missed:
        w.book("pa/s2", -hours(3));
        w.must(coach, MarkAttendance{
                          "pa/s2", row.status == SessionStatus::completed ? Outcome::completed : Outcome::missed,
                          row.status == SessionStatus::missed ? std::optional(MissedReason::no_show) : std::nullopt});
        break;
    }
    const Session before = w.session("pa/s2");
    REQUIRE(before.status == row.status);
    w.must(admin, edit("s2", "Strengths II", 30, SessionKind::pod));
    w.must(admin, PublishJourney{"lead"});
    const Session& after = w.session("pa/s2");
    CHECK(after.status == row.status);
    CHECK((after.duration_min == 30) == row.rewritten);
    CHECK((after.kind == SessionKind::pod) == row.rewritten);
    CHECK(after.slot == before.slot);
    // Bob's untouched s2 follows the draft; the title is the placeholder's, for everyone.
    CHECK(w.session("pb/s2").duration_min == 30);
    CHECK(session_title(w.state, after) == "Strengths II");
  }
}

TEST_CASE("R9 retiring through the draft: sessions with history are kept, marked retired; the others go") {
  World w = make_world();
  w.book("pa/s1", -hours(3));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.book("pb/s2", days(2));
  w.must(admin, RetirePlaceholder{"lead", "s1"});
  CHECK(w.state.session("pb/s1") != nullptr);  // nothing happens before publishing
  CHECK(w.run(admin, UpdatePlaceholder{"lead", "s1", Name{"Renamed"}, std::nullopt, std::nullopt}) == "retired");
  CHECK(w.run(admin, RetirePlaceholder{"lead", "s1"}) == "retired");
  w.must(admin, RetirePlaceholder{"lead", "s2"});
  CHECK(sessions_with_history(w.state, journey_of(w), "s1") == 1);
  w.must(admin, PublishJourney{"lead"});
  CHECK(w.session("pa/s1").retired);
  CHECK(w.status("pa/s1") == SessionStatus::completed);
  CHECK(w.state.session("pb/s1") == nullptr);
  CHECK(w.state.session("pc/s1") == nullptr);
  CHECK(w.session("pb/s2").retired);
  CHECK(w.status("pb/s2") == SessionStatus::booked);
  CHECK(w.state.session("pa/s2") == nullptr);
  CHECK(find_placeholder(journey_of(w), "s1")->retired);
}

TEST_CASE("R9 a placeholder only in the draft is removed by retiring it, from the draft and the blueprints") {
  World w = make_world();
  w.must(admin, add("s5", "Wrap-up"));
  w.must(admin, RetirePlaceholder{"lead", "s5"});
  CHECK_FALSE(journey_of(w).draft);  // the draft is the published list again: no draft
  CHECK_FALSE(shows(w, "c2", "s5"));
  CHECK(w.run(admin, PublishJourney{"lead"}) == "invalid_transition");
}

TEST_CASE("R9 publishing a published journey without a draft is refused; discarding restores the published list") {
  World w = make_world();
  auto result = apply(w.state, PublishJourney{"lead"}, admin, now);
  REQUIRE_FALSE(result);
  CHECK(result.rejection().code == RejectCode::invalid_transition);
  CHECK(result.rejection().message == "This journey is published and has no draft changes to publish.");
  CHECK(w.run(admin, DiscardDraft{"lead"}) == "invalid_transition");
  CHECK(w.run(coach, DiscardDraft{"lead"}) == "forbidden");

  const auto published = journey_of(w).placeholders;
  w.must(admin, add("s5", "Wrap-up"));
  w.must(admin, edit("s1", "Kick-off!", std::nullopt));
  // An edit undone by hand leaves no draft.
  World undo = w;
  undo.must(admin, RetirePlaceholder{"lead", "s5"});
  undo.must(admin, edit("s1", "Kick-off", std::nullopt));
  CHECK_FALSE(journey_of(undo).draft);

  w.must(admin, DiscardDraft{"lead"});
  CHECK_FALSE(journey_of(w).draft);
  CHECK(journey_of(w).placeholders == published);
  CHECK_FALSE(shows(w, "c1", "s5"));
  CHECK_FALSE(shows(w, "c2", "s5"));
  CHECK(w.state.session("pa/s5") == nullptr);
}

TEST_CASE("R9 edits are checked against the draft: ids, titles, durations and positions") {
  World w = make_world();
  w.must(admin, add("s5", "Wrap-up"));
  CHECK(w.run(admin, add("s5", "Again")) == "already_exists");  // only in the draft
  CHECK(w.run(admin, add("s1", "Again")) == "already_exists");  // published
  CHECK(w.run(admin, add("s6", "  ")) == "invalid_value");
  CHECK(w.run(admin, add("s6", "Fine", SessionKind::pod, 3)) == "invalid_value");
  CHECK(w.run(admin, edit("s5", "", std::nullopt)) == "invalid_value");
  CHECK(w.run(admin, edit("nope", "X", std::nullopt)) == "not_found");
  CHECK(w.run(admin, MovePlaceholder{"lead", "s5", 5}) == "invalid_value");
  CHECK(w.run(admin, MovePlaceholder{"lead", "s5", -1}) == "invalid_value");
  CHECK(w.run(admin, MovePlaceholder{"lead", "s5", 4}) == "applied");
  CHECK(w.run(coach, add("s7", "Coach's")) == "forbidden");
  CHECK(w.run(admin, SetBlueprint{"c1", "ghost", false}) == "not_found");
}

TEST_CASE("R9 the publish preview says what publishing does: changes, pathways and sessions") {
  World w = make_world();
  // History: alice completed s1, bob has s2 booked.
  w.book("pa/s1", -hours(3));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.book("pb/s2", days(2));
  w.must(admin, add("s5", "Wrap-up", SessionKind::pod, 90));
  w.must(admin, SetBlueprint{"c2", "s5", false});
  w.must(admin, edit("s2", std::nullopt, 45));               // duration: alice's and carol's s2
  w.must(admin, edit("pod1", "Peer circle", std::nullopt));  // title only
  w.must(admin, RetirePlaceholder{"lead", "s1"});            // alice's kept, bob's and carol's go
  w.must(admin, MovePlaceholder{"lead", "s4", 0});

  const PublishPreview preview = publish_preview(w.state, journey_of(w));
  REQUIRE(preview.changes.size() == 5);
  std::map<DraftChangeKind, const DraftChange*> by_kind;
  for (const DraftChange& c : preview.changes)
    if (c.kind != DraftChangeKind::edited) by_kind[c.kind] = &c;

  const DraftChange& added = *by_kind.at(DraftChangeKind::added);
  CHECK(added.after.id == "s5");
  CHECK(added.pathways == 3);
  CHECK(added.sessions == SessionCounts{3, 0, 0, 0});

  const DraftChange& retired = *by_kind.at(DraftChangeKind::retired);
  CHECK(retired.before.id == "s1");
  CHECK(retired.pathways == 3);
  CHECK(retired.sessions == SessionCounts{0, 0, 1, 2});

  CHECK(by_kind.count(DraftChangeKind::reordered) == 1);
  CHECK(preview.changes.back().kind == DraftChangeKind::reordered);
  CHECK(preview.changes.back().pathways == 3);

  for (const DraftChange& c : preview.changes) {
    if (c.kind != DraftChangeKind::edited) continue;
    if (c.after.id == "s2") {
      CHECK(c.duration_changed);
      CHECK_FALSE(c.title_changed);
      CHECK(c.before.duration_min == 60);
      CHECK(c.after.duration_min == 45);
      CHECK(c.sessions == SessionCounts{0, 2, 0, 0});  // bob's booked s2 is never rewritten
      CHECK(c.pathways == 3);
    } else {
      CHECK(c.after.id == "pod1");
      CHECK(c.title_changed);
      CHECK_FALSE(c.kind_changed);
      CHECK(c.before.title == "Peer pod");
      CHECK(c.after.title == "Peer circle");
      CHECK(c.sessions == SessionCounts{});
    }
  }
  CHECK(preview.pathways == 3);
  CHECK(preview.sessions == SessionCounts{3, 2, 1, 2});

  // Publishing does exactly this.
  const State before = w.state;
  const Applied applied = w.must(admin, PublishJourney{"lead"});
  const Done done = sessions_done(before, applied);
  CHECK(done.sessions == preview.sessions);
  CHECK(static_cast<int>(done.pathways.size()) == preview.pathways);
  CHECK(ids(journey_of(w).placeholders) == std::vector<Id>{"s4", "s1", "s2", "pod1", "s5"});
  CHECK(w.status("pc/s5") == SessionStatus::greyed_out);
  CHECK(w.status("pa/s5") == SessionStatus::unbooked);
  CHECK(w.session("pa/s5").kind == SessionKind::pod);
  CHECK(w.session("pa/s5").duration_min == 90);
  CHECK(publish_preview(w.state, journey_of(w)).changes.empty());
}

TEST_CASE("R9 participants never receive a journey's draft; staff, storage and snapshots do") {
  World w = make_world();
  w.must(admin, add("s5", "Secret plan"));
  const Entity journey{journey_of(w)};
  const auto for_alice = entity_data(w.state, journey, w.state.user("alice"));
  CHECK_FALSE(for_alice.contains("draft"));
  CHECK(for_alice.dump().find("Secret plan") == std::string::npos);
  const auto for_admin = entity_data(w.state, journey, w.state.user("admin"));
  REQUIRE(for_admin.contains("draft"));
  CHECK(for_admin["draft"].size() == 5);
  // The stored form keeps it, and a journey without a draft has no field at all.
  const auto stored = entity_data(w.state, journey, nullptr);
  auto back = entity_from_data(EntityKind::journey, stored);
  REQUIRE(back);
  CHECK(std::get<Journey>(back.value()).draft == journey_of(w).draft);
  CHECK(std::get<Journey>(back.value()).changed_at == journey_of(w).changed_at);
  World clean = make_world();
  CHECK_FALSE(entity_data(clean.state, Entity{journey_of(clean)}, nullptr).contains("draft"));
}

TEST_CASE("R9 snapshots keep drafts and the last change; snapshots written before drafts still load") {
  World w = make_world();
  w.must(admin, add("s5", "Wrap-up"), now + hours(1));
  const std::string text = save_snapshot(w.state);
  auto loaded = load_snapshot(text);
  REQUIRE(loaded);
  REQUIRE(loaded->journey("lead")->draft);
  CHECK(*loaded->journey("lead")->draft == *journey_of(w).draft);
  CHECK(loaded->journey("lead")->changed_at == now + hours(1));
  CHECK(save_snapshot(loaded.value()) == text);

  // An older snapshot's journey has neither field.
  auto doc = nlohmann::json::parse(text);
  for (auto& j : doc["journey"]) {
    j.erase("draft");
    j.erase("changed_at");
  }
  auto old = load_snapshot(doc.dump());
  REQUIRE(old);
  CHECK_FALSE(old->journey("lead")->draft);
  CHECK(old->journey("lead")->placeholders == journey_of(w).placeholders);
}

TEST_CASE("R9 names of journeys and sessions: required, one line, at most 200 characters (not bytes)") {
  CHECK(character_count("") == 0);
  CHECK(character_count("abc") == 3);
  CHECK(character_count("\xC3\xA9t\xC3\xA9") == 3);
  CHECK(character_count("\xF0\x9F\x98\x80") == 1);
  std::string emoji;
  for (int i = 0; i < 200; ++i) emoji += "\xF0\x9F\x98\x80";
  CHECK_FALSE(check_name(emoji, "A journey needs a name."));
  CHECK(check_name(emoji + "x", "A journey needs a name.")->message ==
        "A name is at most 200 characters; this one has 201.");
  CHECK(check_name(" ", "A journey needs a name.")->message == "A journey needs a name.");
  CHECK(check_name("Two\nlines", "A journey needs a name."));
  CHECK_FALSE(check_name("Say \"hi\" \xE2\x80\x94 it's fine", "A journey needs a name."));

  World w = make_world();
  CreateJourney j;
  j.journey = "emoji";
  j.name.value = emoji;
  CHECK(w.run(admin, j) == "applied");
  j.journey = "long";
  j.name.value = std::string(201, 'a');
  CHECK(w.run(admin, j) == "invalid_value");
  j.name.value = "";
  CHECK(w.run(admin, j) == "invalid_value");
  AddPlaceholder p = add("s9", "Line\nbreak");
  CHECK(w.run(admin, p) == "invalid_value");
  // The op codec bounds bytes (800, four per character): 200 emoji pass, 201 do not.
  nlohmann::json op = {
      {"seq", 1}, {"at", "2026-11-02T09:00:00Z"}, {"type", "create_journey"}, {"journey", "j2"}, {"name", emoji}};
  CHECK(decode_op(op.dump()));
  op["name"] = emoji + "\xF0\x9F\x98\x80";
  CHECK_FALSE(decode_op(op.dump()));
}
