#include "views/journeys_view.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "core/enums.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "sync/sync_engine.h"
#include "views/field_row.h"

namespace pathways {
namespace {

// Narrower than this, fields and a row's actions stack (phones).
constexpr float narrow_width = 720.0f;
// Drag and drop of a session row; the payload is its index in the list.
constexpr const char* row_payload = "pathways-placeholder";

// What the list compares, for one journey's sessions (its published list once published).
struct SessionSummary {
  int sessions = 0, one_to_one = 0, pods = 0, minutes = 0;
};
SessionSummary summarise(const std::vector<Placeholder>& list) {
  SessionSummary s;
  for (const Placeholder& p : list) {
    if (p.retired) continue;
    ++s.sessions;
    (p.kind == SessionKind::pod ? s.pods : s.one_to_one) += 1;
    s.minutes += p.duration_min;
  }
  return s;
}

std::string hours_text(int minutes_) {
  const int tenths = (minutes_ * 10 + 30) / 60;
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10) out += "." + std::to_string(tenths % 10);
  return out + " h";
}

std::string journey_state(const Journey& j) {
  if (!j.published) return "Unpublished";
  return j.draft ? "Draft pending" : "Published";
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string quoted(const std::string& title) { return "\xE2\x80\x9C" + title + "\xE2\x80\x9D"; }

// "3 created, 2 updated, …" (only the counts that are not zero), or "no session changes".
std::string counts_text(const SessionCounts& c) {
  std::vector<std::string> parts;
  if (c.created) parts.push_back(plural(c.created, "session created", "sessions created"));
  if (c.updated) parts.push_back(plural(c.updated, "session updated", "sessions updated"));
  if (c.kept_retired)
    parts.push_back(plural(c.kept_retired, "session kept with its history", "sessions kept with their history"));
  if (c.removed) parts.push_back(plural(c.removed, "session removed", "sessions removed"));
  if (parts.empty()) return "no session changes";
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

// One line of the publish preview, in words.
std::string change_text(const DraftChange& c) {
  const std::string where =
      " \xE2\x80\x94 " + plural(c.pathways, "pathway", "pathways") + ": " + counts_text(c.sessions);
  switch (c.kind) {
    case DraftChangeKind::added:
      return "Added " + quoted(c.after.title) + " (" + std::string(label(c.after.kind)) + ", " +
             std::to_string(c.after.duration_min) + " min)" + where +
             " (Unbooked, or Greyed out where a cohort's blueprint hides it).";
    case DraftChangeKind::edited: {
      std::vector<std::string> fields;
      if (c.title_changed)
        fields.push_back("title " + quoted(c.before.title) + " \xE2\x86\x92 " + quoted(c.after.title));
      if (c.kind_changed)
        fields.push_back("kind " + std::string(label(c.before.kind)) + " \xE2\x86\x92 " +
                         std::string(label(c.after.kind)));
      if (c.duration_changed)
        fields.push_back("duration " + std::to_string(c.before.duration_min) + " \xE2\x86\x92 " +
                         std::to_string(c.after.duration_min) + " min");
      std::string what;
      for (std::size_t i = 0; i < fields.size(); ++i) what += (i ? "; " : "") + fields[i];
      return "Edited " + quoted(c.before.title) + ": " + what + where +
             (c.kind_changed || c.duration_changed ? " (Booked, Completed and Missed sessions keep theirs)." : ".");
    }
    case DraftChangeKind::retired:
      return "Retired " + quoted(c.before.title) + where + ".";
    case DraftChangeKind::reordered:
      return "Reordered: participants meet the sessions in the new order" + where + ".";
  }
  return {};
}

void muted_wrapped(std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::color::text_muted);
  ui::text_wrapped(text);
  ImGui::PopStyleColor();
}

// Strikes through the last item (a retired session's title).
void strike_last_item() {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const float y = (min.y + max.y) * 0.5f;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, y), ImVec2(max.x, y), theme::color::text_muted, 1.5f);
}

}  // namespace

void JourneysView::say(std::string message, bool error) {
  message_ = std::move(message);
  message_is_error_ = error;
}

const PublishPreview& JourneysView::preview(const ViewContext& ctx, const Journey& journey) {
  if (preview_journey_ != journey.id || preview_revision_ != ctx.sync.revision()) {
    preview_ = publish_preview(ctx.state, journey);
    preview_journey_ = journey.id;
    preview_revision_ = ctx.sync.revision();
  }
  return preview_;
}

