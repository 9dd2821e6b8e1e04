// A small, fully-built world for rule tests, made through the same ops as production:
// one company, project, published journey (three 1:1 sessions and one pod session),
// a cohort showing all but "s4", two coaches, a programme lead, three participants.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/apply.h"
#include "core/op_codec.h"

namespace pathways::testing {

inline Time at(const char* text) {
  auto t = parse_time(text);
  REQUIRE_MESSAGE(t.has_value(), text);
  return *t;
}

// "now" in every test: Monday 2 November 2026, 09:00 UTC.
inline const Time now = *parse_time("2026-11-02T09:00:00Z");

inline const Actor admin{"admin", Role::admin};
inline const Actor coach{"coach1", Role::coach};
inline const Actor other_coach{"coach2", Role::coach};
inline const Actor lead{"lead1", Role::program_lead};
inline const Actor alice{"alice", Role::participant};
inline const Actor bob{"bob", Role::participant};
inline const Actor carol{"carol", Role::participant};

struct World {
  State state;
  std::vector<OutboxMessage> sent;  // every mail any applied op queued

  // Applies and commits; returns the rejection code name, or "applied".
  std::string run(const Actor& actor, OpBody body, Time when = now) {
    auto result = apply(state, body, actor, when);
    if (!result) return std::string(to_string(result.rejection().code));
    state.commit(result->changes);
    sent.insert(sent.end(), result->mail.begin(), result->mail.end());
    return "applied";
  }
  Applied must(const Actor& actor, OpBody body, Time when = now) {
    auto result = apply(state, body, actor, when);
    if (!result) FAIL("rejected: " << to_string(result.rejection().code) << ": " << result.rejection().message);
    state.commit(result->changes);
    sent.insert(sent.end(), result->mail.begin(), result->mail.end());
    return result.value();
  }
  const Session& session(const std::string& id) const {
    const Session* s = state.session(id);
    REQUIRE_MESSAGE(s != nullptr, id);
    return *s;
  }
  SessionStatus status(const std::string& id) const { return session(id).status; }
  int mails(MailTemplate kind, const std::string& subject) const {
    int n = 0;
    for (const auto& m : sent) n += (m.kind == kind && m.subject == subject) ? 1 : 0;
    return n;
  }
  // A slot of `coach_id` starting `offset` from now.
  std::string slot(const std::string& id, Seconds offset, const std::string& coach_id = "coach1",
                   SessionKind kind = SessionKind::one_to_one, int capacity = 1) {
    AddSlot op;
    op.slot = id;
    op.coach = coach_id;
    op.start = now + offset;
    op.duration_min = 60;
    op.capacity = capacity;
    op.kind = kind;
    must(admin, op);
    return id;
  }
  // Books the session into a fresh slot at `offset` (staff may book past slots).
  void book(const std::string& session_id, Seconds offset, const Actor& who = admin) {
    const Session& s = session(session_id);
    const std::string slot_id = "slot-" + session_id.substr(0, session_id.find('/')) + "-" + s.key;
    slot(slot_id, offset, state.pathway(s.pathway)->coach, s.kind, s.kind == SessionKind::pod ? 8 : 1);
    must(who, BookSession{session_id, slot_id});
  }
};

inline World make_world() {
  World w;
  User root;
  root.id = "admin";
  root.name = "Ada Admin";
  root.email = "admin@example.test";
  root.role = Role::admin;
  w.state.commit(Change{root});
  auto user = [&](const char* id, const char* name, Role role) {
    CreateUser u;
    u.user = id;
    u.name.value = name;
    u.email.value = std::string(id) + "@example.test";
    u.role = role;
    if (role == Role::program_lead) u.companies = std::vector<Id>{"acme"};
    w.must(admin, u);
  };
  w.must(admin, CreateCompany{"acme", {"Acme Ltd"}});
  w.must(admin, CreateCompany{"globex", {"Globex"}});
  w.must(admin, CreateProject{"acme-2026", "acme", {"Leadership 2026"}, Name{"PO-1"}});
  w.must(admin, CreateProject{"globex-2026", "globex", {"Globex pilot"}, std::nullopt});
  user("coach1", "Cora Coach", Role::coach);
  user("coach2", "Colin Coach", Role::coach);
  user("lead1", "Lena Lead", Role::program_lead);
  user("alice", "Alice Archer", Role::participant);
  user("bob", "Bob Baker", Role::participant);
  user("carol", "Carol Cole", Role::participant);
  CreateJourney j;
  j.journey = "lead";
  j.name.value = "Leading teams";
  j.max_extra_sessions = 2;
  w.must(admin, j);
  auto placeholder = [&](const char* id, const char* title, SessionKind kind) {
    AddPlaceholder p;
    p.journey = "lead";
    p.placeholder = id;
    p.title.value = title;
    p.kind = kind;
    p.duration_min = 60;
    w.must(admin, p);
  };
  placeholder("s1", "Kick-off", SessionKind::one_to_one);
  placeholder("s2", "Strengths", SessionKind::one_to_one);
  placeholder("pod1", "Peer pod", SessionKind::pod);
  placeholder("s4", "Stretch goals", SessionKind::one_to_one);
  w.must(admin, PublishJourney{"lead"});
  w.must(admin, CreateCohort{"c1", {"Spring cohort"}, "lead", "acme-2026"});
  w.must(admin, CreateCohort{"c2", {"Autumn cohort"}, "lead", "acme-2026"});
  w.must(admin, SetBlueprint{"c1", "s4", false});
  w.must(admin, EnrolParticipant{"pa", "alice", "c1", "coach1"});
  w.must(admin, EnrolParticipant{"pb", "bob", "c1", "coach1"});
  w.must(admin, EnrolParticipant{"pc", "carol", "c2", "coach2"});
  w.sent.clear();
  return w;
}

}  // namespace pathways::testing
