// Companies, projects and users: admin-only set-up. Names are required, one line and at most
// 200 characters (counted in characters, not bytes: core/text_rules.h); e-mail addresses are
// well-formed and unique whatever their case; a programme lead's companies exist; an admin
// never deactivates their own account or changes their own role (they would lock the last
// admin out); a role changes only when nothing depends on the old one.
#include "../text_rules.h"
#include "context.h"

namespace pathways::rules {
namespace {

// A practical reading of RFC 5321's mailbox: one local part and one domain of dot-separated
// labels, no spaces, quotes or angle brackets (addresses are typed, not pasted headers).
Check valid_email(const std::string& email) {
  // [mutation people email form]
  const auto bad = [&] {
    std::string shown = has_control_character(email) ? std::string("That") : "\"" + email + "\"";
    return reject(RejectCode::invalid_value, shown + " is not an e-mail address; write it as name@example.com.");
  };
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != std::string::npos)
    return bad();
  if (email.size() > 254 || has_control_character(email) || email.find_first_of(" \"'<>(),;:[]\\") != std::string::npos)
    return bad();
  const std::string_view domain = std::string_view(email).substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos || email[at - 1] == '.' || email.front() == '.')
    return bad();
  // [end mutation]
  return std::nullopt;
}

Check email_free(const State& state, const std::string& email, const Id& except) {
  // [mutation people email unique]
  const User* holder = state.user_by_email_address(email);  // case-insensitive
  if (holder && holder->id != except)
    return reject(RejectCode::already_exists, "Another user already has the e-mail " + email + ".");
  // [end mutation]
  return std::nullopt;
}

Check companies_exist(const State& state, const std::vector<Id>& companies) {
  // [mutation people lead companies]
  for (const Id& c : companies)
    if (!state.company(c)) return reject(RejectCode::not_found, "No company " + c + ".");
  // [end mutation]
  return std::nullopt;
}

Check need_name(const std::string& name) { return check_name(name, "A name cannot be empty."); }

// R17: a person's zone is an IANA name the caller's zone lookup knows. The browser predicts
// without zone rules (an empty lookup): it judges the name's form alone ("Area/Place", letters,
// digits and _ + -), and the server, which always has tzdata, decides.
Check need_user_zone(const Context& ctx, const Id& name) {
  if (ctx.zones) {
    auto zone = need_zone(ctx, name);
    return zone ? Check{} : Check{zone.rejection()};
  }
  const bool well_formed =
      !name.empty() && name.size() <= 64 && name.front() != '/' && name.back() != '/' &&
      name.find("//") == std::string::npos &&
      name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/") == std::string::npos;
  if (!well_formed)
    return reject(RejectCode::unknown_time_zone,
                  "No time zone is known by the name \"" + name + "\"; use an IANA name such as Europe/London.");
  return std::nullopt;
}

std::string role_words(Role role) {
  switch (role) {
    case Role::admin:
      return "an admin";
    case Role::coach:
      return "a coach";
    case Role::program_lead:
      return "a programme lead";
    case Role::participant:
      return "a participant";
  }
  return "another role";
}

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What stands in the way of `user` taking `role`: a participant's pathways (staff have
// none), a coach's participants and slots (they need a coach), a programme lead's
// companies (only leads have them). An admin never changes their own role, so the last
// admin cannot lock everyone out.
Check role_change_allowed(const Context& ctx, const User& user, Role role) {
  if (role == user.role) return std::nullopt;
  // [mutation people own role]
  if (user.id == ctx.actor.id)
    return reject(RejectCode::forbidden, "You cannot change your own role; another admin can.");
  // [end mutation]
  const State& state = ctx.state;
  const std::string to = role_words(role);
  // [mutation people role obstacles]
  if (user.role == Role::participant) {
    const std::size_t pathways = state.ids(state.pathways_by_participant, user.id).size();
    if (pathways > 0)
      return reject(RejectCode::invalid_transition, user.name + " is enrolled (" +
                                                        counted(pathways, "pathway", "pathways") +
                                                        "); a participant with a pathway cannot become " + to + ".");
  }
  if (user.role == Role::coach) {
    const std::size_t coached = state.ids(state.pathways_by_coach, user.id).size();
    const std::size_t slots = state.ids(state.slots_by_coach, user.id).size();
    if (coached > 0 || slots > 0) {
      std::string what, steps;
      if (coached > 0) {
        what = counted(coached, "participant", "participants");
        steps = "give their participants another coach";
      }
      if (slots > 0) {
        what += (what.empty() ? "" : " and ") + counted(slots, "slot", "slots");
        steps += (steps.empty() ? "" : " and ") + std::string("remove their slots");
      }
      return reject(RejectCode::invalid_transition,
                    user.name + " has " + what + "; " + steps + " before making them " + to + ".");
    }
  }
  if (user.role == Role::program_lead && !user.companies.empty())
    return reject(RejectCode::invalid_transition, user.name + " leads " +
                                                      counted(user.companies.size(), "company", "companies") +
                                                      "; remove the companies before making them " + to + ".");
  // [end mutation]
  return std::nullopt;
}

}  // namespace

