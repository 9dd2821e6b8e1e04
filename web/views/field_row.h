// Labelled fields side by side: ui:: fields take the width of their column, so a row of
// filters is a borderless table with one fixed-width column per field.
#pragma once

#include <initializer_list>

#include "imgui.h"

namespace pathways {

inline bool begin_field_row(const char* id, std::initializer_list<float> widths) {
  if (!ImGui::BeginTable(id, static_cast<int>(widths.size()),
                         ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoPadOuterX))
    return false;
  for (float w : widths) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, w);
  ImGui::TableNextRow();
  return true;
}
inline void end_field_row() { ImGui::EndTable(); }

}  // namespace pathways
