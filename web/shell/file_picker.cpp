// file_picker.h: the one-file inbox both platforms share.
#include "shell/file_picker.h"

#include <utility>

#include "shell/render_loop.h"

namespace pathways::file_picker {
namespace {

std::optional<PickedFile>& inbox() {
  static std::optional<PickedFile> file;
  return file;
}

}  // namespace

std::optional<PickedFile> take() { return std::exchange(inbox(), std::nullopt); }

void deliver(PickedFile file) {
  inbox() = std::move(file);
  render_loop::wake();
}

}  // namespace pathways::file_picker
