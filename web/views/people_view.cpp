// [SECTION] index
//   Page            the two tabs
//   Users           filters, the clipped list, the form, the way in, deactivation
//   Companies       companies and their projects
#include "views/people_view.h"

#include <algorithm>

#include "auth.h"
#include "core/text_rules.h"
#include "imgui.h"
#include "local_time.h"
#include "lower_case.h"
#include "shell/icons.h"
#include "shell/location.h"
#include "shell/theme.h"
#include "shell/time_zones.h"
#include "sync/sync_engine.h"
#include "views/field_row.h"

namespace pathways {
namespace {

constexpr Role roles[] = {Role::admin, Role::coach, Role::program_lead, Role::participant};
constexpr const char* status_filters[] = {"Active", "Deactivated", "Everyone"};

// What a person typed, without the spaces around it (a pasted address often has some).
std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool contains(const std::vector<Id>& ids, const Id& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

std::vector<const Company*> companies_by_name(const State& state) {
  std::vector<const Company*> out;
  for (const auto& [id, c] : state.companies) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const Company* a, const Company* b) {
    const std::string la = lower_case(a->name), lb = lower_case(b->name);
    return la != lb ? la < lb : a->id < b->id;
  });
  return out;
}

std::string user_status(const User& u) {
  if (u.deactivated) return "Deactivated";
  if (u.archived && u.role == Role::participant) return "Archived";
  return "Active";
}

// The refusal's sentence, or empty.
std::string sentence(const Check& why) { return why ? why->message : std::string(); }

}  // namespace

// [SECTION] Page

void PeopleView::draw(ViewContext& ctx) {
  ui::heading("People");
  // Two parts, chosen like the page tabs: the current one filled.
  auto part = [&](const char* label, bool current) {
    return current ? ui::button(label) : ui::secondary_button(label);
  };
  if (part(ICON_USERS " Users##part", !show_companies_)) show_companies_ = false;
  ImGui::SameLine();
  if (part(ICON_BARS " Companies and projects##part", show_companies_)) show_companies_ = true;
  ImGui::Dummy(ImVec2(0, 4));
  if (show_companies_)
    draw_companies(ctx);
  else
    draw_users(ctx);
}

// [SECTION] Users

void PeopleView::draw_users(ViewContext& ctx) {
  draw_user_filters(ctx);
  refresh_rows(ctx);
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetContentRegionAvail().y;
  if (width >= 900.0f) {
    // The list beside the form.
    if (ImGui::BeginTable("##people_layout", 2, ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, 400.0f);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      draw_user_list(ctx, height - 8.0f);
      ImGui::TableNextColumn();
      ImGui::BeginChild("##user_form", ImVec2(0, height - 8.0f), true);
      draw_user_form(ctx);
      ImGui::EndChild();
      ImGui::EndTable();
    }
  } else {
    // On a phone the form comes first when open, then the list.
    if (form_.open) {
      draw_user_form(ctx);
      ImGui::Separator();
    }
    draw_user_list(ctx, std::max(240.0f, form_.open ? 320.0f : height - 8.0f));
  }
}

void PeopleView::draw_user_filters(ViewContext& ctx) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool narrow = avail < 760.0f;
  auto role_combo = [&] {
    const std::string preview =
        role_filter_ < 0 ? std::string("Every role") : std::string(label(static_cast<Role>(role_filter_)));
    if (ui::begin_combo("Role", preview.c_str())) {
      if (ui::selectable("Every role", role_filter_ < 0)) role_filter_ = -1;
      for (Role r : roles)
        if (ui::selectable(std::string(label(r)).c_str(), role_filter_ == static_cast<int>(r)))
          role_filter_ = static_cast<int>(r);
      ui::end_combo();
    }
  };
  auto status_combo = [&] {
    if (ui::begin_combo("Status", status_filters[status_filter_])) {
      for (int i = 0; i < 3; ++i)
        if (ui::selectable(status_filters[i], status_filter_ == i)) status_filter_ = i;
      ui::end_combo();
    }
  };
  auto new_button = [&] {
    ui::field_label_space();
    if (ui::action(ICON_PLUS " New user", ctx.why_not_edit(), ui::ActionStyle::primary, ImVec2(-1, 0))) new_user();
  };
  if (!narrow) {
    if (begin_field_row("##user_filters", {170.0f, 150.0f, 300.0f, 128.0f})) {
      ImGui::TableNextColumn();
      role_combo();
      ImGui::TableNextColumn();
      status_combo();
      ImGui::TableNextColumn();
      ui::input_text("Search people", &search_, "Name or e-mail");
      ImGui::TableNextColumn();
      new_button();
      end_field_row();
    }
    return;
  }
  const float half = (avail - 12.0f) * 0.5f;
  if (begin_field_row("##user_filters", {half, half})) {
    ImGui::TableNextColumn();
    role_combo();
    ImGui::TableNextColumn();
    status_combo();
    end_field_row();
  }
  if (begin_field_row("##user_search", {avail - 140.0f, 128.0f})) {
    ImGui::TableNextColumn();
    ui::input_text("Search people", &search_, "Name or e-mail");
    ImGui::TableNextColumn();
    new_button();
    end_field_row();
  }
}

