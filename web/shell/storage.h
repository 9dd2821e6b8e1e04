// The client's persistent store: named blobs (the login, the base state, pending ops)
// that survive reloads, restarts and going offline. On the web, IndexedDB through IDBFS.
//
// Reads are synchronous: the whole store is loaded before main() runs (web/pre.js). A save
// is in memory at once and reaches IndexedDB shortly after (saves within a moment are
// batched); call flush() and wait for its callback before relying on it, e.g. before sending
// an op to the server (DESIGN.md section 5: an op is written before it is sent).
//
// Names are plain file names ("login.json"), no slashes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pathways::storage {

// Asks the browser to keep the store under storage pressure, and saves pending writes
// when the page is hidden or closed.
void init();

std::optional<std::string> load(std::string_view name);
void save(std::string_view name, std::string_view bytes);
void remove(std::string_view name);

// Writes everything saved so far to IndexedDB now; `done(ok)` runs once it is committed
// (ok false: IndexedDB refused, e.g. the disk is full or storage is blocked).
void flush(std::function<void(bool ok)> done = {});

// Whether the browser granted persistent storage (false until it answers).
bool persistent();

}  // namespace pathways::storage
