// platform.h in the browser: the page's #canvas, a WebGL 2 context, and input from html5.h.
//
// Not Emscripten's GLFW: its 3.1.6 port reports the mouse in backing-store pixels, drops
// touches, and feeds ImGui keys and clicks that 1.86 loses when shorter than a frame. Here
// every event goes through an InputQueue in CSS pixels, and ImGui works in CSS pixels with
// DisplayFramebufferScale = devicePixelRatio.
//
// [SECTION] State
// [SECTION] Display: size, pixel ratio, fonts
// [SECTION] Mouse and wheel
// [SECTION] Touch
// [SECTION] Keyboard and focus
// [SECTION] platform.h
#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>
#include <string>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "shell/clipboard.h"
#include "shell/fonts.h"
#include "shell/input_queue.h"
#include "shell/perf_mark.h"
#include "shell/platform.h"
#include "shell/render_loop.h"
#include "shell/theme.h"
#include "shell/timer.h"

namespace pathways::platform {
namespace {

// [SECTION] State

constexpr const char* canvas = "#canvas";

EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
InputQueue input;
double last_frame_time = 0.0;
int backing_width = 0, backing_height = 0;
float fonts_pixel_ratio = 0.0f;
bool renderer_started = false;  // the renderer makes its objects, font texture included, on its first frame
ImGuiMouseCursor shown_cursor = ImGuiMouseCursor_COUNT;
int mouse_buttons_held = 0;  // bit per ImGui button, to keep dragging outside the canvas

void wake() { render_loop::wake(); }

// [SECTION] Display: size, pixel ratio, fonts

EM_JS(void, js_watch_pixel_ratio, (), {
  // devicePixelRatio changes without a resize when the window moves to another screen.
  var watch = function() {
    var query = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    query.addEventListener('change',
                           function() {
                             _pathways_platform_wake();
                             watch();
                           },
                           {once : true});
  };
  watch();
});

EM_JS(void, js_set_cursor, (const char* css_cursor), { Module['canvas'].style.cursor = UTF8ToString(css_cursor); });

EM_JS(int, js_is_apple, (), { return / Mac | iPhone | iPad | iPod /.test(navigator.platform) ? 1 : 0; });

// A page control (the overlay's Reload button) has the keyboard: its keys are not the app's.
EM_JS(int, js_page_control_focused, (), {
  var focused = document.activeElement;
  return focused && focused != document.body && focused != Module['canvas'] ? 1 : 0;
});

EM_JS(void, js_fail, (const char* message),
      { window.dispatchEvent(new CustomEvent('pathways:fatal', {detail : UTF8ToString(message)})); });

// Keeps the canvas' backing store at CSS size x pixel ratio, and ImGui in CSS pixels.
void update_display(ImGuiIO& io) {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size(canvas, &css_width, &css_height);
  css_width = std::fmax(css_width, 1.0);
  css_height = std::fmax(css_height, 1.0);
  const double ratio = std::fmax(emscripten_get_device_pixel_ratio(), 0.5);
  const int width = static_cast<int>(std::lround(css_width * ratio));
  const int height = static_cast<int>(std::lround(css_height * ratio));
  if (width != backing_width || height != backing_height) {
    emscripten_set_canvas_element_size(canvas, width, height);
    backing_width = width;
    backing_height = height;
  }
  io.DisplaySize = ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(width / css_width), static_cast<float>(height / css_height));

