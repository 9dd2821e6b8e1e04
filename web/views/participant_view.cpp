#include "views/participant_view.h"

#include "sync/sync_engine.h"

#include <algorithm>

#include "core/booking.h"
#include "core/session_rules.h"
#define IMGUI_DEFINE_MATH_OPERATORS
#include "imgui.h"
#include "imgui_internal.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"
#include "views/session_actions.h"

namespace pathways {

void ParticipantView::draw(ViewContext& ctx) {
  const State& state = ctx.state;
  const Actor& me = ctx.actor;
  const Time now = ctx.now;
  ui::heading("My sessions");
  const auto& pathway_ids = state.ids(state.pathways_by_participant, me.id);
  if (pathway_ids.empty()) {
    ui::message_box(ui::Tone::info, ctx.sync.has_data() ? "You are not enrolled on a journey yet."
                                                        : "Your sessions appear here after the first sync.");
    return;
  }
  if (std::find(pathway_ids.begin(), pathway_ids.end(), pathway_) == pathway_ids.end()) pathway_ = pathway_ids.front();
  const Pathway* pathway = state.pathway(pathway_);
  if (!pathway) return;
  auto journey_name = [&](const Pathway& p) {
    const Journey* j = state.journey(p.journey);
    return j ? j->name : p.journey;
  };
  const float width = std::min(760.0f, ImGui::GetContentRegionAvail().x);
  if (begin_field_row("##journey", {std::min(420.0f, width)})) {
    ImGui::TableNextColumn();
    if (ui::begin_combo("Journey", journey_name(*pathway).c_str())) {
      for (const Id& id : pathway_ids)
        if (const Pathway* p = state.pathway(id))
          if (ui::selectable((journey_name(*p) + "##" + id).c_str(), id == pathway_)) pathway_ = id;
      ui::end_combo();
    }
    end_field_row();
  }
  if (const User* coach = state.user(pathway->coach)) ui::text_muted("Your coach: " + coach->name);
  if (!error_.empty()) ui::message_box(ui::Tone::error, error_);
  ImGui::Dummy(ImVec2(0, 6));

  auto submit = [&](OpBody body) {
    if (auto refused = ctx.submit(std::move(body)))
      error_ = refused->message;
    else
      error_.clear();
  };

  ui::begin_card("sessions", width);
  bool first = true;
  for (const Session& session : state.sessions_of(pathway->id)) {
    const Id id = session.id();
    ImGui::PushID(id.c_str());
    if (!first) {
      // A rule across the card (ImGui's separator would cross the whole window).
      const ImVec2 rule = ImGui::GetCursorScreenPos() + ImVec2(0, 4);
      ImGui::GetWindowDrawList()->AddLine(rule, rule + ImVec2(width - 2 * 32.0f, 0), theme::color::border);
      ImGui::Dummy(ImVec2(0, 9));
    }
    first = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at + ImVec2(0, 4), at + ImVec2(12, 16),
                                              theme::status_color(session.status), 3.0f);
    ImGui::Dummy(ImVec2(12, 12));
    ImGui::SameLine(0, 10);
    ImGui::BeginGroup();
    std::string title = session_title(state, session);
    if (session.kind == SessionKind::pod) title += " (" + std::string(plain_label(session.kind)) + ")";
    ui::text(title);
    ui::text_muted(status_line(session));
    ImGui::EndGroup();

    if (session.status == SessionStatus::greyed_out) {
      ui::text_muted(ICON_LOCK
                     " This session is locked: your programme team has not opened it for booking. "
                     "Your coach can tell you when it will be.");
    } else if (session.status == SessionStatus::unbooked) {
      if (booking_ != id) {
        ImGui::SameLine(width - 2 * 32.0f - 80.0f);
        if (ui::button("Book", ImVec2(80, 0))) booking_ = id, cancelling_.clear();
      } else {
        const auto slots = bookable_slots(state, id, me, now);
        ui::text(slots.empty() ? "Your coach has no free time at the moment; check again later."
                               : "Choose a time with your coach:");
        ImGui::BeginChild("##slots", ImVec2(360, std::min(240.0f, 30.0f * static_cast<float>(slots.size()) + 4.0f)));
        for (const Slot* slot : slots) {
          const std::string text = slot_line(*slot) + "##" + slot->id;
          if (ui::action(text.c_str(), ctx.why_not(BookSession{id, slot->id}), ui::ActionStyle::item)) {
            submit(BookSession{id, slot->id});
            booking_.clear();
          }
        }
        ImGui::EndChild();
        if (ui::link_button("Close")) booking_.clear();
      }
    } else if (session.status == SessionStatus::booked && session.start > now) {
      if (cancelling_ != id) {
        ImGui::SameLine(width - 2 * 32.0f - 140.0f);
        if (ui::action("Cancel booking", ctx.why_not(CancelBooking{id}), ui::ActionStyle::secondary, ImVec2(140, 0)))
          cancelling_ = id, booking_.clear();
      } else {
        const CancellationOutcome outcome = rule_cancellation_window(session, me.role, now);
        ui::message_box(outcome.late ? ui::Tone::error : ui::Tone::info,
                        outcome.late ? "This session starts in less than 24 hours. Cancelling now counts as a missed "
                                       "session (late cancellation) and may be billed to your programme."
                                     : "You can cancel free of charge until 24 hours before the start. The time goes "
                                       "back to your coach's calendar and you can book another.");
        if (ui::button("Yes, cancel")) {
          submit(CancelBooking{id});
          cancelling_.clear();
        }
        ImGui::SameLine();
        if (ui::secondary_button("Keep booking")) cancelling_.clear();
      }
    }
    ImGui::PopID();
  }
  ui::end_card();
}

}  // namespace pathways
