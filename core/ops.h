// Ops: every change anyone makes is one of these typed values (DESIGN.md §5a). Each op
// lists its fields once, in `visit_fields`, and the JSON codec (op_codec) reads and
// writes them from that list, so the wire names live in exactly one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "entities.h"
#include "enums.h"
#include "time.h"

namespace pathways {

enum class OpType : std::uint8_t {
  book_session,
  cancel_booking,
  mark_attendance,
  correct_status,
  grey_out,
  ungrey,
  waive_late_cancellation,
  add_note,
  add_slot,
  remove_slot,
  grant_sessions,
  complete_pathway,
  archive_participant,
  restore_participant,
  send_reminder,
  escalate,
  create_company,
  update_company,
  create_project,
  update_project,
  create_user,
  update_user,
  create_journey,
  add_placeholder,
  update_placeholder,
  move_placeholder,
  retire_placeholder,
  publish_journey,
  create_cohort,
  set_blueprint,
  enrol_participant,
  move_participant,
  archive_cohort,
  discard_draft,
  resolve_escalation,
  update_journey,
};

template <>
struct EnumNames<OpType> {
  static constexpr std::array names{"book_session",
                                    "cancel_booking",
                                    "mark_attendance",
                                    "correct_status",
                                    "grey_out",
                                    "ungrey",
                                    "waive_late_cancellation",
                                    "add_note",
                                    "add_slot",
                                    "remove_slot",
                                    "grant_sessions",
                                    "complete_pathway",
                                    "archive_participant",
                                    "restore_participant",
                                    "send_reminder",
                                    "escalate",
                                    "create_company",
                                    "update_company",
                                    "create_project",
                                    "update_project",
                                    "create_user",
                                    "update_user",
                                    "create_journey",
                                    "add_placeholder",
                                    "update_placeholder",
                                    "move_placeholder",
                                    "retire_placeholder",
                                    "publish_journey",
                                    "create_cohort",
                                    "set_blueprint",
                                    "enrol_participant",
                                    "move_participant",
                                    "archive_cohort",
                                    "discard_draft",
                                    "resolve_escalation",
                                    "update_journey"};
};

// Field markers for the codec: a plain member is required, std::optional is optional.
// Text fields carry their own limit in bytes so the codec can refuse oversized values
// cheaply; a name's limit people see is in characters (core/text_rules.h: 200), and a
// character is at most 4 bytes of UTF-8, so a Name holds 800 bytes.
template <std::size_t MaxLength>
struct Text {
  std::string value;
  static constexpr std::size_t max_length = MaxLength;
  bool operator==(const Text&) const = default;
};
using Name = Text<800>;
using LongText = Text<10000>;

// [SECTION] Sessions

struct BookSession {
  static constexpr OpType type = OpType::book_session;
  Id session, slot;
  static void visit_fields(auto& s, auto&& f) {
    f("session", s.session);
    f("slot", s.slot);
  }
};
struct CancelBooking {
  static constexpr OpType type = OpType::cancel_booking;
  Id session;
  static void visit_fields(auto& s, auto&& f) { f("session", s.session); }
};
struct MarkAttendance {
  static constexpr OpType type = OpType::mark_attendance;
  Id session;
  Outcome outcome = Outcome::completed;
  std::optional<MissedReason> reason;  // for missed: no_show | coach_no_show
  static void visit_fields(auto& s, auto&& f) {
    f("session", s.session);
    f("outcome", s.outcome);
    f("reason", s.reason);
  }
};
struct CorrectStatus {
  static constexpr OpType type = OpType::correct_status;
  Id session;
  SessionStatus status = SessionStatus::booked;
  std::optional<MissedReason> reason;
  static void visit_fields(auto& s, auto&& f) {
    f("session", s.session);
    f("status", s.status);
    f("reason", s.reason);
  }
};
struct GreyOut {
  static constexpr OpType type = OpType::grey_out;
  Id session;
  static void visit_fields(auto& s, auto&& f) { f("session", s.session); }
};
struct Ungrey {
  static constexpr OpType type = OpType::ungrey;
  Id session;
  static void visit_fields(auto& s, auto&& f) { f("session", s.session); }
};
struct WaiveLateCancellation {
  static constexpr OpType type = OpType::waive_late_cancellation;
  Id session;
  static void visit_fields(auto& s, auto&& f) { f("session", s.session); }
};
struct AddNote {
  static constexpr OpType type = OpType::add_note;
  Id session, note;
  LongText text;
  static void visit_fields(auto& s, auto&& f) {
    f("session", s.session);
    f("note", s.note);
    f("text", s.text);
  }
};

// [SECTION] Slots

struct AddSlot {
  static constexpr OpType type = OpType::add_slot;
  Id slot, coach;
  Time start{};
  int duration_min = 60;
  int capacity = 1;
  SessionKind kind = SessionKind::one_to_one;
  std::optional<int> repeat_weeks;  // extra weekly copies after the first
  // R17: the IANA zone whose wall-clock start the repeats keep (the coach's, filled in by
  // the browser); without it, repeats are exactly 7 × 24 h apart.
  std::optional<Id> time_zone;
  static void visit_fields(auto& s, auto&& f) {
    f("slot", s.slot);
    f("coach", s.coach);
    f("start", s.start);
    f("duration_min", s.duration_min);
    f("capacity", s.capacity);
    f("kind", s.kind);
    f("repeat_weeks", s.repeat_weeks);
    f("time_zone", s.time_zone);
  }
};
struct RemoveSlot {
  static constexpr OpType type = OpType::remove_slot;
  Id slot;
  static void visit_fields(auto& s, auto&& f) { f("slot", s.slot); }
};

// [SECTION] Pathways and participants

struct GrantSessions {
  static constexpr OpType type = OpType::grant_sessions;
  Id pathway, grant;
  int count = 1;
  Name po_ref;
  LongText reason;
  static void visit_fields(auto& s, auto&& f) {
    f("pathway", s.pathway);
    f("grant", s.grant);
    f("count", s.count);
    f("po_ref", s.po_ref);
    f("reason", s.reason);
  }
};
struct CompletePathway {
  static constexpr OpType type = OpType::complete_pathway;
  Id pathway;
  static void visit_fields(auto& s, auto&& f) { f("pathway", s.pathway); }
};
struct ArchiveParticipant {
  static constexpr OpType type = OpType::archive_participant;
  Id participant;
  static void visit_fields(auto& s, auto&& f) { f("participant", s.participant); }
};
struct RestoreParticipant {
  static constexpr OpType type = OpType::restore_participant;
  Id participant;
  static void visit_fields(auto& s, auto&& f) { f("participant", s.participant); }
};
struct SendReminder {
  static constexpr OpType type = OpType::send_reminder;
  Id participant;
  std::optional<LongText> text;
  static void visit_fields(auto& s, auto&& f) {
    f("participant", s.participant);
    f("text", s.text);
  }
};
struct Escalate {
  static constexpr OpType type = OpType::escalate;
  Id participant;
  std::optional<LongText> text;
  static void visit_fields(auto& s, auto&& f) {
    f("participant", s.participant);
    f("text", s.text);
  }
};

// Closes an open escalation (R19's chasing ends), with an optional note. Who may: staff
// who may chase the participant (may_chase_participant: admins, leads for their companies).
struct ResolveEscalation {
  static constexpr OpType type = OpType::resolve_escalation;
  Id escalation;
  std::optional<LongText> note;
  static void visit_fields(auto& s, auto&& f) {
    f("escalation", s.escalation);
    f("note", s.note);
  }
};

// [SECTION] Companies, projects, users

struct CreateCompany {
  static constexpr OpType type = OpType::create_company;
  Id company;
  Name name;
  static void visit_fields(auto& s, auto&& f) {
    f("company", s.company);
    f("name", s.name);
  }
};
struct UpdateCompany {
  static constexpr OpType type = OpType::update_company;
  Id company;
  Name name;
  static void visit_fields(auto& s, auto&& f) {
    f("company", s.company);
    f("name", s.name);
  }
};
struct CreateProject {
  static constexpr OpType type = OpType::create_project;
  Id project, company;
  Name name;
  std::optional<Name> po_ref;
  static void visit_fields(auto& s, auto&& f) {
    f("project", s.project);
    f("company", s.company);
    f("name", s.name);
    f("po_ref", s.po_ref);
  }
};
struct UpdateProject {
  static constexpr OpType type = OpType::update_project;
  Id project;
  std::optional<Name> name, po_ref;
  static void visit_fields(auto& s, auto&& f) {
    f("project", s.project);
    f("name", s.name);
    f("po_ref", s.po_ref);
  }
};
struct CreateUser {
  static constexpr OpType type = OpType::create_user;
  Id user;
  Name name, email;
  Role role = Role::participant;
  std::optional<std::vector<Id>> companies;
  std::optional<Id> time_zone;  // R17: IANA name; empty or absent = not set
  static void visit_fields(auto& s, auto&& f) {
    f("user", s.user);
    f("name", s.name);
    f("email", s.email);
    f("role", s.role);
    f("companies", s.companies);
    f("time_zone", s.time_zone);
  }
};
struct UpdateUser {
  static constexpr OpType type = OpType::update_user;
  Id user;
  std::optional<Name> name, email;
  std::optional<std::vector<Id>> companies;
  std::optional<Id> time_zone;      // R17: IANA name; empty = clear it
  std::optional<bool> deactivated;  // true ends the account's sign-ins; false reactivates it
  std::optional<Role> role;         // a new role; ends the account's sign-ins (the server's part)
  static void visit_fields(auto& s, auto&& f) {
    f("user", s.user);
    f("name", s.name);
    f("email", s.email);
    f("companies", s.companies);
    f("time_zone", s.time_zone);
    f("deactivated", s.deactivated);
    f("role", s.role);
  }
};

// [SECTION] Journeys, cohorts, enrolment

struct CreateJourney {
  static constexpr OpType type = OpType::create_journey;
  Id journey;
  Name name;
  std::optional<int> max_extra_sessions;
  std::optional<bool> my_coaching_tab;
  static void visit_fields(auto& s, auto&& f) {
    f("journey", s.journey);
    f("name", s.name);
    f("max_extra_sessions", s.max_extra_sessions);
    f("my_coaching_tab", s.my_coaching_tab);
  }
};
struct AddPlaceholder {
  static constexpr OpType type = OpType::add_placeholder;
  Id journey, placeholder;
  Name title;
  SessionKind kind = SessionKind::one_to_one;
  int duration_min = 60;
  std::optional<int> position;  // 0-based; default: at the end
  static void visit_fields(auto& s, auto&& f) {
    f("journey", s.journey);
    f("placeholder", s.placeholder);
    f("title", s.title);
    f("kind", s.kind);
    f("duration_min", s.duration_min);
    f("position", s.position);
  }
};
struct UpdatePlaceholder {
  static constexpr OpType type = OpType::update_placeholder;
  Id journey, placeholder;
  std::optional<Name> title;
  std::optional<int> duration_min;
  std::optional<SessionKind> kind;
  static void visit_fields(auto& s, auto&& f) {
    f("journey", s.journey);
    f("placeholder", s.placeholder);
    f("title", s.title);
    f("duration_min", s.duration_min);
    f("kind", s.kind);
  }
};
struct MovePlaceholder {
  static constexpr OpType type = OpType::move_placeholder;
  Id journey, placeholder;
  int position = 0;
  static void visit_fields(auto& s, auto&& f) {
    f("journey", s.journey);
    f("placeholder", s.placeholder);
    f("position", s.position);
  }
};
struct RetirePlaceholder {
  static constexpr OpType type = OpType::retire_placeholder;
  Id journey, placeholder;
  static void visit_fields(auto& s, auto&& f) {
    f("journey", s.journey);
    f("placeholder", s.placeholder);
  }
};
struct PublishJourney {
  static constexpr OpType type = OpType::publish_journey;
  Id journey;
  static void visit_fields(auto& s, auto&& f) { f("journey", s.journey); }
};
struct CreateCohort {
  static constexpr OpType type = OpType::create_cohort;
  Id cohort;
  Name name;
  Id journey, project;
  static void visit_fields(auto& s, auto&& f) {
    f("cohort", s.cohort);
    f("name", s.name);
    f("journey", s.journey);
    f("project", s.project);
  }
};
struct SetBlueprint {
  static constexpr OpType type = OpType::set_blueprint;
  Id cohort, placeholder;
  bool visible = true;
  static void visit_fields(auto& s, auto&& f) {
    f("cohort", s.cohort);
    f("placeholder", s.placeholder);
    f("visible", s.visible);
  }
};
struct EnrolParticipant {
  static constexpr OpType type = OpType::enrol_participant;
  Id pathway, participant, cohort, coach;
  static void visit_fields(auto& s, auto&& f) {
    f("pathway", s.pathway);
    f("participant", s.participant);
    f("cohort", s.cohort);
    f("coach", s.coach);
  }
};
struct MoveParticipant {
  static constexpr OpType type = OpType::move_participant;
  Id pathway, cohort;
  static void visit_fields(auto& s, auto&& f) {
    f("pathway", s.pathway);
    f("cohort", s.cohort);
  }
};
struct ArchiveCohort {
  static constexpr OpType type = OpType::archive_cohort;
  Id cohort;
  static void visit_fields(auto& s, auto&& f) { f("cohort", s.cohort); }
};
// R9: drops the draft of a published journey.
struct DiscardDraft {
  static constexpr OpType type = OpType::discard_draft;
  Id journey;
  static void visit_fields(auto& s, auto&& f) { f("journey", s.journey); }
};

// R8, R11: a journey's settings, each optional (absent = unchanged). Immediate, not part of
// the R9 draft: they change no placeholder, so publishing has nothing to say about them.
struct UpdateJourney {
  static constexpr OpType type = OpType::update_journey;
  Id journey;
  std::optional<Name> name;
  std::optional<int> max_extra_sessions;  // R11: 0..50, never below what a pathway was granted
  std::optional<bool> my_coaching_tab;    // R8
  static void visit_fields(auto& s, auto&& f) {
    f("journey", s.journey);
    f("name", s.name);
    f("max_extra_sessions", s.max_extra_sessions);
    f("my_coaching_tab", s.my_coaching_tab);
  }
};

// The alternatives are in OpType order, so `body.index()` is the op's type.
using OpBody =
    std::variant<BookSession, CancelBooking, MarkAttendance, CorrectStatus, GreyOut, Ungrey, WaiveLateCancellation,
                 AddNote, AddSlot, RemoveSlot, GrantSessions, CompletePathway, ArchiveParticipant, RestoreParticipant,
                 SendReminder, Escalate, CreateCompany, UpdateCompany, CreateProject, UpdateProject, CreateUser,
                 UpdateUser, CreateJourney, AddPlaceholder, UpdatePlaceholder, MovePlaceholder, RetirePlaceholder,
                 PublishJourney, CreateCohort, SetBlueprint, EnrolParticipant, MoveParticipant, ArchiveCohort,
                 DiscardDraft, ResolveEscalation, UpdateJourney>;

struct Op {
  std::int64_t seq = 0;  // the client's op number, 1, 2, … without gaps
  Time at{};             // when the action happened (time rules use this)
  OpBody body;

  OpType type() const { return static_cast<OpType>(body.index()); }
};

// Who acts: always the authenticated user, never a field of the op.
struct Actor {
  Id id;
  Role role = Role::participant;
};

}  // namespace pathways
