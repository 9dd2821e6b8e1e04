// http.h natively: cpp-httplib's client, to the simulated tab's server (native_tab.h). The
// request is made when the tab's event loop reaches it and the callback runs right after,
// so replies arrive between other events, as fetch() replies do in the browser.
#include <httplib.h>

#include "core/protocol.h"
#include "shell/http.h"
#include "shell/native_tab.h"
#include "shell/render_loop.h"

namespace pathways::http {
namespace {

void send(std::string method, std::string_view url, std::string body, std::string_view token, Callback callback) {
  native_tab::Tab& tab = native_tab::current();
  tab.post([&tab, method = std::move(method), target = std::string(url), body = std::move(body),
            token = std::string(token), callback = std::move(callback)] {
    const std::string version = std::to_string(protocol::version);
    if (!tab.online()) {  // as fetch() without a network: no answer
      tab.record({method, target, version, 0});
      callback(Response{});
      return;
    }
    httplib::Headers headers{{"Accept", "application/json"}, {std::string(protocol::version_header), version}};
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Client client(tab.host(), tab.port());
    client.set_connection_timeout(2);
    client.set_read_timeout(timeout_ms / 1000);
    httplib::Result result = method == "GET"   ? client.Get(target.c_str(), headers)
                             : method == "PUT" ? client.Put(target.c_str(), headers, body, "application/json")
                                               : client.Post(target.c_str(), headers, body, "application/json");
    Response response;
    if (result) response = {result->status, result->body};
    tab.record({method, target, version, response.status});
    callback(response);
    render_loop::wake();
  });
}

}  // namespace

void get(std::string_view url, std::string_view token, Callback callback) {
  send("GET", url, {}, token, std::move(callback));
}

void post_json(std::string_view url, std::string_view json_body, std::string_view token, Callback callback) {
  send("POST", url, std::string(json_body), token, std::move(callback));
}

void put_json(std::string_view url, std::string_view json_body, std::string_view token, Callback callback) {
  send("PUT", url, std::string(json_body), token, std::move(callback));
}

}  // namespace pathways::http
