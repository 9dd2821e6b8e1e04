#include "views/cohorts_view.h"

#include "sync/sync_engine.h"

#include <algorithm>
#include <tuple>

#include "core/blueprint.h"
#include "core/pathway_rules.h"
#include "core/permissions.h"
#include "core/preview.h"
#include "imgui.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"

namespace pathways {
namespace {

std::string participants_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " participant" : " participants"); }

std::vector<OpBody> as_ops(const std::vector<SetBlueprint>& changes) { return {changes.begin(), changes.end()}; }

// The journey's cohorts shown in the matrix: not archived, by name.
std::vector<const Cohort*> cohorts_of(const State& state, const Id& journey) {
  std::vector<const Cohort*> out;
  for (const auto& [id, c] : state.cohorts)
    if (c.journey == journey && !c.archived) out.push_back(&c);
  std::sort(out.begin(), out.end(),
            [](const Cohort* a, const Cohort* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  return out;
}

constexpr const char* preview_reason = "This is a preview: nothing can be booked or cancelled from it.";

}  // namespace

void CohortsView::draw(ViewContext& ctx) {
  const State& state = ctx.state;
  ui::heading("Cohorts");

  // [SECTION] The journey
  std::vector<const Journey*> journeys;
  for (const auto& [id, j] : state.journeys) journeys.push_back(&j);
  std::sort(journeys.begin(), journeys.end(), [](const Journey* a, const Journey* b) {
    return std::tie(b->published, a->name, a->id) < std::tie(a->published, b->name, b->id);
  });
  if (journeys.empty()) {
    ui::message_box(ui::Tone::info, "No journeys yet: design and publish a journey first, then give it cohorts.");
    return;
  }
  if (!state.journey(journey_)) journey_ = journeys.front()->id;
  const Journey& journey = *state.journey(journey_);
  auto journey_label = [](const Journey& j) { return j.name + (j.published ? "" : " (not published)"); };
  if (begin_field_row("##journey", {std::min(420.0f, ImGui::GetContentRegionAvail().x)})) {
    ImGui::TableNextColumn();
    if (ui::begin_combo("Journey", journey_label(journey).c_str())) {
      for (const Journey* j : journeys)
        if (ui::selectable((journey_label(*j) + "##" + j->id).c_str(), j->id == journey_)) {
          journey_ = j->id;
          pending_.clear();
          preview_participant_.clear();
        }
      ui::end_combo();
    }
    end_field_row();
  }
  const auto cohorts = cohorts_of(state, journey_);
  std::size_t archived = 0;
  for (const auto& [id, c] : state.cohorts) archived += (c.journey == journey_ && c.archived) ? 1 : 0;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::color::text_muted);
  ui::text_wrapped(std::to_string(cohorts.size()) + (cohorts.size() == 1 ? " cohort" : " cohorts") +
                   (archived ? " (" + std::to_string(archived) + " archived, not shown)" : "") +
                   ". A ticked cell shows the session to the cohort's participants; an unticked one hides it.");
  ImGui::PopStyleColor();

  draw_new_cohort(ctx, journey);
  ImGui::Dummy(ImVec2(0, 6));
  if (!reconcile_error_.empty()) ui::message_box(ui::Tone::error, reconcile_error_);
  if (cohorts.empty())
    ui::text_muted("This journey has no cohorts yet.");
  else
    draw_matrix(ctx, journey, cohorts);
  draw_change_confirmation(ctx);
  draw_archive_confirmation(ctx);
  ImGui::Dummy(ImVec2(0, 10));
  draw_preview(ctx, cohorts);
}

// [SECTION] A new cohort

