#include "views/programme_actions.h"

#include <algorithm>

#include "core/permissions.h"
#include "core/programme.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/widgets.h"
#include "views/field_row.h"

namespace pathways {
namespace {

constexpr const char* dialog_title = "Programme##programme_dialog";

std::string sessions_text(int n) { return std::to_string(n) + (n == 1 ? " session" : " sessions"); }

// A dialog's text, wrapped to the dialog (or the screen, when narrower).
void paragraph(std::string_view text) {
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(500.0f, ImGui::GetIO().DisplaySize.x - 60.0f));
  ui::text(text);
  ImGui::PopTextWrapPos();
}

}  // namespace

void ProgrammeActions::open(Dialog dialog, const ViewContext& ctx, const Pathway& pathway) {
  dialog_ = dialog;
  open_requested_ = true;
  error_.clear();
  if (dialog == Dialog::move) {
    const auto targets = move_targets(ctx.state, pathway);
    move_to_ = targets.empty() ? Id{} : targets.front()->id;
    unlocked_.clear();
  }
  if (dialog == Dialog::grant) {
    grant_count_ = 1;
    reason_.clear();
    // The PO that pays is usually the project's: offered, and editable.
    const Cohort* c = ctx.state.cohort(pathway.cohort);
    const Project* p = c ? ctx.state.project(c->project) : nullptr;
    po_ref_ = p ? p->po_ref : "";
  }
}

void ProgrammeActions::submitted(const Check& refused) {
  if (refused) {
    error_ = refused->message;
  } else {
    error_.clear();
    dialog_ = Dialog::none;
    ImGui::CloseCurrentPopup();
  }
}

void ProgrammeActions::draw(ViewContext& ctx, const User& participant, const Pathway& pathway) {
  const State& state = ctx.state;
  using ui::ActionStyle;
  // [SECTION] The buttons, each enabled or disabled with the core's sentence.
  const auto targets = move_targets(state, pathway);
  Check move_why = targets.empty() ? reject(RejectCode::not_found, "No other open cohort follows this journey.")
                                   : ctx.why_not(MoveParticipant{pathway.id, targets.front()->id});
  if (ui::action(ICON_USERS " Move to another cohort…", move_why)) open(Dialog::move, ctx, pathway);
  ImGui::SameLine();
  const GrantSessions grant_probe{pathway.id, "new-grant", 1, Name{"PO"}, LongText{"Reason"}};
  if (ui::action(ICON_PLUS " Grant extra sessions…", ctx.why_not(grant_probe))) open(Dialog::grant, ctx, pathway);
  if (ImGui::GetContentRegionAvail().x > 260.0f) ImGui::SameLine();
  if (ui::action(ICON_CHECK " Mark journey complete…", ctx.why_not(CompletePathway{pathway.id})))
    open(Dialog::complete, ctx, pathway);
  if (ImGui::GetContentRegionAvail().x > 220.0f) ImGui::SameLine();
  if (participant.archived) {
    if (ui::action(ICON_UNDO " Restore participant…", ctx.why_not(RestoreParticipant{participant.id})))
      open(Dialog::restore, ctx, pathway);
  } else {
    // R14: with bookings ahead, archiving starts by cancelling them; the first op answers.
    const auto ops = archive_ops(state, participant.id, ctx.now);
    if (ui::action(ICON_TRASH " Archive participant…", ctx.why_not(ops.front()))) open(Dialog::archive, ctx, pathway);
  }

  draw_dialog(ctx, participant, pathway);
}

void ProgrammeActions::open_archive() {
  dialog_ = Dialog::archive;
  open_requested_ = true;
  error_.clear();
}

