#include "views/session_actions.h"

#include <algorithm>

#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"

namespace pathways {

namespace {
void reason_tooltip(const Check& why_not) {
  if (why_not && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(why_not->message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}
}  // namespace

bool action_item(const char* label, const Check& why_not, bool keep_open) {
  ImGui::BeginDisabled(why_not.has_value());
  const bool pressed =
      ui::selectable(label, false, keep_open ? ImGuiSelectableFlags_DontClosePopups : ImGuiSelectableFlags_None);
  ImGui::EndDisabled();
  reason_tooltip(why_not);
  return pressed && !why_not;
}

bool action_button(const char* label, const Check& why_not) {
  ImGui::BeginDisabled(why_not.has_value());
  const bool pressed = ui::secondary_button(label);
  ImGui::EndDisabled();
  reason_tooltip(why_not);
  return pressed && !why_not;
}

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

std::vector<const Slot*> free_slots(const State& state, const Id& coach, SessionKind kind, Time after) {
  std::vector<const Slot*> out;
  for (const Id& id : state.ids(state.slots_by_coach, coach))
    if (const Slot* slot = state.slot(id);
        slot && slot->kind == kind && slot->taken < slot->capacity && slot->start > after)
      out.push_back(slot);
  std::sort(out.begin(), out.end(), [](const Slot* a, const Slot* b) { return a->start < b->start; });
  return out;
}

std::string status_line(const Session& session) {
  std::string line{label(session.status)};
  if (session.status == SessionStatus::missed && session.missed_reason != MissedReason::none)
    line += " (" + std::string(label(session.missed_reason)) + ")";
  if (!session.slot.empty() && session.status != SessionStatus::unbooked && session.status != SessionStatus::greyed_out)
    line += " · " + local_time::format_date_time(session.start);
  return line;
}

void SessionActions::open(const Id& session) {
  session_ = session;
  open_requested_ = true;
  submitted_ = false;
  page_ = Page::menu;
  note_.clear();
  error_.clear();
}

void SessionActions::draw(SyncEngine& sync) {
  if (open_requested_) {
    ImGui::OpenPopup("##session_actions");
    open_requested_ = false;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(300, 0), ImVec2(460, 520));
  if (!ImGui::BeginPopup("##session_actions")) return;
  const State& state = sync.view();
  const Session* session = state.session(session_);
  const Pathway* pathway = session ? state.pathway(session->pathway) : nullptr;
  if (!session || !pathway) {
    ui::text_muted("This session is no longer available.");
    ImGui::EndPopup();
    return;
  }
  const Actor actor = sync.actor();
  const Time now = sync.now();
  const User* participant = state.user(pathway->participant);
  auto why_not = [&](OpBody body) -> Check {
    if (!sync.may_edit()) return reject(RejectCode::forbidden, "Another Pathways tab is open; make changes there.");
    return check(state, body, actor, now);
  };
  auto submit = [&](OpBody body) {
    if (auto refused = sync.submit(std::move(body)))
      error_ = refused->message;
    else
      submitted_ = true;
  };

  ui::text(session_title(state, *session) + (participant ? " · " + participant->name : ""));
  ui::text_muted(status_line(*session));
  ImGui::Separator();

  switch (page_) {
    case Page::menu: {
      const auto slots = free_slots(state, pathway->coach, session->kind, now);
      Check book_why = slots.empty() ? Check(reject(RejectCode::slot_taken, "The coach has no free slot of this kind."))
                                     : why_not(BookSession{session_, slots.front()->id});
      if (session->status != SessionStatus::unbooked && !slots.empty())
        book_why = why_not(BookSession{session_, slots.front()->id});
      if (action_item(ICON_CALENDAR " Book…", book_why, true)) page_ = Page::book;
      if (action_item(ICON_TRASH " Delete booking", why_not(CancelBooking{session_}))) submit(CancelBooking{session_});
      if (action_item(ICON_CHECK " Mark Completed",
                      why_not(MarkAttendance{session_, Outcome::completed, std::nullopt})))
        submit(MarkAttendance{session_, Outcome::completed, std::nullopt});
      if (action_item(ICON_BAN " Mark Missed…",
                      why_not(MarkAttendance{session_, Outcome::missed, MissedReason::no_show}), true))
        page_ = Page::missed;
      if (actor.role == Role::admin) {
        if (action_item(ICON_EYE_SLASH " Grey out", why_not(GreyOut{session_}))) submit(GreyOut{session_});
        if (action_item(ICON_EYE " Un-grey", why_not(Ungrey{session_}))) submit(Ungrey{session_});
        // Offered only where it applies: a late cancellation is rare, and a disabled item on
        // every other session would be noise.
        if (session->status == SessionStatus::missed && session->missed_reason == MissedReason::late_cancellation &&
            action_item(ICON_UNDO " Waive late cancellation", why_not(WaiveLateCancellation{session_})))
          submit(WaiveLateCancellation{session_});
        if (ui::selectable(ICON_PENCIL " Correct status…", false, ImGuiSelectableFlags_DontClosePopups))
          page_ = Page::correct;
      }
      AddNote probe{session_, "probe", LongText{"-"}};
      if (action_item(ICON_PENCIL " Add note…", why_not(probe), true)) page_ = Page::note;
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
      const auto slots = free_slots(state, pathway->coach, session->kind, now);
      if (slots.empty()) ui::text_muted("No free slot.");
      ImGui::BeginChild("##slots", ImVec2(380, std::min(300.0f, 34.0f * static_cast<float>(slots.size()) + 8.0f)));
      for (const Slot* slot : slots) {
        const std::string text = local_time::format_date_time(slot->start) + "  (" +
                                 std::to_string(slot->duration_min) + " min)##" + slot->id;
        if (action_item(text.c_str(), why_not(BookSession{session_, slot->id})))
          submit(BookSession{session_, slot->id});
      }
      ImGui::EndChild();
      if (ui::link_button(ICON_CHEVRON_LEFT " Back")) page_ = Page::menu;
      break;
    }
    case Page::missed: {
      ui::text("Why was it missed?");
      if (action_item("No-show (participant did not come)",
                      why_not(MarkAttendance{session_, Outcome::missed, MissedReason::no_show})))
        submit(MarkAttendance{session_, Outcome::missed, MissedReason::no_show});
      if (action_item("Coach no-show (not billable)",
                      why_not(MarkAttendance{session_, Outcome::missed, MissedReason::coach_no_show})))
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
        const bool current = session->status == c.status && (!c.reason || session->missed_reason == *c.reason);
        CorrectStatus op{session_, c.status, c.reason};
        Check why =
            current ? Check(reject(RejectCode::invalid_transition, "This is the session's status now.")) : why_not(op);
        if (action_item(c.label, why)) submit(std::move(op));
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
      AddNote op{session_, sync.new_id("note"), LongText{note_}};
      Check save_why = note_.empty() ? Check(reject(RejectCode::missing_field, "Write the note first.")) : why_not(op);
      ImGui::BeginDisabled(save_why.has_value());
      if (ui::button("Save note")) {
        submit(std::move(op));
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ui::link_button(ICON_CHEVRON_LEFT " Back")) page_ = Page::menu;
      break;
    }
  }
  if (!error_.empty()) ui::message_box(ui::Tone::error, error_);
  ImGui::EndPopup();
}

}  // namespace pathways