  if (static_cast<float>(ratio) != fonts_pixel_ratio) {
    fonts_pixel_ratio = static_cast<float>(ratio);
    fonts::build(fonts_pixel_ratio);
    perf::mark("pathways:fonts-built");
    if (renderer_started) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
}

const char* css_cursor(ImGuiMouseCursor cursor) {
  switch (cursor) {
    case ImGuiMouseCursor_None:
      return "none";
    case ImGuiMouseCursor_TextInput:
      return "text";
    case ImGuiMouseCursor_ResizeAll:
      return "move";
    case ImGuiMouseCursor_ResizeNS:
      return "ns-resize";
    case ImGuiMouseCursor_ResizeEW:
      return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW:
      return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE:
      return "nwse-resize";
    case ImGuiMouseCursor_Hand:
      return "pointer";
    case ImGuiMouseCursor_NotAllowed:
      return "not-allowed";
    default:
      return "default";
  }
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  wake();
  return EM_FALSE;
}

// [SECTION] Mouse and wheel
// The canvas fills the window from (0, 0), so clientX/Y are canvas coordinates.

int imgui_button(unsigned short dom_button) {
  switch (dom_button) {
    case 0:
      return ImGuiMouseButton_Left;
    case 1:
      return ImGuiMouseButton_Middle;
    case 2:
      return ImGuiMouseButton_Right;
    default:
      return dom_button;
  }
}

void mouse_at(const EmscriptenMouseEvent& e) {
  input.mouse_pos(static_cast<float>(e.clientX), static_cast<float>(e.clientY));
}

EM_BOOL on_mouse_down(int, const EmscriptenMouseEvent* e, void*) {
  const int button = imgui_button(e->button);
  mouse_at(*e);
  input.mouse_button(button, true);
  mouse_buttons_held |= 1 << button;
  wake();
  return EM_TRUE;  // no text selection or focus change on the page
}

// On the window, so a drag that leaves the canvas still ends.
EM_BOOL on_mouse_up(int, const EmscriptenMouseEvent* e, void*) {
  const int button = imgui_button(e->button);
  if (!(mouse_buttons_held & (1 << button))) return EM_FALSE;
  mouse_at(*e);
  input.mouse_button(button, false);
  mouse_buttons_held &= ~(1 << button);
  wake();
  return EM_FALSE;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
  mouse_at(*e);
  wake();
  return EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
  if (mouse_buttons_held == 0) {
    input.mouse_away();
    wake();
  }
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  if (e->mouse.ctrlKey) return EM_FALSE;  // Ctrl+wheel zooms the page: leave it to the browser
  // One ImGui wheel step scrolls about five lines; a mouse notch is ~100 px or 3 lines.
  double per_step = 100.0;
  if (e->deltaMode == DOM_DELTA_LINE) per_step = 3.0;
  if (e->deltaMode == DOM_DELTA_PAGE) per_step = 1.0;
  mouse_at(e->mouse);
  input.mouse_wheel(static_cast<float>(-e->deltaX / per_step), static_cast<float>(-e->deltaY / per_step));
  wake();
  return EM_TRUE;
}

// [SECTION] Touch
// One finger is the left mouse button. Two fingers scroll (as a wheel). A finger held
// still for half a second is a right click (context menus): the left press is withdrawn
// with the pointer away, so nothing under the finger gets clicked.

constexpr float touch_slop = 10.0f;  // CSS px a finger may wander and still "hold still"
constexpr double long_press_ms = 500.0;
constexpr float touch_scroll_step = 80.0f;  // CSS px per wheel step: ImGui scrolls 5 lines of 16 px

struct TouchState {
  bool active = false;  // a primary finger is down
  int id = 0;
  float start_x = 0, start_y = 0, x = 0, y = 0;
  bool scrolling = false;
  bool long_pressed = false;
  float scroll_x = 0, scroll_y = 0;  // last midpoint of two fingers
  timer::Id long_press = 0;
} touch;

void withdraw_press() {
  input.mouse_away();
  input.mouse_button(ImGuiMouseButton_Left, false);
  timer::cancel(touch.long_press);
}

void on_long_press() {
  if (!touch.active || touch.scrolling) return;
  touch.long_pressed = true;
  withdraw_press();
  input.mouse_pos(touch.x, touch.y);
  input.mouse_button(ImGuiMouseButton_Right, true);
  input.mouse_button(ImGuiMouseButton_Right, false);
}

const EmscriptenTouchPoint* find_touch(const EmscriptenTouchEvent& e, int id) {
  for (int i = 0; i < e.numTouches; ++i)
    if (e.touches[i].identifier == id) return &e.touches[i];
  return nullptr;
}

EM_BOOL on_touch_start(int, const EmscriptenTouchEvent* e, void*) {
  if (!touch.active) {
    for (int i = 0; i < e->numTouches; ++i) {
      const EmscriptenTouchPoint& t = e->touches[i];
      if (!t.isChanged) continue;
      touch = TouchState{.active = true, .id = static_cast<int>(t.identifier)};
      touch.start_x = touch.x = static_cast<float>(t.clientX);
      touch.start_y = touch.y = static_cast<float>(t.clientY);
      input.mouse_pos(touch.x, touch.y);
      input.mouse_button(ImGuiMouseButton_Left, true);
      touch.long_press = timer::after(long_press_ms, on_long_press);
      break;
    }
  } else if (!touch.scrolling && !touch.long_pressed && e->numTouches >= 2) {
    touch.scrolling = true;
    withdraw_press();
    touch.scroll_x = static_cast<float>(e->touches[0].clientX + e->touches[1].clientX) * 0.5f;
    touch.scroll_y = static_cast<float>(e->touches[0].clientY + e->touches[1].clientY) * 0.5f;
  }
  wake();
  return EM_TRUE;  // no emulated mouse events, no page zoom or scroll
}

EM_BOOL on_touch_move(int, const EmscriptenTouchEvent* e, void*) {
  if (!touch.active) return EM_TRUE;
  if (touch.scrolling && e->numTouches >= 2) {
    const float x = static_cast<float>(e->touches[0].clientX + e->touches[1].clientX) * 0.5f;
    const float y = static_cast<float>(e->touches[0].clientY + e->touches[1].clientY) * 0.5f;
    input.mouse_pos(x, y);
    input.mouse_wheel((x - touch.scroll_x) / touch_scroll_step, (y - touch.scroll_y) / touch_scroll_step);
    touch.scroll_x = x;
    touch.scroll_y = y;
  } else if (const EmscriptenTouchPoint* t = find_touch(*e, touch.id); t && !touch.scrolling) {
    touch.x = static_cast<float>(t->clientX);
    touch.y = static_cast<float>(t->clientY);
    if (std::fabs(touch.x - touch.start_x) > touch_slop || std::fabs(touch.y - touch.start_y) > touch_slop)
      timer::cancel(touch.long_press);
    if (!touch.long_pressed) input.mouse_pos(touch.x, touch.y);
  }
  wake();
  return EM_TRUE;
}

EM_BOOL on_touch_end(int, const EmscriptenTouchEvent* e, void*) {
  if (!touch.active) return EM_TRUE;
  const EmscriptenTouchPoint* primary = find_touch(*e, touch.id);
  const bool primary_lifted = primary && primary->isChanged;
  int remaining = 0;
  for (int i = 0; i < e->numTouches; ++i) remaining += e->touches[i].isChanged ? 0 : 1;
  if (primary_lifted && !touch.scrolling && !touch.long_pressed) {
    timer::cancel(touch.long_press);
    input.mouse_pos(static_cast<float>(primary->clientX), static_cast<float>(primary->clientY));
    input.mouse_button(ImGuiMouseButton_Left, false);
  }
  if (remaining == 0) {
    input.mouse_away();  // no hover left behind where the finger was
    timer::cancel(touch.long_press);
    touch = TouchState{};
  }
  wake();
  return EM_TRUE;
}

// [SECTION] Keyboard and focus
// Keys index io.KeysDown by DOM keyCode; characters come from KeyboardEvent.key.
// Not handled: IME composition and phone keyboards (they need an overlay <input>).

bool is_single_character(const char* utf8) {
  if (!utf8[0]) return false;
  int code_points = 0;
  for (const char* c = utf8; *c; ++c) code_points += (static_cast<unsigned char>(*c) & 0xC0) != 0x80;
  const auto first = static_cast<unsigned char>(utf8[0]);
  return code_points == 1 && first >= 0x20 && first != 0x7F;
}

// Whether the browser's default for this key should be kept.
bool browser_keeps(const EmscriptenKeyboardEvent& e) {
  if (e.keyCode >= 112 && e.keyCode <= 123) return true;  // F1-F12: help, reload, devtools...
  if (e.ctrlKey || e.metaKey) {
    // Clipboard and browser shortcuts stay the browser's: copy and paste arrive as events.
    // In a text field, select-all and undo / redo belong to the field.
    const bool field_shortcut = e.keyCode == 'A' || e.keyCode == 'Z' || e.keyCode == 'Y';
    return !(field_shortcut && ImGui::GetIO().WantTextInput);
  }
  return false;  // Tab, Backspace, arrows, space, letters: the app's (no focus moves, no scrolling)
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  if (js_page_control_focused()) return EM_FALSE;
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  // AltGr arrives as Ctrl+Alt: its characters (@, {, € on many layouts) are text.
  const bool shortcut = (e->ctrlKey && !e->altKey) || e->metaKey;
  const bool types_text = down && !shortcut && is_single_character(e->key);
  const KeyModifiers modifiers{
      .ctrl = e->ctrlKey != 0, .shift = e->shiftKey != 0, .alt = e->altKey != 0, .super = e->metaKey != 0};
  // A held key repeats: ImGui repeats navigation keys itself; characters repeat here.
  if (!(down && e->repeat)) input.key(static_cast<int>(e->keyCode), down, modifiers, types_text);
  if (types_text) input.text(e->key);
  wake();
  return browser_keeps(*e) ? EM_FALSE : EM_TRUE;
}

EM_BOOL on_blur(int, const EmscriptenFocusEvent*, void*) {
  input.release_all();
  if (mouse_buttons_held == 0) input.mouse_away();
  mouse_buttons_held = 0;
  wake();
  return EM_FALSE;
}

void map_keys(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = 9;
  io.KeyMap[ImGuiKey_LeftArrow] = 37;
  io.KeyMap[ImGuiKey_RightArrow] = 39;
  io.KeyMap[ImGuiKey_UpArrow] = 38;
  io.KeyMap[ImGuiKey_DownArrow] = 40;
  io.KeyMap[ImGuiKey_PageUp] = 33;
  io.KeyMap[ImGuiKey_PageDown] = 34;
  io.KeyMap[ImGuiKey_Home] = 36;
  io.KeyMap[ImGuiKey_End] = 35;
  io.KeyMap[ImGuiKey_Insert] = 45;
  io.KeyMap[ImGuiKey_Delete] = 46;
  io.KeyMap[ImGuiKey_Backspace] = 8;
  io.KeyMap[ImGuiKey_Space] = 32;
  io.KeyMap[ImGuiKey_Enter] = 13;
  io.KeyMap[ImGuiKey_Escape] = 27;
  io.KeyMap[ImGuiKey_KeyPadEnter] = 13;  // the DOM gives both Enters one keyCode
  io.KeyMap[ImGuiKey_A] = 'A';
  io.KeyMap[ImGuiKey_C] = 'C';
  io.KeyMap[ImGuiKey_V] = 'V';
  io.KeyMap[ImGuiKey_X] = 'X';
  io.KeyMap[ImGuiKey_Y] = 'Y';
  io.KeyMap[ImGuiKey_Z] = 'Z';
}

void listen() {
  const char* window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
  emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, on_mouse_down);
  emscripten_set_mouseup_callback(window, nullptr, EM_TRUE, on_mouse_up);
  emscripten_set_mousemove_callback(window, nullptr, EM_TRUE, on_mouse_move);
  emscripten_set_mouseleave_callback(canvas, nullptr, EM_TRUE, on_mouse_leave);
  emscripten_set_wheel_callback(canvas, nullptr, EM_FALSE, on_wheel);
  emscripten_set_touchstart_callback(canvas, nullptr, EM_FALSE, on_touch_start);
  emscripten_set_touchmove_callback(canvas, nullptr, EM_FALSE, on_touch_move);
  emscripten_set_touchend_callback(canvas, nullptr, EM_FALSE, on_touch_end);
  emscripten_set_touchcancel_callback(canvas, nullptr, EM_FALSE, on_touch_end);
  emscripten_set_keydown_callback(window, nullptr, EM_TRUE, on_key);
  emscripten_set_keyup_callback(window, nullptr, EM_TRUE, on_key);
  emscripten_set_blur_callback(window, nullptr, EM_TRUE, on_blur);
  emscripten_set_resize_callback(window, nullptr, EM_FALSE, on_resize);
  js_watch_pixel_ratio();
}

}  // namespace

