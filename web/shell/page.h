// The page itself: reloading it, and updating the app first. Callers save what matters
// (storage::flush) before: a reload ends this run of the program.
// Web: location.reload() and the service worker. Native: counted on the simulated tab.
#pragma once

namespace pathways::page {

// Loads the page again (e.g. a tab that took over syncing starts from the store).
void reload();

// The server no longer serves this version (426): asks the service worker to fetch the
// new build, waits until it controls the page (or gives up after a few seconds), then
// reloads. With no service worker, reloads at once.
void update_and_reload();

}  // namespace pathways::page
