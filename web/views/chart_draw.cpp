#include "views/chart_draw.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/chart_layout.h"
#include "imgui.h"
#include "shell/theme.h"
#include "shell/widgets.h"

namespace pathways::chart {
namespace {

constexpr float gap_px = 8.0f;
constexpr ImU32 grid_colour = theme::color::border;
constexpr ImU32 axis_colour = theme::color::text_muted;

std::string value_text(double value, FigureUnit unit) { return ReportTotal{"", value, unit}.text(); }

// An axis label of a tick: shares as percentages, other values grouped; ticks are round,
// so whole numbers print without decimals.
std::string tick_text(double value, FigureUnit unit) {
  if (unit == FigureUnit::share) {
    const double percent = value * 100.0;
    if (std::abs(percent - std::round(percent)) < 1e-6) return value_text(value, unit);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%.1f%%", percent);
    return buf;
  }
  return value_text(value, FigureUnit::count);
}

// The highest value an axis covers: stacked totals for columns, the largest value otherwise.
double highest(const ReportChart& chart) {
  double top = 0;
  for (std::size_t i = 0; i < chart.categories.size(); ++i) {
    double sum = 0;
    for (const ChartSeries& s : chart.series) {
      const double v = i < s.values.size() ? std::max(0.0, s.values[i]) : 0.0;
      sum = chart.kind == ChartKind::stacked_columns ? sum + v : std::max(sum, v);
    }
    top = std::max(top, sum);
  }
  return top;
}

// Counts need whole steps: an axis reaches at least 5 so a tick never reads "0.2 sessions".
AxisTicks ticks_for(const ReportChart& chart, double top, int max_ticks) {
  if (chart.unit == FigureUnit::share) return nice_ticks(0, std::max(top, 0.1), max_ticks);
  return nice_ticks(0, std::max(top, 5.0), max_ticks);
}

void legend(const ReportChart& chart) {
  const float line = ImGui::GetTextLineHeight();
  const float swatch = line * 0.8f;
  const float right = ImGui::GetCursorScreenPos().x + ui::available_width();
  bool first = true;
  for (const ChartSeries& s : chart.series) {
    const float width = swatch + 6.0f + ImGui::CalcTextSize(s.name.c_str()).x;
    if (!first && ImGui::GetItemRectMax().x + 20.0f + width <= right) ImGui::SameLine(0.0f, 20.0f);
    first = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float inset = (line - swatch) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + inset), ImVec2(at.x + swatch, at.y + inset + swatch),
                                              theme::status_color(s.colour), 3.0f);
    ImGui::Dummy(ImVec2(swatch, line));
    ImGui::SameLine(0.0f, 6.0f);
    ImGui::TextUnformatted(s.name.c_str());
  }
}

void tooltip(const ReportChart& chart, std::size_t i) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(chart.categories[i].c_str());
  double sum = 0;
  for (auto s = chart.series.rbegin(); s != chart.series.rend(); ++s) {  // top of the stack first
    const double v = i < s->values.size() ? s->values[i] : 0.0;
    sum += v;
    ImGui::TextUnformatted((s->name + ": " + value_text(v, chart.unit)).c_str());
  }
  if (chart.series.size() > 1) ui::text_muted("Total: " + value_text(sum, chart.unit));
  ImGui::EndTooltip();
}

// Status over time: a column per category, its series stacked from the bottom.
void draw_columns(const ReportChart& chart, const char* id, float plot_height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(120.0f, ui::available_width());
  const AxisTicks ticks = ticks_for(chart, highest(chart), std::max(2, static_cast<int>(plot_height / 40.0f)));
  float label_w = 0;
  for (double v : ticks.values) label_w = std::max(label_w, ImGui::CalcTextSize(tick_text(v, chart.unit).c_str()).x);
  const float left = origin.x + label_w + gap_px, right = origin.x + width - 4.0f;
  const float top = origin.y + line * 0.5f, bottom = top + plot_height;
  const LinearScale y{0, ticks.last, bottom, top};
  for (double v : ticks.values) {
    const float py = static_cast<float>(y(v));
    draw->AddLine(ImVec2(left, py), ImVec2(right, py), grid_colour);
    const std::string text = tick_text(v, chart.unit);
    draw->AddText(ImVec2(left - gap_px - ImGui::CalcTextSize(text.c_str()).x, py - line * 0.5f), axis_colour,
                  text.c_str());
  }
  const int n = static_cast<int>(chart.categories.size());
  const double slot_gap = std::min(6.0, (right - left) / std::max(1, n) * 0.2);
  const auto slots = layout_bars(n, left, right - left, slot_gap);
  std::vector<std::vector<double>> series;
  for (const ChartSeries& s : chart.series) series.push_back(s.values);
  const auto bands = stack_series(series);

  ImGui::SetCursorScreenPos(ImVec2(left, top));
  ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, right - left), plot_height));
  int hovered = -1;
  if (ImGui::IsItemHovered()) hovered = bar_at(slots, ImGui::GetIO().MousePos.x);
  if (hovered >= 0) {
    const BarSlot& s = slots[static_cast<std::size_t>(hovered)];
    draw->AddRectFilled(ImVec2(static_cast<float>(s.y - slot_gap / 2), top),
                        ImVec2(static_cast<float>(s.y + s.height + slot_gap / 2), bottom), theme::color::accent_soft);
  }
  for (std::size_t k = 0; k < bands.size(); ++k)
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const Band& b = bands[k][i];
      if (b.top <= b.bottom) continue;
      draw->AddRectFilled(ImVec2(static_cast<float>(slots[i].y), static_cast<float>(y(b.top))),
                          ImVec2(static_cast<float>(slots[i].y + slots[i].height), static_cast<float>(y(b.bottom))),
                          theme::status_color(chart.series[k].colour));
    }
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), axis_colour);
  // Category labels under the columns, every `stride`th where they would overlap.
  float longest = 0;
  for (const std::string& c : chart.categories) longest = std::max(longest, ImGui::CalcTextSize(c.c_str()).x);
  const double slot_px = slots.empty() ? 1.0 : slots[0].height + slot_gap;
  const int stride = label_stride(slot_px, longest, gap_px);
  for (int i = 0; i < n; i += stride) {
    const std::string& c = chart.categories[static_cast<std::size_t>(i)];
    const float w = ImGui::CalcTextSize(c.c_str()).x;
    const float cx =
        static_cast<float>(slots[static_cast<std::size_t>(i)].y + slots[static_cast<std::size_t>(i)].height / 2);
    const float x = std::clamp(cx - w / 2, left, std::max(left, right - w));
    draw->AddText(ImVec2(x, bottom + 4.0f), axis_colour, c.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom + 4.0f + line + gap_px));
  ImGui::Dummy(ImVec2(width, 0));
  if (hovered >= 0) tooltip(chart, static_cast<std::size_t>(hovered));
}

