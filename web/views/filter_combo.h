// A filter's drop-down: "All" plus (id, name) choices, as the cohort grid and the reports'
// filter bars draw them.
#pragma once

#include <string>

#include "core/entities.h"
#include "shell/widgets.h"

namespace pathways {

// `items`: (id, name) pairs in the order shown. Sets `chosen` (empty for "All"); returns
// true when the choice changed.
template <class Items>
bool filter_combo(const char* label, Id& chosen, const Items& items) {
  std::string preview = "All";
  for (const auto& [id, name] : items)
    if (id == chosen) preview = name;
  bool changed = false;
  if (ui::begin_combo(label, preview.c_str())) {
    if (ui::selectable("All", chosen.empty())) {
      chosen.clear();
      changed = true;
    }
    for (const auto& [id, name] : items)
      if (ui::selectable((name + "##" + id).c_str(), id == chosen)) {
        chosen = id;
        changed = true;
      }
    ui::end_combo();
  }
  return changed;
}

}  // namespace pathways
