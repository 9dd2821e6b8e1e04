// The client's store and sync loop (DESIGN.md section 5), offline-first:
//  - the base state: what the server last sent (pull), with its version;
//  - pending ops: edits made here, numbered seq 1, 2, ... per client_id without gaps,
//    written to the store (and flushed) before they are sent;
//  - the view: base + pending ops re-applied through the core's apply (rewind, apply, replay),
//    which is what every view draws;
//  - rejected ops: the server refused them; listed with its code and sentence until the
//    person discards them.
// Only the tab holding the sync lock (shell/tab_lock.h) edits and syncs; others read.
//
// The engine holds no UI text beyond the sentences it reports (problem()); the browser
// reaches it only through web/shell/ (http, storage, timer, network, tab_lock, clock,
// random, page, render_loop), whose web and native implementations CMake picks, so the
// same engine runs in the browser and natively against the real server (tests/sync).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app_state.h"
#include "core/apply.h"
#include "core/ops.h"
#include "core/state.h"
#include "shell/tab_lock.h"
#include "sync/client_record.h"

namespace pathways {

struct PendingOp {
  Op op;
  std::string conflict;  // non-empty: the op no longer applies locally ("likely to conflict")
  // The op in the wire format (encode_op_text), made once: the store is written whole after
  // every edit, and re-encoding 20,000 queued ops each time held the page.
  std::string wire;
};

class SyncEngine {
 public:
  // Loads what the store holds for this user (a different user's store is cleared) and
  // starts the sync loop.
  void start(const Login& login);
  // Signing out: forget everything stored for the user.
  void stop_and_clear();

  // [SECTION] Reading
  const State& view() const { return view_; }
  Actor actor() const { return actor_; }
  // The browser's clock corrected by the server's (from the last pull).
  Time now() const;
  bool has_data() const { return has_base_; }
  bool may_edit() const;  // this tab syncs (others are read-only)
  const std::vector<PendingOp>& pending() const { return pending_; }
  const std::vector<RejectedOp>& rejected() const { return rejected_; }
  bool busy() const { return busy_; }
  const std::string& problem() const { return problem_; }  // last sync failure, for people
  std::int64_t version() const { return version_; }
  // The server refused the sign-in (401: expired or revoked). The loop has stopped; the
  // store is kept, so signing in again as the same person sends what is pending.
  bool sign_in_refused() const { return sign_in_refused_; }
  // The server no longer serves this client's protocol version (426 update_needed). The
  // loop has stopped; pending ops and the store are kept for the updated client, which
  // update_now() loads.
  bool update_needed() const { return update_needed_; }
  const std::string& client_id() const { return client_id_; }
  // Changes whenever the view does: views cache what they derive from it by this.
  unsigned long revision() const { return revision_; }
  // Changes when anything but sessions, slots, notes, grants and mail changed: who is in
  // which programme, names, cohorts. Lists of people (the cohort grid's rows) cache by it,
  // and so are not rebuilt when a session is marked.
  unsigned long people_revision() const { return people_revision_; }
  void fill_status(SyncStatus& status) const;
  // R17: the zone rules the core's apply and check read (add_slot's weekly repeats in the
  // coach's zone); the app gives the ones it keeps (local_time_zones.h). Empty: none known.
  void set_zones(ZoneLookup zones) { zones_ = std::move(zones); }
  const ZoneLookup& zones() const { return zones_; }

