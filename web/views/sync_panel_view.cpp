#include "views/sync_panel_view.h"

#include <algorithm>
#include <utility>

#include "core/time.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "sync/sync_engine.h"
#include "views/op_description.h"

namespace pathways {

void SyncPanelView::draw(ViewContext& ctx) {
  const SyncEngine& sync = ctx.sync;
  const AppState& app = ctx.app;
  const float width = std::min(820.0f, ImGui::GetContentRegionAvail().x);
  ui::heading("Sync");
  ui::begin_card("status", width);
  ui::text(app.online ? "Online" : "Offline: changes are kept in this browser and sent when the connection is back.");
  ui::text(app.sync.this_tab_syncs ? "This tab syncs for this browser."
                                   : "Another Pathways tab syncs for this browser; this one shows its data read-only.");
  const auto last = parse_time(app.sync.last_sync);
  ui::text_muted(last ? "Last sync " + local_time::format_date_time(*last) : "Not synced yet");
  ui::text_muted("Client " + sync.client_id() + " · data version " + std::to_string(sync.version()));
  if (const std::string off = local_time::describe_clock_offset(app.sync.clock_offset_s); !off.empty())
    ui::message_box(ui::Tone::warning, "This device's clock is " + off +
                                           " compared with the server's. Pathways judges times by the server's "
                                           "clock, so the times shown here and given to your changes are the "
                                           "server's; set this device's clock to fix it.");
  if (!sync.problem().empty()) ui::message_box(ui::Tone::error, sync.problem() + " Retrying automatically.");
  if (ui::action(ICON_SYNC " Sync now##panel", why_not_sync_now(app), ui::ActionStyle::primary)) ctx.sync_now();
  ui::end_card();
  ImGui::Dummy(ImVec2(0, 8));

  ui::begin_card("rejected", width);
  ui::heading("Rejected by the server (" + std::to_string(sync.rejected().size()) + ")");
  if (sync.rejected().empty()) ui::text_muted("None: every change sent so far was accepted.");
  std::int64_t discard = 0, redo = 0;
  for (const RejectedOp& r : sync.rejected()) {
    ImGui::PushID(static_cast<int>(r.seq));
    ImGui::Dummy(ImVec2(0, 6));
    const auto body = sync.rejected_body(r.seq);
    ui::text(body ? describe_op(sync.view(), *body) : r.op_json);
    ui::message_box(ui::Tone::error, r.message + " (" + r.code + ")");
    // Redo sends the same change again: offered only when the core would accept it now
    // (a slot someone else took stays refused; choosing again is the way then).
    const Check redo_why = body
                               ? ctx.why_not(*body)
                               : Check(reject(RejectCode::malformed, "This change can no longer be read; discard it."));
    if (ui::action(ICON_REDO " Redo", redo_why)) redo = r.seq;
    const Id* session = body ? session_of(*body) : nullptr;
    if (session && ctx.state.session(*session)) {
      ImGui::SameLine();
      if (ui::secondary_button(ICON_LIST " Choose again…")) {
        actions_.open(*session);
        choosing_again_ = r.seq;
      }
    }
    ImGui::SameLine();
    if (ui::action(ICON_TRASH " Discard", ctx.why_not_edit())) discard = r.seq;
    if (redo_error_seq_ == r.seq && !redo_error_.empty()) ui::message_box(ui::Tone::error, redo_error_);
    ImGui::PopID();
  }
  if (discard) ctx.discard_rejected(discard);
  if (redo) {
    redo_error_.clear();
    redo_error_seq_ = redo;
    if (auto refused = ctx.redo_rejected(redo)) redo_error_ = refused->message;
  }
  actions_.draw(ctx);
  // The new choice replaces the rejected op: it leaves the list.
  if (actions_.take_submitted() && choosing_again_) ctx.discard_rejected(std::exchange(choosing_again_, 0));
  ui::end_card();
  ImGui::Dummy(ImVec2(0, 8));

  ui::begin_card("pending", width);
  ui::heading("Waiting to be sent (" + std::to_string(sync.pending().size()) + ")");
  if (sync.pending().empty()) ui::text_muted("Nothing: the server has every change made here.");
  for (const PendingOp& p : sync.pending()) {
    ui::text("#" + std::to_string(p.op.seq) + " " + describe_op(ctx.state, p.op.body) + " · made " +
             local_time::format_date_time(p.op.at));
    if (!p.conflict.empty()) ui::text_muted(ICON_WARNING " Likely to conflict: " + p.conflict);
  }
  ui::end_card();
}

}  // namespace pathways
