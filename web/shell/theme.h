// The look of the client: a calm light theme, and the session status colours used
// everywhere a status is shown (grid cells, legend, reports, charts; DESIGN.md section 2).
#pragma once

#include "core/enums.h"
#include "imgui.h"

namespace pathways::theme {

// Sets ImGui's style: spacing, rounding and colours. Sizes are in CSS pixels.
void apply(ImGuiStyle& style);

namespace color {
inline constexpr ImU32 background = IM_COL32(244, 246, 249, 255);  // behind everything
inline constexpr ImU32 surface = IM_COL32(255, 255, 255, 255);     // cards, bars, fields
inline constexpr ImU32 surface_sunken = IM_COL32(236, 240, 245, 255);
inline constexpr ImU32 border = IM_COL32(218, 224, 232, 255);
inline constexpr ImU32 text = IM_COL32(31, 36, 48, 255);
inline constexpr ImU32 text_muted = IM_COL32(95, 107, 122, 255);
inline constexpr ImU32 accent = IM_COL32(47, 111, 223, 255);
inline constexpr ImU32 accent_hovered = IM_COL32(38, 97, 201, 255);
inline constexpr ImU32 accent_active = IM_COL32(31, 82, 173, 255);
inline constexpr ImU32 accent_soft = IM_COL32(227, 237, 252, 255);
inline constexpr ImU32 danger = IM_COL32(184, 44, 44, 255);
inline constexpr ImU32 danger_soft = IM_COL32(253, 236, 236, 255);
inline constexpr ImU32 warning = IM_COL32(217, 119, 6, 255);  // needs attention (R6 mismatches)
inline constexpr ImU32 warning_soft = IM_COL32(254, 243, 226, 255);
inline constexpr ImU32 warning_ink = IM_COL32(146, 64, 14, 255);  // text on warning_soft
inline constexpr ImU32 success = IM_COL32(30, 138, 91, 255);
inline constexpr ImU32 shadow = IM_COL32(16, 24, 40, 255);  // used with low alpha
}  // namespace color

// Fill of a session in `status`, and a text colour readable on it.
ImU32 status_color(SessionStatus status);
ImU32 status_text_color(SessionStatus status);

}  // namespace pathways::theme
