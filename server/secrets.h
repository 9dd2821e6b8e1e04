// Secrets: Argon2id password hashes and bearer tokens, through libsodium.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pathways::server::secrets {

// Argon2id (crypto_pwhash_str) at libsodium's "interactive" cost: about 64 MiB and 0.1 s
// per call. At most two run at once, so a burst of logins cannot exhaust memory.
// Returns nothing only if the machine is out of memory.
std::optional<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// 32 random bytes as 64 hex digits: what the client holds.
std::string new_token();
// SHA-256 of the token, hex: what the server stores.
std::string token_digest(std::string_view token);

}  // namespace pathways::server::secrets
