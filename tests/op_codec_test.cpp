// The op wire format: strict decoding of untrusted input, and round trips.
#include "core/op_codec.h"

#include <nlohmann/json.hpp>

#include "fixture.h"

using namespace pathways;
using json = nlohmann::json;

namespace {
std::string code_of(std::string_view text) {
  auto r = decode_op(text);
  return r ? "ok" : std::string(to_string(r.rejection().code));
}
}  // namespace

TEST_CASE("op codec: every op round-trips through JSON unchanged") {
  const Time t = *parse_time("2026-11-22T10:00:00Z");
  std::vector<OpBody> bodies = {
      BookSession{"pa/s1", "slot-1"},
      CancelBooking{"pa/s1"},
      MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show},
      CorrectStatus{"pa/s1", SessionStatus::booked, std::nullopt},
      GreyOut{"pa/s2"},
      Ungrey{"pa/s2"},
      WaiveLateCancellation{"pa/s2"},
      AddNote{"pa/s1", "n-1", {"Line one\nline \"two\" ünïcode"}},
      AddSlot{"sl", "coach1", t, 45, 6, SessionKind::pod, 4, std::nullopt},
      RemoveSlot{"sl"},
      GrantSessions{"pa", "g", 2, {"PO-1"}, {"Because"}},
      CompletePathway{"pa"},
      ArchiveParticipant{"alice"},
      RestoreParticipant{"alice"},
      SendReminder{"alice", LongText{"Hi"}},
      Escalate{"alice", std::nullopt},
      CreateCompany{"acme", {"Acme"}},
      UpdateCompany{"acme", {"Acme plc"}},
      CreateProject{"p", "acme", {"P"}, Name{"PO"}},
      UpdateProject{"p", std::nullopt, Name{"PO-2"}},
      CreateUser{"u", {"U"}, {"u@x.test"}, Role::program_lead, std::vector<Id>{"acme"}, std::nullopt},
      UpdateUser{"u", Name{"V"}, std::nullopt, std::nullopt, std::nullopt, true, Role::coach},
      CreateJourney{"j", {"J"}, 3, false},
      AddPlaceholder{"j", "ph", {"Title"}, SessionKind::one_to_one, 60, 0},
      UpdatePlaceholder{"j", "ph", Name{"T2"}, 30, SessionKind::pod},
      MovePlaceholder{"j", "ph", 1},
      RetirePlaceholder{"j", "ph"},
      PublishJourney{"j"},
      CreateCohort{"c", {"C"}, "j", "p"},
      SetBlueprint{"c", "ph", false},
      EnrolParticipant{"pw", "u", "c", "coach1"},
      MoveParticipant{"pw", "c2"},
      ArchiveCohort{"c"},
      DiscardDraft{"j"},
      ResolveEscalation{"escalation:alice:1", LongText{"Booked at last"}},
      UpdateJourney{"j", Name{"J2"}, 4, false},
  };
  CHECK(bodies.size() == std::variant_size_v<OpBody>);
  std::int64_t seq = 1;
  for (const OpBody& body : bodies) {
    Op op{seq++, t, body};
    const std::string text = encode_op_text(op);
    CAPTURE(text);
    auto back = decode_op(text);
    REQUIRE(back);
    CHECK(back->seq == op.seq);
    CHECK(back->at == op.at);
    CHECK(back->type() == op.type());
    CHECK(encode_op_text(back.value()) == text);
  }
}

TEST_CASE("op codec: the wire names of DESIGN.md §5a") {
  auto op = decode_op(R"({"seq": 7, "at": "2026-11-22T10:00:00Z", "type": "mark_attendance",
                          "session": "pa/s1", "outcome": "missed", "reason": "no_show"})");
  REQUIRE(op);
  const auto& mark = std::get<MarkAttendance>(op->body);
  CHECK(mark.session == "pa/s1");
  CHECK(mark.outcome == Outcome::missed);
  CHECK(mark.reason == MissedReason::no_show);
  auto slot = decode_op(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"add_slot","slot":"s","coach":"c",
                            "start":"2026-11-23T10:00:00Z","duration_min":60,"capacity":1,"kind":"one_to_one","repeat_weeks":2})");
  REQUIRE(slot);
  CHECK(std::get<AddSlot>(slot->body).repeat_weeks == 2);
}

TEST_CASE("op codec: malformed input is a rejection with a stable code, never a crash") {
  CHECK(code_of("") == "malformed");
  CHECK(code_of("{") == "malformed");
  CHECK(code_of("[1,2]") == "malformed");
  CHECK(code_of("null") == "malformed");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z"})") == "missing_field");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":7})") == "wrong_type");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"drop_tables"})") == "unknown_op");
  CHECK(code_of(R"({"at":"2026-11-22T10:00:00Z","type":"grey_out","session":"a/b"})") == "missing_field");
  CHECK(code_of(R"({"seq":0,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":"a/b"})") == "invalid_value");
  CHECK(code_of(R"({"seq":1.5,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":"a/b"})") == "wrong_type");
  CHECK(code_of(R"({"seq":"1","at":"2026-11-22T10:00:00Z","type":"grey_out","session":"a/b"})") == "wrong_type");
  CHECK(code_of(R"({"seq":1,"at":"yesterday","type":"grey_out","session":"a/b"})") == "invalid_value");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out"})") == "missing_field");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":5})") == "wrong_type");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":"a/b","x":1})") == "unknown_field");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":""})") == "invalid_value");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":"a b"})") == "invalid_value");
  CHECK(
      code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"mark_attendance","session":"a/b","outcome":"maybe"})") ==
      "invalid_value");
  CHECK(
      code_of(
          R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"add_slot","slot":"s","coach":"c","start":"2026-11-23T10:00:00Z",
                   "duration_min":99999999999,"capacity":1,"kind":"pod"})") == "invalid_value");
  CHECK(code_of(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"create_company","company":"c","name":")" +
                std::string(801, 'x') + "\"}") == "invalid_value");
  CHECK(code_of(std::string(max_op_bytes + 1, ' ')) == "malformed");
  CHECK(code_of("{\"seq\":1,\"at\":\"2026-11-22T10:00:00Z\",\"type\":\"add_note\",\"session\":\"a/"
                "b\",\"note\":\"n\",\"text\":\"\xff\xfe\"}") == "malformed");
  // Deep nesting is refused by size or parsed without recursion trouble.
  CHECK(code_of(std::string(20000, '[') + std::string(20000, ']')) == "malformed");
  // Every message is a sentence for a person.
  auto r = decode_op(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out"})");
  REQUIRE_FALSE(r);
  CHECK(r.rejection().message == "Field \"session\" is required.");
}
