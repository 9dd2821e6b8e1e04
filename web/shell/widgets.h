// The client's widgets: Dear ImGui widgets in the house style that also record themselves
// for the test hook (test_hook.h). Views draw through these rather than ImGui directly, so
// every button, field, selectable and cell can be found and clicked by a browser test.
//
// Labels follow ImGui: "Text##id" shows "Text" and is identified by the whole string.
#pragma once

#include <string>
#include <string_view>

#include "core/enums.h"
#include "core/rejection.h"
#include "imgui.h"

namespace pathways::ui {

// [SECTION] Buttons
// The main action of a card or dialog: filled with the accent colour.
bool button(const char* label, ImVec2 size = ImVec2(0, 0));
// Any other action: outlined.
bool secondary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A quiet, borderless action (in bars and toolbars).
bool link_button(const char* label);

// [SECTION] Actions
// An action the person may or may not take here: enabled when `why_not` is empty, otherwise
// drawn disabled with `why_not` as its tooltip on hover. The only way views draw an action
// that can be refused; `why_not` comes from the core (ViewContext::why_not, views/view.h).
// Returns true when clicked, never while disabled.
enum class ActionStyle {
  primary,         // the main action of a card or dialog (button)
  secondary,       // any other action (secondary_button)
  link,            // quiet, in bars (link_button)
  item,            // an entry of a list or menu (selectable); a click closes the menu
  item_keep_open,  // the same, leaving its menu open (it leads to another page of the menu)
};
bool action(const char* label, std::string_view why_not, ActionStyle style = ActionStyle::secondary,
            ImVec2 size = ImVec2(0, 0));
// The same with the core's verdict: the rejection's sentence is the reason.
bool action(const char* label, const Check& why_not, ActionStyle style = ActionStyle::secondary,
            ImVec2 size = ImVec2(0, 0));

// [SECTION] Fields
// A labelled field: the label above, the field the width of the column. Returns true when
// the text changed, or, with ImGuiInputTextFlags_EnterReturnsTrue, when Enter was pressed.
bool input_text(const char* label, std::string* value, const char* hint = nullptr, ImGuiInputTextFlags flags = 0);
bool input_password(const char* label, std::string* value, ImGuiInputTextFlags flags = 0);
// A field in a table cell, without a label above it (the column header names it). Returns
// true when an edit is committed: Enter, or focus leaving the field after a change; never
// per keystroke. `width` in pixels; 0: to the edge of the cell.
bool cell_input_text(const char* label, std::string* value, ImGuiInputTextFlags flags = 0, float width = 0.0f);
bool checkbox(const char* label, bool* value);
// The room a field's label takes, for a checkbox or button in a row of labelled fields.
void field_label_space();
// A labelled drop-down; pair with end_combo() when it returns true. Items inside are
// selectable()s.
bool begin_combo(const char* label, const char* preview);
void end_combo();

// [SECTION] Lists, menus, cells
bool selectable(const char* label, bool selected = false, ImGuiSelectableFlags flags = 0, ImVec2 size = ImVec2(0, 0));
bool menu_item(const char* label, bool enabled = true);
// A session cell: its status colour, `text` on it, clickable. `size` is the cell's size.
bool status_cell(const char* label, SessionStatus status, ImVec2 size);
// The colour key of session statuses, on one line.
void status_legend();

// [SECTION] Text
void text(std::string_view text);
void text_muted(std::string_view text);
void text_wrapped(std::string_view text);
void heading(std::string_view text);  // a card or section title
// A message in a tinted box: errors, warnings, notes. Wraps to the available width.
enum class Tone { info, warning, error };
void message_box(Tone tone, std::string_view text);
// A small rounded label: a role, a count.
void chip(std::string_view text, ImU32 fill, ImU32 text_color);
// A small filled circle centred on a row of buttons (ImGui::GetFrameHeight() tall), e.g.
// online / offline; call ImGui::AlignTextToFramePadding() for text beside it.
void dot(ImU32 color);
// The product mark (as in icon.svg), `size` pixels square.
void brand_mark(float size);

// [SECTION] Layout
// A white card with a border and soft shadow, `width` wide and as tall as its content;
// pair with end_card(), which returns the card's size. Cards do not nest.
void begin_card(const char* id, float width);
ImVec2 end_card();
// Width from the cursor to the right edge of the card or window content: fields and
// full-width buttons use it.
float available_width();

}  // namespace pathways::ui
