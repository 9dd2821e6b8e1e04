// The sync protocol's shapes (core/protocol.h): stable code names and statuses, the version
// check, and what each decoder accepts and refuses. The server and the client both rely on
// these; tests/sync checks them against the real server's bytes.
#include "core/protocol.h"

#include "fixture.h"

using namespace pathways;
using namespace pathways::protocol;
using json = nlohmann::json;

TEST_CASE("protocol: error codes keep their wire names and statuses") {
  const std::vector<std::tuple<ErrorCode, const char*, int>> expected = {
      {ErrorCode::bad_request, "bad_request", 400},
      {ErrorCode::unauthorized, "unauthorized", 401},
      {ErrorCode::forbidden, "forbidden", 403},
      {ErrorCode::not_found, "not_found", 404},
      {ErrorCode::too_large, "too_large", 413},
      {ErrorCode::rate_limited, "rate_limited", 429},
      {ErrorCode::seq_gap, "seq_gap", 409},
      {ErrorCode::client_taken, "client_taken", 403},
      {ErrorCode::update_needed, "update_needed", 426},
      {ErrorCode::unavailable, "unavailable", 503},
      {ErrorCode::time_out_of_range, "time_out_of_range", 400},
      {ErrorCode::internal, "internal", 500},
      {ErrorCode::link_not_valid, "link_not_valid", 410},
  };
  CHECK(expected.size() == EnumNames<ErrorCode>::names.size());
  for (const auto& [code, name, status] : expected) {
    CHECK(to_string(code) == name);
    CHECK(parse_enum<ErrorCode>(name) == code);
    CHECK(http_status(code) == status);
  }
}

TEST_CASE("protocol: a missing version header is the current version; an older one needs an update") {
  CHECK_FALSE(check_client_version(""));
  CHECK_FALSE(check_client_version(std::to_string(version)));
  CHECK(check_client_version("0")->code == ErrorCode::update_needed);
  CHECK(check_client_version(std::to_string(version), version + 1)->code == ErrorCode::update_needed);
  CHECK(check_client_version("v2")->code == ErrorCode::bad_request);
}

TEST_CASE("protocol: push requests and replies round-trip; ill-formed requests are refused") {
  PushRequest request{"abc-123", json::array({{{"seq", 1}, {"type", "grey_out"}}})};
  auto decoded = decode_push_request(json::parse(encode_push_request(request)));
  REQUIRE(decoded);
  CHECK(decoded->client_id == "abc-123");
  CHECK(decoded->ops == request.ops);

  CHECK_FALSE(decode_push_request(json{{"ops", json::array()}}));
  CHECK_FALSE(decode_push_request(json{{"client_id", "bad id"}, {"ops", json::array()}}));
  CHECK_FALSE(decode_push_request(json{{"client_id", "c"}, {"ops", json::array({{{"seq", 0}}})}}));
  json many = json::array();
  for (std::size_t i = 0; i <= max_ops_per_push; ++i) many.push_back({{"seq", i + 1}});
  CHECK(decode_push_request(json{{"client_id", "c"}, {"ops", many}}).error().code == ErrorCode::too_large);

  PushReply reply{{{1, true, {}, {}}, {2, false, "slot_taken", "Taken."}}, 9};
  auto back = decode_push_reply(encode_push_reply(reply));
  REQUIRE(back);
  CHECK(back->version == 9);
  REQUIRE(back->results.size() == 2);
  CHECK(back->results[0].applied);
  CHECK_FALSE(back->results[1].applied);
  CHECK(back->results[1].code == "slot_taken");
  CHECK_FALSE(decode_push_reply("not json"));
}

TEST_CASE("protocol: pull requests and replies") {
  const std::string id = "c1", since = "42";
  auto request = decode_pull_request(&id, &since);
  REQUIRE(request);
  CHECK(request->since == 42);
  CHECK(pull_target(request.value()) == "/api/sync/pull?client_id=c1&since=42");
  const std::string negative = "-1";
  CHECK_FALSE(decode_pull_request(&id, &negative));
  CHECK_FALSE(decode_pull_request(nullptr, &since));

  auto reply = decode_pull_reply(
      R"({"version":5,"reset":true,"last_seq":3,"server_time":"2026-11-02T09:00:00Z",)"
      R"("changes":[{"kind":"slot","id":"s","version":5,"deleted":false,"data":{"id":"s"}},)"
      R"({"kind":"gadget","id":"g","version":5,"deleted":true}],"rejections":[{"seq":2,"code":"forbidden","message":"No."}]})");
  REQUIRE(reply);
  CHECK(reply->version == 5);
  CHECK(reply->reset);
  CHECK(reply->last_seq == 3);
  CHECK(reply->server_time == parse_time("2026-11-02T09:00:00Z"));
  REQUIRE(reply->changes.size() == 2);
  CHECK(reply->changes[0].kind == EntityKind::slot);
  CHECK(reply->changes[0].data.at("id") == "s");
  CHECK_FALSE(reply->changes[1].kind);  // unknown to this build: kept, to be skipped
  REQUIRE(reply->rejections.size() == 1);
  CHECK(reply->rejections[0].code == "forbidden");
  CHECK_FALSE(decode_pull_reply(R"({"changes":[]})"));
}

TEST_CASE("protocol: login and error bodies") {
  auto login = decode_login_request(json::parse(encode_login_request({"a@b.test", "secret"})));
  REQUIRE(login);
  CHECK(login->email == "a@b.test");
  CHECK_FALSE(decode_login_request(json{{"email", "a@b.test"}}));
  CHECK_FALSE(decode_login_reply(R"({"token":"t"})"));

  auto error = decode_error(encode_error("seq_gap", "Send the missing ops first."));
  REQUIRE(error);
  CHECK(error->code == "seq_gap");
  CHECK(error->message == "Send the missing ops first.");
  CHECK_FALSE(decode_error("<html>"));
  CHECK(parse_request_body(std::string(100, '[')).error().code == ErrorCode::bad_request);
  CHECK_FALSE(parse_request_body("[]"));
}
