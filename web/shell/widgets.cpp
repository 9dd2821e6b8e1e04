// The ui:: widgets (widgets.h): ImGui widgets styled for Pathways, recorded for tests.
//
// [SECTION] Helpers
// [SECTION] Buttons
// [SECTION] Actions
// [SECTION] Fields
// [SECTION] Lists, menus, cells
// [SECTION] Text
// [SECTION] Layout
#include "shell/widgets.h"

#include <cfloat>

#include "imgui_internal.h"
#include "imgui_stdlib.h"
#include "shell/fonts.h"
#include "shell/icons.h"
#include "shell/test_hook.h"
#include "shell/theme.h"

namespace pathways::ui {
namespace {

// [SECTION] Helpers

ImVec2 operator+(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 operator-(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }

constexpr float card_padding = 32.0f;
constexpr float card_rounding = 12.0f;

struct Card {
  ImVec2 start;
  float width;
};
ImVector<Card> cards;

void hand_cursor_when_hovered() {
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

// Form rhythm: a label sits close to its field, and fields keep apart from the next label.
constexpr float label_gap = 6.0f;
constexpr float field_gap = 16.0f;

void field_label(const char* label) {
  // In a table ImGui aligns a cell's first line to the row's text baseline, which the field
  // of the previous column has set to its frame padding: the label would sit lower there
  // than in the first column. A label always starts at the top of its cell.
  ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
  ImGui::PushFont(fonts::get(fonts::Face::strong));
  ImGui::TextUnformatted(test_hook::visible_label(label).c_str());
  ImGui::PopFont();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + label_gap);
  ImGui::SetNextItemWidth(available_width());
}

}  // namespace

void field_label_space() {
  ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
  ImGui::PushFont(fonts::get(fonts::Face::strong));
  ImGui::Dummy(ImVec2(0.0f, ImGui::GetTextLineHeight()));
  ImGui::PopFont();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + label_gap);
}

namespace {

void after_field() { ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + field_gap); }

// A focused field gets an accent ring, as browsers draw for inputs.
void focus_ring() {
  if (!ImGui::IsItemActive()) return;
  const float r = ImGui::GetStyle().FrameRounding;
  ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin() - ImVec2(1, 1), ImGui::GetItemRectMax() + ImVec2(1, 1),
                                      theme::color::accent, r + 1, 0, 2.0f);
}

std::string field_id(const char* label) { return std::string("##") + label; }

}  // namespace

// [SECTION] Buttons

bool button(const char* label, ImVec2 size) {
  ImGui::PushFont(fonts::get(fonts::Face::strong));
  ImGui::PushStyleColor(ImGuiCol_Border, theme::color::accent);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  const bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(2);
  ImGui::PopFont();
  hand_cursor_when_hovered();
  test_hook::record_last_item(label, "button");
  return pressed;
}

bool secondary_button(const char* label, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Button, theme::color::surface);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::color::surface_sunken);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::color::border);
  const bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(3);
  hand_cursor_when_hovered();
  test_hook::record_last_item(label, "button");
  return pressed;
}

bool link_button(const char* label) {
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::color::accent);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
  const bool pressed = ImGui::Button(label);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  hand_cursor_when_hovered();
  test_hook::record_last_item(label, "button");
  return pressed;
}

// [SECTION] Actions

