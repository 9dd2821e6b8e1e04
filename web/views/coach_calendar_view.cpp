#include "views/coach_calendar_view.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "core/permissions.h"
#include "core/session_rules.h"
#include "core/time_zone.h"
#define IMGUI_DEFINE_MATH_OPERATORS
#include "imgui.h"
#include "imgui_internal.h"
#include "local_time.h"
#include "local_time_zones.h"
#include "shell/icons.h"
#include "shell/test_hook.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"
#include "views/session_actions.h"

namespace pathways {
namespace {

// R17: times read on the calendar's wall clock: a zone's rules when this client has them,
// else this browser's clock.
struct WallClock {
  const ZoneRules* zone;

  std::string date(Time t) const { return zone ? local_time::format_date(*zone, t) : local_time::format_date(t); }
  std::string clock(Time t) const { return zone ? local_time::format_clock(*zone, t) : local_time::format_clock(t); }
  std::string date_time(Time t) const {
    return zone ? local_time::format_date_time(*zone, t) : local_time::format_date_time(t);
  }
  // Hours since the local midnight as the clock shows them (10:30 is 10.5 on any day).
  float hours_into_day(Time t) const {
    if (zone) {
      const LocalDateTime local = to_local(*zone, t);
      return static_cast<float>(local.hour) + static_cast<float>(local.minute) / 60.0f;
    }
    const long long local_s = unix_seconds(t) + 60LL * local_time::utc_offset_minutes(t);
    const long long into_day = ((local_s % 86400) + 86400) % 86400;
    return static_cast<float>(into_day) / 3600.0f;
  }
};

bool parse_clock(const std::string& text, int& hour, int& minute) {
  return std::sscanf(text.c_str(), "%d:%d", &hour, &minute) == 2 && hour >= 0 && hour < 24 && minute >= 0 &&
         minute < 60;
}

}  // namespace

void CoachCalendarView::draw(ViewContext& ctx) {
  const State& state = ctx.state;
  const Time now = ctx.now;
  ui::heading("Calendar");

  // [SECTION] Whose calendar, which week
  const std::vector<Id> calendars = managed_calendars(state, ctx.actor);
  if (std::find(calendars.begin(), calendars.end(), coach_) == calendars.end())
    coach_ = calendars.empty() ? Id{} : calendars.front();
  // Someone who manages others' calendars picks whose; a coach has only their own.
  if (!calendars.empty() && !(calendars.size() == 1 && calendars.front() == ctx.actor.id)) {
    const User* current = state.user(coach_);
    if (begin_field_row("##coach", {280})) {
      ImGui::TableNextColumn();
      if (ui::begin_combo("Coach", current ? current->name.c_str() : "Choose a coach")) {
        for (const Id& id : calendars)
          if (const User* user = state.user(id); user && ui::selectable((user->name + "##" + id).c_str(), id == coach_))
            coach_ = id;
        ui::end_combo();
      }
      end_field_row();
    }
  }
  // R17: the calendar is read on the coach's wall clock: their zone's rules (kept by this
  // client, local_time_zones.h), else this browser's zone until those rules arrive.
  const User* coach_user = state.user(coach_);
  const std::string zone_name = local_time::zone_of(coach_user ? coach_user->time_zone : std::string());
  const ZoneRules* zone = local_time::zone_rules(zone_name);
  const WallClock wall{zone};
  Time day_starts[8];
  CivilDate dates[7];
  if (zone) {
    const TimeRange week = local_week(*zone, now + days(7LL * week_offset_));
    const CivilDate monday = local_date(*zone, week.begin);
    for (int d = 0; d < 7; ++d) dates[d] = add_days(monday, d);
    for (int d = 0; d < 7; ++d) day_starts[d] = start_of_day(*zone, dates[d]);
    day_starts[7] = week.end;
  } else {
    const Time week = local_time::start_of_local_week(now + days(7LL * week_offset_));
    for (int d = 0; d <= 7; ++d) day_starts[d] = local_time::start_of_local_day(week + days(d) + hours(12));
  }
  if (ui::secondary_button(ICON_CHEVRON_LEFT " Previous week")) --week_offset_;
  ImGui::SameLine();
  if (ui::secondary_button("This week")) week_offset_ = 0;
  ImGui::SameLine();
  if (ui::secondary_button("Next week " ICON_CHEVRON_RIGHT)) ++week_offset_;
  ImGui::SameLine(0, 16);
  ImGui::AlignTextToFramePadding();
  ui::text("Week of " + wall.date(day_starts[0]));
  ImGui::SameLine(0, 16);
  std::string zone_note = "Times in " + zone_name;
  if (!zone) {
    const std::string problem = local_time::zone_problem(zone_name);
    zone_note += problem.empty() ? " (this browser's clock until its rules arrive)"
                                 : " (this browser's clock: its rules are " + problem + ")";
  }
  ui::text_muted(zone_note);

  // Who holds a place in each slot (the coach's participants' current bookings).
  std::unordered_map<Id, std::vector<std::string>> booked_by;
  for (const Id& pid : state.ids(state.pathways_by_coach, coach_))
    if (const Pathway* p = state.pathway(pid))
      for (const Session& s : state.sessions_of(pid))
        if (!s.slot.empty() && holds_place(s) && s.status != SessionStatus::unbooked) {
          const User* u = state.user(p->participant);
          booked_by[s.slot].push_back(u ? u->name : p->participant);
        }

  // [SECTION] The week
  std::vector<const Slot*> week_slots;
  for (const Id& id : state.ids(state.slots_by_coach, coach_))
    if (const Slot* s = state.slot(id); s && s->start >= day_starts[0] && s->start < day_starts[7])
      week_slots.push_back(s);
  // Office hours, widened to show every slot of the week (by its wall-clock start, so a slot
  // on the day the clocks change sits at the hour it says).
  int first_hour = 8, last_hour = 18;
  for (const Slot* slot : week_slots) {
    const float start_h = wall.hours_into_day(slot->start);
    first_hour = std::min(first_hour, static_cast<int>(start_h));
    last_hour = std::max(
        last_hour, std::min(24, static_cast<int>(start_h + static_cast<float>(slot->duration_min) / 60.0f + 0.999f)));
  }
  const float form_h = 150.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float avail_h = std::max(320.0f, ImGui::GetContentRegionAvail().y - form_h);
  constexpr float gutter = 52.0f, header_h = 28.0f;
  const float col_w = (avail_w - gutter) / 7.0f;
  const float hour_h = (avail_h - header_h) / static_cast<float>(last_hour - first_hour);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, origin + ImVec2(avail_w, avail_h), theme::color::surface, 6.0f);
  draw->AddRect(origin, origin + ImVec2(avail_w, avail_h), theme::color::border, 6.0f);
  for (int d = 0; d < 7; ++d) {
    const float x = origin.x + gutter + col_w * static_cast<float>(d);
    const bool today = now >= day_starts[d] && now < day_starts[d + 1];
    const std::string date = zone ? local_time::format_date(dates[d]) : wall.date(day_starts[d]);
    const std::string head = date.substr(0, date.rfind(' '));
    draw->AddText(ImVec2(x + 6, origin.y + 5), today ? theme::color::accent : theme::color::text, head.c_str());
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + avail_h), theme::color::border);
  }
  for (int h = first_hour; h <= last_hour; ++h) {
    const float y = origin.y + header_h + hour_h * static_cast<float>(h - first_hour);
    draw->AddLine(ImVec2(origin.x + gutter, y), ImVec2(origin.x + avail_w, y), theme::color::surface_sunken);
    char label[8];
    std::snprintf(label, sizeof label, "%02d:00", h);
    if (h < last_hour) draw->AddText(ImVec2(origin.x + 8, y + 2), theme::color::text_muted, label);
  }
  for (const Slot* slot : week_slots) {
    int d = 0;
    while (d < 6 && slot->start >= day_starts[d + 1]) ++d;
    const float start_h = wall.hours_into_day(slot->start);
    const float top = std::clamp(start_h, float(first_hour), float(last_hour) - 0.5f);
    const float len = std::max(0.5f, static_cast<float>(slot->duration_min) / 60.0f);
    const ImVec2 min(origin.x + gutter + col_w * static_cast<float>(d) + 3,
                     origin.y + header_h + hour_h * (top - static_cast<float>(first_hour)) + 1);
    const ImVec2 max(min.x + col_w - 6, std::min(origin.y + avail_h - 2, min.y + hour_h * len - 2));
    const auto& who = booked_by[slot->id];
    const bool full = slot->taken >= slot->capacity;
    const bool past = slot->end() <= now;
    const ImU32 fill = who.empty() ? (past ? theme::color::surface_sunken : theme::color::accent_soft)
                                   : theme::status_color(SessionStatus::booked);
    const ImU32 ink = who.empty() ? theme::color::text : theme::status_text_color(SessionStatus::booked);
    draw->AddRectFilled(min, max, fill, 4.0f);
    std::string text = wall.clock(slot->start) + " " + std::string(label(slot->kind));
    if (slot->kind == SessionKind::pod)
      text += " " + std::to_string(slot->taken) + "/" + std::to_string(slot->capacity);
    else if (!who.empty())
      text += " " + who.front();
    else
      text += " free";
    draw->PushClipRect(min, max, true);
    draw->AddText(min + ImVec2(5, 3), ink, text.c_str());
    draw->PopClipRect();
    test_hook::record(text, "slot", min, max);
    if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsWindowHovered()) {
      ImGui::BeginTooltip();
      ui::text(wall.date_time(slot->start) + " – " + wall.clock(slot->end()) + " (" + zone_name + ")");
      ui::text(std::string(long_label(slot->kind)) + ", " + std::to_string(slot->taken) + " of " +
               std::to_string(slot->capacity) + (full ? " taken (full)" : " taken"));
      for (const std::string& name : who) ui::text_muted("Booked: " + name);
      ImGui::EndTooltip();
    }
  }
  ImGui::Dummy(ImVec2(avail_w, avail_h));
  if (week_slots.empty()) {
    ImGui::SetCursorScreenPos(origin + ImVec2(gutter + 12, header_h + 12));
    ui::text_muted("No slots this week.");
    ImGui::SetCursorScreenPos(origin + ImVec2(0, avail_h + ImGui::GetStyle().ItemSpacing.y));
  }

  // [SECTION] Adding slots
  ImGui::Dummy(ImVec2(0, 4));
  bool form = begin_field_row("##add_slot", {200, 90, 90, 120, 70, 150});
  if (form) {
    ImGui::TableNextColumn();
    const std::string day_label = wall.date(day_starts[day_] + hours(12));
    if (ui::begin_combo("Day", day_label.c_str())) {
      for (int d = 0; d < 7; ++d)
        if (ui::selectable((wall.date(day_starts[d] + hours(12)) + "##d" + std::to_string(d)).c_str(), d == day_))
          day_ = d;
      ui::end_combo();
    }
    ImGui::TableNextColumn();
    ui::input_text("Start", &start_text_, "HH:MM");
    ImGui::TableNextColumn();
    std::string duration_text = std::to_string(duration_);
    if (ui::input_text("Minutes", &duration_text, nullptr, ImGuiInputTextFlags_CharsDecimal))
      duration_ = std::clamp(std::atoi(duration_text.c_str()), 0, 600);
    ImGui::TableNextColumn();
    std::string repeat_text = std::to_string(repeat_);
    if (ui::input_text("Repeat (weeks)", &repeat_text, nullptr, ImGuiInputTextFlags_CharsDecimal))
      repeat_ = std::clamp(std::atoi(repeat_text.c_str()), 0, 52);
    ImGui::TableNextColumn();
    ui::field_label_space();
    ImGui::AlignTextToFramePadding();
    ui::checkbox("Pod", &pod_);
    ImGui::TableNextColumn();
    ui::field_label_space();
  }

  AddSlot op;
  int hour = 0, minute = 0;
  Check why;
  std::string note;  // how an autumn time that happens twice was read
  op.slot = "new";
  op.coach = coach_;
  if (!parse_clock(start_text_, hour, minute)) {
    why = reject(RejectCode::invalid_value, "Enter the start as HH:MM, e.g. 14:30.");
  } else if (zone) {
    // R17: the wall-clock time in the coach's zone; one the clocks skip is refused with the
    // core's sentence, one that happens twice takes the first and says so.
    auto resolved = resolve_local(*zone, LocalDateTime{dates[day_], hour, minute, 0});
    if (!resolved) {
      why = resolved.rejection();
    } else {
      op.start = resolved->at;
      op.time_zone = zone->name;
      if (resolved->repeated)
        note = start_text_ + " happens twice that day as the clocks go back; this is the first (" + resolved->abbrev +
               ").";
    }
  } else {
    op.start = local_time::at_local_time(day_starts[day_], hour, minute);
    if (repeat_ > 0)
      why = reject(RejectCode::unknown_time_zone, "Repeats keep the time in " + zone_name +
                                                      ", whose clock rules have not reached this browser yet; "
                                                      "connect once and try again.");
  }
  op.duration_min = duration_;
  op.kind = pod_ ? SessionKind::pod : SessionKind::one_to_one;
  op.capacity = pod_ ? capacity_ : 1;
  if (repeat_ > 0) op.repeat_weeks = repeat_;
  if (!why) why = ctx.why_not(op);
  bool add = false;
  if (form) {
    add = ui::action(ICON_PLUS " Add slot", why, ui::ActionStyle::primary);
    end_field_row();
  }
  if (add) {
    op.slot = ctx.new_id("slot");
    if (auto refused = ctx.submit(op)) {
      message_ = refused->message;
      message_is_error_ = true;
    } else {
      message_ = "Added " + wall.date_time(op.start) +
                 (repeat_ > 0 ? " and the same time for " + std::to_string(repeat_) + " more weeks." : ".");
      message_is_error_ = false;
    }
  }
  if (!note.empty() && !why) ui::text_muted(note);
  if (!message_.empty()) ui::message_box(message_is_error_ ? ui::Tone::error : ui::Tone::info, message_);
}

}  // namespace pathways