// Per-coach bars from a common zero, or a funnel's bars centred; a bar per category.
void draw_bars(const ReportChart& chart, const char* id) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(160.0f, ui::available_width());
  const bool funnel = chart.kind == ChartKind::funnel;
  const float bar_px = line + 2.0f, bar_gap = 3.0f;
  const int n = static_cast<int>(chart.categories.size());
  float names_w = 0;
  for (const std::string& c : chart.categories) names_w = std::max(names_w, ImGui::CalcTextSize(c.c_str()).x);
  names_w = std::min(names_w, width * 0.4f);  // long names are clipped; the tooltip has them whole
  const float value_w = ImGui::CalcTextSize(funnel ? " 100,000" : " 100%").x;
  const float left = origin.x + names_w + gap_px, right = origin.x + width - value_w - 4.0f;
  const float top = origin.y;
  const float plot_h = static_cast<float>(n) * (bar_px + bar_gap) - bar_gap;
  const float bottom = top + plot_h;
  const auto slots = layout_bars(n, top, plot_h, bar_gap);
  const double top_value = highest(chart);
  const AxisTicks ticks = ticks_for(chart, top_value, std::max(2, static_cast<int>((right - left) / 70.0f)));
  const LinearScale x{0, ticks.last, left, right};
  if (!funnel)
    for (double v : ticks.values) {
      const float px = static_cast<float>(x(v));
      draw->AddLine(ImVec2(px, top), ImVec2(px, bottom), grid_colour);
      const std::string text = tick_text(v, chart.unit);
      const float w = ImGui::CalcTextSize(text.c_str()).x;
      draw->AddText(ImVec2(std::min(px - w / 2, right + value_w - w), bottom + 4.0f), axis_colour, text.c_str());
    }

  ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
  ImGui::InvisibleButton(id, ImVec2(width, std::max(1.0f, plot_h)));
  int hovered = -1;
  if (ImGui::IsItemHovered()) hovered = bar_at(slots, ImGui::GetIO().MousePos.y);
  const ChartSeries& series = chart.series.front();
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const float y0 = static_cast<float>(slots[i].y), y1 = static_cast<float>(slots[i].y + slots[i].height);
    if (static_cast<int>(i) == hovered)
      draw->AddRectFilled(ImVec2(origin.x, y0 - bar_gap / 2), ImVec2(origin.x + width, y1 + bar_gap / 2),
                          theme::color::accent_soft);
    const double v = i < series.values.size() ? series.values[i] : 0.0;
    float x0 = left, x1 = static_cast<float>(x(std::max(0.0, v)));
    if (funnel) {
      const Span span = centred_span(v, top_value, left, right - left);
      x0 = static_cast<float>(span.x0), x1 = static_cast<float>(span.x1);
    }
    if (x1 > x0) draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), theme::status_color(series.colour), 3.0f);
    const float ty = y0 + (y1 - y0 - line) / 2;
    draw->PushClipRect(ImVec2(origin.x, y0), ImVec2(left - gap_px / 2, y1), true);
    draw->AddText(ImVec2(origin.x, ty), theme::color::text, chart.categories[i].c_str());
    draw->PopClipRect();
    const std::string text = value_text(v, chart.unit);
    draw->AddText(ImVec2((funnel ? right : x1) + 4.0f, ty), theme::color::text_muted, text.c_str());
  }
  if (!funnel) draw->AddLine(ImVec2(left, top), ImVec2(left, bottom), axis_colour);
  ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom + (funnel ? gap_px : 4.0f + line + gap_px)));
  ImGui::Dummy(ImVec2(width, 0));
  if (hovered >= 0) tooltip(chart, static_cast<std::size_t>(hovered));
}

}  // namespace

void draw(const ReportChart& chart, const char* id, float plot_height) {
  if (chart.kind == ChartKind::none || chart.series.empty()) return;
  ImGui::PushID(id);
  ui::text(chart.title);
  if (chart.categories.empty()) {
    ui::text_muted("Nothing to chart for these filters.");
    ImGui::PopID();
    return;
  }
  legend(chart);
  if (chart.kind == ChartKind::stacked_columns) {
    draw_columns(chart, "##plot", plot_height);
  } else {
    draw_bars(chart, "##plot");
  }
  if (!chart.note.empty()) {  // wrapped: on a phone it is wider than the screen
    ImGui::PushStyleColor(ImGuiCol_Text, theme::color::text_muted);
    ui::text_wrapped(chart.note);
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
}

}  // namespace pathways::chart