Check handle(Context& ctx, const CreateCompany& op) {
  if (auto no = need_admin(ctx.actor, "create companies")) return no;
  if (auto no = need_new_id(ctx.state.company(op.company) != nullptr, "company", op.company)) return no;
  if (auto no = need_name(op.name.value)) return no;
  ctx.change(Company{op.company, op.name.value});
  ctx.out.audit.subject = op.company;
  return std::nullopt;
}

Check handle(Context& ctx, const UpdateCompany& op) {
  if (auto no = need_admin(ctx.actor, "edit companies")) return no;
  const Company* c = ctx.state.company(op.company);
  if (!c) return reject(RejectCode::not_found, "No company " + op.company + ".");
  if (auto no = need_name(op.name.value)) return no;
  Company after = *c;
  after.name = op.name.value;
  ctx.change(after);
  ctx.out.audit.subject = op.company;
  return std::nullopt;
}

Check handle(Context& ctx, const CreateProject& op) {
  if (auto no = need_admin(ctx.actor, "create projects")) return no;
  if (auto no = need_new_id(ctx.state.project(op.project) != nullptr, "project", op.project)) return no;
  if (!ctx.state.company(op.company)) return reject(RejectCode::not_found, "No company " + op.company + ".");
  if (auto no = need_name(op.name.value)) return no;
  ctx.change(Project{op.project, op.company, op.name.value, op.po_ref ? op.po_ref->value : ""});
  ctx.out.audit.subject = op.project;
  return std::nullopt;
}

Check handle(Context& ctx, const UpdateProject& op) {
  if (auto no = need_admin(ctx.actor, "edit projects")) return no;
  const Project* p = ctx.state.project(op.project);
  if (!p) return reject(RejectCode::not_found, "No project " + op.project + ".");
  Project after = *p;
  if (op.name) {
    if (auto no = need_name(op.name->value)) return no;
    after.name = op.name->value;
  }
  if (op.po_ref) after.po_ref = op.po_ref->value;
  ctx.change(after);
  ctx.out.audit.subject = op.project;
  return std::nullopt;
}

Check handle(Context& ctx, const CreateUser& op) {
  // [mutation people admin only create]
  if (auto no = need_admin(ctx.actor, "create users")) return no;
  // [end mutation]
  if (auto no = need_new_id(ctx.state.user(op.user) != nullptr, "user", op.user)) return no;
  if (auto no = need_name(op.name.value)) return no;
  if (auto no = valid_email(op.email.value)) return no;
  if (auto no = email_free(ctx.state, op.email.value, op.user)) return no;
  User u;
  u.id = op.user;
  u.name = op.name.value;
  u.email = op.email.value;
  u.role = op.role;
  if (op.companies) {
    if (op.role != Role::program_lead)
      return reject(RejectCode::invalid_value, "Only programme leads are attached to companies.");
    if (auto no = companies_exist(ctx.state, *op.companies)) return no;
    u.companies = *op.companies;
  }
  if (op.time_zone && !op.time_zone->empty()) {
    if (auto no = need_user_zone(ctx, *op.time_zone)) return no;
    u.time_zone = *op.time_zone;
  }
  u.last_activity = ctx.at;
  ctx.change(u);
  ctx.out.audit.subject = op.user;
  return std::nullopt;
}

Check handle(Context& ctx, const UpdateUser& op) {
  // R17: everyone keeps their own time zone (the browser offers its own as the default);
  // nothing else of their record, and nobody else's, without being an admin.
  // [mutation R17 own zone] -> const bool own_zone_only = false;
  const bool own_zone_only =
      op.user == ctx.actor.id && op.time_zone && !op.name && !op.email && !op.companies && !op.deactivated;
  // [end mutation]
  // [mutation people admin only edit]
  if (!own_zone_only)
    if (auto no = need_admin(ctx.actor, "edit users")) return no;
  // [end mutation]
  auto u = need_user(ctx.state, op.user);
  if (!u) return u.rejection();
  User after = *u.value();
  if (op.name) {
    if (auto no = need_name(op.name->value)) return no;
    after.name = op.name->value;
  }
  if (op.role) {
    if (auto no = role_change_allowed(ctx, *u.value(), *op.role)) return no;
    after.role = *op.role;
  }
  if (op.email) {
    if (auto no = valid_email(op.email->value)) return no;
    if (auto no = email_free(ctx.state, op.email->value, op.user)) return no;
    after.email = op.email->value;
  }
  if (op.companies) {
    if (after.role != Role::program_lead)
      return reject(RejectCode::invalid_value, "Only programme leads are attached to companies.");
    if (auto no = companies_exist(ctx.state, *op.companies)) return no;
    after.companies = *op.companies;
  }
  if (op.time_zone) {
    if (!op.time_zone->empty())
      if (auto no = need_user_zone(ctx, *op.time_zone)) return no;
    after.time_zone = *op.time_zone;
  }
  if (op.deactivated) {
    // [mutation people self deactivation]
    if (*op.deactivated && op.user == ctx.actor.id)
      return reject(RejectCode::forbidden, "You cannot deactivate your own account; another admin can.");
    // [end mutation]
    after.deactivated = *op.deactivated;
  }
  ctx.change(after);
  ctx.out.audit.subject = op.user;
  return std::nullopt;
}

}  // namespace pathways::rules
