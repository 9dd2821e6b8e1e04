#include "views/welcome_view.h"

#include <algorithm>

#include "auth.h"
#include "core/text_rules.h"
#include "imgui.h"
#include "shell/fonts.h"
#include "shell/widgets.h"

namespace pathways {
namespace {

// The server's rule (core/protocol.h: min_password_characters), said before sending.
std::string why_not_password(const std::string& password, const std::string& repeat) {
  if (character_count(password) < protocol::min_password_characters)
    return "A password needs at least " + std::to_string(protocol::min_password_characters) + " characters.";
  if (password != repeat) return "The two passwords are not the same.";
  return {};
}

}  // namespace

void WelcomeView::open(std::string token) {
  token_ = std::move(token);
  step_ = Step::checking;
  check_sent_ = false;
  user_.reset();
  error_.clear();
}

void WelcomeView::draw(ViewContext& ctx) {
  if (accepted_) {
    token_.clear();  // used: the app goes on signed in
    ctx.signed_in(std::move(*accepted_));
    accepted_.reset();
    return;
  }
  if (!check_sent_) {
    check_sent_ = true;
    // The view lives as long as the app, so the reply may capture it.
    auth::check_welcome(token_, [this](auth::WelcomeCheck result) {
      if (result.user) {
        user_ = std::move(result.user);
        step_ = Step::choosing;
      } else {
        error_ = std::move(result.error);
        step_ = Step::refused;
      }
    });
  }

  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float width = std::min(420.0f, area.x - 32.0f);
  ImGui::SetCursorPos(ImVec2((area.x - width) * 0.5f, std::max(24.0f, (area.y - 420.0f) * 0.45f)));
  ui::begin_card("welcome", width);
  ui::brand_mark(40.0f);
  ImGui::SameLine(0.0f, 12.0f);
  ImGui::PushFont(fonts::get(fonts::Face::title));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (40.0f - ImGui::GetTextLineHeight()) * 0.5f);
  ui::text("Pathways");
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 2));
  ui::heading("Choose your password");

  switch (step_) {
    case Step::checking:
      ui::text_muted("Checking your sign-in link…");
      break;
    case Step::refused:
      ui::message_box(ui::Tone::error, error_);
      ImGui::Dummy(ImVec2(0, 4));
      if (ui::secondary_button("Go to sign-in", ImVec2(ui::available_width(), 40.0f))) token_.clear();
      break;
    case Step::choosing: {
      ui::text_wrapped("Welcome, " + user_->name + ". Choose a password to sign in to Pathways as " + user_->email +
                       ". This link works once.");
      ImGui::Dummy(ImVec2(0, 4));
      if (focus_) {
        ImGui::SetKeyboardFocusHere();
        focus_ = false;
      }
      bool enter = ui::input_password("New password", &password_, ImGuiInputTextFlags_EnterReturnsTrue);
      enter |= ui::input_password("Repeat the password", &repeat_, ImGuiInputTextFlags_EnterReturnsTrue);
      ui::text_muted("At least " + std::to_string(protocol::min_password_characters) + " characters.");
      const std::string why = why_not_password(password_, repeat_);
      if (!error_.empty())
        ui::message_box(ui::Tone::error, error_);
      else if (!ctx.app.online)
        ui::message_box(ui::Tone::info, "You are offline. Choosing a password needs a connection to the server.");
      else if (!repeat_.empty() && !why.empty())
        ui::message_box(ui::Tone::warning, why);
      const bool clicked = ui::action("Choose password and sign in", busy_ ? "Signing in…" : why,
                                      ui::ActionStyle::primary, ImVec2(ui::available_width(), 44.0f));
      if ((clicked || (enter && why.empty())) && !busy_) submit();
      break;
    }
  }
  ui::end_card();
}

void WelcomeView::submit() {
  busy_ = true;
  error_.clear();
  auth::use_welcome(token_, password_, [this](auth::SignInResult result) {
    busy_ = false;
    if (!result.login) {
      error_ = std::move(result.error);
      return;
    }
    password_.clear();
    repeat_.clear();
    accepted_ = std::move(*result.login);
  });
}

}  // namespace pathways
