// download.h in the browser.
#include <emscripten/emscripten.h>

#include <string>

#include "shell/download.h"

namespace pathways::download {
namespace {

// clang-format off
EM_JS(void, js_save_file, (const char* name, const char* mime, const char* bytes, int length), {
  var blob = new Blob([HEAPU8.slice(bytes, bytes + length)], {type: UTF8ToString(mime)});
  var url = URL.createObjectURL(blob);
  var link = document.createElement('a');
  link.href = url;
  link.download = UTF8ToString(name);
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has read the Blob once the download has started.
  setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
});
// clang-format on

}  // namespace

void save_file(std::string_view file_name, std::string_view mime_type, std::string_view bytes) {
  const std::string name(file_name), mime(mime_type);
  js_save_file(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace pathways::download
