#include "views/cohort_grid_view.h"

#include "sync/sync_engine.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <map>

#include "core/permissions.h"
#include "core/session_rules.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/field_row.h"
#include "views/filter_combo.h"

namespace pathways {

ReportFilter CohortGridView::filter() const {
  ReportFilter f;
  if (!company_.empty()) f.company = company_;
  if (!project_.empty()) f.project = project_;
  if (!cohort_.empty()) f.cohort = cohort_;
  f.participant_name = search_;
  return f;
}

void CohortGridView::rebuild_rows(const ViewContext& ctx) {
  const State& state = ctx.state;
  rows_.clear();
  for (const Pathway* pathway : report_pathways(state, ctx.me, filter())) {
    const Cohort* cohort = state.cohort(pathway->cohort);
    rows_.push_back({pathway, state.user(pathway->participant), cohort ? cohort->name : pathway->cohort, cohort,
                     &state.sessions_of(pathway->id)});
  }
  std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
    const std::string& an = a.participant ? a.participant->name : a.pathway->participant;
    const std::string& bn = b.participant ? b.participant->name : b.pathway->participant;
    return an != bn ? an < bn : a.pathway->id < b.pathway->id;
  });
}

void CohortGridView::refresh_sessions(const State& state) {
  columns_.clear();
  locked_count_ = bookable_count_ = 0;
  std::size_t max_sessions = 0;
  Id journey_of_all;
  bool one_journey = true;
  for (Row& row : rows_) {
    max_sessions = std::max(max_sessions, row.sessions->size());
    if (journey_of_all.empty())
      journey_of_all = row.pathway->journey;
    else if (journey_of_all != row.pathway->journey)
      one_journey = false;
    row.mismatched = mismatch_flags(row.cohort, *row.sessions);  // R6 over the rows shown
    locked_count_ += static_cast<std::size_t>(std::popcount(row.mismatched.visible_but_greyed_out));
    bookable_count_ += static_cast<std::size_t>(std::popcount(row.mismatched.hidden_but_bookable));
  }
  const Journey* journey = one_journey ? state.journey(journey_of_all) : nullptr;
  for (std::size_t i = 0; i < max_sessions; ++i) {
    if (journey && i < journey->placeholders.size())
      columns_.push_back(journey->placeholders[i].title);
    else
      columns_.push_back("Session " + std::to_string(i + 1));
  }
}

