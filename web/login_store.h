// The signed-in user and token, kept in the store so the client opens signed in, offline too.
#pragma once

#include <optional>

#include "app_state.h"

namespace pathways::login_store {

std::optional<Login> load();
void save(const Login& login);  // written to IndexedDB at once (flushed)
void clear();

}  // namespace pathways::login_store
