// What end-to-end tests can see of a canvas app: the widgets drawn in the last frame, with
// their visible text and where they are, and the app's sync status. In the browser they are
// window.pathways.test.items() and .status() (test_hook_web.cpp).
//
// Views do not call this directly: the ui:: widgets (widgets.h) record every button, field,
// selectable and cell they draw. Coordinates are CSS pixels from the canvas' top left, which
// is the page's (0, 0): a test clicks at (x + w/2, y + h/2).
#pragma once

#include <string>
#include <string_view>

#include "imgui.h"

namespace pathways::test_hook {

// Publishes window.pathways.test. Before the first frame, items() is empty.
void install();

// Called by the render loop around each frame.
void begin_frame();
void end_frame();

// Records a widget. `label` may be an ImGui label: the "##id" part and a leading icon are
// dropped. `kind` is "button", "input", "text", "cell", ... Parts clipped away are left out,
// and a widget clipped entirely is not recorded. `active`: a field being edited, a button
// being pressed.
void record(std::string_view label, std::string_view kind, ImVec2 min, ImVec2 max, bool active = false);
// The same for the item ImGui drew last.
void record_last_item(std::string_view label, std::string_view kind);

// The visible text of an ImGui label: "Sign in##login" -> "Sign in", ICON_SYNC " Sync" -> "Sync".
std::string visible_label(std::string_view label);

struct Status {
  bool online = false;
  int pending = 0;        // ops written locally, not yet acknowledged
  std::string last_sync;  // RFC 3339 UTC, empty for never
  std::string user_name;  // empty when signed out
  std::string user_role;  // wire name: "admin", "coach", ...
};
// The app sets this every frame from its state.
void set_status(Status status);

// JSON for the browser side: [{label, kind, x, y, w, h, active, disabled}] and
// {online, pending, lastSync, user}.
std::string items_json();
std::string status_json();

}  // namespace pathways::test_hook
