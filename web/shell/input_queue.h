// Browser input, replayed into Dear ImGui one frame at a time.
//
// Events arrive between frames, but ImGui 1.86 reads io.MouseDown / io.KeysDown once per
// frame: a click or key press shorter than a frame would be seen as nothing at all (a
// scripted click always is). The queue applies events in order and stops where the next one
// would overwrite a change already made this frame; the rest waits for the next frame.
// ImGui 1.87 built the same "trickling" in.
#pragma once

#include <deque>
#include <string>
#include <string_view>

struct ImGuiIO;

namespace pathways {

struct KeyModifiers {
  bool ctrl = false;
  bool shift = false;
  bool alt = false;
  bool super = false;
};

class InputQueue {
 public:
  void mouse_pos(float x, float y);  // CSS pixels from the canvas' top left
  void mouse_away();                 // no pointer over the canvas (it left, or a finger lifted)
  void mouse_button(int button, bool down);
  void mouse_wheel(float dx, float dy);  // in ImGui wheel steps; positive is up / left
  // `key` indexes io.KeysDown. `types_text` says the key also produced a character (a
  // letter): such keys do not edit by themselves, so text may follow them in one frame.
  void key(int key, bool down, KeyModifiers modifiers, bool types_text);
  void text(std::string_view utf8);
  void release_all();  // the window lost focus: nothing stays held

  // Applies what fits into this frame; true when events are left for the next one.
  bool apply(ImGuiIO& io);
  bool empty() const { return events_.empty(); }

 private:
  enum class Type { mouse_pos, mouse_button, mouse_wheel, key, text, release_all };
  struct Event {
    Type type;
    float x = 0, y = 0;
    int code = 0;  // button or key
    bool down = false;
    bool types_text = false;
    KeyModifiers modifiers;
    std::string text;
  };
  std::deque<Event> events_;
};

}  // namespace pathways