void JourneysView::draw(ViewContext& ctx) {
  const Journey* open = open_.empty() ? nullptr : ctx.state.journey(open_);
  if (open) {
    draw_editor(ctx, *open);
  } else {
    open_.clear();
    draw_list(ctx);
  }
}

// [SECTION] The list

void JourneysView::draw_list(ViewContext& ctx) {
  const State& state = ctx.state;
  ui::heading("Journeys");
  muted_wrapped(
      "The sessions a cohort's participants follow, in order. Edits to a published journey are a draft until "
      "you publish again.");
  ImGui::Dummy(ImVec2(0, 4));
  draw_new_journey(ctx);
  if (!message_.empty()) ui::message_box(message_is_error_ ? ui::Tone::error : ui::Tone::info, message_);
  ImGui::Dummy(ImVec2(0, 4));

  // Cohorts and participants per journey: one pass over the cohorts.
  struct Use {
    int cohorts = 0, participants = 0;
  };
  std::unordered_map<Id, Use> use;
  for (const auto& [cid, c] : state.cohorts) {
    if (c.archived) continue;
    Use& u = use[c.journey];
    ++u.cohorts;
    u.participants += static_cast<int>(state.ids(state.pathways_by_cohort, cid).size());
  }
  std::vector<const Journey*> journeys;
  for (const auto& [id, j] : state.journeys) journeys.push_back(&j);
  std::sort(journeys.begin(), journeys.end(),
            [](const Journey* a, const Journey* b) { return a->name != b->name ? a->name < b->name : a->id < b->id; });
  if (journeys.empty()) {
    ui::text_muted("No journeys yet.");
    return;
  }

  const ImGuiTableFlags flags =
      ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##journeys", 9, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  const bool narrow = ImGui::GetContentRegionAvail().x < narrow_width;
  ImGui::TableSetupColumn("Journey", ImGuiTableColumnFlags_WidthFixed, narrow ? 150.0f : 260.0f);
  for (const char* number : {"Sessions", "1:1", "Pods", "Hours", "Cohorts", "Participants"})
    ImGui::TableSetupColumn(number, ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(number).x + 16.0f);
  ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthFixed, 130.0f);
  ImGui::TableSetupColumn("Last change", ImGuiTableColumnFlags_WidthFixed, 190.0f);
  ImGui::TableHeadersRow();
  for (const Journey* j : journeys) {
    const SessionSummary s = summarise(j->placeholders);
    const Use u = use.count(j->id) ? use.at(j->id) : Use{};
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ui::selectable((j->name + "##open-" + j->id).c_str())) {
      open_ = j->id;
      rows_.clear();
      message_.clear();
    }
    ImGui::TableNextColumn();
    ui::text(std::to_string(s.sessions));
    ImGui::TableNextColumn();
    ui::text(std::to_string(s.one_to_one));
    ImGui::TableNextColumn();
    ui::text(std::to_string(s.pods));
    ImGui::TableNextColumn();
    ui::text(hours_text(s.minutes));
    ImGui::TableNextColumn();
    ui::text(std::to_string(u.cohorts));
    ImGui::TableNextColumn();
    ui::text(std::to_string(u.participants));
    ImGui::TableNextColumn();
    if (j->draft)
      ui::chip("Draft pending", theme::color::warning_soft, theme::color::warning_ink);
    else if (!j->published)
      ui::chip("Unpublished", theme::color::surface_sunken, theme::color::text_muted);
    else
      ui::text("Published");
    ImGui::TableNextColumn();
    ui::text(j->changed_at == Time{} ? "\xE2\x80\x94" : local_time::format_date_time(j->changed_at));
  }
  ImGui::EndTable();
}