bool action(const char* label, std::string_view why_not, ActionStyle style, ImVec2 size) {
  const bool disabled = !why_not.empty();
  ImGui::BeginDisabled(disabled);
  bool pressed = false;
  switch (style) {
    case ActionStyle::primary:
      pressed = button(label, size);
      break;
    case ActionStyle::secondary:
      pressed = secondary_button(label, size);
      break;
    case ActionStyle::link:
      pressed = link_button(label);
      break;
    case ActionStyle::item:
      pressed = selectable(label, false, ImGuiSelectableFlags_None, size);
      break;
    case ActionStyle::item_keep_open:
      pressed = selectable(label, false, ImGuiSelectableFlags_DontClosePopups, size);
      break;
  }
  ImGui::EndDisabled();
  if (disabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(why_not.data(), why_not.data() + why_not.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return pressed && !disabled;
}

bool action(const char* label, const Check& why_not, ActionStyle style, ImVec2 size) {
  return action(label, why_not ? std::string_view(why_not->message) : std::string_view(), style, size);
}

// [SECTION] Fields

bool input_text(const char* label, std::string* value, const char* hint, ImGuiInputTextFlags flags) {
  field_label(label);
  const std::string id = field_id(label);
  const bool result =
      hint ? ImGui::InputTextWithHint(id.c_str(), hint, value, flags) : ImGui::InputText(id.c_str(), value, flags);
  focus_ring();
  test_hook::record_last_item(label, "input");
  after_field();
  return result;
}

bool cell_input_text(const char* label, std::string* value, ImGuiInputTextFlags flags, float width) {
  ImGui::SetNextItemWidth(width > 0.0f ? width : available_width());
  ImGui::InputText(field_id(label).c_str(), value, flags);
  focus_ring();
  test_hook::record_last_item(label, "input");
  return ImGui::IsItemDeactivatedAfterEdit();
}

bool input_password(const char* label, std::string* value, ImGuiInputTextFlags flags) {
  return input_text(label, value, nullptr, flags | ImGuiInputTextFlags_Password);
}

bool checkbox(const char* label, bool* value) {
  const bool changed = ImGui::Checkbox(label, value);
  hand_cursor_when_hovered();
  test_hook::record_last_item(label, "checkbox");
  return changed;
}

bool begin_combo(const char* label, const char* preview) {
  field_label(label);
  const bool open = ImGui::BeginCombo(field_id(label).c_str(), preview);
  test_hook::record_last_item(label, "combo");
  if (!open) after_field();
  return open;
}

void end_combo() {
  ImGui::EndCombo();
  after_field();
}

// [SECTION] Lists, menus, cells

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags, ImVec2 size) {
  const bool pressed = ImGui::Selectable(label, selected, flags, size);
  test_hook::record_last_item(label, "selectable");
  return pressed;
}

bool menu_item(const char* label, bool enabled) {
  const bool pressed = ImGui::MenuItem(label, nullptr, false, enabled);
  test_hook::record_last_item(label, "menu_item");
  return pressed;
}

bool status_cell(const char* label, SessionStatus status, ImVec2 size) {
  const bool pressed = ImGui::InvisibleButton(label, size);
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, theme::status_color(status), 4.0f);
  if (ImGui::IsItemHovered()) {
    draw->AddRect(min, max, theme::color::text, 4.0f, 0, 2.0f);
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  const std::string text = test_hook::visible_label(label);
  const ImVec2 text_size = ImGui::CalcTextSize(text.c_str());
  draw->PushClipRect(min, max, true);
  draw->AddText(ImVec2(min.x + (size.x - text_size.x) * 0.5f, min.y + (size.y - text_size.y) * 0.5f),
                theme::status_text_color(status), text.c_str());
  draw->PopClipRect();
  test_hook::record_last_item(label, "cell");
  return pressed;
}

void status_legend() {
  constexpr SessionStatus statuses[] = {SessionStatus::unbooked, SessionStatus::booked, SessionStatus::completed,
                                        SessionStatus::missed, SessionStatus::greyed_out};
  constexpr float item_gap = 20.0f;
  constexpr float swatch_gap = 6.0f;
  const float line = ImGui::GetTextLineHeight();
  const float swatch = line * 0.8f;
  const float right_edge = ImGui::GetCursorScreenPos().x + available_width();
  ImGui::PushTextWrapPos(-1.0f);  // a name never breaks; the legend wraps between entries
  bool first = true;
  for (SessionStatus status : statuses) {
    const std::string_view name = label(status);
    const float width = swatch + swatch_gap + ImGui::CalcTextSize(name.data(), name.data() + name.size()).x;
    if (!first && ImGui::GetItemRectMax().x + item_gap + width <= right_edge) ImGui::SameLine(0.0f, item_gap);
    first = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float inset = (line - swatch) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(at + ImVec2(0, inset), at + ImVec2(swatch, inset + swatch),
                                              theme::status_color(status), 3.0f);
    ImGui::Dummy(ImVec2(swatch, line));
    ImGui::SameLine(0.0f, swatch_gap);
    ImGui::TextUnformatted(name.data(), name.data() + name.size());
    test_hook::record_last_item(name, "legend");
  }
  ImGui::PopTextWrapPos();
}

// [SECTION] Text

void text(std::string_view value) {
  ImGui::TextUnformatted(value.data(), value.data() + value.size());
  test_hook::record_last_item(value, "text");
}

void text_muted(std::string_view value) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::color::text_muted);
  text(value);
  ImGui::PopStyleColor();
}

void text_wrapped(std::string_view value) {
  const bool own_wrap = cards.empty();  // cards already wrap at their edge
  if (own_wrap) ImGui::PushTextWrapPos(0.0f);
  text(value);
  if (own_wrap) ImGui::PopTextWrapPos();
}

void heading(std::string_view value) {
  ImGui::PushFont(fonts::get(fonts::Face::heading));
  ImGui::TextUnformatted(value.data(), value.data() + value.size());
  ImGui::PopFont();
  test_hook::record_last_item(value, "heading");
}

