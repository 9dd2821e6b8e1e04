// Charts' layout arithmetic (DESIGN.md §7): nice ticks, linear scales, stacking and bar
// layout, the same natively and in WebAssembly.
#include "core/chart_layout.h"

#include <doctest/doctest.h>

using namespace pathways;

TEST_CASE("charts nice_ticks: round steps covering the data") {
  AxisTicks t = nice_ticks(0, 97, 6);
  CHECK(t.step == 20);
  CHECK(t.values == std::vector<double>{0, 20, 40, 60, 80, 100});
  t = nice_ticks(0.1, 0.95, 6);
  CHECK(t.step == doctest::Approx(0.2));
  CHECK(t.values.front() == doctest::Approx(0.0));
  CHECK(t.values.back() == doctest::Approx(1.0));
  CHECK(t.values[2] == 0.4);
  t = nice_ticks(-13, 7, 5);
  CHECK(t.step == 5);
  CHECK(t.values == std::vector<double>{-15, -10, -5, 0, 5, 10});
  t = nice_ticks(5, 5, 5);  // a flat series still gets an axis
  CHECK(t.values.size() >= 2);
  CHECK(t.values.front() <= 5);
  CHECK(t.values.back() >= 5);
  t = nice_ticks(0, 1200000, 4);
  CHECK(t.step == 500000);
}

TEST_CASE("charts LinearScale: maps domain to pixels, y axes upside down") {
  const LinearScale x{0, 100, 10, 210};
  CHECK(x(0) == 10);
  CHECK(x(50) == 110);
  CHECK(x(100) == 210);
  const LinearScale y{0, 10, 300, 100};
  CHECK(y(0) == 300);
  CHECK(y(10) == 100);
  CHECK(LinearScale{3, 3, 7, 9}(100) == 7);
}

TEST_CASE("charts stack_series: bands sit on the series below") {
  const auto bands = stack_series({{1, 2, 3}, {4, -1}, {0, 5, 1}});
  REQUIRE(bands.size() == 3);
  CHECK(bands[0][2].bottom == 0);
  CHECK(bands[0][2].top == 3);
  CHECK(bands[1][0].bottom == 1);
  CHECK(bands[1][0].top == 5);
  CHECK(bands[1][1].top == 2);  // a negative value adds nothing
  CHECK(bands[1][2].top == 3);  // a missing value is 0
  CHECK(bands[2][1].bottom == 2);
  CHECK(bands[2][1].top == 7);
}

TEST_CASE("charts layout_bars: horizontal bars fill the box with gaps between") {
  const auto bars = layout_bars(4, 10, 100, 4);
  REQUIRE(bars.size() == 4);
  CHECK(bars[0].y == 10);
  CHECK(bars[0].height == 22);
  CHECK(bars[3].y + bars[3].height == doctest::Approx(110));
  CHECK(layout_bars(0, 0, 100, 4).empty());
  CHECK(layout_bars(50, 0, 10, 4)[0].height == 0);
}

TEST_CASE("charts bar_at: the bar under the pointer, none in the gaps or outside") {
  const auto slots = layout_bars(3, 10, 100, 5);  // bars 30 px tall at 10, 45, 80
  CHECK(bar_at(slots, 9.9) == -1);
  CHECK(bar_at(slots, 10) == 0);
  CHECK(bar_at(slots, 39.9) == 0);
  CHECK(bar_at(slots, 42) == -1);  // the gap between the first and second bar
  CHECK(bar_at(slots, 45) == 1);
  CHECK(bar_at(slots, 109.9) == 2);
  CHECK(bar_at(slots, 110) == -1);
  CHECK(bar_at({}, 5) == -1);
}

TEST_CASE("charts label_stride: every nth label so that labels never overlap") {
  CHECK(label_stride(80, 60, 8) == 1);
  CHECK(label_stride(30, 60, 8) == 3);  // 68 px of label in 30 px slots
  CHECK(label_stride(34, 60, 8) == 2);
  CHECK(label_stride(0, 60, 8) == 1);
}

TEST_CASE("charts centred_span: a funnel's bar centred, clamped to the box") {
  Span s = centred_span(50, 100, 0, 200);
  CHECK(s.x0 == 50);
  CHECK(s.x1 == 150);
  s = centred_span(100, 100, 10, 200);
  CHECK(s.x0 == 10);
  CHECK(s.x1 == 210);
  s = centred_span(150, 100, 0, 200);  // more than the max: the whole width
  CHECK(s.x1 - s.x0 == 200);
  s = centred_span(5, 0, 0, 200);  // nothing to compare with: empty, at the centre
  CHECK(s.x0 == 100);
  CHECK(s.x1 == 100);
}
