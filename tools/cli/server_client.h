// The `pathways` tool's conversation with a Pathways server, through the sync protocol
// (core/protocol.h) over cpp-httplib's client: sign in, pull everything the user may see,
// push ops. Every failure is a sentence for the person at the terminal.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/ops.h"
#include "core/protocol.h"
#include "core/rejection.h"
#include "core/state.h"

namespace httplib {
class Client;
}

namespace pathways::cli {

// `digits` random hexadecimal digits (std::random_device): client ids and new entity ids.
std::string random_hex(std::size_t digits);

// A failure of the conversation (not of an op): unreachable, refused sign-in, a reply not
// understood.
struct Failure {
  std::string sentence;
};

template <class T>
using Outcome = std::variant<T, Failure>;

struct Pulled {
  State state;
  Time server_time{};  // the server's clock: ops are stamped with it, not this machine's
};

class ServerClient {
 public:
  // `url`: "http://host:port" (https when cpp-httplib has TLS).
  explicit ServerClient(const std::string& url);
  ~ServerClient();

  // POST login; on success later requests carry the token.
  Outcome<User> sign_in(const std::string& email, const std::string& password);
  // GET pull since 0 for a fresh client id: the whole state this user may see.
  Outcome<Pulled> pull();
  // POST push, max_ops_per_push at a time, numbering the ops 1, 2, ... for this client id;
  // one verdict per op, in order. Stops at the first request that fails.
  Outcome<std::vector<protocol::OpResult>> push(const std::vector<OpBody>& ops, Time at);
  // GET `target` (a path with its query), writing a 200 reply's body to `out` as it arrives,
  // byte for byte; the bytes written. Any other status is a Failure with the server's
  // sentence, and nothing is written.
  Outcome<std::size_t> download(const std::string& target, std::ostream& out);

 private:
  std::unique_ptr<httplib::Client> http_;
  std::string token_;
  std::string client_id_;
};

}  // namespace pathways::cli