// A new journey: name, extra sessions a participant may be granted (R11), the My Coaching
// tab (R8). The button is refused, with the core's sentence shown, until the core accepts it.
void JourneysView::draw_new_journey(ViewContext& ctx) {
  CreateJourney op;
  op.journey = "new";
  op.name.value = name_;
  op.my_coaching_tab = my_coaching_;
  Check why;
  const bool digits = !extra_text_.empty() && extra_text_.size() <= 3 &&
                      std::all_of(extra_text_.begin(), extra_text_.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits)
    op.max_extra_sessions = std::atoi(extra_text_.c_str());
  else
    why = reject(RejectCode::invalid_value, "Enter the extra sessions as a whole number, 0 to 50.");
  if (!why) why = ctx.why_not(op);

  const bool narrow = ImGui::GetContentRegionAvail().x < narrow_width;
  bool create = false;
  if (narrow) {
    ui::input_text("Journey name", &name_, "e.g. Leading teams");
    ui::input_text("Extra sessions per participant (0-50)", &extra_text_, nullptr, ImGuiInputTextFlags_CharsDecimal);
    ui::checkbox("\"My Coaching\" tab", &my_coaching_);
    create = ui::action(ICON_PLUS " New journey", why, ui::ActionStyle::primary);
  } else if (begin_field_row("##new_journey", {300, 230, 170, 150})) {
    ImGui::TableNextColumn();
    ui::input_text("Journey name", &name_, "e.g. Leading teams");
    ImGui::TableNextColumn();
    ui::input_text("Extra sessions per participant (0-50)", &extra_text_, nullptr, ImGuiInputTextFlags_CharsDecimal);
    ImGui::TableNextColumn();
    ui::field_label_space();
    ImGui::AlignTextToFramePadding();
    ui::checkbox("\"My Coaching\" tab", &my_coaching_);
    ImGui::TableNextColumn();
    ui::field_label_space();
    create = ui::action(ICON_PLUS " New journey", why, ui::ActionStyle::primary);
    end_field_row();
  }
  // The core's sentence, before submitting (an untouched form just says what it needs).
  if (why) ui::text_muted(why->message);
  if (!create) return;
  op.journey = ctx.new_id("journey");
  if (auto refused = ctx.submit(op)) return say(refused->message, true);
  open_ = op.journey;
  rows_.clear();
  name_.clear();
  extra_text_ = "0";
  say("Created. Add its sessions, then publish it.", false);
}

// [SECTION] The editor

void JourneysView::draw_editor(ViewContext& ctx, const Journey& journey) {
  if (ui::link_button(ICON_CHEVRON_LEFT " All journeys")) {
    open_.clear();
    message_.clear();
    return;
  }
  ui::heading(journey.name);
  ImGui::SameLine(0, 12);
  if (journey.draft)
    ui::chip("Draft pending", theme::color::warning_soft, theme::color::warning_ink);
  else
    ui::chip(journey_state(journey), theme::color::surface_sunken, theme::color::text_muted);
  const SessionSummary s = summarise(working_placeholders(journey));
  muted_wrapped(plural(s.sessions, "session", "sessions") + " \xC2\xB7 " + std::to_string(s.one_to_one) +
                " 1:1 \xC2\xB7 " + plural(s.pods, "pod", "pods") + " \xC2\xB7 " + hours_text(s.minutes) +
                " \xC2\xB7 up to " + plural(journey.max_extra_sessions, "extra session", "extra sessions") +
                " \xC2\xB7 \"My Coaching\" tab " + (journey.my_coaching_tab ? "on" : "off"));
  ImGui::Dummy(ImVec2(0, 4));
  draw_settings(ctx, journey);
  ImGui::Dummy(ImVec2(0, 4));

  const Check why_publish = ctx.why_not(PublishJourney{journey.id});
  if (journey.published && journey.draft) {
    const int n = static_cast<int>(preview(ctx, journey).changes.size());
    ui::message_box(ui::Tone::warning, "Draft: " + plural(n, "change", "changes") +
                                           " not yet published. Participants see the published journey until you "
                                           "publish.");
    if (ui::action("Publish\xE2\x80\xA6", why_publish, ui::ActionStyle::primary)) publish_requested_ = true;
    ImGui::SameLine();
    if (ui::action("Discard draft", ctx.why_not(DiscardDraft{journey.id}))) {
      if (auto refused = ctx.submit(DiscardDraft{journey.id}))
        say(refused->message, true);
      else
        say("Draft discarded: the journey is as published.", false);
      rows_.clear();
    }
  } else if (!journey.published) {
    ui::message_box(ui::Tone::info, "Not published yet: edits apply at once. Publish to create cohorts on it.");
    if (ui::action("Publish\xE2\x80\xA6", why_publish, ui::ActionStyle::primary)) publish_requested_ = true;
  } else {
    ui::text_muted("Published. Edits become a draft until you publish again.");
  }
  ImGui::Dummy(ImVec2(0, 4));

  draw_rows(ctx, journey);

  const auto& list = working_placeholders(journey);
  AddPlaceholder add;
  add.journey = journey.id;
  add.placeholder = "new";
  add.title.value = "Session " + std::to_string(list.size() + 1);
  add.kind = SessionKind::one_to_one;
  add.duration_min = 60;
  if (ui::action(ICON_PLUS " Add session", ctx.why_not(add))) {
    add.placeholder = ctx.new_id("session");
    if (auto refused = ctx.submit(add))
      say(refused->message, true);
    else
      say(journey.published ? "Added to the draft, and shown in every cohort's blueprint." : "Added.", false);
  }
  if (!message_.empty()) ui::message_box(message_is_error_ ? ui::Tone::error : ui::Tone::info, message_);
  draw_publish_dialog(ctx, journey);
}

