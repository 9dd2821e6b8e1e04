// render_loop.h natively: nothing is drawn; wake-ups are counted, so a program can see the
// engine asks for a frame after each change it makes.
#include "shell/render_loop.h"

namespace pathways::render_loop {
namespace {

long wakes = 0;

}  // namespace

void start(std::function<void()>) {}

void wake(int) { ++wakes; }

long frame_count() { return wakes; }

bool idle() { return true; }

}  // namespace pathways::render_loop