void PeopleView::refresh_rows(const ViewContext& ctx) {
  const std::string needle = lower_case(trimmed(search_));
  const std::string key = std::to_string(role_filter_) + "|" + std::to_string(status_filter_) + "|" + needle;
  if (rows_valid_ && key == rows_key_ && rows_revision_ == ctx.sync.revision()) return;
  rows_valid_ = true;
  rows_key_ = key;
  rows_revision_ = ctx.sync.revision();
  rows_.clear();
  std::vector<std::pair<std::string, Id>> keyed;
  for (const auto& [id, u] : ctx.state.users) {
    if (role_filter_ >= 0 && static_cast<int>(u.role) != role_filter_) continue;
    if (status_filter_ == 0 && u.deactivated) continue;
    if (status_filter_ == 1 && !u.deactivated) continue;
    std::string name = lower_case(u.name);
    if (!needle.empty() && name.find(needle) == std::string::npos &&
        lower_case(u.email).find(needle) == std::string::npos)
      continue;
    keyed.emplace_back(std::move(name), id);
  }
  std::sort(keyed.begin(), keyed.end());
  rows_.reserve(keyed.size());
  for (auto& [name, id] : keyed) rows_.push_back(std::move(id));
}

void PeopleView::draw_user_list(ViewContext& ctx, float height) {
  const State& state = ctx.state;
  ui::text_muted(std::to_string(rows_.size()) + (rows_.size() == 1 ? " person" : " people") + " shown of " +
                 std::to_string(state.users.size()));
  const bool narrow = ImGui::GetContentRegionAvail().x < 560.0f;
  const int columns = narrow ? 2 : 4;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##users", columns, flags, ImVec2(0, std::max(120.0f, height - 28.0f)))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  if (!narrow) ImGui::TableSetupColumn("E-mail", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  if (!narrow) ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const User* u = state.user(rows_[static_cast<std::size_t>(i)]);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (!u) continue;
      const bool selected = form_.open && !form_.creating && form_.id == u->id;
      const std::string name = u->name + (narrow && u->deactivated ? " (deactivated)" : "");
      if (ui::selectable((name + "##user-" + u->id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
        edit_user(state, u->id);
      if (!narrow) {
        ImGui::TableNextColumn();
        ui::text_muted(u->email);
      }
      ImGui::TableNextColumn();
      ui::text(label(u->role));
      if (!narrow) {
        ImGui::TableNextColumn();
        // Plain text, one line: every row has the same height for the clipper.
        const std::string status = user_status(*u);
        ImGui::PushStyleColor(ImGuiCol_Text, status == "Active" ? theme::color::text_muted : theme::color::danger);
        ui::text(status);
        ImGui::PopStyleColor();
      }
    }
  }
  ImGui::EndTable();
}

void PeopleView::new_user() {
  form_ = UserForm{};
  form_.open = true;
  form_.creating = true;
  form_message_.clear();
  way_in_message_.clear();
  password_.clear();
  link_.reset();
  confirm_deactivate_ = false;
}

void PeopleView::edit_user(const State& state, const Id& id) {
  const User* u = state.user(id);
  if (!u) return;
  form_ = UserForm{};
  form_.open = true;
  form_.id = id;
  form_.name = u->name;
  form_.email = u->email;
  form_.role = u->role;
  form_.companies = u->companies;
  form_.time_zone = u->time_zone;
  form_message_.clear();
  way_in_message_.clear();
  password_.clear();
  link_.reset();
  confirm_deactivate_ = false;
}

void PeopleView::draw_user_form(ViewContext& ctx) {
  const State& state = ctx.state;
  if (!form_.open) {
    ui::text_wrapped("Choose a person in the list to edit them, or add a new user.");
    return;
  }
  const User* existing = form_.creating ? nullptr : state.user(form_.id);
  if (!form_.creating && !existing) {
    form_.open = false;
    return;
  }
  ui::heading(form_.creating ? "New user" : "Edit " + existing->name);
  ui::input_text("Name", &form_.name, "Full name");
  ui::input_text("E-mail", &form_.email, "name@company.com", ImGuiInputTextFlags_CharsNoBlank);
  if (form_.creating) {
    if (ui::begin_combo("Role##new_user_role", std::string(label(form_.role)).c_str())) {
      for (Role r : roles)
        if (ui::selectable((std::string(label(r)) + "##new-role").c_str(), form_.role == r)) form_.role = r;
      ui::end_combo();
    }
  } else {
    // A new role ends the person's sign-ins (the server's part); the core says what stands
    // in the way of one (pathways, participants coached, slots, companies).
    if (ui::begin_combo("Role##edit_user_role", std::string(label(form_.role)).c_str())) {
      for (Role r : roles)
        if (ui::selectable((std::string(label(r)) + "##edit-role").c_str(), form_.role == r)) form_.role = r;
      ui::end_combo();
    }
    if (form_.role != existing->role) {
      // Wrapped: the form is narrow, and the sentence must be read whole.
      ImGui::PushStyleColor(ImGuiCol_Text, theme::color::text_muted);
      ui::text_wrapped("Saving a new role signs " + existing->name + " out everywhere; they sign in again to use it.");
      ImGui::PopStyleColor();
    }
  }
  if (form_.role == Role::program_lead) {
    ui::text_muted("Companies whose reports they read");
    for (const Company* c : companies_by_name(state)) {
      bool on = contains(form_.companies, c->id);
      if (ui::checkbox((c->name + "##lead-company-" + c->id).c_str(), &on)) {
        if (on)
          form_.companies.push_back(c->id);
        else
          form_.companies.erase(std::find(form_.companies.begin(), form_.companies.end(), c->id));
      }
    }
  }

  // Time zone: a searchable list of the browser's IANA names (the server checks each).
  const std::string zone_preview = form_.time_zone.empty() ? std::string("Not set") : form_.time_zone;
  if (ui::begin_combo("Time zone", zone_preview.c_str())) {
    if (ImGui::IsWindowAppearing()) {
      form_.zone_search.clear();
      ImGui::SetKeyboardFocusHere();
    }
    ui::input_text("Search zones", &form_.zone_search, "e.g. London");
    const std::string needle = lower_case(form_.zone_search);
    std::vector<const std::string*> shown;
    for (const std::string& z : time_zones::names())
      if (needle.empty() || lower_case(z).find(needle) != std::string::npos) shown.push_back(&z);
    if (needle.empty() && ui::selectable("Not set##zone", form_.time_zone.empty())) form_.time_zone.clear();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const std::string& z = *shown[static_cast<std::size_t>(i)];
        if (ui::selectable((z + "##zone").c_str(), z == form_.time_zone)) form_.time_zone = z;
      }
    if (shown.empty()) ui::text_muted("No zone has that in its name.");
    ui::end_combo();
  }

  // The op this form stands for, and the core's verdict on it.
  const std::string name = trimmed(form_.name), email = trimmed(form_.email);
  std::optional<OpBody> op;
  std::string why;
  if (form_.creating) {
    CreateUser create;
    create.user = "pending";  // replaced by a fresh id when submitted
    create.name.value = name;
    create.email.value = email;
    create.role = form_.role;
    if (form_.role == Role::program_lead) create.companies = form_.companies;
    if (!form_.time_zone.empty()) create.time_zone = form_.time_zone;
    op = create;
    if (name.empty() && email.empty()) why = "Enter a name and an e-mail address.";
  } else {
    UpdateUser update;
    update.user = form_.id;
    if (name != existing->name) update.name = Name{name};
    if (email != existing->email) update.email = Name{email};
    if (form_.role == Role::program_lead && form_.companies != existing->companies) update.companies = form_.companies;
    if (form_.time_zone != existing->time_zone) update.time_zone = form_.time_zone;
    if (form_.role != existing->role) update.role = form_.role;
    if (update.name || update.email || update.companies || update.time_zone || update.role)
      op = update;
    else
      why = "Nothing has changed.";
  }
  if (op) why = sentence(ctx.why_not(*op));
  ImGui::Dummy(ImVec2(0, 4));
  // The core's sentence is shown as well as on hover, so a refused form says why at once.
  if (op && !why.empty()) ui::message_box(ui::Tone::warning, why);
  if (ui::action(form_.creating ? ICON_PLUS " Create user" : ICON_CHECK " Save changes", why,
                 ui::ActionStyle::primary)) {
    if (form_.creating) {
      CreateUser create = std::get<CreateUser>(*op);
      create.user = ctx.new_id("user");
      if (auto refused = ctx.submit(create)) {
        form_message_ = refused->message;
        form_tone_ = ui::Tone::error;
      } else {
        const Id id = create.user;
        edit_user(state, id);
        form_.open = true;
        form_.creating = false;
        form_.id = id;
        form_.name = name;
        form_.email = email;
        form_.role = create.role;
        form_.companies = create.companies.value_or(std::vector<Id>{});
        form_.time_zone = create.time_zone.value_or("");
        form_message_ = name + " is added. Give them a way in below: a sign-in link or a first password.";
        form_tone_ = ui::Tone::info;
      }
    } else if (auto refused = ctx.submit(*op)) {
      form_message_ = refused->message;
      form_tone_ = ui::Tone::error;
    } else {
      form_message_ = "Saved.";
      form_tone_ = ui::Tone::info;
    }
  }
  ImGui::SameLine();
  if (ui::secondary_button("Close##user_form")) form_.open = false;
  if (!form_message_.empty()) ui::message_box(form_tone_, form_message_);

  if (!form_.creating)
    if (const User* u = state.user(form_.id)) {
      ImGui::Dummy(ImVec2(0, 6));
      ImGui::Separator();
      draw_way_in(ctx, *u);
      ImGui::Dummy(ImVec2(0, 6));
      ImGui::Separator();
      draw_activation(ctx, *u);
    }
}

