// [SECTION] index
//   Builder     applies ops to a local state and records their changes
//   Calendar    hands out non-overlapping slot times per coach, past and future
//   Set-up      companies, projects, users, journeys, cohorts
//   Pathways    one progress profile per participant: every status appears
#include "server/demo.h"

#include <array>
#include <map>
#include <stdexcept>

#include "core/apply.h"
#include "server/zone_database.h"

namespace pathways::server {
namespace {

// [SECTION] Builder

class Builder {
 public:
  Builder() {
    User root;
    root.id = "admin";
    root.name = "Ada Admin";
    root.email = "admin@demo.test";
    root.role = Role::admin;
    record({Change{root}});
  }

  // Every demo op must apply: a rejection is a bug in this file, not a runtime condition.
  void run(const Actor& actor, OpBody body, Time at) {
    auto result = apply(state_, body, actor, OpTimes{at, at}, zones_);
    if (!result)
      throw std::logic_error("demo op " + std::string(to_string(static_cast<OpType>(body.index()))) + " by " +
                             actor.id + " rejected: " + result.rejection().message);
    record(result->changes);
  }

  const State& state() const { return state_; }
  std::vector<Change> take_changes() { return std::move(changes_); }

 private:
  void record(const std::vector<Change>& changes) {
    state_.commit(changes);
    changes_.insert(changes_.end(), changes.begin(), changes.end());
  }

