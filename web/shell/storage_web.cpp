// storage.h on IDBFS mounted at /store (web/pre.js mounts and loads it).
//
// Writes go to IndexedDB file by file with IDBFS's own record format, not through
// FS.syncfs(false): syncfs makes IndexedDB a copy of this tab's tree, deleting what another
// tab wrote since this one loaded. Per-file puts never touch other files, and the next
// start's FS.syncfs(true) loads them as usual.
#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include <cassert>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "nlohmann/json.hpp"
#include "shell/render_loop.h"
#include "shell/storage.h"

namespace pathways::storage {
namespace {

constexpr const char* mount_point = "/store";  // as in web/pre.js
constexpr double batch_ms = 250;

std::set<std::string> to_write, to_delete;
long batch_timer = 0;
bool persistent_granted = false;
std::unordered_map<int, std::function<void(bool)>> flush_waiting;
int next_flush_id = 1;

std::string path_of(std::string_view name) {
  assert(!name.empty() && name.find('/') == std::string_view::npos && "storage names are plain file names");
  return std::string(mount_point) + "/" + std::string(name);
}

// Runs `done_id` (may be 0) when the IndexedDB transaction commits.
// clang-format off
EM_JS(void, js_persist, (const char* mount, const char* writes_json, const char* deletes_json, int done_id), {
  var root = UTF8ToString(mount);
  var writes = JSON.parse(UTF8ToString(writes_json));
  var deletes = JSON.parse(UTF8ToString(deletes_json));
  var finish = function(ok) { if (done_id) _pathways_storage_flushed(done_id, ok ? 1 : 0); };
  if (!Module['pathwaysStoreReadable']) return finish(true);  // see web/pre.js: kept for the next visit
  IDBFS.getDB(root, function(error, db) {
    if (error) { console.warn('Pathways: store not saved:', error); return finish(false); }
    var transaction;
    try {
      transaction = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
    } catch (e) {
      console.warn('Pathways: store not saved:', e);
      return finish(false);
    }
    var store = transaction.objectStore(IDBFS.DB_STORE_NAME);
    var ignore = function() {};
    writes.forEach(function(name) {
      var path = root + '/' + name;
      IDBFS.loadLocalEntry(path, function(e, entry) { if (!e) IDBFS.storeRemoteEntry(store, path, entry, ignore); });
    });
    deletes.forEach(function(name) { IDBFS.removeRemoteEntry(store, root + '/' + name, ignore); });
    transaction.oncomplete = function() { finish(true); };
    transaction.onabort = transaction.onerror = function(e) {
      console.warn('Pathways: store not saved:', transaction.error);
      if (e && e.preventDefault) e.preventDefault();
      finish(false);
    };
  });
});
// clang-format on

// clang-format off
EM_JS(void, js_storage_init, (), {
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function(granted) { _pathways_storage_persistent(granted ? 1 : 0); }, function() {});
  }
  // Last chance to save: the page is being hidden (tab switch, close, mobile background).
  document.addEventListener('visibilitychange', function() {
    if (document.visibilityState === 'hidden') _pathways_storage_flush();
  });
  window.addEventListener('pagehide', function() { _pathways_storage_flush(); });
});
// clang-format on

void write_batch(int done_id) {
  if (batch_timer) emscripten_clear_timeout(batch_timer);
  batch_timer = 0;
  const std::string writes = nlohmann::json(to_write).dump();
  const std::string deletes = nlohmann::json(to_delete).dump();
  to_write.clear();
  to_delete.clear();
  js_persist(mount_point, writes.c_str(), deletes.c_str(), done_id);
}

void on_batch_timer(void*) {
  batch_timer = 0;
  write_batch(0);
}

void schedule_batch() {
  if (!batch_timer) batch_timer = emscripten_set_timeout(on_batch_timer, batch_ms, nullptr);
}

}  // namespace

void init() { js_storage_init(); }

std::optional<std::string> load(std::string_view name) {
  std::FILE* file = std::fopen(path_of(name).c_str(), "rb");
  if (!file) return std::nullopt;
  std::string bytes;
  char buffer[16384];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
  std::fclose(file);
  return bytes;
}

void save(std::string_view name, std::string_view bytes) {
  const std::string path = path_of(name);
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    std::fprintf(stderr, "Pathways: cannot write %s\n", path.c_str());
    return;
  }
  std::fwrite(bytes.data(), 1, bytes.size(), file);
  std::fclose(file);
  to_delete.erase(std::string(name));
  to_write.insert(std::string(name));
  schedule_batch();
}

void remove(std::string_view name) {
  std::remove(path_of(name).c_str());
  to_write.erase(std::string(name));
  to_delete.insert(std::string(name));
  schedule_batch();
}

void flush(std::function<void(bool ok)> done) {
  int done_id = 0;
  if (done) {
    done_id = next_flush_id++;
    flush_waiting.emplace(done_id, std::move(done));
  }
  write_batch(done_id);
}

bool persistent() { return persistent_granted; }

}  // namespace pathways::storage

extern "C" {

EMSCRIPTEN_KEEPALIVE void pathways_storage_flushed(int id, int ok) {
  using namespace pathways;
  auto it = storage::flush_waiting.find(id);
  if (it == storage::flush_waiting.end()) return;
  auto done = std::move(it->second);
  storage::flush_waiting.erase(it);
  done(ok != 0);
  render_loop::wake();
}

EMSCRIPTEN_KEEPALIVE void pathways_storage_flush() { pathways::storage::flush(); }

EMSCRIPTEN_KEEPALIVE void pathways_storage_persistent(int granted) {
  pathways::storage::persistent_granted = granted != 0;
}

}  // extern "C"
