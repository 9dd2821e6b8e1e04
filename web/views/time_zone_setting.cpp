#include "views/time_zone_setting.h"

#include <vector>

#include "imgui.h"
#include "local_time.h"
#include "local_time_zones.h"
#include "lower_case.h"
#include "shell/time_zones.h"
#include "shell/widgets.h"

namespace pathways {

void TimeZoneSetting::draw(ViewContext& ctx) {
  const std::string& own = ctx.me.time_zone;
  const std::string browser = local_time::zone_of("");
  ui::heading("Your time zone");
  ui::text_muted(own.empty() ? "Not set: Pathways uses this browser's zone, " + browser + "."
                             : "Times for you are in " + own + "." +
                                   (own != browser ? " This browser is in " + browser + "." : ""));
  if (chosen_.empty()) chosen_ = own.empty() ? browser : own;
  if (ui::begin_combo("Time zone##own", chosen_.c_str())) {
    if (ImGui::IsWindowAppearing()) {
      search_.clear();
      ImGui::SetKeyboardFocusHere();
    }
    ui::input_text("Search zones##own", &search_, "e.g. London");
    const std::string needle = lower_case(search_);
    std::vector<const std::string*> shown;
    for (const std::string& z : time_zones::names())
      if (needle.empty() || lower_case(z).find(needle) != std::string::npos) shown.push_back(&z);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const std::string& z = *shown[static_cast<std::size_t>(i)];
        if (ui::selectable((z + "##ownzone").c_str(), z == chosen_)) chosen_ = z;
      }
    if (shown.empty()) ui::text_muted("No zone has that in its name.");
    ui::end_combo();
  }
  UpdateUser op;
  op.user = ctx.actor.id;
  op.time_zone = chosen_;
  const Check refused = ctx.why_not(op);
  const std::string why = refused ? refused->message : chosen_ == own ? "This is already your time zone." : "";
  if (ui::action("Save time zone", std::string_view(why), ui::ActionStyle::primary)) {
    if (auto not_saved = ctx.submit(op)) {
      message_ = not_saved->message;
      message_is_error_ = true;
    } else {
      message_ = "Your time zone is now " + chosen_ + ".";
      message_is_error_ = false;
    }
  }
  if (!message_.empty()) ui::message_box(message_is_error_ ? ui::Tone::error : ui::Tone::info, message_);
}

}  // namespace pathways
