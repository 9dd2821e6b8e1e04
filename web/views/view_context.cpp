#include "views/view.h"

#include "sync/sync_engine.h"

namespace pathways {
namespace {

const User& me_of(const State& state, const Actor& actor, const AppState& app) {
  const User* user = state.user(actor.id);
  return user ? *user : app.login.user;
}

}  // namespace

ViewContext::ViewContext(SyncEngine& engine, const AppState& app_state, Id participant)
    : state(engine.view()),
      actor(engine.actor()),
      me(me_of(engine.view(), engine.actor(), app_state)),
      now(engine.now()),
      app(app_state),
      sync(engine),
      opened_participant(std::move(participant)),
      engine_(engine) {}

ViewContext::ViewContext(const ViewContext& outer, const State& preview, const User& viewer,
                         std::string read_only_reason)
    : state(preview),
      actor{viewer.id, viewer.role},
      me(viewer),
      now(outer.now),
      app(outer.app),
      sync(outer.sync),
      engine_(outer.engine_),
      read_only_(std::move(read_only_reason)) {}

Check ViewContext::why_not_edit() const {
  if (!read_only_.empty()) return reject(RejectCode::forbidden, read_only_);
  if (!engine_.may_edit()) return reject(RejectCode::forbidden, "Another Pathways tab is open; make changes there.");
  return std::nullopt;
}

Check ViewContext::why_not(const OpBody& op) const {
  if (auto no = why_not_edit()) return no;
  return check(state, op, actor, OpTimes{now, now}, engine_.zones());
}

// A preview's edits never reach the engine.
Check ViewContext::submit(OpBody op) {
  if (!read_only_.empty()) return why_not_edit();
  return engine_.submit(std::move(op));
}
Check ViewContext::submit_all(std::vector<OpBody> ops) {
  if (!read_only_.empty()) return why_not_edit();
  return engine_.submit_all(std::move(ops));
}
Check ViewContext::submit_together(std::vector<OpBody> ops) {
  if (!read_only_.empty()) return why_not_edit();
  return engine_.submit_together(std::move(ops));
}
Check ViewContext::submit_together_in_slices(std::vector<OpBody> ops, std::size_t ops_per_slice) {
  if (!read_only_.empty()) return why_not_edit();
  return engine_.submit_together_in_slices(std::move(ops), ops_per_slice);
}
std::optional<Check> ViewContext::take_together_outcome() {
  if (!read_only_.empty()) return std::nullopt;
  return engine_.take_together_outcome();
}
void ViewContext::cancel_together() {
  if (read_only_.empty()) engine_.cancel_together();
}
Check ViewContext::redo_rejected(std::int64_t seq) {
  if (!read_only_.empty()) return why_not_edit();
  return engine_.redo_rejected(seq);
}
void ViewContext::discard_rejected(std::int64_t seq) {
  if (read_only_.empty()) engine_.discard_rejected(seq);
}
Id ViewContext::new_id(std::string_view prefix) { return engine_.new_id(prefix); }

void ViewContext::open_participant(const Id& participant) {
  requests_.participant = participant;
  requests_.page = PageId::profile;
}

std::string_view why_not_sync_now(const AppState& app) {
  if (!app.online) return "Offline: changes are kept and sent when you are back online.";
  if (!app.sync.this_tab_syncs) return "Another Pathways tab is syncing for this browser.";
  if (app.sync.requested) return "Syncing…";
  return {};
}

}  // namespace pathways