void PeopleView::draw_way_in(ViewContext& ctx, const User& user) {
  ui::heading("Way in");
  // These go straight to the server (they are not ops): it must know the user already.
  std::string why;
  if (!ctx.app.online)
    why = "Offline: this needs a connection to the server.";
  else if (ctx.app.sync.pending > 0)
    why = "Your changes are still on their way to the server; this is possible once they are there.";
  else if (user.deactivated)
    why = user.name + " is deactivated; reactivate them first.";
  else if (user.archived && user.role == Role::participant)
    why = user.name + " is archived (R14); restore them first.";
  else if (busy_)
    why = "Waiting for the server…";

  ui::text_wrapped("A one-time sign-in link lets " + user.name +
                   " choose their own password. It works once, for 7 days.");
  if (ui::action(ICON_LINK " Make a sign-in link", why, ui::ActionStyle::secondary)) {
    busy_ = true;
    way_in_message_.clear();
    const Id id = user.id;
    auth::make_sign_in_link(ctx.app.login, id, [this, id](auth::AdminResult result) {
      busy_ = false;
      if (form_.id != id) return;  // another person is open now
      if (!result.done) {
        way_in_message_ = result.error;
        way_in_tone_ = ui::Tone::error;
        return;
      }
      link_ = result.link;
      link_url_ = location::origin() + "/#" + std::string(protocol::welcome_fragment) + link_->token;
    });
  }
  if (link_ && link_->user == user.id) {
    // Shown whole (it wraps on a phone) and copied with one click.
    ui::message_box(ui::Tone::info, link_url_);
    if (ui::button(ICON_LINK " Copy link")) {
      ImGui::SetClipboardText(link_url_.c_str());
      way_in_message_ = "Copied. Send it to " + user.name + " (" + user.email + ").";
      way_in_tone_ = ui::Tone::info;
    }
    ui::text_muted("Valid until " + local_time::format_date_time(link_->expires_at) + ", once.");
  }
  ImGui::Dummy(ImVec2(0, 4));
  ui::text_wrapped("Or set a first password and tell them it.");
  ui::input_password("First password", &password_);
  std::string why_password = why;
  if (why_password.empty() && character_count(password_) < protocol::min_password_characters)
    why_password = "A password needs at least " + std::to_string(protocol::min_password_characters) + " characters.";
  if (ui::action(ICON_LOCK " Set password", why_password, ui::ActionStyle::secondary)) {
    busy_ = true;
    way_in_message_.clear();
    const Id id = user.id;
    auth::set_password(ctx.app.login, id, password_, [this, id, name = user.name](auth::AdminResult result) {
      busy_ = false;
      if (form_.id != id) return;
      if (!result.done) {
        way_in_message_ = result.error;
        way_in_tone_ = ui::Tone::error;
        return;
      }
      password_.clear();
      way_in_message_ = "The password is set: " + name + " can sign in with it now.";
      way_in_tone_ = ui::Tone::info;
    });
  }
  if (!way_in_message_.empty()) ui::message_box(way_in_tone_, way_in_message_);
}

