#include "app.h"

#include <utility>

#include "auth.h"
#include "imgui.h"
#include "local_time_zones.h"
#include "login_store.h"
#include "shell/icons.h"
#include "shell/location.h"
#include "shell/network.h"
#include "shell/storage.h"
#include "shell/tab_lock.h"
#include "shell/test_hook.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "views/coach_calendar_view.h"
#include "views/cohort_grid_view.h"
#include "views/cohorts_view.h"
#include "views/enrolment_view.h"
#include "views/home_view.h"
#include "views/journeys_view.h"
#include "views/participant_profile_view.h"
#include "views/participant_view.h"
#include "views/people_view.h"
#include "views/reports_view.h"
#include "views/sync_panel_view.h"

namespace pathways {

// [SECTION] The page table: one row per page, in tab order. A new page is a view file and
// one row here (docs/web.md).
App::App() {
  sync_.set_zones(local_time::zone_lookup());  // R17: the zone rules this client keeps
  auto page = [&](PageId id, const char* icon, const char* label, std::optional<Capability> shown_by,
                  std::unique_ptr<View> view) {
    pages_.push_back({id, label, icon, shown_by, std::move(view)});
  };
  page(PageId::grid, ICON_USERS, "Cohort grid", Capability::see_cohort_grid, std::make_unique<CohortGridView>());
  page(PageId::profile, ICON_USER, "Participant", Capability::see_profiles, std::make_unique<ParticipantProfileView>());
  page(PageId::calendar, ICON_CALENDAR, "Calendar", Capability::manage_calendars,
       std::make_unique<CoachCalendarView>());
  page(PageId::my_sessions, ICON_CALENDAR, "My sessions", Capability::book_own_sessions,
       std::make_unique<ParticipantView>());
  page(PageId::journeys, ICON_LIST, "Journeys", Capability::design_journeys, std::make_unique<JourneysView>());
  page(PageId::cohorts, ICON_LIST, "Cohorts", Capability::design_cohorts, std::make_unique<CohortsView>());
  page(PageId::enrolment, ICON_PLUS, "Enrolment", Capability::enrol_participants, std::make_unique<EnrolmentView>());
  page(PageId::people, ICON_USERS, "People", Capability::manage_people, std::make_unique<PeopleView>());
  page(PageId::reports, ICON_CHART, "Reports", Capability::see_reports, std::make_unique<ReportsView>());
  page(PageId::sync, ICON_SYNC, "Sync", std::nullopt, std::make_unique<SyncPanelView>());
  page(PageId::home, ICON_INFO, "This browser", std::nullopt, std::make_unique<HomeView>());
}

void App::init() {
  if (auto login = login_store::load()) state_.login = std::move(*login);
  // A one-time sign-in link (`#welcome=<token>`): taken out of the address, so a reload or a
  // bookmark never carries it again.
  if (std::string token = location::take_value(protocol::welcome_fragment); !token.empty())
    welcome_.open(std::move(token));
}

bool App::shown(const Page& page) const {
  return !page.shown_by || role_has_capability(state_.login.user.role, *page.shown_by);
}

App::Page* App::find(PageId id) {
  for (Page& page : pages_)
    if (page.id == id) return &page;
  return nullptr;
}

void App::draw_navigation(ViewContext& ctx) {
  bool first = true;
  for (const Page& page : pages_) {
    if (!shown(page)) continue;
    std::string label = std::string(page.icon) + " " + page.label;
    if (page.id == PageId::sync && state_.sync.rejected > 0)
      label += " (" + std::to_string(state_.sync.rejected) + " rejected)";
    // The tabs wrap onto another line rather than run off a narrow screen.
    const float width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (!first && ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    first = false;
    label += "##tab";
    const bool current = page_ == page.id;
    if (current) ImGui::PushStyleColor(ImGuiCol_Text, theme::color::accent_active);
    if (ui::link_button(label.c_str())) ctx.go(page.id);
    if (current) ImGui::PopStyleColor();
    ImGui::SameLine(0, 6);
  }
  ImGui::NewLine();
  if (started_ && sync_.update_needed()) {
    // 426: this build is older than the server serves. The store keeps every pending op
    // for the updated client.
    const std::size_t pending = sync_.pending().size();
    std::string notice = "An update of Pathways is ready. Update to keep syncing";
    notice += pending ? ": the " + std::to_string(pending) +
                            (pending == 1 ? " change made here is kept" : " changes made here are kept") +
                            " and sent after the update."
                      : ".";
    ui::message_box(ui::Tone::info, notice);
    if (ui::button(ICON_SYNC " Update now##update")) sync_.update_now();
  }
  if (welcome_.active())
    ui::message_box(ui::Tone::info, "A sign-in link was opened in this browser while " + state_.login.user.name +
                                        " is signed in. Sign out to choose the new person's password.");
  if (!state_.sync.this_tab_syncs && tab_lock::role() == tab_lock::Role::waiting)
    ui::message_box(ui::Tone::info,
                    "Another Pathways tab syncs for this browser. This tab shows the data as it was "
                    "when it opened and takes over when the other tab closes.");
  ImGui::Dummy(ImVec2(0, 4));
}

void App::draw() {
  state_.online = network::online();
  state_.storage_persistent = storage::persistent();
  state_.sync.this_tab_syncs = tab_lock::role() == tab_lock::Role::syncing;

  if (state_.login.signed_in() && !started_) {
    sync_.start(state_.login);
    started_ = true;
    // The first page the person has, in table order.
    for (const Page& page : pages_)
      if (shown(page)) {
        page_ = page.id;
        break;
      }
  }
  if (started_ && sync_.sign_in_refused()) {
    // Expired or revoked: ask the same person again. What is stored stays for them.
    const std::size_t pending = sync_.pending().size();
    const std::size_t unsent = pending + sync_.rejected().size();
    std::string kept;
    if (pending)
      kept =
          " The " + std::to_string(pending) + (pending == 1 ? " change" : " changes") + " made here will be sent then.";
    // The login page asks the server why (deactivated, a new role, expired) before it says anything.
    login_.sign_in_again(state_.login.user.email, state_.login.token, std::move(kept), unsent);
    started_ = false;
    login_store::clear();
    state_.login = Login{};
    state_.sync = SyncStatus{};
  }
  if (started_) sync_.fill_status(state_.sync);
  state_.sync.requested = state_.sync.busy;

  // One window fills the canvas; views lay out inside it.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##pathways", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();

  ViewContext ctx(sync_, state_, std::exchange(opened_participant_, Id{}));
  if (!state_.login.signed_in()) {
    if (welcome_.active())
      welcome_.draw(ctx);
    else
      login_.draw(ctx);
  } else {
    top_bar_.draw(ctx);
    ImGui::SetCursorPosY(top_bar_.height());
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::color::background);
    const bool narrow = viewport->Size.x < 640.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, narrow ? ImVec2(16, 12) : ImVec2(28, 12));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    draw_navigation(ctx);
    if (Page* page = find(page_); page && shown(*page)) page->view->draw(ctx);
    ImGui::EndChild();
  }
  carry_out(ctx.requests());
  ImGui::End();
  publish_test_status();
}

void App::carry_out(ViewContext::Requests& requests) {
  if (requests.signed_in) {
    state_.login = std::move(*requests.signed_in);
    login_store::save(state_.login);
  }
  if (requests.page)
    if (const Page* page = find(*requests.page); page && shown(*page)) page_ = page->id;
  opened_participant_ = requests.participant;
  if (requests.sync_now) sync_.sync_now();
  if (requests.sign_out) sign_out();
}

void App::sign_out() {
  auth::sign_out(state_.login);
  // Ops not yet sent would be lost with the store: they are kept only while signed in.
  sync_.stop_and_clear();
  started_ = false;
  login_store::clear();
  state_.login = Login{};
  state_.sync = SyncStatus{};
}

void App::publish_test_status() const {
  test_hook::set_status({.online = state_.online,
                         .pending = state_.sync.pending,
                         .last_sync = state_.sync.last_sync,
                         .user_name = state_.login.signed_in() ? state_.login.user.name : "",
                         .user_role = state_.login.signed_in() ? std::string(to_string(state_.login.user.role)) : ""});
}

}  // namespace pathways
