// See input_queue.h for why input is queued.
#include "shell/input_queue.h"

#include <bitset>
#include <cfloat>

#include "imgui.h"

namespace pathways {

void InputQueue::mouse_pos(float x, float y) { events_.push_back({.type = Type::mouse_pos, .x = x, .y = y}); }

void InputQueue::mouse_away() { mouse_pos(-FLT_MAX, -FLT_MAX); }

void InputQueue::mouse_button(int button, bool down) {
  if (button < 0 || button >= IM_ARRAYSIZE(ImGuiIO::MouseDown)) return;
  events_.push_back({.type = Type::mouse_button, .code = button, .down = down});
}

void InputQueue::mouse_wheel(float dx, float dy) { events_.push_back({.type = Type::mouse_wheel, .x = dx, .y = dy}); }

void InputQueue::key(int key, bool down, KeyModifiers modifiers, bool types_text) {
  if (key < 0 || key >= IM_ARRAYSIZE(ImGuiIO::KeysDown)) return;
  events_.push_back({.type = Type::key, .code = key, .down = down, .types_text = types_text, .modifiers = modifiers});
}

void InputQueue::text(std::string_view utf8) {
  if (!utf8.empty()) events_.push_back({.type = Type::text, .text = std::string(utf8)});
}

void InputQueue::release_all() { events_.push_back({.type = Type::release_all}); }

bool InputQueue::apply(ImGuiIO& io) {
  constexpr int button_count = IM_ARRAYSIZE(ImGuiIO::MouseDown);
  constexpr int key_count = IM_ARRAYSIZE(ImGuiIO::KeysDown);
  std::bitset<button_count> buttons_changed;
  std::bitset<key_count> keys_changed;
  bool editing_key_changed = false;  // a key that acts on text (Backspace, Enter, arrows...)

  std::size_t applied = 0;
  for (; applied < events_.size(); ++applied) {
    const Event& e = events_[applied];
    bool fits = true;
    switch (e.type) {
      case Type::mouse_pos:
        // After a press or release, a move waits: the click lands where the button changed.
        fits = buttons_changed.none();
        if (fits) io.MousePos = ImVec2(e.x, e.y);
        break;
      case Type::mouse_button:
        fits = !buttons_changed[e.code];
        if (fits) io.MouseDown[e.code] = e.down, buttons_changed[e.code] = true;
        break;
      case Type::mouse_wheel:
        io.MouseWheelH += e.x;
        io.MouseWheel += e.y;
        break;
      case Type::key:
        fits = !keys_changed[e.code];
        if (fits) {
          io.KeysDown[e.code] = e.down;
          io.KeyCtrl = e.modifiers.ctrl;
          io.KeyShift = e.modifiers.shift;
          io.KeyAlt = e.modifiers.alt;
          io.KeySuper = e.modifiers.super;
          keys_changed[e.code] = true;
          editing_key_changed |= !e.types_text;
        }
        break;
      case Type::text:
        // ImGui handles a frame's characters before its keys: "Backspace, then x" in one
        // frame would delete the x. Text after such a key waits.
        fits = !editing_key_changed;
        if (fits) io.AddInputCharactersUTF8(e.text.c_str());
        break;
      case Type::release_all:
        fits = buttons_changed.none() && keys_changed.none();
        if (fits) {
          for (bool& down : io.MouseDown) down = false;
          for (bool& down : io.KeysDown) down = false;
          io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
          buttons_changed.set();
          keys_changed.set();
        }
        break;
    }
    if (!fits) break;
  }
  events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(applied));
  return !events_.empty();
}

}  // namespace pathways
