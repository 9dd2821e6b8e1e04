#include "chart_layout.h"

#include <algorithm>
#include <cmath>

namespace pathways {

AxisTicks nice_ticks(double lo, double hi, int max_ticks) {
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) lo -= 1, hi += 1;
  const int intervals = std::max(1, std::max(2, max_ticks) - 1);
  const double raw = (hi - lo) / intervals;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power * 10;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw * (1 - 1e-9)) {
      step = m * power;
      break;
    }
  AxisTicks t;
  t.step = step;
  t.first = std::floor(lo / step + 1e-9) * step;
  t.last = std::ceil(hi / step - 1e-9) * step;
  const long long n = std::llround((t.last - t.first) / step);
  // Round each tick to the step's precision so 0.1 + 0.2 prints as 0.3.
  for (long long i = 0; i <= n; ++i) {
    double v = t.first + static_cast<double>(i) * step;
    v = std::round(v / power) * power;
    t.values.push_back(v == 0 ? 0.0 : v);
  }
  return t;
}

std::vector<std::vector<Band>> stack_series(const std::vector<std::vector<double>>& series) {
  std::size_t width = 0;
  for (const auto& s : series) width = std::max(width, s.size());
  std::vector<double> level(width, 0.0);
  std::vector<std::vector<Band>> bands;
  for (const auto& s : series) {
    std::vector<Band> row(width);
    for (std::size_t i = 0; i < width; ++i) {
      const double v = i < s.size() ? std::max(0.0, s[i]) : 0.0;
      row[i] = {level[i], level[i] + v};
      level[i] += v;
    }
    bands.push_back(std::move(row));
  }
  return bands;
}

std::vector<BarSlot> layout_bars(int count, double top, double height, double gap) {
  std::vector<BarSlot> out;
  if (count <= 0) return out;
  const double bar = std::max(0.0, (height - gap * (count - 1)) / count);
  for (int i = 0; i < count; ++i) out.push_back({top + i * (bar + gap), bar});
  return out;
}

int bar_at(const std::vector<BarSlot>& slots, double pos) {
  // Slots are in order along the axis: find the last one starting at or before pos.
  auto it = std::upper_bound(slots.begin(), slots.end(), pos, [](double p, const BarSlot& s) { return p < s.y; });
  if (it == slots.begin()) return -1;
  --it;
  if (pos >= it->y + it->height) return -1;
  return static_cast<int>(it - slots.begin());
}

int label_stride(double slot_px, double label_px, double gap) {
  if (slot_px <= 0) return 1;
  return std::max(1, static_cast<int>(std::ceil((label_px + gap) / slot_px - 1e-9)));
}

Span centred_span(double value, double max, double left, double width) {
  const double centre = left + width / 2;
  if (max <= 0) return {centre, centre};
  const double half = width * std::clamp(value / max, 0.0, 1.0) / 2;
  return {centre - half, centre + half};
}

}  // namespace pathways
