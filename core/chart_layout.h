// Charts' layout arithmetic as plain functions (DESIGN.md §7, STYLE "Charts"): axis ticks
// at round numbers, linear scales, stacking of series and horizontal bar layout. No ImGui:
// the drawing layer in web/ maps these numbers onto draw lists, and the core suite tests
// them natively and in WebAssembly.
#pragma once

#include <vector>

namespace pathways {

// Ticks of an axis covering [lo, hi] at a "nice" step (1, 2 or 5 times a power of ten),
// at most about `max_ticks` of them, from a multiple of the step at or below `lo` to one at
// or above `hi`. lo == hi gives a span around the value; `max_ticks` below 2 counts as 2.
struct AxisTicks {
  double first = 0, last = 0, step = 1;
  std::vector<double> values;  // first, first + step, … last
};
AxisTicks nice_ticks(double lo, double hi, int max_ticks);

// A linear map from a domain [d0, d1] onto a range [r0, r1] (pixels; r1 < r0 for a y axis
// that grows upwards). A zero-width domain maps everything to r0.
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return d1 == d0 ? r0 : r0 + (v - d0) * (r1 - r0) / (d1 - d0); }
};

// Stacking: series[k][i] is series k's value at category i (missing values count as 0).
// Returns bands[k][i] = {bottom, top}, the first series at the bottom; negative values
// count as 0.
struct Band {
  double bottom = 0, top = 0;
};
std::vector<std::vector<Band>> stack_series(const std::vector<std::vector<double>>& series);

// Horizontal bars: `count` bars in a box `height` pixels tall from `top`, separated by
// `gap` pixels (gaps between bars only). Each bar's top edge and height; heights never
// below 0.
struct BarSlot {
  double y = 0, height = 0;
};
std::vector<BarSlot> layout_bars(int count, double top, double height, double gap);

// The bar whose slot (from layout_bars, along the same axis) holds `pos` pixels, for a
// tooltip on hover: its index, or -1 between bars and outside them.
int bar_at(const std::vector<BarSlot>& slots, double pos);

// Every how many categories a label fits along an axis: 1 when each label (`label_px`
// wide, with `gap` pixels between) fits in its category's `slot_px`, else the smallest
// step that leaves room. Never below 1.
int label_stride(double slot_px, double label_px, double gap);

// A funnel's bar: `value` of `max` as a span centred in [left, left + width] pixels. A
// max of 0 (or less) gives an empty span at the centre; values are clamped to [0, max].
struct Span {
  double x0 = 0, x1 = 0;
};
Span centred_span(double value, double max, double left, double width);

}  // namespace pathways
