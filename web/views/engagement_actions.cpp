#include "views/engagement_actions.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/engagement.h"
#include "core/pathway_rules.h"
#include "core/permissions.h"
#include "core/programme.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/widgets.h"
#include "sync/sync_engine.h"
#include "views/field_row.h"

namespace pathways {
namespace {

constexpr const char* dialog_title = "Engagement##engagement_dialog";
// The words for each kind of Engagement row, in EngagementKind order.
constexpr const char* kind_words[] = {"Overdue, unbooked", "No booking", "Inactive (R14)", "Escalated"};

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string user_name(const State& state, const Id& id) {
  const User* u = state.user(id);
  return u ? u->name : id;
}

// When `participant` was last reminded (either kind, R19), as the viewer's local time.
std::string last_reminder_text(const LastReminders& last, const Id& participant) {
  const auto it = last.find(participant);
  return it == last.end() ? std::string("never") : local_time::format_date_time(it->second);
}

}  // namespace

void EngagementActions::open(Dialog dialog, Id subject) {
  dialog_ = dialog;
  subject_ = std::move(subject);
  note_.clear();
  dialog_error_.clear();
  open_requested_ = true;
}

// [SECTION] The report's list

void EngagementActions::rebuild(const ViewContext& ctx, const ReportQuery& query) {
  const State& state = ctx.state;
  const Engagement report = report_engagement(state, ctx.me, query, ctx.now);
  std::unordered_map<Id, std::size_t> at;
  listed_.clear();
  for (const Id& id : engagement_participants(report)) {
    at.emplace(id, listed_.size());
    listed_.push_back({id, user_name(state, id), "", false});
  }
  std::vector<std::array<bool, 4>> kinds(listed_.size());
  for (const EngagementRow& row : report.rows) {
    const auto it = at.find(Id(row.at.participant));
    if (it != at.end()) kinds[it->second][static_cast<std::size_t>(row.kind)] = true;
  }
  for (std::size_t i = 0; i < listed_.size(); ++i) {
    for (std::size_t k = 0; k < 4; ++k)
      if (kinds[i][k]) listed_[i].why += (listed_[i].why.empty() ? "" : " · ") + std::string(kind_words[k]);
    listed_[i].inactive = kinds[i][static_cast<std::size_t>(EngagementKind::inactive)];
  }
}

void EngagementActions::remind_all(ViewContext& ctx) {
  std::vector<Id> ids;
  for (const Listed& l : listed_) ids.push_back(l.participant);
  // R19: the core splits the list into those to remind and those reminded too recently.
  const BulkReminderPlan plan = plan_bulk_reminder(ctx.state, ids, ctx.now);
  std::vector<OpBody> ops;
  for (const Id& id : plan.send) ops.emplace_back(SendReminder{id, std::nullopt});
  remind_error_.clear();
  skipped_lines_.clear();
  std::size_t sent = ops.size();
  if (!ops.empty())
    if (const Check refused = ctx.submit_all(ops)) {
      remind_error_ = refused->message;
      sent = 0;  // submit_all keeps those before the refusal: count them from the state below
      const LastReminders last = last_reminders(ctx.state);
      for (const Id& id : plan.send)
        if (auto it = last.find(id); it != last.end() && it->second == ctx.now) ++sent;
    }
  sent_text_ = "Sent " + plural(sent, "reminder", "reminders") + ". ";
  if (plan.skipped.empty()) {
    sent_text_ += "Nobody listed was reminded in the last 7 days.";
  } else {
    sent_text_ += "Skipped " + std::to_string(plan.skipped.size()) + ", reminded in the last 7 days:";
    for (const auto& [id, when] : plan.skipped)
      skipped_lines_.push_back(user_name(ctx.state, id) + ": reminded " + local_time::format_date_time(when) +
                               "; the next may go from " + local_time::format_date_time(when + reminder_pacing_window) +
                               ".");
  }
}

void EngagementActions::draw_report(ViewContext& ctx, const ReportQuery& query, const std::string& query_key) {
  if (query_key != listed_key_ || listed_revision_ != ctx.sync.revision()) {
    rebuild(ctx, query);
    listed_key_ = query_key;
    listed_revision_ = ctx.sync.revision();
  }
  // [SECTION] Remind all listed (R19)
  std::vector<Id> ids;
  for (const Listed& l : listed_) ids.push_back(l.participant);
  Check why_not;
  if (ids.empty()) {
    why_not = reject(RejectCode::not_found, "Nobody is listed for these filters.");
  } else {
    const BulkReminderPlan plan = plan_bulk_reminder(ctx.state, ids, ctx.now);
    why_not = plan.send.empty() ? reject(RejectCode::already_exists, "Everyone listed was reminded in the last 7 days.")
                                : ctx.why_not(SendReminder{plan.send.front(), std::nullopt});
  }
  const std::string label = ICON_BELL " Remind all listed (" + std::to_string(ids.size()) + ")##remind-all";
  if (ui::action(label.c_str(), why_not, ui::ActionStyle::primary)) remind_all(ctx);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ui::text_muted("At most one reminder per participant per 7 days (R19): those reminded since are skipped.");
  if (!sent_text_.empty()) {
    std::string text = sent_text_;
    for (const std::string& line : skipped_lines_) text += "\n  " + line;
    ui::message_box(remind_error_.empty() ? ui::Tone::info : ui::Tone::error,
                    remind_error_.empty() ? text : text + "\n" + remind_error_);
  }
  draw_listed(ctx);
  draw_escalations(ctx, {});
  draw_dialog(ctx);
  if (const User* p = ctx.state.user(archive_participant_)) {
    const auto& pathways = ctx.state.ids(ctx.state.pathways_by_participant, p->id);
    if (const Pathway* pw = pathways.empty() ? nullptr : ctx.state.pathway(pathways.front()))
      programme_.draw_dialog(ctx, *p, *pw);
  }
  ImGui::Dummy(ImVec2(0, 6));
}

void EngagementActions::draw_listed(ViewContext& ctx) {
  if (listed_.empty()) return;
  const bool admin = role_has_capability(ctx.actor.role, Capability::enrol_participants);
  const LastReminders last = last_reminders(ctx.state);
  const float row_height = ImGui::GetFrameHeightWithSpacing() + 4;
  const float height = std::min(row_height * (static_cast<float>(listed_.size()) + 1.2f), 260.0f);
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##engagement-listed", 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Participant", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Listed for", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Last reminder", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, admin ? 300.0f : 200.0f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(listed_.size()));
  while (clipper.Step())
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const Listed& l = listed_[static_cast<std::size_t>(r)];
      ImGui::TableNextRow();
      ImGui::PushID(l.participant.c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::text(l.name);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::text_muted(l.why);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::text_muted(last_reminder_text(last, l.participant));
      ImGui::TableNextColumn();
      const SendReminder remind{l.participant, std::nullopt};
      if (ui::action(("Remind##" + l.participant).c_str(), ctx.why_not(remind))) {
        sent_text_.clear();
        remind_error_.clear();
        if (const Check refused = ctx.submit(remind))
          remind_error_ = refused->message, sent_text_ = "Not sent to " + l.name + ".";
        else
          sent_text_ = "Sent a reminder to " + l.name + ".", skipped_lines_.clear();
      }
      ImGui::SameLine();
      if (ui::action(("Escalate…##" + l.participant).c_str(), ctx.why_not(Escalate{l.participant, std::nullopt})))
        open(Dialog::escalate, l.participant);
      if (admin && l.inactive) {
        ImGui::SameLine();
        // R14: the programme actions' dialog, which offers to cancel a booking ahead first;
        // the first of archive_ops answers (a cancellation when one is ahead).
        const auto ops = archive_ops(ctx.state, l.participant, ctx.now);
        if (ui::action(("Archive…##" + l.participant).c_str(), ctx.why_not(ops.front()))) {
          archive_participant_ = l.participant;
          programme_.open_archive();
        }
      }
      ImGui::PopID();
    }
  ImGui::EndTable();
}

// [SECTION] Open escalations

void EngagementActions::draw_escalations(ViewContext& ctx, const Id& participant) {
  const auto open_ones = open_escalations(ctx.state, ctx.me, participant);
  ImGui::Dummy(ImVec2(0, 4));
  if (open_ones.empty()) {
    ui::text_muted(participant.empty() ? "No open escalations." : "No open escalation.");
    return;
  }
  ui::text(plural(open_ones.size(), "open escalation", "open escalations"));
  const float row_height = ImGui::GetFrameHeightWithSpacing() + 4;
  const float height = std::min(row_height * (static_cast<float>(open_ones.size()) + 1.2f), 200.0f);
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp;
  const int columns = participant.empty() ? 5 : 4;
  if (!ImGui::BeginTable("##engagement-escalations", columns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  if (participant.empty()) ImGui::TableSetupColumn("Participant", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Raised", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("By", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 100.0f);
  ImGui::TableHeadersRow();
  for (const Escalation* e : open_ones) {
    ImGui::TableNextRow();
    ImGui::PushID(e->id.c_str());
    if (participant.empty()) {
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::text(user_name(ctx.state, e->participant));
    }
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ui::text_muted(local_time::format_date_time(e->at));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ui::text_muted(user_name(ctx.state, e->raised_by));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ui::text(e->text.empty() ? std::string("(no note)") : e->text);
    if (ImGui::IsItemHovered() && !e->text.empty()) ImGui::SetTooltip("%s", e->text.c_str());
    ImGui::TableNextColumn();
    if (ui::action("Resolve…", ctx.why_not(ResolveEscalation{e->id, std::nullopt}))) open(Dialog::resolve, e->id);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// [SECTION] The profile's part

void EngagementActions::draw_participant(ViewContext& ctx, const User& participant) {
  const SendReminder remind{participant.id, std::nullopt};
  if (ui::action(ICON_BELL " Remind##profile-remind", ctx.why_not(remind))) {
    skipped_lines_.clear();
    if (const Check refused = ctx.submit(remind))
      sent_text_.clear(), remind_error_ = refused->message;
    else
      remind_error_.clear(), sent_text_ = "Sent a reminder to " + participant.name + ".";
  }
  ImGui::SameLine();
  if (ui::action("Escalate…##profile-escalate", ctx.why_not(Escalate{participant.id, std::nullopt})))
    open(Dialog::escalate, participant.id);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ui::text_muted("Last reminder: " + last_reminder_text(last_reminders(ctx.state), participant.id));
  if (!remind_error_.empty()) ui::message_box(ui::Tone::error, remind_error_);
  if (remind_error_.empty() && !sent_text_.empty()) ui::message_box(ui::Tone::info, sent_text_);
  draw_escalations(ctx, participant.id);
  draw_dialog(ctx);
}

// [SECTION] Escalate and resolve dialogs

void EngagementActions::draw_dialog(ViewContext& ctx) {
  if (open_requested_) {
    ImGui::OpenPopup(dialog_title);
    open_requested_ = false;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(320, 0), ImVec2(560, 480));
  if (!ImGui::BeginPopupModal(dialog_title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const float width = std::min(440.0f, ImGui::GetIO().DisplaySize.x - 80.0f);
  OpBody op = SendReminder{};
  const char* button = "";
  if (dialog_ == Dialog::escalate) {
    ui::heading("Escalate " + user_name(ctx.state, subject_));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ui::text("Their coaches hear of it; it stays on the Engagement report until someone resolves it.");
    ImGui::PopTextWrapPos();
    if (begin_field_row("##escalate-note", {width})) {
      ImGui::TableNextColumn();
      ui::input_text("Note##escalate", &note_, "What has been tried, what is needed");
      end_field_row();
    }
    op = Escalate{subject_, note_.empty() ? std::nullopt : std::optional<LongText>(LongText{note_})};
    button = "Escalate##escalate-submit";
  } else if (dialog_ == Dialog::resolve) {
    const auto found = ctx.state.escalations.find(subject_);
    const Escalation* e = found == ctx.state.escalations.end() ? nullptr : &found->second;
    ui::heading("Resolve the escalation of " + (e ? user_name(ctx.state, e->participant) : subject_));
    if (e && !e->text.empty()) {
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
      ui::text_muted("\"" + e->text + "\"");
      ImGui::PopTextWrapPos();
    }
    if (begin_field_row("##resolve-note", {width})) {
      ImGui::TableNextColumn();
      ui::input_text("Note (optional)##resolve", &note_, "How it was resolved");
      end_field_row();
    }
    op = ResolveEscalation{subject_, note_.empty() ? std::nullopt : std::optional<LongText>(LongText{note_})};
    button = "Resolve##resolve-submit";
  } else {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  // Forms refuse before submitting, with the core's sentence (an overlong note, say).
  const Check why_not = ctx.why_not(op);
  if (why_not) ui::text_muted(why_not->message);
  if (ui::action(button, why_not, ui::ActionStyle::primary)) {
    if (const Check refused = ctx.submit(op)) {
      dialog_error_ = refused->message;
    } else {
      dialog_ = Dialog::none;
      ImGui::CloseCurrentPopup();
    }
  }
  if (!dialog_error_.empty()) ui::message_box(ui::Tone::error, dialog_error_);
  ImGui::SameLine();
  if (ui::secondary_button("Close##engagement-dialog")) {
    dialog_ = Dialog::none;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace pathways