void message_box(Tone tone, std::string_view value) {
  const ImU32 fill = tone == Tone::error     ? theme::color::danger_soft
                     : tone == Tone::warning ? theme::color::warning_soft
                                             : theme::color::accent_soft;
  const ImU32 ink = tone == Tone::error     ? theme::color::danger
                    : tone == Tone::warning ? theme::color::warning_ink
                                            : theme::color::accent_active;
  const char* icon = tone == Tone::error ? ICON_ERROR : tone == Tone::warning ? ICON_WARNING : ICON_INFO;
  constexpr float padding = 12.0f;
  const float width = available_width();
  const float icon_width = ImGui::GetFontSize() + 8.0f;
  const float wrap = width - 2 * padding - icon_width;
  const ImVec2 text_size = ImGui::CalcTextSize(value.data(), value.data() + value.size(), false, wrap);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(width, text_size.y + 2 * padding);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, at + size, fill, ImGui::GetStyle().FrameRounding);
  draw->AddText(at + ImVec2(padding, padding), ink, icon);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at + ImVec2(padding + icon_width, padding), ink, value.data(),
                value.data() + value.size(), wrap);
  ImGui::Dummy(size);
  test_hook::record(value, "message", at, at + size);
}

void chip(std::string_view value, ImU32 fill, ImU32 text_color) {
  const ImVec2 padding(8.0f, 2.0f);
  const ImVec2 text_size = ImGui::CalcTextSize(value.data(), value.data() + value.size());
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size = text_size + padding + padding;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, at + size, fill, size.y * 0.5f);
  draw->AddText(at + padding, text_color, value.data(), value.data() + value.size());
  ImGui::Dummy(size);
  test_hook::record(value, "text", at, at + size);
}

void dot(ImU32 color) {
  const float line = ImGui::GetFrameHeight();
  const float radius = ImGui::GetTextLineHeight() * 0.22f;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(at + ImVec2(radius * 1.5f, line * 0.5f), radius, color, 16);
  ImGui::Dummy(ImVec2(radius * 3.0f, line));
}

void brand_mark(float size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float s = size / 64.0f;  // drawn on icon.svg's 64-unit grid
  auto p = [&](float x, float y) { return ImVec2(at.x + x * s, at.y + y * s); };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, p(64, 64), theme::color::accent, 14 * s);
  draw->AddBezierCubic(p(16, 46), p(26, 46), p(24, 32), p(32, 32), IM_COL32_WHITE, 5 * s);
  draw->AddBezierCubic(p(32, 32), p(40, 32), p(38, 18), p(48, 18), IM_COL32_WHITE, 5 * s);
  draw->AddCircleFilled(p(16, 46), 6 * s, IM_COL32_WHITE, 16);
  draw->AddCircleFilled(p(48, 18), 6 * s, IM_COL32_WHITE, 16);
  ImGui::Dummy(ImVec2(size, size));
}

// [SECTION] Layout
//
// A card's background is only known once its content is laid out: the content goes to
// draw-list channel 1, and the card is drawn under it in channel 0 at end_card().

void begin_card(const char* id, float width) {
  IM_ASSERT(cards.empty() && "cards do not nest");
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  cards.push_back({start, width});
  ImGui::PushID(id);
  ImGui::SetCursorScreenPos(start + ImVec2(card_padding, card_padding));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * card_padding);
}

ImVec2 end_card() {
  IM_ASSERT(!cards.empty() && "end_card() without begin_card()");
  const Card card = cards.back();
  cards.pop_back();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::PopID();
  const ImVec2 size(card.width, ImGui::GetItemRectMax().y + card_padding - card.start.y);
  const ImVec2 end = card.start + size;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSetCurrent(0);
  // A soft shadow, a little below the card: stacked layers, each wider and as faint, make a
  // gradient that fades out over about 12 px (ImGui has no blur).
  const ImU32 shade = (theme::color::shadow & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 3);
  for (int i = 1; i <= 8; ++i) {
    const float spread = 1.5f * static_cast<float>(i);
    const ImVec2 top_left = card.start + ImVec2(-spread * 0.5f, 6.0f - spread * 0.5f);
    const ImVec2 bottom_right = end + ImVec2(spread * 0.5f, 6.0f + spread);
    draw->AddRectFilled(top_left, bottom_right, shade, card_rounding + spread * 0.5f);
  }
  draw->AddRectFilled(card.start, end, theme::color::surface, card_rounding);
  draw->AddRect(card.start, end, theme::color::border, card_rounding);
  draw->ChannelsMerge();

  ImGui::SetCursorScreenPos(card.start);
  ImGui::Dummy(size);
  return size;
}

float available_width() {
  if (cards.empty()) return ImGui::GetContentRegionAvail().x;
  const Card& card = cards.back();
  return card.start.x + card.width - card_padding - ImGui::GetCursorScreenPos().x;
}

}  // namespace pathways::ui