void CohortGridView::draw(ViewContext& ctx) {
  const State& state = ctx.state;
  const SyncEngine& sync = ctx.sync;
  ui::heading("Cohort grid");

  // [SECTION] Filters
  std::vector<std::pair<Id, std::string>> companies, projects, cohorts;
  for (const auto& [id, c] : state.companies) companies.push_back({id, c.name});
  for (const auto& [id, p] : state.projects)
    if (company_.empty() || p.company == company_) projects.push_back({id, p.name});
  const ReportFilter chosen = filter();
  for (const auto& [id, c] : state.cohorts) {
    if (!report_keeps_cohort(chosen, c)) continue;
    const Project* p = state.project(c.project);
    if (!project_.empty() && c.project != project_) continue;
    if (!company_.empty() && (!p || p->company != company_)) continue;
    cohorts.push_back({id, c.name});
  }
  auto by_name = [](const auto& a, const auto& b) { return a.second < b.second; };
  std::sort(companies.begin(), companies.end(), by_name);
  std::sort(projects.begin(), projects.end(), by_name);
  std::sort(cohorts.begin(), cohorts.end(), by_name);
  if (begin_field_row("##filters", {220, 260, 260, 240})) {
    ImGui::TableNextColumn();
    if (filter_combo("Company", company_, companies)) project_.clear(), cohort_.clear();
    ImGui::TableNextColumn();
    if (filter_combo("Project", project_, projects)) cohort_.clear();
    ImGui::TableNextColumn();
    filter_combo("Cohort", cohort_, cohorts);
    ImGui::TableNextColumn();
    ui::input_text("Search", &search_, "Participant name");
    end_field_row();
  }

  const std::string key = company_ + "|" + project_ + "|" + cohort_ + "|" + search_;
  // Rows (who, in which order) follow people and filters; their sessions follow every change.
  if (rows_people_revision_ != sync.people_revision() || key != rows_key_) {
    rebuild_rows(ctx);
    rows_people_revision_ = sync.people_revision();
    rows_revision_ = ~0ul;
  }
  if (rows_revision_ != sync.revision()) {
    refresh_sessions(state);
    rebuild_reconcile(ctx);
    rows_revision_ = sync.revision();
    rows_key_ = key;
  }
  ui::status_legend();
  ui::text_muted(std::to_string(rows_.size()) + (rows_.size() == 1 ? " participant" : " participants"));
  draw_mismatches(ctx);

  if (rows_.empty()) {
    ui::message_box(ui::Tone::info, sync.has_data() ? "No participants match these filters."
                                                    : "Nothing here yet: the first sync brings your programmes.");
    return;
  }

  // [SECTION] The grid
  const int columns = static_cast<int>(columns_.size()) + 1;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  constexpr float cell_w = 96.0f, cell_h = 26.0f;
  if (ImGui::BeginTable("##grid", std::min(columns, 64), flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Participant", ImGuiTableColumnFlags_WidthFixed, 220.0f);
    for (int c = 0; c + 1 < std::min(columns, 64); ++c)
      ImGui::TableSetupColumn(columns_[static_cast<std::size_t>(c)].c_str(), ImGuiTableColumnFlags_WidthFixed, cell_w);
    ImGui::TableHeadersRow();

    const Time now = ctx.now;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()), cell_h + 6.0f);
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const Row& row = rows_[static_cast<std::size_t>(r)];
        ImGui::TableNextRow(ImGuiTableRowFlags_None, cell_h + 6.0f);
        ImGui::TableNextColumn();
        ImGui::PushID(r);
        const std::string name = (row.participant ? row.participant->name : row.pathway->participant) + "##name";
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (cell_h - ImGui::GetTextLineHeight()) * 0.5f);
        if (ui::selectable(name.c_str(), false, ImGuiSelectableFlags_None, ImVec2(0, 0)))
          ctx.open_participant(row.pathway->participant);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\nOpen the profile", row.cohort_name.c_str());
        const auto& sessions = *row.sessions;
        for (std::size_t s = 0; s < sessions.size() && s + 2 <= 64; ++s) {
          ImGui::TableNextColumn();
          const Session& session = sessions[s];
          const bool dated = session.status == SessionStatus::booked || session.status == SessionStatus::completed ||
                             session.status == SessionStatus::missed;
          std::string text = dated ? local_time::format_short_date(session.start) : std::string();
          if (session.status == SessionStatus::greyed_out) text = ICON_LOCK;
          text += "##" + session.key;
          if (ui::status_cell(text.c_str(), session.status, ImVec2(cell_w - 8.0f, cell_h))) actions_.open(session.id());
          const bool mismatch = s < 64 && ((row.mismatched.any() >> s) & 1u);
          if (mismatch)
            ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), theme::color::warning,
                                                4.0f, 0, 2.5f);
          if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ui::text(session_title(state, session));
            if (dated) {
              ui::text(local_time::format_date_time(session.start) + " (" + std::to_string(session.duration_min) +
                       " min)");
              const Slot* slot = state.slot(session.slot);
              const User* coach = state.user(slot ? slot->coach : row.pathway->coach);
              ui::text("Coach: " + (coach ? coach->name : row.pathway->coach));
            } else if (const User* coach = state.user(row.pathway->coach)) {
              ui::text("Coach: " + coach->name);
            }
            ui::text("Status: " + status_line(session).substr(0, status_line(session).find(" · ")));
            if (!rule_mark_needs_past_booking(session, now)) ui::text_muted("Held: waiting to be marked");
            if (mismatch)
              ui::text_muted(session.status == SessionStatus::greyed_out ? ICON_WARNING
                                 " Visible in the blueprint but greyed out: the participant meets a locked session"
                                                                         : ICON_WARNING
                                 " Hidden by the blueprint but bookable");
            ImGui::EndTooltip();
          }
        }
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  actions_.draw(ctx);
}