void PeopleView::draw_activation(ViewContext& ctx, const User& user) {
  UpdateUser flip;
  flip.user = user.id;
  flip.deactivated = !user.deactivated;
  const Check why = ctx.why_not(flip);
  if (user.deactivated) {
    ui::heading("Deactivated");
    ui::text_wrapped(user.name + " cannot sign in. Reactivating lets them sign in again with their password.");
    if (ui::action(ICON_UNDO " Reactivate", why, ui::ActionStyle::secondary)) {
      if (auto refused = ctx.submit(flip)) {
        form_message_ = refused->message;
        form_tone_ = ui::Tone::error;
      }
    }
    return;
  }
  ui::heading("Deactivate");
  ui::text_wrapped("A deactivated person cannot sign in, and any sign-in they have ends at once. Their history stays.");
  if (!confirm_deactivate_) {
    if (ui::action(ICON_BAN " Deactivate…", why, ui::ActionStyle::secondary)) confirm_deactivate_ = true;
    if (why) ui::text_muted(why->message);
    return;
  }
  ui::message_box(ui::Tone::warning, "Deactivate " + user.name + "? They are signed out everywhere at once.");
  if (ui::action((ICON_BAN " Deactivate " + user.name + "##confirm").c_str(), why, ui::ActionStyle::primary)) {
    confirm_deactivate_ = false;
    if (auto refused = ctx.submit(flip)) {
      form_message_ = refused->message;
      form_tone_ = ui::Tone::error;
    }
  }
  ImGui::SameLine();
  if (ui::secondary_button("Cancel##deactivate")) confirm_deactivate_ = false;
}

