// The one shape of a view (as ImHex's views each have one drawContent): a class with one
// draw(ViewContext&). The context holds what a frame draws from — the current state
// (read-only), the actor, the time — and takes what the view asks for: edits (ops, checked by
// the core and applied through the sync engine) and navigation. A view never decides a rule:
// it asks `why_not` and draws the action with ui::action (shell/widgets.h).
//
// Pages are rows of one table in app.cpp (docs/web.md says how to add one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.h"
#include "core/apply.h"
#include "core/ops.h"
#include "core/state.h"

namespace pathways {

class SyncEngine;

// The pages of the client, as rows of the page table (app.cpp) and targets of navigation.
enum class PageId : std::uint8_t {
  grid,
  profile,
  calendar,
  my_sessions,
  journeys,
  cohorts,
  enrolment,
  people,
  reports,
  sync,
  home,
};

class ViewContext {
 public:
  // What views asked for in this frame, carried out by the app once they have drawn.
  struct Requests {
    std::optional<PageId> page;      // go to this page
    Id participant;                  // show this participant (on the profile page)
    bool sync_now = false;           // sync at once
    bool sign_out = false;           // sign out
    std::optional<Login> signed_in;  // the server accepted this sign-in
  };

  // `sync` answers the edits; `app` is the client's own state (sign-in, network, sync status);
  // `opened_participant` the participant open_participant asked for on the frame before.
  ViewContext(SyncEngine& sync, const AppState& app, Id opened_participant = {});
  // A read-only context over another state as another person sees it ("Preview as
  // participant", R7): the outer frame's time, app and sync; `viewer` acts in it, but every
  // edit is refused (forbidden) with `read_only_reason`, and its navigation requests are
  // never carried out. `state` and `viewer` must outlive it.
  ViewContext(const ViewContext& outer, const State& state, const User& viewer, std::string read_only_reason);

  // [SECTION] What the frame draws from (read-only)
  const State& state;           // base + pending ops: what every view draws
  const Actor actor;            // the signed-in person (a participant with no id when signed out)
  const User& me;               // their user record (from the state, else from the sign-in)
  const Time now;               // the browser's clock corrected by the server's, fixed for the frame
  const AppState& app;          // sign-in, network, sync status
  const SyncEngine& sync;       // pending and rejected ops, revisions (views cache by them)
  const Id opened_participant;  // asked for by open_participant on the frame before; else empty

  // [SECTION] Asking: why can this person not do this here? Nothing when they can.
  // Only the tab holding the sync lock edits: "Another Pathways tab is open; make changes
  // there." (forbidden), else nothing.
  Check why_not_edit() const;
  // why_not_edit, then the core's `check` of the op for this actor now.
  Check why_not(const OpBody& op) const;

  // [SECTION] Edits: applied at once, stored, sent when possible; the core's refusal otherwise.
  Check submit(OpBody op);
  Check submit_all(std::vector<OpBody> ops);  // stops at the first refusal; those before stay
  // All or none: every op applies, or none is kept (an import); stored once.
  Check submit_together(std::vector<OpBody> ops);
  // The same, applied by the engine a slice of `ops_per_slice` ops per task so the page
  // keeps drawing (SyncEngine::submit_together_in_slices); ctx.sync.together_under_way()
  // until it ends, then take_together_outcome() says how. A refusal restores everything.
  Check submit_together_in_slices(std::vector<OpBody> ops, std::size_t ops_per_slice);
  std::optional<Check> take_together_outcome();
  void cancel_together();                 // before the last slice: nothing is kept
  Check redo_rejected(std::int64_t seq);  // the rejected op again, as a new edit
  void discard_rejected(std::int64_t seq);
  Id new_id(std::string_view prefix);  // for something this client creates

  // [SECTION] Navigation and app requests
  void go(PageId page) { requests_.page = page; }
  void open_participant(const Id& participant);  // the profile page, showing them
  void sync_now() { requests_.sync_now = true; }
  void sign_out() { requests_.sign_out = true; }
  void signed_in(Login login) { requests_.signed_in = std::move(login); }
  Requests& requests() { return requests_; }

 private:
  SyncEngine& engine_;
  Requests requests_;
  std::string read_only_;  // a preview's reason; empty for the app's own context
};

// Why "Sync now" cannot run here, or empty when it can: offline, another tab syncs, or a sync
// is under way. The top bar and the sync panel both ask this.
std::string_view why_not_sync_now(const AppState& app);

// A view: one page, or a part of the screen (the top bar, the sign-in card, the session
// Actions menu). It keeps only what the person is doing in it (filters, open menus, text
// being typed); everything else comes from the context each frame.
class View {
 public:
  virtual ~View() = default;
  virtual void draw(ViewContext& ctx) = 0;
};

}  // namespace pathways
