#include "views/participant_view.h"

#include "sync/sync_engine.h"

#include <algorithm>

#include "core/booking.h"
#include "core/session_rules.h"
#define IMGUI_DEFINE_MATH_OPERATORS
#include "imgui.h"
#include "imgui_internal.h"
#include "local_time.h"
#include "local_time_zones.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"
#include "views/session_actions.h"

namespace pathways {
namespace {

// DESIGN.md §5: may an edit made now reach the server only later (and be judged then)?
// Offline, or other changes are still waiting to be sent, or the last sync failed.
bool may_arrive_late(const ViewContext& ctx) {
  return !ctx.app.online || ctx.app.sync.pending > 0 || !ctx.app.sync.problem.empty();
}

// Why, in words, for the confirmations.
std::string waiting_reason(const ViewContext& ctx) {
  if (!ctx.app.online) return "You are offline, so this is sent when the connection is back.";
  if (ctx.app.sync.pending > 0)
    return "Other changes are still waiting to be sent, so this may reach the server later.";
  return "The server could not be reached just now, so this may reach it later.";
}

}  // namespace

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
  if (const User* coach = state.user(pathway->coach)) {
    ui::text_muted("Your coach: " + coach->name);
    // R17: keep the rules of the zones this person meets (their own, their coach's) for offline use.
    local_time::zone_rules(local_time::zone_of(coach->time_zone));
  }
  local_time::zone_rules(local_time::zone_of(ctx.me.time_zone));
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
    // R4: the deadline as a local date and time, where it still lies ahead.
    if (const auto late_from = cancellation_late_from(session, me.role, now))
      ui::text_muted("Free cancellation until " + local_time::format_date_time(*late_from));
    ImGui::EndGroup();

    if (session.status == SessionStatus::greyed_out) {
      ui::text_muted(ICON_LOCK
                     " This session is locked: your programme team has not opened it for booking. "
                     "Your coach can tell you when it will be.");
    } else if (session.status == SessionStatus::unbooked) {
      if (booking_ != id) {
        ImGui::SameLine(width - 2 * 32.0f - 80.0f);
        if (ui::button("Book", ImVec2(80, 0))) booking_ = id, booking_slot_.clear(), cancelling_.clear();
      } else {
        const auto slots = bookable_slots(state, id, me, now);
        ui::text(slots.empty() ? "Your coach has no free time at the moment; check again later."
                               : "Choose a time with your coach:");
        const Slot* confirming = state.slot(booking_slot_);
        if (confirming) {
          // DESIGN.md §5: a booking that may reach the server later is judged when it arrives.
          const auto refused_from = booking_refused_from(*confirming, me.role);
          ui::message_box(
              ui::Tone::warning,
              "Book " + local_time::format_date_time(confirming->start) + "? " + waiting_reason(ctx) +
                  (refused_from ? " This booking will be refused if it reaches the server after " +
                                      local_time::format_date_time(*refused_from) + ", when the slot starts."
                                : ""));
          if (ui::action("Yes, book", ctx.why_not(BookSession{id, confirming->id}), ui::ActionStyle::primary)) {
            submit(BookSession{id, confirming->id});
            booking_.clear();
            booking_slot_.clear();
          }
          ImGui::SameLine();
          if (ui::secondary_button("Choose another time")) booking_slot_.clear();
        } else {
          ImGui::BeginChild("##slots", ImVec2(360, std::min(240.0f, 30.0f * static_cast<float>(slots.size()) + 4.0f)));
          for (const Slot* slot : slots) {
            const std::string text = slot_line(*slot) + "##" + slot->id;
            if (ui::action(text.c_str(), ctx.why_not(BookSession{id, slot->id}), ui::ActionStyle::item)) {
              if (may_arrive_late(ctx)) {
                booking_slot_ = slot->id;  // confirm first, naming when it would be refused
              } else {
                submit(BookSession{id, slot->id});
                booking_.clear();
              }
            }
          }
          ImGui::EndChild();
          if (ui::link_button("Close")) booking_.clear();
        }
      }
    } else if (session.status == SessionStatus::booked && session.start > now) {
      if (cancelling_ != id) {
        ImGui::SameLine(width - 2 * 32.0f - 140.0f);
        if (ui::action("Cancel booking", ctx.why_not(CancelBooking{id}), ui::ActionStyle::secondary, ImVec2(140, 0)))
          cancelling_ = id, booking_.clear();
      } else {
        const CancellationOutcome outcome = rule_cancellation_window(session, me.role, now);
        const auto late_from = cancellation_late_from(session, me.role, now);
        std::string text;
        ui::Tone tone = ui::Tone::info;
        if (outcome.late) {
          tone = ui::Tone::error;
          text =
              "This session starts in less than 24 hours. Cancelling now counts as a missed session (late "
              "cancellation) and may be billed to your programme.";
        } else if (late_from && may_arrive_late(ctx)) {
          tone = ui::Tone::warning;
          // DESIGN.md §5: judged when the server receives it, which may be after the deadline.
          text = waiting_reason(ctx) + " This will count as a late cancellation if it reaches the server after " +
                 local_time::format_date_time(*late_from) +
                 ". Before then, the time goes back to your coach's calendar and you can book another.";
        } else {
          text = "You can cancel free of charge until " +
                 (late_from ? local_time::format_date_time(*late_from) : std::string("24 hours before the start")) +
                 ". The time goes back to your coach's calendar and you can book another.";
        }
        ui::message_box(tone, text);
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
