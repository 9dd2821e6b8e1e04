// Render on demand: the client draws only when something happened, and a few frames after
// it (ImGui settles layout and hover over two or three frames). Idle, it uses no CPU at all:
// no frame is scheduled, so the browser calls nothing.
//
// Wake it after anything that can change the screen: input (platform), a network reply
// (http), a timer, a change of online state or storage. Views rarely need to: a click
// already woke the loop.
#pragma once

#include <functional>

namespace pathways::render_loop {

// Starts drawing: `draw_ui` builds one ImGui frame (between NewFrame and Render).
void start(std::function<void()> draw_ui);

// Asks for at least `frames` more frames, starting with the next animation frame.
void wake(int frames = 3);

// Frames drawn so far (for tests and measurements).
long frame_count();

// No frame is owed: what is on screen is settled.
bool idle();

}  // namespace pathways::render_loop