// [SECTION] Companies

void PeopleView::draw_companies(ViewContext& ctx) {
  const State& state = ctx.state;
  const auto companies = companies_by_name(state);
  if (!company_.empty() && !state.company(company_)) company_.clear();
  const bool wide = ImGui::GetContentRegionAvail().x >= 760.0f;

  auto draw_list = [&] {
    ui::text_muted(std::to_string(companies.size()) + (companies.size() == 1 ? " company" : " companies"));
    ImGui::BeginChild("##companies", ImVec2(0, wide ? ImGui::GetContentRegionAvail().y - 120.0f : 200.0f), true);
    for (const Company* c : companies) {
      std::size_t projects = 0;
      for (const auto& [pid, p] : state.projects) projects += p.company == c->id ? 1 : 0;
      const std::string text =
          c->name + "  (" + std::to_string(projects) + (projects == 1 ? " project)" : " projects)");
      if (ui::selectable((text + "##company-" + c->id).c_str(), company_ == c->id)) {
        company_ = c->id;
        company_name_ = c->name;
        project_.clear();
        company_message_.clear();
      }
    }
    ImGui::EndChild();
    CreateCompany create{"pending", Name{trimmed(new_company_)}};  // a fresh id when submitted
    ui::input_text("New company", &new_company_, "Company name");
    const Check why = trimmed(new_company_).empty() ? reject(RejectCode::invalid_value, "Enter the company's name.")
                                                    : ctx.why_not(create);
    if (ui::action(ICON_PLUS " Add company", why, ui::ActionStyle::secondary)) {
      create.company = ctx.new_id("company");
      if (auto refused = ctx.submit(create)) {
        company_message_ = refused->message;
      } else {
        company_ = create.company;
        company_name_ = create.name.value;
        new_company_.clear();
        company_message_.clear();
      }
    }
  };

  if (wide && ImGui::BeginTable("##companies_layout", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, 340.0f);
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_list();
    ImGui::TableNextColumn();
    ImGui::BeginChild("##company_detail", ImVec2(0, ImGui::GetContentRegionAvail().y - 8.0f), true);
    if (const Company* c = state.company(company_))
      draw_company(ctx, *c);
    else
      ui::text_muted("Choose a company to edit it and its projects.");
    ImGui::EndChild();
    ImGui::EndTable();
  } else if (!wide) {
    draw_list();
    ImGui::Separator();
    if (const Company* c = state.company(company_)) draw_company(ctx, *c);
  }
}

