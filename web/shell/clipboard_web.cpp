// clipboard.h in the browser.
#include <emscripten/emscripten.h>

#include "imgui.h"
#include "shell/clipboard.h"
#include "shell/platform.h"

namespace pathways::clipboard {
namespace {

// clang-format off
EM_JS(void, js_clipboard_write, (const char* text), {
  var value = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(value).catch(function(e) { console.warn('Pathways: copy failed:', e); });
  }
});
// clang-format on

// clang-format off
EM_JS(void, js_clipboard_listen, (), {
  document.addEventListener('paste', function(event) {
    var text = event.clipboardData ? event.clipboardData.getData('text/plain') : "";
    if (!text) return;
    event.preventDefault();
    var size = lengthBytesUTF8(text) + 1;
    var buffer = _malloc(size);
    stringToUTF8(text, buffer, size);
    _pathways_clipboard_paste(buffer);
    _free(buffer);
  });
});
// clang-format on

void set_text(void*, const char* text) { js_clipboard_write(text); }

// ImGui asks for the clipboard on Ctrl+V; the text arrives by the paste event instead, so
// answer "nothing" rather than paste twice.
const char* get_text(void*) { return nullptr; }

}  // namespace

void install(ImGuiIO& io) {
  io.SetClipboardTextFn = set_text;
  io.GetClipboardTextFn = get_text;
  js_clipboard_listen();
}

}  // namespace pathways::clipboard

extern "C" EMSCRIPTEN_KEEPALIVE void pathways_clipboard_paste(const char* text) { pathways::platform::type_text(text); }
