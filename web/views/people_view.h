// The admin's People page: companies and their projects (name, PO reference), and users
// (role, e-mail, a programme lead's companies, time zone) — create, edit, deactivate and
// reactivate, with a filter by role and status and a search by name or e-mail over a clipped
// list (thousands of users cost what the visible rows cost). A user's "way in": a first
// password, or a one-time sign-in link to copy. Every refusal is the core's (ctx.why_not) or
// the server's sentence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/protocol.h"
#include "shell/widgets.h"
#include "views/view.h"

namespace pathways {

class PeopleView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  // [SECTION] Users
  void draw_users(ViewContext& ctx);
  void draw_user_filters(ViewContext& ctx);
  void draw_user_list(ViewContext& ctx, float height);
  void draw_user_form(ViewContext& ctx);
  void draw_way_in(ViewContext& ctx, const User& user);
  void draw_activation(ViewContext& ctx, const User& user);
  void refresh_rows(const ViewContext& ctx);
  void edit_user(const State& state, const Id& id);
  void new_user();

  // [SECTION] Companies and projects
  void draw_companies(ViewContext& ctx);
  void draw_company(ViewContext& ctx, const Company& company);

  bool show_companies_ = false;  // the part shown: users, or companies and projects

  // Filters and the rows they keep (by the engine's revision).
  int role_filter_ = -1;   // -1: every role, else a Role
  int status_filter_ = 0;  // 0: active, 1: deactivated, 2: everyone
  std::string search_;
  std::vector<Id> rows_;
  std::string rows_key_;
  unsigned long rows_revision_ = 0;
  bool rows_valid_ = false;

  // The user form: a new user, or the one being edited.
  struct UserForm {
    bool open = false;
    bool creating = false;
    Id id;
    std::string name, email, time_zone, zone_search;
    Role role = Role::coach;
    std::vector<Id> companies;
  };
  UserForm form_;
  std::string form_message_;
  ui::Tone form_tone_ = ui::Tone::info;
  bool confirm_deactivate_ = false;

  // The way in for the user being edited (answers from the server).
  std::string password_;
  std::string way_in_message_;
  ui::Tone way_in_tone_ = ui::Tone::info;
  bool busy_ = false;
  std::optional<protocol::SignInLink> link_;
  std::string link_url_;

  // Companies and projects.
  Id company_;
  std::string company_name_;
  std::string new_company_;
  Id project_;
  std::string project_name_, project_po_;
  std::string new_project_name_, new_project_po_;
  std::string company_message_;
};

}  // namespace pathways
