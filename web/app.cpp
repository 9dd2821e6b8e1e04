#include "app.h"

#include "auth.h"
#include "imgui.h"
#include "login_store.h"
#include "shell/icons.h"
#include "shell/network.h"
#include "shell/storage.h"
#include "shell/tab_lock.h"
#include "shell/test_hook.h"
#include "shell/theme.h"
#include "shell/widgets.h"

namespace pathways {

void App::init() {
  if (auto login = login_store::load()) state_.login = std::move(*login);
}

App::Page App::first_page() const {
  switch (state_.login.user.role) {
    case Role::participant:
      return Page::my_sessions;
    case Role::coach:
    case Role::admin:
    case Role::program_lead:
      return Page::grid;
  }
  return Page::home;
}

void App::draw_navigation() {
  struct Tab {
    Page page;
    const char* label;
  };
  std::vector<Tab> tabs;
  const Role role = state_.login.user.role;
  if (role == Role::participant) {
    tabs.push_back({Page::my_sessions, ICON_CALENDAR " My sessions"});
  } else {
    tabs.push_back({Page::grid, ICON_USERS " Cohort grid"});
    if (role != Role::program_lead) {
      tabs.push_back({Page::profile, ICON_USER " Participant"});
      tabs.push_back({Page::calendar, ICON_CALENDAR " Calendar"});
    }
  }
  std::string sync_label = ICON_SYNC " Sync";
  if (state_.sync.rejected > 0) sync_label += " (" + std::to_string(state_.sync.rejected) + " rejected)";
  sync_label += "##tab";
  tabs.push_back({Page::sync, sync_label.c_str()});
  tabs.push_back({Page::home, ICON_INFO " This browser"});
  for (const Tab& tab : tabs) {
    const bool current = page_ == tab.page;
    if (current) ImGui::PushStyleColor(ImGuiCol_Text, theme::color::accent_active);
    if (ui::link_button(tab.label)) page_ = tab.page;
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
    page_ = first_page();
  }
  if (started_ && sync_.sign_in_refused()) {
    // Expired or revoked: ask the same person again. What is stored stays for them.
    const std::size_t pending = sync_.pending().size();
    const std::size_t unsent = pending + sync_.rejected().size();
    std::string notice = "Your sign-in has expired. Sign in again to continue.";
    if (pending)
      notice +=
          " The " + std::to_string(pending) + (pending == 1 ? " change" : " changes") + " made here will be sent then.";
    login_.sign_in_again(state_.login.user.email, std::move(notice), unsent);
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

  if (!state_.login.signed_in()) {
    login_.draw(state_);
  } else {
    const TopBarView::Requests requests = top_bar_.draw(state_);
    ImGui::SetCursorPosY(top_bar_.height());
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::color::background);
    const bool narrow = viewport->Size.x < 640.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, narrow ? ImVec2(16, 12) : ImVec2(28, 12));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    draw_navigation();
    bool sync_now = requests.sync_now;
    switch (page_) {
      case Page::grid: {
        const auto asked = grid_.draw(sync_);
        if (!asked.open_participant.empty()) {
          profile_.show(asked.open_participant);
          page_ = Page::profile;
        }
        break;
      }
      case Page::profile:
        profile_.draw(sync_);
        break;
      case Page::calendar:
        calendar_.draw(sync_);
        break;
      case Page::my_sessions:
        participant_.draw(sync_);
        break;
      case Page::sync:
        sync_now |= sync_panel_.draw(sync_, state_);
        break;
      case Page::home:
        home_.draw(state_);
        break;
    }
    ImGui::EndChild();
    if (sync_now) sync_.sync_now();
    if (requests.sign_out) sign_out();
  }
  ImGui::End();
  publish_test_status();
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