  // [SECTION] Editing
  // Applies the op to the view at once, stores it, and sends it when it can. A rejection
  // from the core is returned and nothing is queued.
  Check submit(OpBody body);
  // Several edits at once (a reconcile): each applies and queues as submit() does, stored
  // once. Stops at the first the core refuses and returns its reason; those before stay.
  Check submit_all(std::vector<OpBody> bodies);
  // A batch that lands whole or not at all (an import): every op applies to the view in
  // order, then all are queued and the store is written once. If the core refuses any,
  // the view is restored, nothing is queued, and its reason is returned.
  Check submit_together(std::vector<OpBody> bodies);
  // submit_together over several frames, for a batch of thousands of ops (an import) that
  // would stop the page for half a second at once: begin_together() takes the ops (a
  // refusal when this tab may not edit or a batch is under way); each
  // apply_together_next(count) applies up to `count` more to the view; the call that
  // applies the last queues them all and stores them once. It lands whole or not at all:
  // when the core refuses one, the view is restored, nothing is queued, and the refusal is
  // returned. Meanwhile other edits are refused, and a view rebuilt by a pull re-applies
  // what the batch has applied so far (a refusal then ends the batch the same way).
  Check begin_together(std::vector<OpBody> bodies);
  Check apply_together_next(std::size_t count);
  void cancel_together();  // the batch is dropped: the view as before it, nothing queued
  // begin_together, then the engine applies `ops_per_slice` ops per timer task by itself
  // until the batch ends, so the page draws between slices wherever the person goes.
  Check submit_together_in_slices(std::vector<OpBody> bodies, std::size_t ops_per_slice);
  // How the last batch ended, once: the refusal, or an empty Check when it was queued.
  // Nothing while it is under way (or once taken, or when it was cancelled).
  std::optional<Check> take_together_outcome() { return std::exchange(together_outcome_, std::nullopt); }
  bool together_under_way() const { return together_.has_value(); }
  std::size_t together_applied() const { return together_ ? together_->applied.size() : 0; }
  std::size_t together_total() const { return together_ ? together_->bodies.size() : 0; }
  void discard_rejected(std::int64_t seq);
  // The rejected op as it was sent, decoded; nothing when it no longer decodes.
  std::optional<OpBody> rejected_body(std::int64_t seq) const;
  // Sends the rejected op again as a new edit (new seq, made now). The core decides on the
  // view as it is now: a refusal is returned and the op stays listed.
  Check redo_rejected(std::int64_t seq);
  // A fresh id for something this client creates ("c3f9a0-17").
  Id new_id(std::string_view prefix);

  // [SECTION] Syncing
  void sync_now();
  // Saves the store, then updates the app and reloads the page (shell/page.h). Pending
  // ops stay in the store and are sent by the updated client.
  void update_now();

  // [SECTION] Debugging and benchmarks: replaces the base state (not stored, not synced).
  void load_for_benchmark(State state);

 private:
  void load_store();
  void save_meta();
  void save_base();
  void rebuild_view();
  void replay_view();
  void settle_view();
  void end_together();
  void schedule(double ms);
  void tick();
  void push();
  void pull();
  void finish_cycle(bool ok, std::string problem);
  void stop_loop();
  void refuse_sign_in();
  void need_update();
  bool stopped_by(int status, const std::string& body);
  void read_pull(const std::string& body);

  Login login_;
  Actor actor_;
  std::string client_id_;
  std::int64_t next_seq_ = 1;
  std::int64_t version_ = 0;
  // The version of the base as last stored: the record names it, not version_, so that a
  // reload pulls from what base.json holds (a long queue stores the base only at its end).
  std::int64_t stored_version_ = 0;
  long long clock_offset_s_ = 0;  // server time - browser time
  std::string last_sync_;         // RFC 3339
  ZoneLookup zones_;
  bool has_base_ = false;

  State base_;
  State view_;
  std::vector<PendingOp> pending_;
  // A batch applied over several frames (begin_together): its ops, those applied to the
  // view so far (numbered after pending_, not yet queued), and one time for all.
  struct Together {
    std::vector<OpBody> bodies;
    std::vector<PendingOp> applied;
    Time at;
    Check refused;  // a rebuilt view refused one of the applied ops: the batch ends with it
  };
  std::optional<Together> together_;
  std::optional<Check> together_outcome_;
  long together_timer_ = 0;
  void together_slice(std::size_t ops_per_slice);
  std::vector<RejectedOp> rejected_;
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> push_verdicts_;  // seq -> code, message

  bool running_ = false;
  bool listening_ = false;
  unsigned long revision_ = 0;
  unsigned long people_revision_ = 0;
  bool busy_ = false;
  bool sign_in_refused_ = false;
  bool update_needed_ = false;
  bool again_ = false;  // an edit or "Sync now" arrived during a cycle
  // Pulls while a long queue is pushed left the view and the stored base as they were; the
  // queue's end (or a failed cycle) rebuilds and stores them once.
  bool settle_owed_ = false;
  int failures_ = 0;
  long timer_ = 0;
  std::string problem_;
  unsigned generation_ = 0;                             // replies of a stopped engine are ignored
  tab_lock::Role lock_role_ = tab_lock::Role::unknown;  // as last reported to this engine
};

}  // namespace pathways
