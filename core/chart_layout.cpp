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

}  // namespace pathways