void ProgrammeActions::draw_dialog(ViewContext& ctx, const User& participant, const Pathway& pathway) {
  // [SECTION] The dialog
  if (open_requested_) {
    ImGui::OpenPopup(dialog_title);
    open_requested_ = false;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(300, 0), ImVec2(560, 640));
  if (!ImGui::BeginPopupModal(dialog_title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  switch (dialog_) {
    case Dialog::move:
      draw_move(ctx, pathway);
      break;
    case Dialog::grant:
      draw_grant(ctx, pathway);
      break;
    case Dialog::complete:
      draw_complete(ctx, participant, pathway);
      break;
    case Dialog::archive:
      draw_archive(ctx, participant);
      break;
    case Dialog::restore:
      draw_restore(ctx, participant);
      break;
    case Dialog::none:
      ImGui::CloseCurrentPopup();
      break;
  }
  if (!error_.empty()) ui::message_box(ui::Tone::error, error_);
  if (dialog_ != Dialog::none) {
    ImGui::SameLine();
    if (ui::secondary_button("Close##programme")) {
      dialog_ = Dialog::none;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndPopup();
}

// [SECTION] R10: moving cohort

void ProgrammeActions::draw_move(ViewContext& ctx, const Pathway& pathway) {
  const State& state = ctx.state;
  ui::heading("Move to another cohort");
  const Cohort* from = state.cohort(pathway.cohort);
  paragraph("From " + (from ? from->name : pathway.cohort) +
            ". The pathway moves whole: its history and notes stay. The new cohort's blueprint decides what the "
            "participant sees from now on.");
  const auto targets = move_targets(state, pathway);
  const Cohort* to = state.cohort(move_to_);
  if (begin_field_row("##move-to", {std::min(360.0f, ImGui::GetContentRegionAvail().x)})) {
    ImGui::TableNextColumn();
    if (ui::begin_combo("New cohort", to ? to->name.c_str() : "Choose a cohort")) {
      for (const Cohort* c : targets)
        if (ui::selectable((c->name + "##" + c->id).c_str(), c->id == move_to_)) move_to_ = c->id;
      ui::end_combo();
    }
    end_field_row();
  }
  // What the new blueprint unlocks: the core's suggest_ungrey, offered in this confirmation.
  const auto unlocked = unlocked_by_move(state, pathway.id, move_to_, ctx.actor, ctx.now);
  if (unlocked != unlocked_) {
    unlocked_ = unlocked;
    ungrey_.assign(unlocked_.size(), 1);
  }
  if (!unlocked_.empty()) {
    ui::text("The new blueprint shows " + sessions_text(static_cast<int>(unlocked_.size())) +
             " now greyed out. Un-grey them with the move:");
    for (std::size_t i = 0; i < unlocked_.size(); ++i) {
      const Session* s = state.session(unlocked_[i]);
      bool on = ungrey_[i] != 0;
      if (ui::checkbox(
              ("Un-grey " + (s ? session_title(state, *s) : unlocked_[i]) + "##ungrey-" + unlocked_[i]).c_str(), &on))
        ungrey_[i] = on ? 1 : 0;
    }
  } else if (to) {
    ui::text_muted("The new blueprint unlocks no greyed-out session.");
  }
  std::vector<OpBody> ops{MoveParticipant{pathway.id, move_to_}};
  for (std::size_t i = 0; i < unlocked_.size(); ++i)
    if (ungrey_[i]) ops.emplace_back(Ungrey{unlocked_[i]});
  Check why_not;
  if (move_to_.empty()) why_not = reject(RejectCode::missing_field, "Choose the new cohort.");
  for (const OpBody& op : ops)
    if (!why_not) why_not = ctx.why_not(op);
  const std::string label =
      ops.size() > 1 ? "Move and un-grey " + sessions_text(int(ops.size() - 1)) + "##move" : std::string("Move##move");
  if (why_not) ui::text_muted(why_not->message);
  if (ui::action(label.c_str(), why_not, ui::ActionStyle::primary)) submitted(ctx.submit_all(ops));
}

// [SECTION] R11: extra sessions

void ProgrammeActions::draw_grant(ViewContext& ctx, const Pathway& pathway) {
  const State& state = ctx.state;
  ui::heading("Grant extra sessions");
  const int cap = grant_cap(state, pathway);
  const int remaining = remaining_grants(state, pathway);
  paragraph("This journey allows " + std::to_string(cap) + (cap == 1 ? " extra session" : " extra sessions") +
            " per participant; " + std::to_string(remaining) + " remaining now.");
  ImGui::AlignTextToFramePadding();
  ui::text("Sessions: ");
  ImGui::SameLine();
  if (ui::secondary_button("-##count") && grant_count_ > 1) --grant_count_;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ui::text(std::to_string(grant_count_));
  ImGui::SameLine();
  if (ui::secondary_button("+##count") && grant_count_ < 20) ++grant_count_;
  const float w = std::min(360.0f, ImGui::GetContentRegionAvail().x);
  if (begin_field_row("##grant-po", {w})) {
    ImGui::TableNextColumn();
    ui::input_text("PO reference", &po_ref_, "The purchase order that pays");
    end_field_row();
  }
  if (begin_field_row("##grant-reason", {w})) {
    ImGui::TableNextColumn();
    ui::input_text("Reason", &reason_, "Why this participant needs more");
    end_field_row();
  }
  ui::text_muted("Approved by you (" + ctx.me.name + ").");
  const GrantSessions probe{pathway.id, "new-grant", grant_count_, Name{po_ref_}, LongText{reason_}};
  const Check why_not = ctx.why_not(probe);
  if (why_not)
    ui::text_muted(why_not->message);
  else
    ui::text("After this grant: " + std::to_string(remaining - grant_count_) + " remaining.");
  if (ui::action(("Grant " + sessions_text(grant_count_) + "##grant").c_str(), why_not, ui::ActionStyle::primary)) {
    GrantSessions op = probe;
    op.grant = ctx.new_id("grant");
    submitted(ctx.submit(op));
  }
}

// [SECTION] R13: completion

void ProgrammeActions::draw_complete(ViewContext& ctx, const User& participant, const Pathway& pathway) {
  const State& state = ctx.state;
  ui::heading("Mark the journey complete");
  int open = 0;
  for (const Session& s : state.sessions_of(pathway.id))
    open += (s.status == SessionStatus::unbooked || s.status == SessionStatus::booked) ? 1 : 0;
  const Journey* j = state.journey(pathway.journey);
  paragraph("Mark " + (j ? j->name : pathway.journey) + " complete for " + participant.name + "? " +
            (open ? sessions_text(open) + " not yet held stay as they are. " : std::string()) +
            "The feedback survey goes to them once.");
  const Check why_not = ctx.why_not(CompletePathway{pathway.id});
  if (why_not) ui::text_muted(why_not->message);
  if (ui::action("Mark complete##complete", why_not, ui::ActionStyle::primary))
    submitted(ctx.submit(CompletePathway{pathway.id}));
}

// [SECTION] R14: archiving and restoring

void ProgrammeActions::draw_archive(ViewContext& ctx, const User& participant) {
  const State& state = ctx.state;
  ui::heading("Archive " + participant.name);
  paragraph(
      "Archiving hides them from the grid and reports and stops them signing in. Their data is kept, and "
      "they can be restored.");
  const auto ahead = bookings_ahead(state, participant.id, ctx.now);
  if (!ahead.empty()) {
    paragraph(ahead.size() == 1 ? std::string("1 booking is still ahead; a participant is archived only after it is "
                                              "cancelled. Cancelling frees the coach's time:")
                                : std::to_string(ahead.size()) +
                                      " bookings are still ahead; a participant is archived only after they are "
                                      "cancelled. Cancelling frees the coach's time:");
    for (const Id& id : ahead)
      if (const Session* s = state.session(id))
        ui::text("  " + session_title(state, *s) + " · " + local_time::format_date_time(s->start));
  }
  const auto ops = archive_ops(state, participant.id, ctx.now);
  Check why_not;
  for (const OpBody& op : ops) {
    // The archive itself is judged after the cancellations, by submit_all.
    if (std::holds_alternative<ArchiveParticipant>(op) && !ahead.empty()) break;
    if ((why_not = ctx.why_not(op))) break;
  }
  if (why_not) ui::text_muted(why_not->message);
  const std::string label = ahead.empty()
                                ? std::string("Archive##archive")
                                : "Cancel " + std::to_string(ahead.size()) +
                                      (ahead.size() == 1 ? " booking" : " bookings") + " and archive##archive";
  if (ui::action(label.c_str(), why_not, ui::ActionStyle::primary)) submitted(ctx.submit_all(ops));
}

void ProgrammeActions::draw_restore(ViewContext& ctx, const User& participant) {
  ui::heading("Restore " + participant.name);
  paragraph("They come back to the grid and reports and can sign in again; nothing was lost.");
  const Check why_not = ctx.why_not(RestoreParticipant{participant.id});
  if (why_not) ui::text_muted(why_not->message);
  if (ui::action("Restore##restore", why_not, ui::ActionStyle::primary))
    submitted(ctx.submit(RestoreParticipant{participant.id}));
}

}  // namespace pathways
