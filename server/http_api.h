// The JSON API under /api (DESIGN.md §6): routes, request parsing and the
// authentication every route but login and healthz requires. Handlers are thin: they
// parse, call a service, and shape the answer; the services and the core decide.
//
//   POST /api/login                {email, password} → {token, user}
//   POST /api/logout               → {}
//   POST /api/logout/everywhere    → {} (every sign-in of the caller ends)
//   GET  /api/me                   → {user}
//   POST /api/sync/push            {client_id, ops: [{seq, at, type, …}]} → {results, version}
//   GET  /api/sync/pull            ?client_id=…&since=V → see server/pull.h
//   PUT  /api/users/{id}/password  {password, current?} (an admin, or the user with `current`)
//   GET  /api/participants/inactive  (admin) → {participants: [ids]} (R14)
//   GET  /api/mail/status          (admin) → {queued, retrying, sent, parked, …} (DESIGN.md §10)
//   POST /api/me/calendar-feed     → {path}: a new secret feed address; GET /calendar/<secret>.ics
//   GET  /api/healthz              → {status, protocol} (+ version for signed-in staff)
//   GET  /api/time-zones/{IANA name}  → zone rules (core/time_zone_codec.h); 404 unknown (R17)
//
// Paths, shapes and codes are core/protocol.h's. Every route first checks the client's
// X-Pathways-Protocol header (absent: the current version).
#pragma once

#include <functional>

#include "core/protocol.h"
#include "server/calendar_feeds.h"
#include "server/clock.h"
#include "server/storage/outbox_store.h"

namespace httplib {
class Server;
}

namespace pathways::server {

class AuthService;
class SyncService;

struct ApiServices {
  AuthService& auth;
  SyncService& sync;
  Clock clock;
  // Requests whose X-Pathways-Protocol is below this get 426 update_needed (core/protocol.h).
  int oldest_protocol = protocol::oldest_supported_version;
  // What the mailer has queued, sent and parked (DESIGN.md §10).
  std::function<storage::OutboxStatus()> mail_status;
  CalendarFeeds* calendar_feeds = nullptr;
};

void register_api_routes(httplib::Server& http, const ApiServices& services);

}  // namespace pathways::server