// [SECTION] platform.h

bool init() {
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;      // opaque: the page needs no blending with what is under it
  attributes.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  gl = emscripten_webgl_create_context(canvas, &attributes);
  if (gl <= 0) return false;
  emscripten_webgl_make_context_current(gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no files behind the app's back; layout state is not kept
  io.LogFilename = nullptr;
  io.BackendPlatformName = "pathways_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  io.ConfigInputTextCursorBlink = false;  // a blink would need frames while idle
  io.ConfigMacOSXBehaviors = js_is_apple() != 0;
  map_keys(io);
  clipboard::install(io);
  theme::apply(ImGui::GetStyle());
  ImGui_ImplOpenGL3_Init("#version 300 es");
  listen();
  return true;
}

bool begin_frame() {
  if (emscripten_is_webgl_context_lost(gl)) return false;
  ImGuiIO& io = ImGui::GetIO();
  update_display(io);
  ImGui_ImplOpenGL3_NewFrame();
  renderer_started = true;
  const double now = emscripten_get_now() / 1000.0;
  io.DeltaTime = last_frame_time > 0.0 ? static_cast<float>(std::fmax(now - last_frame_time, 1e-4)) : 1.0f / 60.0f;
  last_frame_time = now;
  input.apply(io);
  return true;
}

void end_frame() {
  glViewport(0, 0, backing_width, backing_height);
  const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(theme::color::background);
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
  if (cursor != shown_cursor) {
    shown_cursor = cursor;
    js_set_cursor(css_cursor(cursor));
  }
}

bool wants_more_frames() {
  if (!input.empty()) return true;
  const ImGuiIO& io = ImGui::GetIO();
  for (bool down : io.MouseDown)
    if (down) return true;
  for (bool down : io.KeysDown)
    if (down) return true;
  return false;
}

void type_text(const char* utf8) {
  input.text(utf8);
  wake();
}

void fail(const char* message) { js_fail(message); }

}  // namespace pathways::platform

extern "C" EMSCRIPTEN_KEEPALIVE void pathways_platform_wake() { pathways::render_loop::wake(); }
