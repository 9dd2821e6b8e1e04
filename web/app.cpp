#include "app.h"

#include "auth.h"
#include "imgui.h"
#include "login_store.h"
#include "shell/network.h"
#include "shell/storage.h"
#include "shell/tab_lock.h"
#include "shell/test_hook.h"
#include "shell/theme.h"

namespace pathways {

void App::init() {
  if (auto login = login_store::load()) state_.login = std::move(*login);
}

void App::draw() {
  state_.online = network::online();
  state_.storage_persistent = storage::persistent();
  state_.sync.this_tab_syncs = tab_lock::role() == tab_lock::Role::syncing;

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
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, narrow ? ImVec2(16, 20) : ImVec2(32, 28));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    home_.draw(state_);
    ImGui::EndChild();
    // The sync engine picks this up; until it exists the button only records the wish.
    if (requests.sync_now) state_.sync.requested = true;
    if (requests.sign_out) sign_out();
  }
  ImGui::End();
  publish_test_status();
}

void App::sign_out() {
  auth::sign_out(state_.login);
  login_store::clear();
  state_.login = Login{};
}

void App::publish_test_status() const {
  test_hook::set_status({.online = state_.online,
                         .pending = state_.sync.pending,
                         .last_sync = state_.sync.last_sync,
                         .user_name = state_.login.signed_in() ? state_.login.user.name : "",
                         .user_role = state_.login.signed_in() ? std::string(to_string(state_.login.user.role)) : ""});
}

}  // namespace pathways
