// login.json: {"token": "...", "user": {id, name, email, role}}, the user in the wire
// format of pull's user data, so it reads back with the core's codec.
#include "login_store.h"

#include <variant>

#include "core/entity_codec.h"
#include "nlohmann/json.hpp"
#include "shell/storage.h"

namespace pathways::login_store {
namespace {

constexpr const char* file_name = "login.json";

}  // namespace

std::optional<Login> load() {
  const auto text = storage::load(file_name);
  if (!text) return std::nullopt;
  const auto data = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object() || !data.contains("token") || !data["token"].is_string() || !data.contains("user"))
    return std::nullopt;
  auto user = entity_from_data(EntityKind::user, data["user"]);
  if (!user) return std::nullopt;
  return Login{data["token"].get<std::string>(), std::get<User>(user.value())};
}

void save(const Login& login) {
  const User& user = login.user;
  const nlohmann::json data{
      {"token", login.token},
      {"user", {{"id", user.id}, {"name", user.name}, {"email", user.email}, {"role", to_string(user.role)}}}};
  storage::save(file_name, data.dump());
  storage::flush();
}

void clear() {
  storage::remove(file_name);
  storage::flush();
}

}  // namespace pathways::login_store
