// The domain's entities (DESIGN.md §2). Plain values: rules live in rules/, storage in the
// server, drawing in web/. Sessions belong to their pathway and are named by it:
// a session's id is "<pathway id>/<key>", key being the placeholder id, or for extra
// sessions "<grant id>.<n>". That keeps 1.2 million sessions in about 100 bytes each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "enums.h"
#include "time.h"

namespace pathways {

using Id = std::string;

struct Company {
  Id id;
  std::string name;
};

struct Project {
  Id id;
  Id company;
  std::string name;
  std::string po_ref;
};

struct Placeholder {
  Id id;
  std::string title;
  SessionKind kind = SessionKind::one_to_one;
  int duration_min = 60;
  bool retired = false;  // R9: kept for the history of sessions made from it

  bool operator==(const Placeholder&) const = default;
};

struct Journey {
  Id id;
  std::string name;
  // In the order participants meet them: the published list (before publishing, the one edited).
  std::vector<Placeholder> placeholders;
  bool published = false;
  int max_extra_sessions = 0;   // R11: cap on granted sessions per pathway
  bool my_coaching_tab = true;  // R8
  // R9: the pending edit of a published journey, applied by publishing again; absent when
  // there is none. Readers of the list being designed (the blueprint matrix) take
  // `draft ? *draft : placeholders` (core/journey_draft.h: working_placeholders).
  std::optional<std::vector<Placeholder>> draft;
  Time changed_at{};  // effective time (UTC) of the last change to the journey or its draft
};

struct Cohort {
  Id id;
  std::string name;
  Id journey;
  Id project;
  std::vector<Id> blueprint;  // R6: placeholder ids its participants can see, sorted
  bool archived = false;
};

struct User {
  Id id;
  std::string name;
  std::string email;
  Role role = Role::participant;
  std::vector<Id> companies;  // for programme leads: the companies whose reports they read
  bool archived = false;      // R14
  Time last_activity{};       // R14: last booking or attendance activity (or enrolment)
  std::string time_zone;      // R17, DESIGN.md §9: IANA name ("Europe/London"); empty when not set
  bool deactivated = false;   // an admin ended this account: no sign-in, sign-ins end at once
};

struct Pathway {
  Id id;
  Id participant;
  Id coach;
  Id cohort;
  Id journey;
  bool completed = false;  // R13
  Time enrolled_at{};
};

struct Session {
  Id pathway;
  Id key;  // placeholder id, or "<grant>.<n>" for a granted extra session
  SessionKind kind = SessionKind::one_to_one;
  SessionStatus status = SessionStatus::unbooked;
  MissedReason missed_reason = MissedReason::none;
  bool extra = false;            // R11: made by a grant
  bool retired = false;          // R9: its placeholder was retired after it had history
  std::uint16_t booking_no = 0;  // bookings so far; names each booking transition for R12
  int duration_min = 60;
  Id slot;            // the booked (or last booked) slot; empty when never booked
  Time start{};       // start of that slot
  Id cancelled_by;    // R4: who cancelled the last booking, when staff did it late
  Time changed_at{};  // DESIGN.md §5: effective time of its last status change; later ops are never earlier

  Id id() const { return pathway + "/" + key; }
};

struct Slot {
  Id id;
  Id coach;
  Time start{};
  int duration_min = 60;
  int capacity = 1;  // 1 for one-to-one, N for a pod (R18)
  SessionKind kind = SessionKind::one_to_one;
  int taken = 0;  // places taken by current bookings
  // DESIGN.md §5: effective time (UTC) of its last change (added, a place taken or freed);
  // an op on the slot (booking it, removing it) is never judged earlier.
  Time changed_at{};

  Time end() const { return start + minutes(duration_min); }
};

struct Grant {
  Id id;
  Id pathway;
  int count = 0;
  std::string po_ref;
  std::string reason;
  Id approver;
  Time at{};
};

struct Note {
  Id id;
  Id session;
  Id author;
  std::string text;
  Time at{};
};

// A message to send. Its id is the trigger's identity (R12): a trigger whose id is
// already in the outbox never fires again.
struct OutboxMessage {
  Id id;
  MailTemplate kind = MailTemplate::reminder;
  Id to;               // user id
  std::vector<Id> cc;  // user ids (e.g. the programme lead on a missed notice)
  Id subject;          // the session, pathway or participant it is about
  std::string text;
  Time at{};
};

// Raised by a programme lead or admin about a participant; listed (Engagement report, the
// profile) until someone resolves it (ResolveEscalation), which keeps who, when and why.
struct Escalation {
  Id id;
  Id participant;
  Id raised_by;
  std::string text;
  Time at{};
  Id resolved_by;          // empty while open
  Time resolved_at{};      // UTC; unset while open
  std::string resolution;  // the resolver's note, possibly empty
  bool open() const { return resolved_by.empty(); }
};

// Splits a session id into pathway id and key; false when it has no '/'.
bool split_session_id(const Id& session_id, Id& pathway, Id& key);

// Ids are chosen by clients: short and printable. Session ids contain '/', so ids of
// anything new must not (valid_new_id).
bool valid_id(std::string_view id);
inline bool valid_new_id(std::string_view id) { return valid_id(id) && id.find('/') == std::string_view::npos; }

}  // namespace pathways
