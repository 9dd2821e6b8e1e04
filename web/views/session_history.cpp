#include "views/session_history.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/history.h"
#include "core/protocol.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/http.h"
#include "shell/icons.h"
#include "shell/widgets.h"

namespace pathways {
namespace {

constexpr const char* window_title = "History##session_history";

// An id as one URL path segment (RFC 3986 §2.1): a session id's '/' becomes %2F.
std::string path_segment(std::string_view id) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

// "mark_attendance" → "Mark attendance".
std::string op_words(std::string op) {
  std::replace(op.begin(), op.end(), '_', ' ');
  if (!op.empty()) op[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(op[0])));
  return op;
}

std::string status_words(const std::string& name) {
  const auto status = parse_enum<SessionStatus>(name);
  return status ? std::string(label(*status)) : name;
}

std::string time_text(Time t) { return t == Time{} ? std::string("—") : local_time::format_date_time(t); }

}  // namespace

void SessionHistory::open_session(const Id& session) {
  session_ = session;
  open_requested_ = true;
}

void SessionHistory::fetch(const ViewContext& ctx, const std::string& url) {
  Copy& copy = copies_[url];
  if (copy.loading) return;
  copy.loading = true;
  copy.error.clear();
  const Time now = ctx.now;
  http::get(url, ctx.app.login.token, [this, url, now](const http::Response& reply) {
    Copy& c = copies_[url];
    c.loading = false;
    if (!reply) {
      c.error = reply.unreachable() ? "The server could not be reached." : "The server refused: " + reply.body;
      const auto body = nlohmann::json::parse(reply.body, nullptr, false);
      if (!reply.unreachable() && body.is_object() && body.contains("message") && body["message"].is_string())
        c.error = body["message"].get<std::string>();
      return;
    }
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("entries") || !body["entries"].is_array()) {
      c.error = "The server's answer could not be read.";
      return;
    }
    c.entries.clear();
    for (const auto& e : body["entries"]) {
      auto text = [&](const char* key) {
        return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
      };
      Entry entry;
      entry.who = text("actor_name");
      entry.what = op_words(text("op"));
      entry.session = text("session");
      entry.from = text("from");
      entry.to = text("to");
      entry.reason = text("reason");
      entry.claimed = parse_time(text("claimed_at")).value_or(Time{});
      entry.received = parse_time(text("received_at")).value_or(Time{});
      c.entries.push_back(std::move(entry));
    }
    c.have = true;
    c.fetched = now;
  });
}

void SessionHistory::draw_copy(const ViewContext& ctx, const std::string& url, bool with_session) {
  const Copy& copy = copies_[url];
  if (!ctx.app.online)
    ui::text_muted(copy.have ? "Offline: this is the copy fetched " + time_text(copy.fetched) +
                                   "; it is brought up to date when you are online again."
                             : "Offline: the history is kept on the server and is fetched when you are online.");
  else if (copy.loading)
    ui::text_muted("Fetching the history…");
  if (!copy.error.empty() && ctx.app.online) ui::message_box(ui::Tone::error, copy.error);
  if (!copy.have) return;
  if (copy.entries.empty()) {
    ui::text_muted("Nothing recorded yet.");
    return;
  }
  const int columns = with_session ? 6 : 5;
  const float height =
      std::min(ImGui::GetTextLineHeightWithSpacing() * (float(copy.entries.size()) + 1.5f) + 8, 300.0f);
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##history", columns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Who", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("Op's time", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableSetupColumn("Server's time", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  if (with_session) ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("From → to (reason)", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(copy.entries.size()));
  while (clipper.Step())
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const Entry& e = copy.entries[static_cast<std::size_t>(r)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text(e.who);
      ImGui::TableNextColumn();
      ui::text_muted(time_text(e.claimed));
      ImGui::TableNextColumn();
      ui::text_muted(time_text(e.received));
      ImGui::TableNextColumn();
      ui::text(e.what);
      if (with_session) {
        ImGui::TableNextColumn();
        const Session* s = ctx.state.session(e.session);
        ui::text_muted(s ? session_title(ctx.state, *s) : e.session);
      }
      ImGui::TableNextColumn();
      if (!e.from.empty()) {
        std::string change = status_words(e.from) + " → " + status_words(e.to);
        if (const auto reason = parse_enum<MissedReason>(e.reason); reason && *reason != MissedReason::none)
          change += " (" + std::string(label(*reason)) + ")";
        ui::text(change);
      }
    }
  ImGui::EndTable();
}

void SessionHistory::draw_window(ViewContext& ctx) {
  const std::string url = "/api/sessions/" + path_segment(session_) + "/history";
  if (open_requested_) {
    ImGui::OpenPopup(window_title);
    open_requested_ = false;
    if (ctx.app.online) fetch(ctx, url);
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(920, 560));
  if (!ImGui::BeginPopupModal(window_title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const Session* s = ctx.state.session(session_);
  ui::heading("History of " + (s ? session_title(ctx.state, *s) : session_));
  ImGui::Dummy(ImVec2(std::min(860.0f, ImGui::GetIO().DisplaySize.x - 80.0f), 0));
  draw_copy(ctx, url, false);
  if (ui::secondary_button(ICON_SYNC " Refresh##history") && ctx.app.online) fetch(ctx, url);
  ImGui::SameLine();
  if (ui::secondary_button("Close##history")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void SessionHistory::draw_timeline(ViewContext& ctx, const Id& participant) {
  if (may_read_history(ctx.state, ctx.me, participant)) return;
  const std::string url = "/api/participants/" + path_segment(participant) + "/timeline";
  if (url != timeline_url_ && ctx.app.online) {
    timeline_url_ = url;
    fetch(ctx, url);
  }
  ui::text("Timeline");
  ImGui::SameLine();
  if (ui::link_button(ICON_SYNC " Refresh##timeline") && ctx.app.online) fetch(ctx, url);
  draw_copy(ctx, url, true);
}

}  // namespace pathways
