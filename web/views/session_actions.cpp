#include "views/session_actions.h"

#include <algorithm>

#include "core/booking.h"
#include "core/history.h"
#include "core/permissions.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"

namespace pathways {

const Id* session_of(const OpBody& body) {
  return std::visit(
      [](const auto& op) -> const Id* {
        if constexpr (requires { op.session; })
          return &op.session;
        else
          return nullptr;
      },
      body);
}

std::string status_line(const Session& session) {
  std::string line{label(session.status)};
  if (session.status == SessionStatus::missed && session.missed_reason != MissedReason::none)
    line += " (" + std::string(label(session.missed_reason)) + ")";
  if (!session.slot.empty() && session.status != SessionStatus::unbooked && session.status != SessionStatus::greyed_out)
    line += " · " + local_time::format_date_time(session.start);
  return line;
}

std::string slot_line(const Slot& slot) {
  return local_time::format_date_time(slot.start) + " (" + std::to_string(slot.duration_min) + " min)";
}

void SessionActions::open(const Id& session) {
  session_ = session;
  open_requested_ = true;
  submitted_ = false;
  page_ = Page::menu;
  note_.clear();
  error_.clear();
}

void SessionActions::draw(ViewContext& ctx) {
  history_.draw_window(ctx);
  if (open_requested_) {
    ImGui::OpenPopup("##session_actions");
    open_requested_ = false;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(300, 0), ImVec2(460, 520));
  if (!ImGui::BeginPopup("##session_actions")) return;
  const State& state = ctx.state;
  const Session* session = state.session(session_);
  const Pathway* pathway = session ? state.pathway(session->pathway) : nullptr;
  if (!session || !pathway) {
    ui::text_muted("This session is no longer available.");
    ImGui::EndPopup();
    return;
  }
  const User* participant = state.user(pathway->participant);
  auto why_not = [&](const OpBody& body) { return ctx.why_not(body); };
  using ui::ActionStyle;
  auto submit = [&](OpBody body) {
    if (auto refused = ctx.submit(std::move(body)))
      error_ = refused->message;
    else
      submitted_ = true;
  };

  ui::text(session_title(state, *session) + (participant ? " · " + participant->name : ""));
  ui::text_muted(status_line(*session));
  ImGui::Separator();

  switch (page_) {
    case Page::menu: {
      Check book_why = ctx.why_not_edit();
      if (!book_why) book_why = why_not_book(state, session_, ctx.actor, ctx.now);
      if (ui::action(ICON_CALENDAR " Book…", book_why, ActionStyle::item_keep_open)) page_ = Page::book;
      if (ui::action(ICON_TRASH " Delete booking", why_not(CancelBooking{session_}), ActionStyle::item))
        submit(CancelBooking{session_});
      if (ui::action(ICON_CHECK " Mark Completed", why_not(MarkAttendance{session_, Outcome::completed, std::nullopt}),
                     ActionStyle::item))
        submit(MarkAttendance{session_, Outcome::completed, std::nullopt});
      if (ui::action(ICON_BAN " Mark Missed…",
                     why_not(MarkAttendance{session_, Outcome::missed, MissedReason::no_show}),
                     ActionStyle::item_keep_open))
        page_ = Page::missed;
      // The corrections are offered only to those who may make them: a menu of disabled
      // items would be noise for everyone else.
      if (role_has_capability(ctx.actor.role, Capability::correct_sessions)) {
        if (ui::action(ICON_EYE_SLASH " Grey out", why_not(GreyOut{session_}), ActionStyle::item))
          submit(GreyOut{session_});
        if (ui::action(ICON_EYE " Un-grey", why_not(Ungrey{session_}), ActionStyle::item)) submit(Ungrey{session_});
        // Offered only where it applies: a late cancellation is rare, and a disabled item on
        // every other session would be noise.
        if (session->status == SessionStatus::missed && session->missed_reason == MissedReason::late_cancellation &&
            ui::action(ICON_UNDO " Waive late cancellation", why_not(WaiveLateCancellation{session_}),
                       ActionStyle::item))
          submit(WaiveLateCancellation{session_});
        if (ui::selectable(ICON_PENCIL " Correct status…", false, ImGuiSelectableFlags_DontClosePopups))
          page_ = Page::correct;
      }
      // R21: offered to those who may read it (staff who see the participant), not to others.
      if (!may_read_history(state, ctx.me, pathway->participant) &&
          ui::action(ICON_CLOCK " History", Check{}, ActionStyle::item))
        history_.open_session(session_);
      AddNote probe{session_, "probe", LongText{"-"}};
      if (ui::action(ICON_PENCIL " Add note…", why_not(probe), ActionStyle::item_keep_open)) page_ = Page::note;
      const auto& notes = state.ids(state.notes_by_session, session_);
      if (!notes.empty()) {
        ImGui::Separator();
        ui::text_muted("Notes");
        for (const Id& id : notes)
          if (const Note* note = state.note(id)) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 380.0f);
            ui::text(note->text);
            ImGui::PopTextWrapPos();
          }
      }
      break;
    }
    case Page::book: {
      ui::text("Choose a free slot of the coach:");
      const auto slots = bookable_slots(state, session_, ctx.actor, ctx.now);
      if (slots.empty()) ui::text_muted("No free slot.");
      ImGui::BeginChild("##slots", ImVec2(380, std::min(300.0f, 34.0f * static_cast<float>(slots.size()) + 8.0f)));
      for (const Slot* slot : slots) {
        const std::string text = slot_line(*slot) + "##" + slot->id;
        if (ui::action(text.c_str(), why_not(BookSession{session_, slot->id}), ActionStyle::item))
          submit(BookSession{session_, slot->id});
      }
      ImGui::EndChild();
      if (ui::link_button(ICON_CHEVRON_LEFT " Back")) page_ = Page::menu;
      break;
    }
    case Page::missed: {
      ui::text("Why was it missed?");
      if (ui::action("No-show (participant did not come)",
                     why_not(MarkAttendance{session_, Outcome::missed, MissedReason::no_show}), ActionStyle::item))
        submit(MarkAttendance{session_, Outcome::missed, MissedReason::no_show});
      if (ui::action("Coach no-show (not billable)",
                     why_not(MarkAttendance{session_, Outcome::missed, MissedReason::coach_no_show}),
                     ActionStyle::item))
        submit(MarkAttendance{session_, Outcome::missed, MissedReason::coach_no_show});
      if (ui::link_button(ICON_CHEVRON_LEFT " Back")) page_ = Page::menu;
      break;
    }
    case Page::correct: {
      ui::text("Set the status to:");
      ImGui::PushTextWrapPos(0.0f);  // at the menu's edge: the choices below set its width
      ui::text_muted("For fixing a mistake; the change is recorded with your name.");
      ImGui::PopTextWrapPos();
      struct Choice {
        const char* label;
        SessionStatus status;
        std::optional<MissedReason> reason;
      };
      const Choice choices[] = {
          {"Unbooked (clears the booking)", SessionStatus::unbooked, std::nullopt},
          {"Booked", SessionStatus::booked, std::nullopt},
          {"Completed", SessionStatus::completed, std::nullopt},
          {"Missed: no-show", SessionStatus::missed, MissedReason::no_show},
          {"Missed: late cancellation", SessionStatus::missed, MissedReason::late_cancellation},
          {"Missed: coach no-show (not billable)", SessionStatus::missed, MissedReason::coach_no_show},
      };
      for (const Choice& c : choices) {
        CorrectStatus op{session_, c.status, c.reason};
        if (ui::action(c.label, why_not(op), ActionStyle::item)) submit(std::move(op));
      }
      if (ui::link_button(ICON_CHEVRON_LEFT " Back")) page_ = Page::menu;
      break;
    }
    case Page::note: {
      if (begin_field_row("##note", {380})) {
        ImGui::TableNextColumn();
        ui::input_text("Note", &note_, "What was agreed, what comes next");
        end_field_row();
      }
      AddNote op{session_, "new", LongText{note_}};
      if (ui::action("Save note", why_not(op), ActionStyle::primary)) {
        op.note = ctx.new_id("note");
        submit(std::move(op));
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ui::link_button(ICON_CHEVRON_LEFT " Back")) page_ = Page::menu;
      break;
    }
  }
  if (!error_.empty()) ui::message_box(ui::Tone::error, error_);
  ImGui::EndPopup();
}

}  // namespace pathways
