// The window the client draws in: on the web, the page's full-window canvas.
// Owns the Dear ImGui context, the WebGL 2 context and the renderer backend, turns browser
// input into ImGui input, and keeps ImGui's coordinates in CSS pixels on any screen density.
#pragma once

namespace pathways::platform {

// Creates the GL and ImGui contexts and listens to input. False when the browser has no
// WebGL 2; the page then says so (see shell.js).
bool init();

// Before ImGui::NewFrame(): size, pixel ratio (rebuilding fonts when it changed), time and
// queued input. False while the GL context is lost: skip the frame.
bool begin_frame();

// After ImGui::Render(): draws the frame and shows the cursor ImGui asked for.
void end_frame();

// Input is still queued, or a key or button is held (ImGui repeats keys while held).
bool wants_more_frames();

// Types text into the focused field, in order with the rest of the input (for paste).
void type_text(const char* utf8);

// Tells the page the client cannot run (shows `message` over the canvas).
void fail(const char* message);

}  // namespace pathways::platform
