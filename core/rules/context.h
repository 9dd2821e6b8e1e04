// What every op handler works with: the state it reads, who acts, when, and the
// Applied it fills. Internal to core/rules.
#pragma once

#include <string>

#include "../apply.h"
#include "../permissions.h"

namespace pathways::rules {

struct Context {
  const State& state;
  const Actor& actor;
  Time at;  // the op's claim bounded by the server's clock; rules narrow it (effective_at)
  Applied& out;
  OpTimes times;
  const ZoneLookup& zones;

  // DESIGN.md §5: the time a rule judges this op at, and the audit's record of it.
  Time effective_at(TimeBasis basis, Time known_before) {
    at = effective_time(times, basis, known_before);
    out.audit.at = at;
    return at;
  }

  void change(Entity entity, bool deleted = false) { out.changes.push_back({std::move(entity), deleted}); }
  bool is(Role role) const { return actor.role == role; }
};

// R12: queues a message unless its trigger (the message id) has fired before, here or in
// an earlier op. Returns whether it was queued.
bool send_once(Context& ctx, OutboxMessage message);

// R14: a participant's booking or attendance activity.
void touch_activity(Context& ctx, const Id& participant);

// R13: after the session changes in `ctx.out`, sets the pathway's completion and sends
// the feedback survey the first time it completes.
void settle_completion(Context& ctx, const Id& pathway_id);

// Handlers, one per op, grouped by area in the files beside this one.
Check handle(Context&, const BookSession&);
Check handle(Context&, const CancelBooking&);
Check handle(Context&, const MarkAttendance&);
Check handle(Context&, const CorrectStatus&);
Check handle(Context&, const GreyOut&);
Check handle(Context&, const Ungrey&);
Check handle(Context&, const WaiveLateCancellation&);
Check handle(Context&, const AddNote&);
Check handle(Context&, const AddSlot&);
Check handle(Context&, const RemoveSlot&);
Check handle(Context&, const GrantSessions&);
Check handle(Context&, const CompletePathway&);
Check handle(Context&, const ArchiveParticipant&);
Check handle(Context&, const RestoreParticipant&);
Check handle(Context&, const SendReminder&);
Check handle(Context&, const Escalate&);
Check handle(Context&, const CreateCompany&);
Check handle(Context&, const UpdateCompany&);
Check handle(Context&, const CreateProject&);
Check handle(Context&, const UpdateProject&);
Check handle(Context&, const CreateUser&);
Check handle(Context&, const UpdateUser&);
Check handle(Context&, const CreateJourney&);
Check handle(Context&, const AddPlaceholder&);
Check handle(Context&, const UpdatePlaceholder&);
Check handle(Context&, const MovePlaceholder&);
Check handle(Context&, const RetirePlaceholder&);
Check handle(Context&, const PublishJourney&);
Check handle(Context&, const CreateCohort&);
Check handle(Context&, const SetBlueprint&);
Check handle(Context&, const EnrolParticipant&);
Check handle(Context&, const MoveParticipant&);
Check handle(Context&, const ArchiveCohort&);
Check handle(Context&, const DiscardDraft&);
Check handle(Context&, const ResolveEscalation&);
Check handle(Context&, const UpdateJourney&);

// Shared lookups that reject with a readable sentence.
Result<const Session*> need_session(const State& state, const Id& session_id);
Result<const Pathway*> need_pathway(const State& state, const Id& pathway_id);
Result<const User*> need_user(const State& state, const Id& user_id, std::optional<Role> role = std::nullopt);
Check need_new_id(bool exists, std::string_view what, const Id& id);
// DESIGN.md §8: may the actor see `entity` (Session or Slot; admins see all)? What they may
// not see is answered exactly like what does not exist, so a rejection tells nobody a name,
// or whether an id exists, outside their scope.
template <class T>
bool in_scope(const State& state, const Actor& actor, const T& entity);
// R17: the rules of IANA zone `name` from the caller's lookup; unknown_time_zone otherwise.
Result<const ZoneRules*> need_zone(const Context& ctx, const Id& name);

}  // namespace pathways::rules
