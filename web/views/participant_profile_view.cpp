#include "views/participant_profile_view.h"

#include <algorithm>

#define IMGUI_DEFINE_MATH_OPERATORS
#include "core/pathway_rules.h"
#include "core/permissions.h"
#include "core/programme.h"
#include "core/session_rules.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "local_time.h"
#include "lower_case.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"

namespace pathways {
namespace {

std::string journey_label(const State& state, const Pathway& pathway) {
  const Journey* journey = state.journey(pathway.journey);
  const Cohort* cohort = state.cohort(pathway.cohort);
  return (journey ? journey->name : pathway.journey) + " · " + (cohort ? cohort->name : pathway.cohort);
}

}  // namespace

void ParticipantProfileView::show(const Id& participant) {
  participant_ = participant;
  pathway_.clear();
  search_.clear();
}

void ParticipantProfileView::draw(ViewContext& ctx) {
  if (!ctx.opened_participant.empty()) show(ctx.opened_participant);
  const State& state = ctx.state;
  ui::heading("Participant profile");

  // [SECTION] Finding a participant
  if (begin_field_row("##find", {360})) {
    ImGui::TableNextColumn();
    ui::input_text("Find participant", &search_, "Type a name");
    end_field_row();
  }
  if (!search_.empty()) {
    const std::string needle = lower_case(search_);
    std::vector<const User*> found;
    for (const auto& [id, user] : state.users)
      if (user.role == Role::participant && !state.ids(state.pathways_by_participant, id).empty() &&
          lower_case(user.name).find(needle) != std::string::npos)
        found.push_back(&user);
    std::sort(found.begin(), found.end(), [](const User* a, const User* b) { return a->name < b->name; });
    if (found.size() > 8) found.resize(8);
    for (const User* user : found)
      if (ui::selectable((user->name + "##pick-" + user->id).c_str(), user->id == participant_, 0, ImVec2(320, 0)))
        show(user->id);
    if (found.empty()) ui::text_muted("Nobody by that name in your programmes.");
    ImGui::Dummy(ImVec2(0, 8));
  }

  const User* participant = state.user(participant_);
  if (!participant) {
    ui::text_muted("Find a participant above, or click a name in the cohort grid.");
    return;
  }
  const auto& pathway_ids = state.ids(state.pathways_by_participant, participant_);
  if (pathway_ids.empty()) {
    ui::text_muted(participant->name + " has no journey you can see.");
    return;
  }
  if (!state.pathway(pathway_) || std::find(pathway_ids.begin(), pathway_ids.end(), pathway_) == pathway_ids.end())
    pathway_ = pathway_ids.front();
  const Pathway& pathway = *state.pathway(pathway_);

  ImGui::Dummy(ImVec2(0, 4));
  ui::heading(participant->name);
  std::string facts = participant->email;
  if (const User* coach = state.user(pathway.coach))
    facts += (facts.empty() ? "" : " · ") + std::string("Coach: ") + coach->name;
  if (pathway.completed) facts += " · Journey complete";
  ui::text_muted(facts);

  // [SECTION] Journey dropdown
  ImGui::Dummy(ImVec2(0, 4));
  if (begin_field_row("##journey", {460})) {
    ImGui::TableNextColumn();
    if (ui::begin_combo("Journey", journey_label(state, pathway).c_str())) {
      for (const Id& id : pathway_ids)
        if (const Pathway* p = state.pathway(id))
          if (ui::selectable((journey_label(state, *p) + "##" + id).c_str(), id == pathway_)) pathway_ = id;
      ui::end_combo();
    }
    end_field_row();
  }

  // [SECTION] The programme as a whole (admins): granted extras, then the actions.
  if (role_has_capability(ctx.actor.role, Capability::enrol_participants)) {
    const int cap = grant_cap(state, pathway);
    ui::text_muted("Extra sessions: " + std::to_string(granted_sessions(state, pathway.id)) + " granted of " +
                   std::to_string(cap) + "; " + std::to_string(remaining_grants(state, pathway)) + " remaining." +
                   (participant->archived ? " Archived." : ""));
    programme_.draw(ctx, *participant, pathway);
    ImGui::Dummy(ImVec2(0, 4));
  }

  // [SECTION] Chasing (R19): remind, escalate, the open escalations
  engagement_.draw_participant(ctx, *participant);
  ImGui::Dummy(ImVec2(0, 4));

  // [SECTION] Sessions
  const Time now = ctx.now;
  const auto& sessions = state.sessions_of(pathway.id);
  if (ImGui::BeginTable("##sessions", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, 70.0f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Notes", ImGuiTableColumnFlags_WidthFixed, 60.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 110.0f);
    ImGui::TableHeadersRow();
    for (const Session& session : sessions) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, 40.0f);
      ImGui::PushID(session.key.c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::text(session_title(state, session));
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::text_muted(label(session.kind));
      ImGui::TableNextColumn();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float h = ImGui::GetFrameHeight();
      ImGui::GetWindowDrawList()->AddRectFilled(at + ImVec2(0, h * 0.25f), at + ImVec2(h * 0.5f, h * 0.75f),
                                                theme::status_color(session.status), 3.0f);
      ImGui::Dummy(ImVec2(h * 0.5f, h));
      ImGui::SameLine(0, 8);
      ImGui::AlignTextToFramePadding();
      ui::text(status_line(session));
      if (!rule_mark_needs_past_booking(session, now)) {
        ImGui::SameLine(0, 8);
        ui::text_muted("(to mark)");
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      const auto notes = state.ids(state.notes_by_session, session.id()).size();
      ui::text_muted(notes ? std::to_string(notes) : "");
      ImGui::TableNextColumn();
      if (ui::secondary_button("Actions")) actions_.open(session.id());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Dummy(ImVec2(0, 6));
  timeline_.draw_timeline(ctx, participant_);
  actions_.draw(ctx);
}

}  // namespace pathways
