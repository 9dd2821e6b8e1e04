// storage.h natively: the simulated tab's Store (native_tab.h), in memory. A save is seen
// by load() at once, as IDBFS's in-memory files are; flush answers on the event loop, false
// when the store refuses (Store::refuse_flush).
#include "shell/native_tab.h"
#include "shell/storage.h"

namespace pathways::storage {

void init() {}

std::optional<std::string> load(std::string_view name) {
  auto& files = native_tab::current().store().files;
  const auto it = files.find(name);
  if (it == files.end()) return std::nullopt;
  return it->second;
}

void save(std::string_view name, std::string_view bytes) {
  native_tab::Store& store = native_tab::current().store();
  store.files.insert_or_assign(std::string(name), std::string(bytes));
  ++store.saves[std::string(name)];
}

void remove(std::string_view name) {
  auto& files = native_tab::current().store().files;
  if (const auto it = files.find(name); it != files.end()) files.erase(it);
}

void flush(std::function<void(bool ok)> done) {
  if (!done) return;
  native_tab::Tab& tab = native_tab::current();
  tab.post([&tab, done = std::move(done)] { done(!tab.store().refuse_flush); });
}

bool persistent() { return true; }

}  // namespace pathways::storage
