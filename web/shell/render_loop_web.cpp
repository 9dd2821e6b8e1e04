// The on-demand frame loop on requestAnimationFrame (see render_loop.h). There is no
// emscripten_set_main_loop: a frame is requested only while frames are owed.
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "shell/platform.h"
#include "shell/render_loop.h"
#include "shell/test_hook.h"

namespace pathways::render_loop {
namespace {

std::function<void()> draw;
int frames_owed = 0;
bool frame_requested = false;
long frames_drawn = 0;

// clang-format off
EM_JS(void, js_announce_first_frame, (), {
  window.pathways = window.pathways || {};
  window.pathways.firstFrameMs = performance.now();
  window.dispatchEvent(new Event('pathways:first-frame'));
});
// clang-format on

EM_BOOL on_animation_frame(double /*time*/, void* /*user_data*/);

void request_frame() {
  if (frame_requested || !draw) return;
  frame_requested = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

EM_BOOL on_animation_frame(double, void*) {
  frame_requested = false;
  if (!platform::begin_frame()) return EM_FALSE;  // context lost: the page offers a reload

  ImGui::NewFrame();
  test_hook::begin_frame();
  draw();
  ImGui::Render();
  platform::end_frame();
  test_hook::end_frame();

  if (++frames_drawn == 1) js_announce_first_frame();
  if (frames_owed > 0) --frames_owed;
  if (platform::wants_more_frames() && frames_owed < 1) frames_owed = 1;
  if (frames_owed > 0) request_frame();
  return EM_FALSE;
}

}  // namespace

void start(std::function<void()> draw_ui) {
  draw = std::move(draw_ui);
  wake();
}

void wake(int frames) {
  if (frames_owed < frames) frames_owed = frames;
  request_frame();
}

long frame_count() { return frames_drawn; }

bool idle() { return frames_owed == 0 && !frame_requested; }

}  // namespace pathways::render_loop