// R8, R11: name, extra sessions cap and the My Coaching tab. They apply at once, even on a
// published journey (they change no session); the core refuses a cap below what a
// participant was already granted, and says how many.
void JourneysView::draw_settings(ViewContext& ctx, const Journey& journey) {
  // Reload what is typed when another journey opens or this one changed elsewhere.
  if (settings_of_ != journey.id || settings_loaded_at_ != journey.changed_at) {
    settings_of_ = journey.id;
    settings_loaded_at_ = journey.changed_at;
    settings_name_ = journey.name;
    settings_extra_ = std::to_string(journey.max_extra_sessions);
    settings_my_coaching_ = journey.my_coaching_tab;
  }
  if (ui::secondary_button(settings_open_ ? ICON_CLOSE " Close settings##journey" : "Settings\xE2\x80\xA6##journey"))
    settings_open_ = !settings_open_;
  if (!settings_open_) return;
  UpdateJourney op;
  op.journey = journey.id;
  if (settings_name_ != journey.name) op.name = Name{settings_name_};
  if (settings_my_coaching_ != journey.my_coaching_tab) op.my_coaching_tab = settings_my_coaching_;
  Check why;
  const bool digits =
      !settings_extra_.empty() && settings_extra_.size() <= 3 &&
      std::all_of(settings_extra_.begin(), settings_extra_.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits)
    why = reject(RejectCode::invalid_value, "Enter the extra sessions as a whole number, 0 to 50.");
  else if (std::atoi(settings_extra_.c_str()) != journey.max_extra_sessions)
    op.max_extra_sessions = std::atoi(settings_extra_.c_str());
  const bool changed = op.name || op.my_coaching_tab || op.max_extra_sessions;
  if (!why) why = changed ? ctx.why_not(op) : Check{reject(RejectCode::invalid_value, "Nothing changed yet.")};

  const bool narrow = ImGui::GetContentRegionAvail().x < narrow_width;
  bool save = false;
  if (narrow) {
    ui::input_text("Journey name##settings", &settings_name_);
    ui::input_text("Extra sessions per participant (0-50)##settings", &settings_extra_, nullptr,
                   ImGuiInputTextFlags_CharsDecimal);
    ui::checkbox("\"My Coaching\" tab##settings", &settings_my_coaching_);
    save = ui::action("Save settings", why, ui::ActionStyle::primary);
  } else if (begin_field_row("##journey_settings", {300, 230, 170, 150})) {
    ImGui::TableNextColumn();
    ui::input_text("Journey name##settings", &settings_name_);
    ImGui::TableNextColumn();
    ui::input_text("Extra sessions per participant (0-50)##settings", &settings_extra_, nullptr,
                   ImGuiInputTextFlags_CharsDecimal);
    ImGui::TableNextColumn();
    ui::field_label_space();
    ImGui::AlignTextToFramePadding();
    ui::checkbox("\"My Coaching\" tab##settings", &settings_my_coaching_);
    ImGui::TableNextColumn();
    ui::field_label_space();
    save = ui::action("Save settings", why, ui::ActionStyle::primary);
    end_field_row();
  }
  if (why && changed) ui::text_muted(why->message);
  muted_wrapped(
      "Settings apply at once, also on a published journey: they change no session, so there is nothing to "
      "publish. Turning the \"My Coaching\" tab off hides booked sessions that the blueprint hides.");
  if (!save) return;
  if (auto refused = ctx.submit(op)) return say(refused->message, true);
  say("Settings saved.", false);
}