void PeopleView::draw_company(ViewContext& ctx, const Company& company) {
  const State& state = ctx.state;
  ui::heading(company.name);
  ui::input_text("Company name", &company_name_);
  {
    const UpdateCompany rename{company.id, Name{trimmed(company_name_)}};
    const Check why = trimmed(company_name_) == company.name ? reject(RejectCode::invalid_value, "Nothing has changed.")
                                                             : ctx.why_not(rename);
    if (ui::action(ICON_CHECK " Rename##company", why, ui::ActionStyle::secondary))
      if (auto refused = ctx.submit(rename)) company_message_ = refused->message;
    if (why && !trimmed(company_name_).empty() && trimmed(company_name_) != company.name)
      ui::message_box(ui::Tone::warning, why->message);
  }
  if (!company_message_.empty()) ui::message_box(ui::Tone::error, company_message_);
  ImGui::Dummy(ImVec2(0, 6));
  ui::heading("Projects");

  std::vector<const Project*> projects;
  for (const auto& [id, p] : state.projects)
    if (p.company == company.id) projects.push_back(&p);
  std::sort(projects.begin(), projects.end(), [](const Project* a, const Project* b) {
    return lower_case(a->name) != lower_case(b->name) ? lower_case(a->name) < lower_case(b->name) : a->id < b->id;
  });
  if (projects.empty()) ui::text_muted("No projects yet.");
  if (!projects.empty() &&
      ImGui::BeginTable("##projects", 2,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Project", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("PO reference", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (const Project* p : projects) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ui::selectable((p->name + "##project-" + p->id).c_str(), project_ == p->id,
                         ImGuiSelectableFlags_SpanAllColumns)) {
        project_ = p->id;
        project_name_ = p->name;
        project_po_ = p->po_ref;
      }
      ImGui::TableNextColumn();
      ui::text_muted(p->po_ref.empty() ? std::string("—") : p->po_ref);
    }
    ImGui::EndTable();
  }

  if (const Project* p = state.project(project_); p && p->company == company.id) {
    ImGui::Dummy(ImVec2(0, 4));
    ui::text_muted("Edit " + p->name);
    if (begin_field_row("##edit_project", {220.0f, 160.0f})) {
      ImGui::TableNextColumn();
      ui::input_text("Project name", &project_name_);
      ImGui::TableNextColumn();
      ui::input_text("PO reference", &project_po_);
      end_field_row();
    }
    UpdateProject update;
    update.project = p->id;
    if (trimmed(project_name_) != p->name) update.name = Name{trimmed(project_name_)};
    if (trimmed(project_po_) != p->po_ref) update.po_ref = Name{trimmed(project_po_)};
    const Check why = !update.name && !update.po_ref ? reject(RejectCode::invalid_value, "Nothing has changed.")
                                                     : ctx.why_not(update);
    if (ui::action(ICON_CHECK " Save project", why, ui::ActionStyle::secondary))
      if (auto refused = ctx.submit(update)) company_message_ = refused->message;
    if (why && (update.name || update.po_ref)) ui::message_box(ui::Tone::warning, why->message);
  }

  ImGui::Dummy(ImVec2(0, 6));
  ui::text_muted("Add a project");
  if (begin_field_row("##new_project", {220.0f, 160.0f})) {
    ImGui::TableNextColumn();
    ui::input_text("New project", &new_project_name_, "Project name");
    ImGui::TableNextColumn();
    ui::input_text("PO reference##new", &new_project_po_, "PO-123");
    end_field_row();
  }
  CreateProject create;
  create.project = "pending";
  create.company = company.id;
  create.name.value = trimmed(new_project_name_);
  if (!trimmed(new_project_po_).empty()) create.po_ref = Name{trimmed(new_project_po_)};
  const Check why =
      create.name.value.empty() ? reject(RejectCode::invalid_value, "Enter the project's name.") : ctx.why_not(create);
  if (ui::action(ICON_PLUS " Add project", why, ui::ActionStyle::secondary)) {
    create.project = ctx.new_id("project");
    if (auto refused = ctx.submit(create)) {
      company_message_ = refused->message;
    } else {
      project_ = create.project;
      project_name_ = create.name.value;
      project_po_ = create.po_ref ? create.po_ref->value : "";
      new_project_name_.clear();
      new_project_po_.clear();
    }
  }
  if (why && !create.name.value.empty()) ui::message_box(ui::Tone::warning, why->message);
}

}  // namespace pathways