// Reconcile: un-grey what the blueprint shows, grey out what it hides (and is unbooked).
// Asked of the core once per change of the view, not per frame, and for the first few
// mismatches only: they answer for the rest (the same role, the same two kinds of op), and
// a later refusal still comes back from submit_all. The ops themselves are made on click.
std::vector<Mismatch> CohortGridView::collect_mismatches(const State& state, std::size_t at_most) const {
  std::vector<Mismatch> out;
  for (const Row& row : rows_) {
    if (out.size() >= at_most) break;
    if (row.mismatched.any()) find_mismatches(state, *row.pathway, out);
  }
  if (out.size() > at_most) out.resize(at_most);
  return out;
}

void CohortGridView::rebuild_reconcile(const ViewContext& ctx) {
  reconcile_why_not_.reset();
  if (mismatch_count() == 0) return;
  if ((reconcile_why_not_ = may_reconcile(ctx.actor))) return;
  constexpr std::size_t checked_at_most = 32;
  for (const OpBody& op : reconcile_ops(collect_mismatches(ctx.state, checked_at_most)))
    if ((reconcile_why_not_ = check(ctx.state, op, ctx.actor, ctx.now))) return;
}

void CohortGridView::draw_mismatches(ViewContext& ctx) {
  // The notice is for those who can act on it; others see the outlined cells and why on hover.
  if (mismatch_count() == 0 || may_reconcile(ctx.actor)) return;
  const State& state = ctx.state;
  const std::size_t locked = locked_count_, bookable = bookable_count_;
  std::string text = std::to_string(mismatch_count()) +
                     (mismatch_count() == 1 ? " session disagrees" : " sessions disagree") +
                     " with the cohort blueprint (outlined): ";
  if (locked) text += std::to_string(locked) + " visible but greyed out, so the participant meets a locked session";
  if (locked && bookable) text += "; ";
  if (bookable) text += std::to_string(bookable) + " hidden but bookable";
  text += ".";
  ui::message_box(ui::Tone::warning, text);

  Check why_not = ctx.why_not_edit();
  if (!why_not) why_not = reconcile_why_not_;
  const std::string label =
      ICON_CHECK " Reconcile (" + std::to_string(mismatch_count()) + (mismatch_count() == 1 ? " change)" : " changes)");
  if (ui::action(label.c_str(), why_not)) {
    reconcile_error_.clear();
    const auto all = collect_mismatches(state, std::numeric_limits<std::size_t>::max());
    if (auto refused = ctx.submit_all(reconcile_ops(all))) reconcile_error_ = refused->message;
  }
  ImGui::SameLine();
  if (ui::secondary_button(show_mismatches_ ? "Hide list" : "Show list")) show_mismatches_ = !show_mismatches_;
  if (!reconcile_error_.empty()) ui::message_box(ui::Tone::error, reconcile_error_);
  if (show_mismatches_) {
    constexpr std::size_t shown_at_most = 50;
    for (const Mismatch& m : collect_mismatches(state, shown_at_most)) {
      const Session* session = state.session(m.session);
      const User* participant = state.user(m.participant);
      ui::text_muted((participant ? participant->name : m.participant) + " · " +
                     (session ? session_title(state, *session) : m.session) + " · " +
                     (m.kind == MismatchKind::visible_but_greyed_out ? "visible but greyed out: un-grey"
                                                                     : "hidden but bookable: grey out"));
    }
    if (mismatch_count() > shown_at_most)
      ui::text_muted("and " + std::to_string(mismatch_count() - shown_at_most) + " more");
  }
}

}  // namespace pathways
