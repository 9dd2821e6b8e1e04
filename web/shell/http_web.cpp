// http.h on the browser's fetch(), through a small JS bridge (smaller and simpler than
// emscripten_fetch, and fetch is what the service worker sees).
#include <emscripten/emscripten.h>

#include <string>
#include <unordered_map>

#include "core/protocol.h"
#include "shell/http.h"
#include "shell/render_loop.h"

namespace pathways::http {
namespace {

std::unordered_map<int, Callback> waiting;
int next_id = 1;

// Every request says which protocol it speaks (core/protocol.h); set once, before the first.
// clang-format off
EM_JS(void, js_set_protocol_header, (const char* name, const char* version), {
  Module['pathwaysProtocolHeader'] = [UTF8ToString(name), UTF8ToString(version)];
});
// clang-format on

// JavaScript bodies are fenced from clang-format, which would split === and respace regexes.
// clang-format off
EM_JS(void, js_fetch, (int id, const char* method, const char* url, const char* body, const char* token, int timeout),
{
  var headers = {'Accept': 'application/json'};
  var protocol = Module['pathwaysProtocolHeader'];
  headers[protocol[0]] = protocol[1];
  var text = body ? UTF8ToString(body) : null;
  if (text !== null) headers['Content-Type'] = 'application/json';
  var bearer = UTF8ToString(token);
  if (bearer) headers['Authorization'] = 'Bearer ' + bearer;
  var abort = new AbortController();
  var timer = setTimeout(function() { abort.abort(); }, timeout);
  fetch(UTF8ToString(url), {
    method: UTF8ToString(method), headers: headers, body: text, signal: abort.signal,
    cache: 'no-store', credentials: 'same-origin',
  })
    .then(function(response) { return response.text().then(function(reply) { return [response.status, reply]; }); })
    .catch(function() { return [0, ""]; })
    .then(function(result) {
      clearTimeout(timer);
      var size = lengthBytesUTF8(result[1]) + 1;
      var reply = _malloc(size);
      stringToUTF8(result[1], reply, size);
      _pathways_http_done(id, result[0], reply);
      _free(reply);
    });
});
// clang-format on

void send(const char* method, std::string_view url, const char* body, std::string_view token, Callback callback) {
  static const bool protocol_header_set = [] {
    js_set_protocol_header(std::string(protocol::version_header).c_str(), std::to_string(protocol::version).c_str());
    return true;
  }();
  (void)protocol_header_set;
  const int id = next_id++;
  waiting.emplace(id, std::move(callback));
  js_fetch(id, method, std::string(url).c_str(), body, std::string(token).c_str(), timeout_ms);
}

}  // namespace

void get(std::string_view url, std::string_view token, Callback callback) {
  send("GET", url, nullptr, token, std::move(callback));
}

void post_json(std::string_view url, std::string_view json_body, std::string_view token, Callback callback) {
  send("POST", url, std::string(json_body).c_str(), token, std::move(callback));
}

void put_json(std::string_view url, std::string_view json_body, std::string_view token, Callback callback) {
  send("PUT", url, std::string(json_body).c_str(), token, std::move(callback));
}

}  // namespace pathways::http

extern "C" EMSCRIPTEN_KEEPALIVE void pathways_http_done(int id, int status, const char* body) {
  using namespace pathways;
  auto it = http::waiting.find(id);
  if (it == http::waiting.end()) return;
  http::Callback callback = std::move(it->second);
  http::waiting.erase(it);
  callback(http::Response{status, body});
  render_loop::wake();
}