void CohortsView::draw_new_cohort(ViewContext& ctx, const Journey& journey) {
  const State& state = ctx.state;
  if (ui::secondary_button(show_new_ ? ICON_CLOSE " Close the new cohort##new" : ICON_PLUS " New cohort…##new"))
    show_new_ = !show_new_;
  if (!show_new_) return;
  // A project of this journey's cohorts is the likely one: offered first.
  if (!state.project(new_project_))
    for (const auto& [id, c] : state.cohorts)
      if (c.journey == journey.id && state.project(c.project)) new_project_ = c.project;
  std::vector<const Project*> projects;
  for (const auto& [id, p] : state.projects) projects.push_back(&p);
  std::sort(projects.begin(), projects.end(),
            [](const Project* a, const Project* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  auto project_label = [&](const Project& p) {
    const Company* c = state.company(p.company);
    return p.name + (c ? " · " + c->name : "");
  };
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool narrow = avail < 640.0f;
  const float name_w = narrow ? avail : 300.0f, project_w = narrow ? avail : 300.0f;
  if (begin_field_row("##new-name", {name_w})) {
    ImGui::TableNextColumn();
    ui::input_text("Cohort name", &new_name_, "e.g. Spring 2027");
    end_field_row();
  }
  if (begin_field_row("##new-project", {project_w})) {
    ImGui::TableNextColumn();
    const Project* chosen = state.project(new_project_);
    if (ui::begin_combo("Project", chosen ? project_label(*chosen).c_str() : "Choose a project")) {
      for (const Project* p : projects)
        if (ui::selectable((project_label(*p) + "##" + p->id).c_str(), p->id == new_project_)) new_project_ = p->id;
      ui::end_combo();
    }
    end_field_row();
  }
  // The core's verdict, before submitting: unpublished journey, no project, a bad name.
  const CreateCohort probe{"new-cohort", Name{new_name_}, journey.id, new_project_};
  const Check why_not = new_project_.empty() ? Check{reject(RejectCode::missing_field, "Choose the cohort's project.")}
                                             : ctx.why_not(probe);
  if (ui::action(ICON_PLUS " Create cohort", why_not, ui::ActionStyle::primary)) {
    CreateCohort op = probe;
    op.cohort = ctx.new_id("cohort");
    if (auto refused = ctx.submit(op)) {
      create_error_ = refused->message;
    } else {
      create_error_.clear();
      new_name_.clear();
    }
  }
  if (why_not) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::color::text_muted);
    ui::text_wrapped(why_not->message);
    ImGui::PopStyleColor();
  }
  if (!create_error_.empty()) ui::message_box(ui::Tone::error, create_error_);
}

// [SECTION] The matrix

void CohortsView::ask(std::vector<SetBlueprint> changes) {
  pending_ = std::move(changes);
  change_error_.clear();
  open_change_ = true;
}

