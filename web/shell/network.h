// Whether the browser believes it is online (navigator.onLine and its 'online' / 'offline'
// events). "Online" only means a network is there: the server may still be unreachable,
// which http::Response::unreachable() tells.
#pragma once

#include <functional>

namespace pathways::network {

void init();
bool online();
// Called on every change (and the render loop is woken), e.g. to sync on reconnecting.
void on_change(std::function<void(bool online)> callback);

}  // namespace pathways::network
