#include "views/top_bar_view.h"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "local_time.h"
#include "shell/fonts.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"

namespace pathways {
namespace {

constexpr float side_padding = 20.0f;
constexpr float gap = 16.0f;

enum class Layout {
  wide,     // one row, everything
  compact,  // one row, without last sync and role
  narrow,   // two rows, without last sync and role
};

Layout layout_for(float width) {
  if (width >= 860.0f) return Layout::wide;
  if (width >= 640.0f) return Layout::compact;
  return Layout::narrow;
}

std::string last_sync_text(const SyncStatus& sync) {
  if (sync.last_sync.empty()) return "Last sync never";
  const auto at = parse_time(sync.last_sync);
  return at ? "Last sync " + local_time::format_date_time(*at) : "Last sync never";
}

void vertical_rule() {
  ImGui::SameLine(0.0f, 14.0f);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFrameHeight();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, at.y + 6), ImVec2(at.x, at.y + h - 6), theme::color::border);
  ImGui::Dummy(ImVec2(1, h));
  ImGui::SameLine(0.0f, 14.0f);
}

// Starts a group whose right edge meets the bar's right padding, given its width.
void begin_right_aligned(float width, float row_top, float row_h) {
  ImGui::SameLine();
  const float x = std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - side_padding - width);
  ImGui::SetCursorPos(ImVec2(x, row_top + (row_h - ImGui::GetFrameHeight()) * 0.5f));
  ImGui::BeginGroup();
}

float end_right_aligned() {
  ImGui::EndGroup();
  return ImGui::GetItemRectSize().x;
}

void brand(float row_top, float row_h) {
  constexpr float mark = 28.0f;
  ImGui::SetCursorPos(ImVec2(side_padding, row_top + (row_h - mark) * 0.5f));
  ui::brand_mark(mark);
  ImGui::SameLine(0.0f, 10.0f);
  ImGui::SetCursorPosY(row_top + (row_h - ImGui::GetFrameHeight()) * 0.5f);
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts::get(fonts::Face::strong));
  ui::text("Pathways");
  ImGui::PopFont();
}

// Online / offline, pending ops, last sync: the status part, without its button.
void sync_facts(const AppState& state, Layout layout) {
  ImGui::AlignTextToFramePadding();
  ui::dot(state.online ? theme::color::success : theme::color::text_muted);
  ImGui::SameLine(0.0f, 4.0f);
  ui::text(state.online ? "Online" : "Offline");
  ImGui::SameLine(0.0f, gap);
  ui::text_muted(ICON_CLOUD_UPLOAD " Pending " + std::to_string(state.sync.pending));
  if (state.sync.rejected > 0) {
    ImGui::SameLine(0.0f, gap);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::color::danger);
    ui::text(ICON_WARNING " Rejected " + std::to_string(state.sync.rejected));
    ImGui::PopStyleColor();
  }
  // DESIGN.md §5: times are judged by the server's clock; say when this device's is off.
  if (const std::string off = local_time::describe_clock_offset(state.sync.clock_offset_s); !off.empty()) {
    ImGui::SameLine(0.0f, gap);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::color::danger);
    ui::text(ICON_WARNING " Device clock " + off);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("This device's clock is %s. Pathways judges times by the server's clock.", off.c_str());
  }
  if (layout == Layout::wide) {
    ImGui::SameLine(0.0f, gap);
    ui::text_muted(ICON_CLOCK " " + last_sync_text(state.sync));
  }
}

bool sync_button(const AppState& state) { return ui::action(ICON_SYNC " Sync now", why_not_sync_now(state)); }

bool user_and_sign_out(const AppState& state, Layout layout) {
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts::get(fonts::Face::strong));
  ui::text(state.login.user.name);
  ImGui::PopFont();
  if (layout == Layout::wide) {
    ImGui::SameLine(0.0f, 8.0f);
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + (ImGui::GetFrameHeight() - ImGui::GetTextLineHeight() - 4.0f) * 0.5f);
    ui::chip(label(state.login.user.role), theme::color::accent_soft, theme::color::accent_active);
    ImGui::SameLine(0.0f, 8.0f);
    ImGui::SetCursorPosY(y);
  } else {
    ImGui::SameLine(0.0f, 8.0f);
  }
  return ui::link_button(ICON_SIGN_OUT " Sign out");
}

}  // namespace

void TopBarView::draw(ViewContext& ctx) {
  const AppState& state = ctx.app;
  struct {
    bool sync_now = false, sign_out = false;
  } requests;
  const Layout layout = layout_for(ImGui::GetContentRegionAvail().x);
  height_ = layout == Layout::narrow ? 2 * narrow_row_height : row_height;

  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(side_padding, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
  ImGui::BeginChild("##top_bar", ImVec2(0, height_), false, ImGuiWindowFlags_NoScrollbar);

  if (layout == Layout::narrow) {
    brand(0.0f, narrow_row_height);
    begin_right_aligned(user_width_, 0.0f, narrow_row_height);
    requests.sign_out = user_and_sign_out(state, layout);
    user_width_ = end_right_aligned();

    ImGui::SetCursorPos(ImVec2(side_padding, narrow_row_height + (narrow_row_height - ImGui::GetFrameHeight()) * 0.5f));
    sync_facts(state, layout);
    begin_right_aligned(sync_width_, narrow_row_height, narrow_row_height);
    requests.sync_now = sync_button(state);
    sync_width_ = end_right_aligned();
  } else {
    brand(0.0f, row_height);
    begin_right_aligned(user_width_, 0.0f, row_height);
    sync_facts(state, layout);
    ImGui::SameLine(0.0f, gap);
    requests.sync_now = sync_button(state);
    vertical_rule();
    requests.sign_out = user_and_sign_out(state, layout);
    user_width_ = end_right_aligned();
  }

  const ImVec2 min = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, min.y + size.y - 1), ImVec2(min.x + size.x, min.y + size.y - 1),
                                      theme::color::border);
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  if (requests.sync_now) ctx.sync_now();
  if (requests.sign_out) ctx.sign_out();
}

}  // namespace pathways