void CohortsView::draw_matrix(ViewContext& ctx, const Journey& journey, const std::vector<const Cohort*>& cohorts) {
  const State& state = ctx.state;
  const auto columns = blueprint_columns(journey);
  std::vector<Id> column_ids, cohort_ids;
  for (const BlueprintColumn& c : columns) column_ids.push_back(c.placeholder->id);
  for (const Cohort* c : cohorts) cohort_ids.push_back(c->id);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool narrow = avail < 640.0f;
  const float name_w = narrow ? 190.0f : 330.0f, cell_w = narrow ? 92.0f : 116.0f;
  const int ncols = 1 + static_cast<int>(columns.size());
  const float row_h = narrow ? 150.0f : 124.0f;
  // Tall enough for every row, up to what the window has; the rows scroll under the headers.
  const float height = std::min(std::max(260.0f, ImGui::GetContentRegionAvail().y - 40.0f),
                                120.0f + (row_h + 24.0f) * float(cohorts.size()));
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##matrix", ncols, flags, ImVec2(0, height))) return;
  // The header row (titles) and the whole-column row stay in view, as does the name column.
  ImGui::TableSetupScrollFreeze(1, 2);
  ImGui::TableSetupColumn("Cohort", ImGuiTableColumnFlags_WidthFixed, name_w);
  for (const BlueprintColumn& c : columns)
    ImGui::TableSetupColumn(c.placeholder->title.c_str(), ImGuiTableColumnFlags_WidthFixed, cell_w);

  // Titles.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, 44.0f);
  ImGui::TableNextColumn();
  ui::text("Cohort");
  for (const BlueprintColumn& c : columns) {
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + cell_w - 8.0f);
    ui::text(c.placeholder->title);
    ImGui::PopTextWrapPos();
    ui::text_muted(std::string(plain_label(c.placeholder->kind)) + (c.draft_only ? " · draft" : ""));
  }

  // Whole columns.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ui::text_muted("Whole column");
  for (const BlueprintColumn& c : columns) {
    ImGui::TableNextColumn();
    const Id& pid = c.placeholder->id;
    if (ui::link_button((ICON_EYE "##show-column-" + pid).c_str()))
      ask(blueprint_changes(state, cohort_ids, {pid}, true));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show to every cohort");
    ImGui::SameLine();
    if (ui::link_button((ICON_EYE_SLASH "##hide-column-" + pid).c_str()))
      ask(blueprint_changes(state, cohort_ids, {pid}, false));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Hide from every cohort");
  }

  // One row per cohort. The name column (frozen, so always in view) carries the cohort's
  // count, its R6 mismatches with the reconcile, and its actions.
  const Check reconcile_allowed = may_reconcile(ctx.actor);
  for (const Cohort* cohort : cohorts) {
    ImGui::PushID(cohort->id.c_str());
    ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
    ImGui::TableNextColumn();
    ui::text(cohort->name);
    const std::size_t people = state.ids(state.pathways_by_cohort, cohort->id).size();
    ui::text_muted(participants_text(people));
    const auto mismatches = find_mismatches(state, cohort->id);
    if (mismatches.empty()) {
      ui::text_muted("Blueprint and grey-out agree");
    } else {
      int locked = 0;
      for (const Mismatch& m : mismatches) locked += m.kind == MismatchKind::visible_but_greyed_out ? 1 : 0;
      const int bookable = static_cast<int>(mismatches.size()) - locked;
      ImGui::PushStyleColor(ImGuiCol_Text, theme::color::warning_ink);
      if (locked) ui::text(ICON_WARNING " " + std::to_string(locked) + " visible but greyed out");
      if (bookable) ui::text(ICON_WARNING " " + std::to_string(bookable) + " hidden but bookable");
      ImGui::PopStyleColor();
      if (!narrow) ImGui::SameLine(0, 4);
      const auto ops = reconcile_ops(mismatches);
      Check why_not = reconcile_allowed;
      if (!why_not) why_not = ctx.why_not(ops.front());
      if (ui::action(ICON_CHECK " Reconcile##reconcile", why_not, ui::ActionStyle::link)) {
        if (auto refused = ctx.submit_all(ops))
          reconcile_error_ = refused->message;
        else
          reconcile_error_.clear();
      }
    }
    if (ui::link_button(ICON_EYE " All##row")) ask(blueprint_changes(state, {cohort->id}, column_ids, true));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show every session to this cohort");
    ImGui::SameLine(0, 2);
    if (ui::link_button(ICON_EYE_SLASH " None##row")) ask(blueprint_changes(state, {cohort->id}, column_ids, false));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Hide every session from this cohort");
    if (!narrow) ImGui::SameLine(0, 2);
    if (ui::link_button(ICON_USER " Preview##preview"))
      preview(state, cohort->id, first_participant(state, cohort->id));
    ImGui::SameLine(0, 2);
    if (ui::action(ICON_TRASH " Archive…##archive", ctx.why_not(ArchiveCohort{cohort->id}), ui::ActionStyle::link)) {
      archiving_ = cohort->id;
      archive_error_.clear();
      open_archive_ = true;
    }
    for (const BlueprintColumn& c : columns) {
      ImGui::TableNextColumn();
      bool visible = std::binary_search(cohort->blueprint.begin(), cohort->blueprint.end(), c.placeholder->id);
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (cell_w - ImGui::GetFrameHeight()) * 0.5f - 4.0f);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 8.0f);
      // The box changes only once the confirmation is accepted.
      if (ui::checkbox(("##cell-" + c.placeholder->id).c_str(), &visible))
        ask({{cohort->id, c.placeholder->id, visible}});
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", ((visible ? "Shown to " : "Hidden from ") + cohort->name).c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// [SECTION] Confirmations

