// The widget registry behind test_hook.h. Two lists: the frame being drawn and the last
// finished one, so a test reading between frames always sees a whole frame.
#include "shell/test_hook.h"

#include <algorithm>
#include <vector>

#include "imgui_internal.h"
#include "nlohmann/json.hpp"

namespace pathways::test_hook {
namespace {

struct Item {
  std::string label;
  std::string kind;
  ImVec2 min, max;
  bool active;
  bool disabled;  // drawn inside BeginDisabled(): shown, but it does nothing
};

std::vector<Item> drawing, last_frame;
Status status;

bool is_icon(unsigned code_point) { return code_point >= 0xE000 && code_point <= 0xF8FF; }  // private use area

}  // namespace

std::string visible_label(std::string_view label) {
  label = label.substr(0, label.find("##"));
  // Drop leading icons (3-byte UTF-8 private-use code points) and spaces.
  while (!label.empty()) {
    const auto byte = static_cast<unsigned char>(label[0]);
    if (byte == ' ') {
      label.remove_prefix(1);
    } else if ((byte & 0xF0) == 0xE0 && label.size() >= 3) {
      const unsigned code_point = ((byte & 0x0Fu) << 12) | ((static_cast<unsigned char>(label[1]) & 0x3Fu) << 6) |
                                  (static_cast<unsigned char>(label[2]) & 0x3Fu);
      if (!is_icon(code_point)) break;
      label.remove_prefix(3);
    } else {
      break;
    }
  }
  while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
  return std::string(label);
}

void begin_frame() { drawing.clear(); }

void end_frame() { last_frame.swap(drawing); }

void record(std::string_view label, std::string_view kind, ImVec2 min, ImVec2 max, bool active) {
  // Only what is on screen: clip to the current window's clip rectangle.
  if (ImGui::GetCurrentContext() && ImGui::GetWindowDrawList()) {
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    min = ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
    max = ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
  }
  if (max.x <= min.x || max.y <= min.y) return;
  const ImGuiContext* g = ImGui::GetCurrentContext();
  const bool disabled = g && (g->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
  drawing.push_back({visible_label(label), std::string(kind), min, max, active, disabled});
}

void record_last_item(std::string_view label, std::string_view kind) {
  record(label, kind, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::IsItemActive());
}

void set_status(Status value) { status = std::move(value); }

std::string items_json() {
  nlohmann::json items = nlohmann::json::array();
  for (const Item& item : last_frame)
    items.push_back({{"label", item.label},
                     {"kind", item.kind},
                     {"x", item.min.x},
                     {"y", item.min.y},
                     {"w", item.max.x - item.min.x},
                     {"h", item.max.y - item.min.y},
                     {"active", item.active},
                     {"disabled", item.disabled}});
  return items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string status_json() {
  nlohmann::json user = nullptr;
  if (!status.user_name.empty()) user = {{"name", status.user_name}, {"role", status.user_role}};
  nlohmann::json last_sync = nullptr;
  if (!status.last_sync.empty()) last_sync = status.last_sync;
  return nlohmann::json{{"online", status.online}, {"pending", status.pending}, {"lastSync", last_sync}, {"user", user}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pathways::test_hook
