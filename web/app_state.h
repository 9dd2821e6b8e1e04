// The client's state that views share: who is signed in, whether the network is there, and
// how far sync has got. Views read it and change it only through the app's actions; the
// domain state (pathways, sessions, slots) will sit beside it as a core State.
#pragma once

#include <string>

#include "core/entities.h"

namespace pathways {

struct Login {
  std::string token;  // bearer token from /api/login
  User user;          // the signed-in user, as the server sent it

  bool signed_in() const { return !token.empty(); }
};

struct SyncStatus {
  int pending = 0;               // ops saved locally that the server has not acknowledged
  std::string last_sync;         // RFC 3339 UTC of the last completed pull; empty: never
  bool this_tab_syncs = false;   // this tab holds the sync lock (shell/tab_lock.h)
  bool requested = false;        // "Sync now" was pressed; the sync loop clears it when it starts
  int rejected = 0;              // ops the server refused, waiting to be discarded
  bool busy = false;             // a push or pull is under way
  std::string problem;           // why the last sync failed; empty when it worked
  long long clock_offset_s = 0;  // the server's clock minus this device's, from the last pull (seconds)
};

struct AppState {
  Login login;
  bool online = true;               // the browser has a network (shell/network.h)
  bool storage_persistent = false;  // the browser promised to keep the store (shell/storage.h)
  SyncStatus sync;
};

}  // namespace pathways