void CohortsView::draw_change_confirmation(ViewContext& ctx) {
  if (open_change_) {
    ImGui::OpenPopup("Change the blueprint?");
    open_change_ = false;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(300, 0), ImVec2(560, 600));
  if (!ImGui::BeginPopupModal("Change the blueprint?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const State& state = ctx.state;
  // Counted again each frame: another change may land while the person reads.
  const BlueprintImpact impact = blueprint_impact(state, pending_);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(520.0f, ImGui::GetIO().DisplaySize.x - 60.0f));
  ui::text(describe_blueprint_change(state, pending_, impact));
  ImGui::PopTextWrapPos();
  ui::text_muted("Grey-out is not changed: what can be booked stays as it is (R6).");
  if (!change_error_.empty()) ui::message_box(ui::Tone::error, change_error_);
  Check why_not;
  if (impact.changes == 0) why_not = reject(RejectCode::invalid_transition, "Nothing to change.");
  for (const SetBlueprint& op : pending_)
    if (!why_not) why_not = ctx.why_not(op);
  if (ui::action("Apply##blueprint", why_not, ui::ActionStyle::primary)) {
    if (auto refused = ctx.submit_all(as_ops(pending_))) {
      change_error_ = refused->message;
    } else {
      pending_.clear();
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::SameLine();
  if (ui::secondary_button("Cancel##blueprint")) {
    pending_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void CohortsView::draw_archive_confirmation(ViewContext& ctx) {
  if (open_archive_) {
    ImGui::OpenPopup("Archive the cohort?");
    open_archive_ = false;
  }
  if (!ImGui::BeginPopupModal("Archive the cohort?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const State& state = ctx.state;
  const Cohort* cohort = state.cohort(archiving_);
  const std::size_t people = cohort ? state.ids(state.pathways_by_cohort, cohort->id).size() : 0;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(480.0f, ImGui::GetIO().DisplaySize.x - 60.0f));
  ui::text(cohort ? "Archive " + cohort->name + "? It has " + participants_text(people) +
                        ". Their sessions can no longer be booked, and the cohort leaves the grid and the reports. "
                        "Everything is kept."
                  : "This cohort is no longer here.");
  ImGui::PopTextWrapPos();
  if (!archive_error_.empty()) ui::message_box(ui::Tone::error, archive_error_);
  const Check why_not =
      cohort ? ctx.why_not(ArchiveCohort{archiving_}) : Check{reject(RejectCode::not_found, "No cohort.")};
  if (ui::action("Archive cohort##confirm", why_not, ui::ActionStyle::primary)) {
    if (auto refused = ctx.submit(ArchiveCohort{archiving_})) {
      archive_error_ = refused->message;
    } else {
      archiving_.clear();
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::SameLine();
  if (ui::secondary_button("Keep it##archive")) {
    archiving_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// [SECTION] Preview as participant

void CohortsView::preview(const State& state, const Id& cohort, const Id& participant) {
  preview_cohort_ = cohort;
  preview_participant_ = participant;
  (void)state;
}

void CohortsView::draw_preview(ViewContext& ctx, const std::vector<const Cohort*>& cohorts) {
  const State& state = ctx.state;
  ui::heading("Preview as participant");
  if (cohorts.empty()) return;
  if (std::none_of(cohorts.begin(), cohorts.end(), [&](const Cohort* c) { return c->id == preview_cohort_; }))
    preview_cohort_ = cohorts.front()->id;
  std::vector<const User*> people;
  for (const Id& pid : state.ids(state.pathways_by_cohort, preview_cohort_))
    if (const Pathway* pw = state.pathway(pid))
      if (const User* u = state.user(pw->participant)) people.push_back(u);
  std::sort(people.begin(), people.end(),
            [](const User* a, const User* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  if (std::none_of(people.begin(), people.end(), [&](const User* u) { return u->id == preview_participant_; }))
    preview_participant_ = first_participant(state, preview_cohort_);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool narrow = avail < 640.0f;
  const float w = narrow ? avail : 300.0f;
  const Cohort* cohort = state.cohort(preview_cohort_);
  const User* who = state.user(preview_participant_);
  // Side by side when there is room, one above the other on a phone.
  const bool side_by_side = !narrow && begin_field_row("##preview-whom", {w, w});
  if (side_by_side || begin_field_row("##preview-cohort", {w})) {
    ImGui::TableNextColumn();
    if (ui::begin_combo("Preview cohort", cohort ? cohort->name.c_str() : "")) {
      for (const Cohort* c : cohorts)
        if (ui::selectable((c->name + "##" + c->id).c_str(), c->id == preview_cohort_))
          preview(state, c->id, first_participant(state, c->id));
      ui::end_combo();
    }
    if (!side_by_side) end_field_row();
  }
  if (side_by_side || begin_field_row("##preview-participant", {w})) {
    ImGui::TableNextColumn();
    if (ui::begin_combo("Preview participant", who ? who->name.c_str() : "Nobody in this cohort")) {
      for (const User* u : people)
        if (ui::selectable((u->name + "##" + u->id).c_str(), u->id == preview_participant_))
          preview_participant_ = u->id;
      ui::end_combo();
    }
    end_field_row();
  }
  if (!who) {
    ui::text_muted("This cohort has no participants to preview.");
    return;
  }
  // The state their own client would hold: the server's scope for them (R7), rebuilt only
  // when the data or the person change.
  if (preview_state_of_ != who->id || preview_revision_ != ctx.sync.revision()) {
    preview_state_ = scoped_state(state, who->id);
    preview_state_of_ = who->id;
    preview_revision_ = ctx.sync.revision();
  }
  const User* seen_as = preview_state_.user(who->id);
  if (!seen_as) return;
  ui::message_box(ui::Tone::info, "What " + who->name +
                                      " sees, exactly as their own screen shows it: sessions the blueprint hides are "
                                      "not there. Read-only.");
  ViewContext as_them(ctx, preview_state_, *seen_as, preview_reason);
  ImGui::PushID("preview");
  preview_view_.draw(as_them);
  ImGui::PopID();
}

}  // namespace pathways
