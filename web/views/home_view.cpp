#include "views/home_view.h"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "shell/icons.h"
#include "shell/widgets.h"

namespace pathways {
namespace {

std::string first_name(const std::string& name) { return name.substr(0, name.find(' ')); }

void fact(const char* icon, std::string_view title, std::string_view detail) {
  ImGui::TextUnformatted(icon);
  ImGui::SameLine(0.0f, 10.0f);
  ImGui::BeginGroup();
  ui::text(title);
  ui::text_muted(detail);
  ImGui::EndGroup();
}

}  // namespace

void HomeView::draw(ViewContext& ctx) {
  const AppState& state = ctx.app;
  const float width = std::min(760.0f, ImGui::GetContentRegionAvail().x);
  const float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
  ImGui::BeginGroup();

  ui::heading("Welcome, " + first_name(state.login.user.name));
  std::string who{label(state.login.user.role)};
  if (!state.login.user.email.empty()) who = state.login.user.email + " · " + who;
  ui::text_muted(who);
  ImGui::Dummy(ImVec2(0, 8));

  ui::begin_card("statuses", width);
  ui::heading("Session status");
  ui::text_muted("Every view colours sessions the same way.");
  ImGui::Dummy(ImVec2(0, 4));
  ui::status_legend();
  ui::end_card();
  ImGui::Dummy(ImVec2(0, 8));

  ui::begin_card("device", width);
  ui::heading("This browser");
  ImGui::Dummy(ImVec2(0, 2));
  fact(state.online ? ICON_WIFI : ICON_BAN, state.online ? "Online" : "Offline",
       state.online ? "Changes reach the server as you make them."
                    : "Changes are kept here and sent when the connection is back.");
  fact(ICON_LOCK, state.storage_persistent ? "Storage is persistent" : "Storage is best effort",
       state.storage_persistent ? "The browser keeps Pathways' data until you remove it."
                                : "The browser may clear Pathways' data when space runs low.");
  const bool syncs = state.sync.this_tab_syncs;
  fact(ICON_SYNC, syncs ? "This tab syncs" : "Another tab syncs",
       syncs ? "Other Pathways tabs in this browser wait for this one."
             : "This tab takes over when the other one closes.");
  ui::end_card();
  ImGui::Dummy(ImVec2(0, 8));

  ui::begin_card("zone", width);
  zone_.draw(ctx);
  ui::end_card();

  ImGui::EndGroup();
}

}  // namespace pathways
