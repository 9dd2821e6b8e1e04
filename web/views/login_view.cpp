#include "views/login_view.h"

#include <algorithm>

#include "auth.h"
#include "imgui.h"
#include "lower_case.h"
#include "shell/fonts.h"
#include "shell/widgets.h"

namespace pathways {

void LoginView::draw(ViewContext& ctx) {
  if (accepted_) {
    ctx.signed_in(std::move(*accepted_));
    accepted_.reset();
  }
  const AppState& state = ctx.app;
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float width = std::min(400.0f, area.x - 32.0f);
  ImGui::SetCursorPos(ImVec2((area.x - width) * 0.5f, std::max(24.0f, (area.y - card_height_) * 0.45f)));

  ui::begin_card("sign_in", width);
  ui::brand_mark(40.0f);
  ImGui::SameLine(0.0f, 12.0f);
  ImGui::PushFont(fonts::get(fonts::Face::title));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (40.0f - ImGui::GetTextLineHeight()) * 0.5f);
  ui::text("Pathways");
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 2));
  ui::text_muted("Sign in to run and follow your coaching programmes.");
  ImGui::Dummy(ImVec2(0, 6));

  if (asking_why_) {
    ui::text_muted("Checking your sign-in\xE2\x80\xA6");
    ImGui::Dummy(ImVec2(0, 4));
  } else if (!notice_.empty()) {
    ui::message_box(ui::Tone::info, notice_);
    ImGui::Dummy(ImVec2(0, 4));
  }
  if (focus_email_) {
    ImGui::SetKeyboardFocusHere();
    focus_email_ = false;
  }
  bool enter = ui::input_text("Email", &email_, "name@company.com",
                              ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
  if (focus_password_) {
    ImGui::SetKeyboardFocusHere();
    focus_password_ = false;
  }
  enter |= ui::input_password("Password", &password_, ImGuiInputTextFlags_EnterReturnsTrue);

  if (unsent_ > 0 && lower_case(email_) != lower_case(expected_email_)) {
    ui::message_box(ui::Tone::warning, "Signing in as someone else discards the " + std::to_string(unsent_) +
                                           (unsent_ == 1 ? " change" : " changes") + " of " + expected_email_ +
                                           " not yet sent from this browser.");
    ImGui::Dummy(ImVec2(0, 4));
  }
  if (!error_.empty())
    ui::message_box(ui::Tone::error, error_);
  else if (!state.online)
    ui::message_box(ui::Tone::info, "You are offline. Signing in needs a connection to the server.");

  const bool clicked =
      ui::action("Sign in", busy_ ? "Signing in…" : "", ui::ActionStyle::primary, ImVec2(ui::available_width(), 44.0f));
  if ((clicked || enter) && !busy_) submit();
  if (busy_) ui::text_muted("Signing in…");
  // Centre on the card without its messages, so an error grows the card downwards and never
  // moves the fields under the pointer.
  const bool showing_message =
      !error_.empty() || !state.online || busy_ || asking_why_ || !notice_.empty() || unsent_ > 0;
  const float height = ui::end_card().y;
  if (!showing_message) card_height_ = height;
}

void LoginView::sign_in_again(std::string email, std::string token, std::string kept, std::size_t unsent) {
  expected_email_ = email;
  unsent_ = unsent;
  email_ = std::move(email);
  notice_ = "Your sign-in has expired. Sign in again to continue." + kept;
  asking_why_ = true;
  const unsigned generation = ++why_generation_;
  // The view lives as long as the app, so the reply may capture it.
  auth::why_signed_out(token, [this, generation, kept](std::string why) {
    if (generation != why_generation_) return;
    asking_why_ = false;
    // The server's own sentence when it gave one (a deactivated account must hear that
    // first, not "expired"); offline, the expiry sentence stands.
    if (!why.empty()) notice_ = why + kept;
  });
  error_.clear();
  password_.clear();
  busy_ = false;
  focus_email_ = false;
  focus_password_ = true;
}

void LoginView::submit() {
  if (email_.empty() || password_.empty()) {
    error_ = "Enter your email and password.";
    return;
  }
  busy_ = true;
  error_.clear();
  asking_why_ = false;
  ++why_generation_;
  // The view lives as long as the app, so the reply may capture it.
  auth::sign_in(email_, password_, [this](auth::SignInResult result) {
    busy_ = false;
    if (!result.login) {
      error_ = std::move(result.error);
      return;
    }
    password_.clear();
    notice_.clear();
    expected_email_.clear();
    unsent_ = 0;
    accepted_ = std::move(*result.login);
    focus_email_ = true;  // for the next sign-in, after signing out
  });
}

}  // namespace pathways