void JourneysView::draw_rows(ViewContext& ctx, const Journey& journey) {
  const auto& list = working_placeholders(journey);
  if (list.empty()) {
    ui::text_muted("No sessions yet.");
    return;
  }
  const bool narrow = ImGui::GetContentRegionAvail().x < narrow_width;
  const Check why_move = ctx.why_not(MovePlaceholder{journey.id, list.front().id, 0});
  std::optional<std::pair<int, int>> drop;  // from, to: at most one per frame, on release

  // A row takes drops of another row: its number and its title.
  auto drop_target = [&](int index) {
    if (why_move || !ImGui::BeginDragDropTarget()) return;
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(row_payload)) {
      const int from = *static_cast<const int*>(payload->Data);
      if (from != index) drop = std::make_pair(from, index);
    }
    ImGui::EndDragDropTarget();
  };

  const int columns = narrow ? 2 : 5;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##sessions", columns, flags)) return;
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 56.0f);
  ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch);
  if (!narrow) {
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, 70.0f);
    ImGui::TableSetupColumn("Minutes", ImGuiTableColumnFlags_WidthFixed, 80.0f);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, 270.0f);
  }
  ImGui::TableHeadersRow();
  for (int i = 0; i < static_cast<int>(list.size()); ++i) {
    const Placeholder& p = list[static_cast<std::size_t>(i)];
    ImGui::PushID(p.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string number = std::to_string(i + 1);
    if (p.retired) {
      ImGui::AlignTextToFramePadding();
      ui::text_muted(number);
    } else {
      // The handle: dragged onto another row's handle or title, it moves there (one op per drop).
      ui::link_button((ICON_GRIP " " + number + "##drag").c_str());
      if (!why_move && ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(row_payload, &i, sizeof(i));
        ui::text(ICON_GRIP " Moving " + quoted(p.title));
        ImGui::EndDragDropSource();
      }
      if (ImGui::IsItemHovered() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        ImGui::BeginTooltip();
        ui::text(why_move ? why_move->message : "Drag to another row to move this session there.");
        ImGui::EndTooltip();
      }
    }
    drop_target(i);

    ImGui::TableNextColumn();
    RowEdit& edit = rows_[p.id];
    const bool refused_before = !edit.refused.empty();
    if (p.retired) {
      ImGui::AlignTextToFramePadding();
      ui::text_muted(p.title);
      strike_last_item();
      const bool pending = journey.published && !find_in(journey.placeholders, p.id)->retired;
      std::string note = pending ? "retired when you publish" : "retired";
      if (journey.published) {
        const int held = sessions_with_history(ctx.state, journey, p.id);
        note += " \xC2\xB7 " + plural(held, "session holds history", "sessions hold history") + (held ? " (kept)" : "");
      }
      ui::text_muted(note);
    } else {
      // Title, edited in place: sent on Enter or when the field loses focus, never per key.
      if (!refused_before && !edit.title_active) edit.title = p.title;  // follow the state when not typing
      const bool commit = ui::cell_input_text("Title", &edit.title);
      const bool active = edit.title_active = ImGui::IsItemActive();
      drop_target(i);
      UpdatePlaceholder rename{journey.id, p.id, Name{edit.title}, std::nullopt, std::nullopt};
      if (commit && edit.title != p.title) {
        if (auto no = ctx.why_not(rename)) {
          edit.refused = no->message;
        } else {
          edit.refused.clear();
          if (auto refused = ctx.submit(rename)) edit.refused = refused->message;
        }
      } else if (active && edit.title != p.title) {
        // The core's sentence while typing (an empty or overlong title), before submitting.
        if (auto no = ctx.why_not(rename)) {
          ImGui::PushStyleColor(ImGuiCol_Text, theme::color::danger);
          ui::text_wrapped(no->message);
          ImGui::PopStyleColor();
        }
      }
      if (!edit.refused.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::color::danger);
        ui::text_wrapped(edit.refused + " (Press Escape to keep the old title.)");
        ImGui::PopStyleColor();
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) edit.refused.clear();
      }
    }

    // Kind and minutes (beside the title, or below it on a phone).
    if (narrow && !p.retired) ui::text_muted("Kind and minutes");
    if (!narrow) ImGui::TableNextColumn();
    if (!p.retired) {
      const SessionKind other = p.kind == SessionKind::pod ? SessionKind::one_to_one : SessionKind::pod;
      UpdatePlaceholder switch_kind{journey.id, p.id, std::nullopt, std::nullopt, other};
      if (ui::action((std::string(label(p.kind)) + "##kind").c_str(), ctx.why_not(switch_kind),
                     ui::ActionStyle::secondary, ImVec2(narrow ? 70.0f : -1.0f, 0))) {
        if (auto refused = ctx.submit(switch_kind)) say(refused->message, true);
      }
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ui::text(std::string(long_label(p.kind)) + ": press to make it " + std::string(long_label(other)) + ".");
        ImGui::EndTooltip();
      }
    }
    if (narrow && !p.retired) ImGui::SameLine();
    if (!narrow) ImGui::TableNextColumn();
    if (!p.retired) {
      const std::string stored = std::to_string(p.duration_min);
      if (!edit.minutes_active) edit.minutes = stored;
      const bool commit =
          ui::cell_input_text("Minutes", &edit.minutes, ImGuiInputTextFlags_CharsDecimal, narrow ? 80.0f : 0.0f);
      edit.minutes_active = ImGui::IsItemActive();
      if (commit && edit.minutes != stored) {
        UpdatePlaceholder resize{journey.id, p.id, std::nullopt, std::atoi(edit.minutes.c_str()), std::nullopt};
        if (edit.minutes.size() > 4) resize.duration_min = 100000;
        if (auto no = ctx.why_not(resize))
          say(no->message, true);
        else if (auto refused = ctx.submit(resize))
          say(refused->message, true);
        edit.minutes = stored;
      }
    } else if (!narrow) {
      ImGui::AlignTextToFramePadding();
      ui::text_muted(std::to_string(p.duration_min));
    }

    // Move up / Move down (for keyboards and touch), Retire.
    if (!narrow) ImGui::TableNextColumn();
    if (!p.retired) {
      if (ui::action("Move up", ctx.why_not(MovePlaceholder{journey.id, p.id, i - 1}))) drop = std::make_pair(i, i - 1);
      ImGui::SameLine();
      if (ui::action("Move down", ctx.why_not(MovePlaceholder{journey.id, p.id, i + 1})))
        drop = std::make_pair(i, i + 1);
      ImGui::SameLine();
      const RetirePlaceholder retire{journey.id, p.id};
      if (ui::action("Retire", ctx.why_not(retire))) {
        if (auto refused = ctx.submit(retire))
          say(refused->message, true);
        else
          say(journey.published && find_in(journey.placeholders, p.id)
                  ? "Retired in the draft: sessions with history are kept when you publish."
                  : "Removed.",
              false);
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();

  if (drop) {
    const auto [from, to] = *drop;
    const MovePlaceholder move{journey.id, list[static_cast<std::size_t>(from)].id, to};
    if (auto refused = ctx.submit(move)) say(refused->message, true);
  }
}

// [SECTION] Publishing

void JourneysView::draw_publish_dialog(ViewContext& ctx, const Journey& journey) {
  constexpr const char* title = "Publish journey";
  if (publish_requested_) {
    ImGui::OpenPopup(title);
    publish_requested_ = false;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(640.0f, viewport->WorkSize.x - 24.0f), 0.0f), ImGuiCond_Always);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) return;
  ui::heading("Publish " + journey.name + "?");
  std::string done;
  if (!journey.published) {
    const SessionSummary s = summarise(journey.placeholders);
    ui::text_wrapped("Publishing makes its " + plural(s.sessions, "session", "sessions") +
                     " available to cohorts. Later edits become a draft until you publish again.");
    done = "Published.";
  } else {
    const PublishPreview& pv = preview(ctx, journey);
    ui::text_wrapped("Publishing applies " + plural(static_cast<int>(pv.changes.size()), "change", "changes") + ":");
    for (const DraftChange& c : pv.changes) {
      ImGui::Bullet();
      ui::text_wrapped(change_text(c));
    }
    ImGui::Dummy(ImVec2(0, 4));
    ui::text_wrapped("In all: " + counts_text(pv.sessions) + ", in " + plural(pv.pathways, "pathway", "pathways") +
                     ". Booked, Completed and Missed sessions are never rewritten.");
    done = "Published: " + counts_text(pv.sessions) + ".";
  }
  ImGui::Dummy(ImVec2(0, 6));
  const Check why = ctx.why_not(PublishJourney{journey.id});
  if (why) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::color::danger);
    ui::text_wrapped(why->message);
    ImGui::PopStyleColor();
  }
  if (ui::action("Publish", why, ui::ActionStyle::primary)) {
    if (auto refused = ctx.submit(PublishJourney{journey.id}))
      say(refused->message, true);
    else
      say(done, false);
    rows_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ui::secondary_button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace pathways