  State state_;
  std::vector<Change> changes_;
  ZoneDatabase zone_database_;  // R17: users' zones are checked against tzdata, as in a push
  ZoneLookup zones_ = [this](std::string_view name) { return zone_database_.find(name); };
};

const Actor admin{"admin", Role::admin};

// [SECTION] Calendar

bool weekday(Time t) {
  const long long day = unix_seconds(t) / 86400;
  const long long dow = (day + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
  return dow < 5;
}

std::string slot_id(const Id& coach, Time start) {
  std::string t = format_time(start);  // YYYY-MM-DDTHH:MM:SSZ
  return "slot-" + coach + "-" + t.substr(0, 4) + t.substr(5, 2) + t.substr(8, 2) + "-" + t.substr(11, 2) +
         t.substr(14, 2);
}

// One coach's diary: 1:1 slots on weekdays at fixed hours, a pod slot at 12:30 on Wednesdays.
class Calendar {
 public:
  Calendar(Builder& b, Id coach, Time day0) : b_(b), coach_(std::move(coach)), day0_(day0) {}

  // Every 1:1 and pod slot of the next 14 days, so participants have free times to book.
  void open_next_two_weeks() {
    for (int d = 1; d <= 14; ++d) {
      const Time day = day0_ + days(d);
      if (!weekday(day)) continue;
      for (int h : one_to_one_hours) future_one_to_one_.push_back(add(day + hours(h), 60, SessionKind::one_to_one, 1));
      if (is_wednesday(day)) future_pods_.push_back(add(day + hours(12) + minutes(30), 90, SessionKind::pod, 8));
    }
  }
  // The next free 1:1 slot after today, in time order.
  Id next_future_one_to_one() {
    if (next_future_ == future_one_to_one_.size()) throw std::logic_error("demo: no free 1:1 slot for " + coach_);
    return future_one_to_one_[next_future_++];
  }
  // The first pod slot of the next two weeks with a free place.
  Id next_future_pod() {
    for (const Id& id : future_pods_)
      if (const Slot* s = b_.state().slot(id); s && s->taken < s->capacity) return id;
    throw std::logic_error("demo: no free pod place for " + coach_);
  }

  // A fresh slot in the past, going back from yesterday.
  Id next_past_one_to_one() {
    while (true) {
      if (past_hour_ == std::size(one_to_one_hours)) {
        past_hour_ = 0;
        ++past_day_;
      }
      const Time day = day0_ - days(past_day_);
      const int h = one_to_one_hours[past_hour_++];
      if (weekday(day)) return add(day + hours(h), 60, SessionKind::one_to_one, 1);
    }
  }
  // A past pod slot with a free place (a new one a week earlier when the last is full).
  Id past_pod_with_place() {
    if (!past_pods_.empty()) {
      const Slot* s = b_.state().slot(past_pods_.back());
      if (s && s->taken < s->capacity) return s->id;
    }
    Time day = day0_ - days(1 + 7 * static_cast<long long>(past_pods_.size()));
    while (!is_wednesday(day)) day -= days(1);
    past_pods_.push_back(add(day + hours(12) + minutes(30), 90, SessionKind::pod, 8));
    return past_pods_.back();
  }

  Time start_of(const Id& slot) const { return b_.state().slot(slot)->start; }

 private:
  static constexpr int one_to_one_hours[] = {9, 10, 11, 14, 15, 16};

  static bool is_wednesday(Time t) { return (unix_seconds(t) / 86400 + 3) % 7 == 2; }

  Id add(Time start, int duration, SessionKind kind, int capacity) {
    AddSlot op;
    op.slot = slot_id(coach_, start);
    op.coach = coach_;
    op.start = start;
    op.duration_min = duration;
    op.capacity = capacity;
    op.kind = kind;
    b_.run(Actor{coach_, Role::coach}, op, day0_ - days(60));
    return op.slot;
  }

  Builder& b_;
  Id coach_;
  Time day0_;
  std::vector<Id> future_one_to_one_, future_pods_, past_pods_;
  std::size_t next_future_ = 0;
  long long past_day_ = 1;
  std::size_t past_hour_ = 0;
};

// [SECTION] Set-up

constexpr std::array first_names{"Amara",  "Ben",   "Chloe", "Dev",  "Elena", "Farid", "Grace",
                                 "Hiro",   "Isla",  "Jonas", "Kemi", "Liam",  "Maya",  "Nikhil",
                                 "Olivia", "Pablo", "Quinn", "Rosa", "Sami",  "Tara"};
constexpr std::array last_names{"Adams",  "Brennan", "Costa",  "Dubois", "Eriksen", "Fischer", "Garcia",
                                "Haddad", "Ito",     "Jensen", "Kowal",  "Lopez",   "Mensah",  "Novak",
                                "Okafor", "Patel",   "Quist",  "Rossi",  "Silva",   "Tanaka"};

// R17: demo people live in several zones, east and west of UTC.
constexpr std::array demo_zones{"Europe/London", "America/Chicago", "Australia/Sydney", "Asia/Kolkata"};

void create_user(Builder& b, const Id& id, const std::string& name, const std::string& email, Role role, Time at,
                 std::optional<std::vector<Id>> companies = std::nullopt, int zone = 0) {
  CreateUser op;
  op.time_zone = demo_zones[static_cast<std::size_t>(zone) % demo_zones.size()];
  op.user = id;
  op.name.value = name;
  op.email.value = email;
  op.role = role;
  op.companies = std::move(companies);
  b.run(admin, op, at);
}

struct JourneySpec {
  const char* id;
  const char* name;
  int max_extra;
  bool my_coaching_tab;
  std::vector<std::tuple<const char*, const char*, SessionKind, int>> placeholders;  // id, title, kind, minutes
};

void create_journey(Builder& b, const JourneySpec& spec, Time at) {
  CreateJourney j;
  j.journey = spec.id;
  j.name.value = spec.name;
  j.max_extra_sessions = spec.max_extra;
  j.my_coaching_tab = spec.my_coaching_tab;
  b.run(admin, j, at);
  for (const auto& [id, title, kind, minutes_] : spec.placeholders) {
    AddPlaceholder p;
    p.journey = spec.id;
    p.placeholder = id;
    p.title.value = title;
    p.kind = kind;
    p.duration_min = minutes_;
    b.run(admin, p, at);
  }
  b.run(admin, PublishJourney{spec.id}, at);
}

struct CohortSpec {
  const char* id;
  const char* name;
  const char* journey;
  const char* project;
  const char* hidden;  // a placeholder the blueprint hides, or nullptr
};

// [SECTION] Pathways

// How far one participant has come, chosen from their place in the cohort so that every
// status, reason and special case appears somewhere.
struct Profile {
  int done = 0;                // sessions held in the past (booked, then marked)
  int next = 0;                // the session after them: 0 upcoming booking, 1 held but unmarked, 2 unbooked
  bool no_show = false;        // the second held session was a no-show
  bool finished = false;       // every session held: the pathway completes (R13)
  bool late_cancel = false;    // cancelled a booking within 24 h (R4)
  bool coach_no_show = false;  // the coach did not come (R4a)
  bool admin_grey = false;     // an admin greyed out a visible session (R6 mismatch)
  bool grant = false;          // one extra session granted (R11)
  bool archived = false;       // R14
  bool inactive = false;       // enrolled four months ago, no activity since (R14 list)
};

Profile profile_for(int cohort, int k) {
  Profile p;
  p.done = k % 4 + 1;
  // Spread over each coach's participants (coach = k % 3), so every coach, whenever the demo
  // starts, has past bookings waiting to be marked, upcoming ones and unbooked ones.
  p.next = (k + k / 3) % 3;
  p.no_show = k % 7 == 3;
  p.finished = cohort == 0 && k == 0;
  p.late_cancel = k == 14 && cohort != 2;
  p.coach_no_show = cohort == 1 && k == 13;
  p.admin_grey = cohort == 0 && k == 12;
  p.grant = cohort == 0 && k == 5;
  p.archived = cohort == 2 && k == 11;
  p.inactive = cohort == 2 && (k == 13 || k == 14);
  return p;
}

class PathwayMaker {
 public:
  PathwayMaker(Builder& b, std::map<Id, Calendar>& calendars, Time day0) : b_(b), calendars_(calendars), day0_(day0) {}

  void make(const Id& participant, const Id& pathway, const CohortSpec& cohort, const Id& coach, const Profile& p) {
    const Actor me{participant, Role::participant};
    const Actor coach_actor{coach, Role::coach};
    Calendar& diary = calendars_.at(coach);
    b_.run(admin, EnrolParticipant{pathway, participant, cohort.id, coach}, day0_ - days(p.inactive ? 120 : 60));
    if (p.inactive) return;

    std::vector<Id> bookable;  // the pathway's sessions a participant can book, in journey order
    for (const Session& s : b_.state().sessions_of(pathway))
      if (s.status == SessionStatus::unbooked) bookable.push_back(s.id());
    const int held = p.finished ? static_cast<int>(bookable.size()) : std::min<int>(p.done, int(bookable.size()) - 1);

    for (int i = 0; i < held; ++i) {
      const Id& session = bookable[static_cast<std::size_t>(i)];
      const Id slot = past_slot_for(diary, session);
      const Time start = diary.start_of(slot);
      b_.run(me, BookSession{session, slot}, start - days(3));
      if (p.coach_no_show && i == held - 1) {
        b_.run(admin, MarkAttendance{session, Outcome::missed, MissedReason::coach_no_show}, start + hours(3));
      } else if (p.no_show && i == 1) {
        b_.run(coach_actor, MarkAttendance{session, Outcome::missed, MissedReason::no_show}, start + hours(2));
      } else {
        b_.run(coach_actor, MarkAttendance{session, Outcome::completed, std::nullopt}, start + hours(2));
        if (i == 0 && participant.back() % 2 == 0) {
          AddNote note;
          note.session = session;
          note.note = "note-" + pathway + "-" + std::to_string(i);
          note.text.value = "Good first conversation; agreed goals for the next session.";
          b_.run(coach_actor, note, start + hours(2));
        }
      }
    }
    if (p.finished) return;

    const Id& next = bookable[static_cast<std::size_t>(held)];
    if (p.late_cancel) {
      const Id slot = past_slot_for(diary, next);
      const Time start = diary.start_of(slot);
      b_.run(me, BookSession{next, slot}, start - days(4));
      b_.run(me, CancelBooking{next}, start - hours(3));  // R4: inside 24 h → Missed, late_cancellation
    } else if (p.next == 0) {
      const Id slot = future_slot_for(diary, next);
      b_.run(me, BookSession{next, slot}, day0_ - hours(2));
    } else if (p.next == 1) {
      const Id slot = past_slot_for(diary, next);
      b_.run(me, BookSession{next, slot}, diary.start_of(slot) - days(2));  // held, waiting for the coach to mark it
    }
    if (p.admin_grey && held + 1 < static_cast<int>(bookable.size()))
      b_.run(admin, GreyOut{bookable.back()}, day0_ - days(1));
    if (p.grant) {
      GrantSessions g;
      g.pathway = pathway;
      g.grant = "grant-" + pathway;
      g.count = 1;
      g.po_ref.value = "PO-4471-X1";
      g.reason.value = "Extra session agreed with the sponsor after the mid-point review.";
      b_.run(admin, g, day0_ - days(5));
    }
    if (p.archived) b_.run(admin, ArchiveParticipant{participant}, day0_ - days(1));
  }

 private:
  Id past_slot_for(Calendar& diary, const Id& session) {
    return kind_of_session(session) == SessionKind::pod ? diary.past_pod_with_place() : diary.next_past_one_to_one();
  }
  Id future_slot_for(Calendar& diary, const Id& session) {
    return kind_of_session(session) == SessionKind::pod ? diary.next_future_pod() : diary.next_future_one_to_one();
  }
  SessionKind kind_of_session(const Id& session) const { return b_.state().session(session)->kind; }

  Builder& b_;
  std::map<Id, Calendar>& calendars_;
  Time day0_;
};

}  // namespace

DemoData build_demo(Time now) {
  const Time day0 = from_unix_seconds(unix_seconds(now) / 86400 * 86400);  // today, 00:00 UTC
  const Time setup = day0 - days(90);
  Builder b;
  DemoData out;
  out.logins.push_back({"admin", "admin@demo.test", "demo-admin", "admin"});

  b.run(admin, CreateCompany{"acme", {"Acme Ltd"}}, setup);
  b.run(admin, CreateCompany{"globex", {"Globex Corporation"}}, setup);
  b.run(admin, CreateProject{"acme-leaders", "acme", {"Leadership programme 2026"}, Name{"PO-4471"}}, setup);
  b.run(admin, CreateProject{"acme-sales", "acme", {"Sales managers coaching"}, Name{"PO-4502"}}, setup);
  b.run(admin, CreateProject{"globex-pilot", "globex", {"Globex pilot"}, Name{"PO-G-118"}}, setup);

  const std::array<const char*, 3> coach_names{"Cora Mills", "Colin Hart", "Chidi Okafor"};
  std::map<Id, Calendar> calendars;
  for (int c = 1; c <= 3; ++c) {
    const Id id = "coach" + std::to_string(c);
    create_user(b, id, coach_names[static_cast<std::size_t>(c - 1)], id + "@demo.test", Role::coach, setup,
                std::nullopt, c - 1);
    out.logins.push_back({id, id + "@demo.test", "demo-coach", "coach"});
    calendars.emplace(id, Calendar(b, id, day0));
  }
  create_user(b, "lead", "Priya Shah", "lead@demo.test", Role::program_lead, setup, std::vector<Id>{"acme"});
  out.logins.push_back({"lead", "lead@demo.test", "demo-lead", "programme lead (Acme)"});

  create_journey(b,
                 {"leading",
                  "Leading teams",
                  2,
                  true,
                  {{"lt-kickoff", "Kick-off", SessionKind::one_to_one, 60},
                   {"lt-strengths", "Strengths", SessionKind::one_to_one, 60},
                   {"lt-pod", "Peer pod", SessionKind::pod, 90},
                   {"lt-feedback", "Giving feedback", SessionKind::one_to_one, 60},
                   {"lt-stretch", "Stretch goals", SessionKind::one_to_one, 60},
                   {"lt-close", "Closing review", SessionKind::one_to_one, 60}}},
                 setup);
  // R8: this journey varies its session count per cohort through blueprints, so it has no
  // "My Coaching" tab.
  create_journey(b,
                 {"new-managers",
                  "New managers",
                  1,
                  false,
                  {{"nm-start", "Getting started", SessionKind::one_to_one, 60},
                   {"nm-delegation", "Delegation", SessionKind::one_to_one, 60},
                   {"nm-circle", "Manager circle", SessionKind::pod, 90},
                   {"nm-wrap", "Wrap-up", SessionKind::one_to_one, 60}}},
                 setup);

  const std::array<CohortSpec, 4> cohorts{{
      {"acme-spring", "Acme Leaders, spring", "leading", "acme-leaders", nullptr},
      {"acme-autumn", "Acme Leaders, autumn", "leading", "acme-leaders", "lt-stretch"},
      {"acme-sales-1", "Acme Sales managers", "new-managers", "acme-sales", nullptr},
      {"globex-1", "Globex new managers", "new-managers", "globex-pilot", "nm-circle"},
  }};
  for (const CohortSpec& c : cohorts) {
    b.run(admin, CreateCohort{c.id, {c.name}, c.journey, c.project}, setup);
    if (c.hidden) b.run(admin, SetBlueprint{c.id, c.hidden, false}, setup);
  }

  for (auto& [id, diary] : calendars) diary.open_next_two_weeks();

  PathwayMaker maker(b, calendars, day0);
  for (int i = 0; i < 60; ++i) {
    const int cohort = i / 15, k = i % 15;
    const Id id = "participant" + std::to_string(i + 1);
    const std::string name = std::string(first_names[static_cast<std::size_t>(i % 20)]) + " " +
                             last_names[static_cast<std::size_t>((i * 7 + i / 20) % 20)];
    const Profile p = profile_for(cohort, k);
    create_user(b, id, name, id + "@demo.test", Role::participant, day0 - days(p.inactive ? 120 : 60), std::nullopt, i);
    out.logins.push_back({id, id + "@demo.test", "demo-participant", "participant"});
    const Id coach = "coach" + std::to_string(i % 3 + 1);
    maker.make(id, "pw-" + id, cohorts[static_cast<std::size_t>(cohort)], coach, p);
  }

  // The programme lead chases the two inactive Acme participants: one was reminded yesterday,
  // so a bulk reminder today skips them (R19).
  b.run(Actor{"lead", Role::program_lead}, SendReminder{"participant45", LongText{"Please book your next session."}},
        day0 - days(1));
  b.run(Actor{"lead", Role::program_lead}, Escalate{"participant44", LongText{"No response to two reminders."}},
        day0 - days(1));

  // R9: an edit of the published "Leading teams" waits as a draft: a new session and a
  // longer "Stretch goals", shown in the Journeys page with what publishing would change.
  AddPlaceholder reflection;
  reflection.journey = "leading";
  reflection.placeholder = "lt-reflection";
  reflection.title.value = "Reflection";
  reflection.duration_min = 45;
  b.run(admin, reflection, day0 - days(1));
  UpdatePlaceholder longer;
  longer.journey = "leading";
  longer.placeholder = "lt-stretch";
  longer.duration_min = 75;
  b.run(admin, longer, day0 - days(1));

  out.changes = b.take_changes();
  return out;
}

}  // namespace pathways::server
