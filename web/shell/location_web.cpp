// location.h on window.location and history.replaceState.
#include <emscripten/emscripten.h>

#include <cstdlib>

#include "shell/location.h"

namespace pathways::location {
namespace {

// clang-format off
EM_JS(char*, js_origin, (), {
  var out = String(window.location.origin); var size = lengthBytesUTF8(out) + 1; var buffer = _malloc(size); stringToUTF8(out, buffer, size); return buffer;
});

EM_JS(char*, js_take_value, (const char* key_text), {
  var key = UTF8ToString(key_text);
  var found = "";
  var strip = function(part, mark) {
    if (!part || part.charAt(0) !== mark) return part;
    var kept = [];
    part.substring(1).split('&').forEach(function(item) {
      if (item.indexOf(key) === 0) found = decodeURIComponent(item.substring(key.length));
      else if (item) kept.push(item);
    });
    return kept.length ? mark + kept.join('&') : "";
  };
  var hash = strip(window.location.hash, '#');
  var search = strip(window.location.search, '?');
  if (found) {
    try { history.replaceState(null, "", window.location.pathname + search + hash); } catch (e) {}
  }
  var out = String(found); var size = lengthBytesUTF8(out) + 1; var buffer = _malloc(size); stringToUTF8(out, buffer, size); return buffer;
});
// clang-format on

std::string take(char* text) {
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

}  // namespace

std::string origin() { return take(js_origin()); }

std::string take_value(std::string_view key) { return take(js_take_value(std::string(key).c_str())); }

}  // namespace pathways::location
