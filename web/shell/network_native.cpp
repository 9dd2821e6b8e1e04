// network.h natively: the simulated tab's online flag (Tab::set_online tells listeners).
#include "shell/native_tab.h"
#include "shell/network.h"

namespace pathways::network {

void init() {}

bool online() { return native_tab::current().online(); }

void on_change(std::function<void(bool online)> callback) {
  native_tab::current().add_network_listener(std::move(callback));
}

}  // namespace pathways::network
