// Charts of the named reports (DESIGN.md §7) drawn on ImGui's draw lists: axes with ticks
// at round numbers, bars in the status colours, a legend and a tooltip on hover. What is
// drawn comes from the core (ReportChart, core/named_reports.h); where it goes from
// core/chart_layout.h, so the arithmetic is tested natively and in WebAssembly and this
// layer only paints.
#pragma once

#include "core/named_reports.h"

namespace pathways::chart {

// Draws `chart` (title, legend, plot, note) at the cursor across the available width, the
// plot about `plot_height` pixels tall (per-coach bars and funnels grow with their bar
// count instead). A chart with no categories draws a short sentence saying so; ChartKind::none
// draws nothing. `id` keeps two charts' hover state apart.
void draw(const ReportChart& chart, const char* id, float plot_height);

}  // namespace pathways::chart
