// file_picker.h in the browser: one hidden <input type=file>, kept in the page so tests can
// also hand it a file (Playwright's setInputFiles on #pathways-file-input).
#include <emscripten/emscripten.h>

#include <cstdint>
#include <string>

#include "shell/file_picker.h"

namespace pathways::file_picker {
namespace {

// clang-format off
EM_JS(void, js_file_picker_open, (const char* accept, double max_bytes), {
  var input = document.getElementById('pathways-file-input');
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.id = 'pathways-file-input';
    input.style.display = 'none';
    document.body.appendChild(input);
    input.addEventListener('change', function() {
      var file = input.files && input.files[0];
      if (!file) return;
      var limit = Number(input.dataset.maxBytes || 0);
      var send = function(bytes, error) {
        var nameSize = lengthBytesUTF8(file.name) + 1;
        var name = _malloc(nameSize);
        stringToUTF8(file.name, name, nameSize);
        var errorSize = lengthBytesUTF8(error) + 1;
        var message = _malloc(errorSize);
        stringToUTF8(error, message, errorSize);
        var length = bytes ? bytes.length : 0;
        var data = _malloc(Math.max(1, length));
        if (length) HEAPU8.set(bytes, data);
        _pathways_file_picked(name, file.size, data, length, bytes ? 0 : 1, message);
        _free(data);
        _free(message);
        _free(name);
        input.value = '';  // choosing the same file again fires 'change' again
      };
      if (limit && file.size > limit) { send(null, ''); return; }
      file.arrayBuffer().then(function(buffer) { send(new Uint8Array(buffer), ''); }, function(e) {
        send(new Uint8Array(0), 'The browser could not read the file: ' + (e && e.message ? e.message : e));
      });
    });
  }
  input.accept = UTF8ToString(accept);
  input.dataset.maxBytes = String(max_bytes);
  input.click();
});
// clang-format on

}  // namespace

void open(std::string_view accept, std::size_t max_bytes) {
  js_file_picker_open(std::string(accept).c_str(), static_cast<double>(max_bytes));
}

}  // namespace pathways::file_picker

extern "C" EMSCRIPTEN_KEEPALIVE void pathways_file_picked(const char* name, double size, const std::uint8_t* data,
                                                          int length, int too_large, const char* error) {
  pathways::file_picker::PickedFile file;
  file.name = name;
  file.size = static_cast<std::size_t>(size);
  file.too_large = too_large != 0;
  file.bytes.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  file.error = error;
  pathways::file_picker::deliver(std::move(file));
}
