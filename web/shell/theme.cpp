// The light theme. Colours come from theme.h so views and the style agree.
#include "shell/theme.h"

namespace pathways::theme {
namespace {

ImVec4 rgba(ImU32 color, float alpha = 1.0f) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(color);
  v.w *= alpha;
  return v;
}

}  // namespace

void apply(ImGuiStyle& style) {
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(24, 20);
  style.FramePadding = ImVec2(12, 8);
  style.CellPadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.IndentSpacing = 20;
  style.ScrollbarSize = 12;
  style.GrabMinSize = 12;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.PopupBorderSize = 1;
  style.FrameBorderSize = 1;
  style.WindowRounding = 8;
  style.ChildRounding = 8;
  style.FrameRounding = 6;
  style.PopupRounding = 8;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 6;
  style.TabRounding = 6;
  style.DisabledAlpha = 0.5f;

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = rgba(color::text);
  c[ImGuiCol_TextDisabled] = rgba(color::text_muted);
  c[ImGuiCol_WindowBg] = rgba(color::background);
  c[ImGuiCol_ChildBg] = rgba(color::surface);
  c[ImGuiCol_PopupBg] = rgba(color::surface);
  c[ImGuiCol_Border] = rgba(color::border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = rgba(color::surface);
  c[ImGuiCol_FrameBgHovered] = rgba(color::surface);
  c[ImGuiCol_FrameBgActive] = rgba(color::surface);
  c[ImGuiCol_TitleBg] = rgba(color::surface_sunken);
  c[ImGuiCol_TitleBgActive] = rgba(color::surface_sunken);
  c[ImGuiCol_TitleBgCollapsed] = rgba(color::surface_sunken);
  c[ImGuiCol_MenuBarBg] = rgba(color::surface);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = rgba(color::border);
  c[ImGuiCol_ScrollbarGrabHovered] = rgba(color::text_muted, 0.6f);
  c[ImGuiCol_ScrollbarGrabActive] = rgba(color::text_muted, 0.8f);
  c[ImGuiCol_CheckMark] = rgba(color::accent);
  c[ImGuiCol_SliderGrab] = rgba(color::accent);
  c[ImGuiCol_SliderGrabActive] = rgba(color::accent_active);
  c[ImGuiCol_Button] = rgba(color::accent);
  c[ImGuiCol_ButtonHovered] = rgba(color::accent_hovered);
  c[ImGuiCol_ButtonActive] = rgba(color::accent_active);
  c[ImGuiCol_Header] = rgba(color::accent_soft);
  c[ImGuiCol_HeaderHovered] = rgba(color::accent_soft);
  c[ImGuiCol_HeaderActive] = rgba(color::accent, 0.25f);
  c[ImGuiCol_Separator] = rgba(color::border);
  c[ImGuiCol_SeparatorHovered] = rgba(color::accent, 0.6f);
  c[ImGuiCol_SeparatorActive] = rgba(color::accent);
  c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripHovered] = rgba(color::accent, 0.4f);
  c[ImGuiCol_ResizeGripActive] = rgba(color::accent, 0.8f);
  c[ImGuiCol_Tab] = rgba(color::surface_sunken);
  c[ImGuiCol_TabHovered] = rgba(color::accent_soft);
  c[ImGuiCol_TabActive] = rgba(color::surface);
  c[ImGuiCol_TabUnfocused] = rgba(color::surface_sunken);
  c[ImGuiCol_TabUnfocusedActive] = rgba(color::surface);
  c[ImGuiCol_PlotLines] = rgba(color::accent);
  c[ImGuiCol_PlotLinesHovered] = rgba(color::accent_active);
  c[ImGuiCol_PlotHistogram] = rgba(color::accent);
  c[ImGuiCol_PlotHistogramHovered] = rgba(color::accent_active);
  c[ImGuiCol_TableHeaderBg] = rgba(color::surface_sunken);
  c[ImGuiCol_TableBorderStrong] = rgba(color::border);
  c[ImGuiCol_TableBorderLight] = rgba(color::border, 0.6f);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = rgba(color::background, 0.6f);
  c[ImGuiCol_TextSelectedBg] = rgba(color::accent, 0.25f);
  c[ImGuiCol_DragDropTarget] = rgba(color::accent);
  c[ImGuiCol_NavHighlight] = rgba(color::accent, 0.8f);
  c[ImGuiCol_NavWindowingHighlight] = rgba(color::accent, 0.8f);
  c[ImGuiCol_NavWindowingDimBg] = rgba(color::text, 0.2f);
  c[ImGuiCol_ModalWindowDimBg] = rgba(color::text, 0.35f);
}

ImU32 status_color(SessionStatus status) {
  switch (status) {
    case SessionStatus::unbooked:
      return IM_COL32(214, 219, 226, 255);  // light grey
    case SessionStatus::booked:
      return IM_COL32(52, 120, 224, 255);  // blue
    case SessionStatus::completed:
      return IM_COL32(38, 150, 98, 255);  // green
    case SessionStatus::missed:
      return IM_COL32(214, 69, 65, 255);  // red
    case SessionStatus::greyed_out:
      return IM_COL32(92, 100, 112, 255);  // dark grey
  }
  return color::border;
}

ImU32 status_text_color(SessionStatus status) {
  return status == SessionStatus::unbooked ? color::text : IM_COL32_WHITE;
}

}  // namespace pathways::theme
