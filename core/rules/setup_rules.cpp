// Companies, projects and users: admin-only set-up.
#include "../text_rules.h"
#include "context.h"

namespace pathways::rules {
namespace {

Check valid_email(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != std::string::npos ||
      email.find(' ') != std::string::npos)
    return reject(RejectCode::invalid_value, "\"" + email + "\" is not an e-mail address.");
  return std::nullopt;
}

Check email_free(const State& state, const std::string& email, const Id& except) {
  const User* holder = state.user_by_email_address(email);
  if (holder && holder->id != except)
    return reject(RejectCode::already_exists, "Another user already has the e-mail " + email + ".");
  return std::nullopt;
}

Check companies_exist(const State& state, const std::vector<Id>& companies) {
  for (const Id& c : companies)
    if (!state.company(c)) return reject(RejectCode::not_found, "No company " + c + ".");
  return std::nullopt;
}

Check need_name(const std::string& name) { return check_name(name, "A name cannot be empty."); }

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
  if (auto no = need_admin(ctx.actor, "create users")) return no;
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
    auto zone = need_zone(ctx, *op.time_zone);
    if (!zone) return zone.rejection();
    u.time_zone = *op.time_zone;
  }
  u.last_activity = ctx.at;
  ctx.change(u);
  ctx.out.audit.subject = op.user;
  return std::nullopt;
}

Check handle(Context& ctx, const UpdateUser& op) {
  if (auto no = need_admin(ctx.actor, "edit users")) return no;
  auto u = need_user(ctx.state, op.user);
  if (!u) return u.rejection();
  User after = *u.value();
  if (op.name) {
    if (auto no = need_name(op.name->value)) return no;
    after.name = op.name->value;
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
    if (!op.time_zone->empty()) {
      auto zone = need_zone(ctx, *op.time_zone);
      if (!zone) return zone.rejection();
    }
    after.time_zone = *op.time_zone;
  }
  ctx.change(after);
  ctx.out.audit.subject = op.user;
  return std::nullopt;
}

}  // namespace pathways::rules
