// Enrolment from a CSV file: dialects, the whole-file refusals, each row's verdict, and
// that importing twice enrols nobody twice.
#include <doctest/doctest.h>

#include <string>

#include "core/participant_import.h"
#include "fixture.h"

namespace pathways {
namespace {

using testing::admin;
using testing::now;

const char* header = "name,email,coach email,cohort\n";

std::vector<ImportRow> parse_ok(std::string_view bytes) {
  auto rows = parse_participants_csv(bytes);
  REQUIRE_MESSAGE(rows.ok(), (rows.ok() ? "" : rows.rejection().message));
  return rows.value();
}

std::string refusal_of(std::string_view bytes) {
  auto rows = parse_participants_csv(bytes);
  REQUIRE_FALSE(rows.ok());
  CHECK(rows.rejection().code == RejectCode::invalid_value);
  return rows.rejection().message;
}

NewId counter_ids() {
  return [n = 0](std::string_view prefix) mutable { return std::string(prefix) + "-t" + std::to_string(++n); };
}

ImportPreview preview_of(const testing::World& w, std::string_view csv) {
  return preview_import(w.state, parse_ok(csv), admin, now, counter_ids());
}

ImportVerdict only_verdict(const testing::World& w, const std::string& row) {
  const auto p = preview_of(w, std::string(header) + row + "\n");
  REQUIRE(p.verdicts.size() == 1);
  return p.verdicts[0].verdict;
}

// Applies the preview's ops in order, as the server will.
void apply_all(testing::World& w, const ImportPreview& p) {
  for (const OpBody& op : import_ops(p)) w.must(admin, op);
}

}  // namespace

// [SECTION] Dialects

TEST_CASE("Import CSV: a UTF-8 byte-order mark before the header is skipped") {
  const auto rows = parse_ok("\xEF\xBB\xBFname,email,coach email,cohort\nZoë Ng,zoe@x.test,coach1@example.test,c1\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].name == "Zoë Ng");
  CHECK(rows[0].cohort == "c1");
}

TEST_CASE("Import CSV: semicolon-separated files are read by their header") {
  const auto rows =
      parse_ok("name;email;coach email;cohort\n\"Smith, Jo\";jo@x.test;coach1@example.test;Spring cohort\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].name == "Smith, Jo");
  CHECK(rows[0].email == "jo@x.test");
  CHECK(rows[0].cohort == "Spring cohort");
}

TEST_CASE("Import CSV: quoted fields keep commas, doubled quotes and line breaks") {
  const auto rows = parse_ok(std::string(header) +
                             "\"Hart, \"\"Bo\"\"\",bo@x.test,coach1@example.test,c1\n"
                             "\"Two\nLines\",two@x.test,coach1@example.test,c1\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].name == "Hart, \"Bo\"");
  CHECK(rows[1].name == "Two\nLines");
  CHECK(rows[1].row == 3);
}

TEST_CASE("Import CSV: CRLF line ends, blank lines and columns in another order") {
  const auto rows =
      parse_ok("Cohort,Coach E-mail,E-mail,Name,Notes\r\n\r\nc1,coach1@example.test,a@x.test,Ann  ,x\r\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].name == "Ann");
  CHECK(rows[0].email == "a@x.test");
  CHECK(rows[0].coach_email == "coach1@example.test");
  CHECK(rows[0].cohort == "c1");
}

// [SECTION] Whole-file refusals: one sentence, no rows

TEST_CASE("Import CSV limits: empty, binary, wrong columns, unclosed quote") {
  CHECK(refusal_of("") == "The file is empty.");
  CHECK(refusal_of("\xEF\xBB\xBF \r\n") == "The file is empty.");
  CHECK(refusal_of(std::string("PK\x03\x04\0\0binary", 12)).find("not a CSV text file") != std::string::npos);
  CHECK(refusal_of("name,email\xFF\n").find("not a CSV text file") != std::string::npos);
  CHECK(refusal_of("first,last,mail\nA,B,c@x.test\n").find("must name the columns") != std::string::npos);
  CHECK(refusal_of(header).find("no participants") != std::string::npos);
  CHECK(refusal_of(std::string(header) + "\"Open,a@x.test,coach1@example.test,c1\n").find("not closed") !=
        std::string::npos);
  CHECK(refusal_of(std::string(header) + "A,a@x.test,c@x.test,c1\nLi \"Lucky\" Wei,l@x.test,c@x.test,c1\n")
            .find("not well-formed after row 2") != std::string::npos);
}

TEST_CASE("Import CSV limits: more rows than the limit are refused before the end of the file") {
  std::string csv = header;
  for (std::size_t i = 0; i < max_import_rows + 1; ++i) csv += "P,p" + std::to_string(i) + "@x.test,c@x.test,c1\n";
  CHECK(refusal_of(csv).find("more than 50,000 participants") != std::string::npos);
  // Exactly the limit is taken.
  csv.erase(csv.rfind("P,p"));
  CHECK(parse_ok(csv).size() == max_import_rows);
}

TEST_CASE("Import CSV limits: a file over 10 MB is refused unread") {
  const std::string big(max_import_bytes + 1, 'a');
  CHECK(refusal_of(big).find("at most 10,485,760 bytes") != std::string::npos);
}

// [SECTION] Verdicts

TEST_CASE("Import verdict ok: a new participant is created and enrolled with the coach and cohort named") {
  auto w = testing::make_world();
  const auto p = preview_of(w, std::string(header) + "Dana Diaz,dana@x.test,coach2@example.test,Spring cohort\n");
  REQUIRE(p.verdicts.size() == 1);
  CHECK(p.verdicts[0].verdict == ImportVerdict::ok);
  CHECK(p.verdicts[0].new_user);
  CHECK(p.to_enrol == 1);
  CHECK(p.refused == 0);
  apply_all(w, p);
  const User* dana = w.state.user_by_email_address("DANA@x.test");
  REQUIRE(dana != nullptr);
  CHECK(dana->role == Role::participant);
  const auto& pathways = w.state.ids(w.state.pathways_by_participant, dana->id);
  REQUIRE(pathways.size() == 1);
  CHECK(w.state.pathway(pathways[0])->cohort == "c1");
  CHECK(w.state.pathway(pathways[0])->coach == "coach2");
}

TEST_CASE("Import verdict ok: an existing participant's e-mail enrols that user, with no second user") {
  auto w = testing::make_world();
  const std::size_t users = w.state.users.size();
  const auto p = preview_of(w, std::string(header) + "Alice A.,ALICE@example.test,coach1@example.test,c2\n");
  CHECK(p.verdicts[0].verdict == ImportVerdict::ok);
  CHECK_FALSE(p.verdicts[0].new_user);
  apply_all(w, p);
  CHECK(w.state.users.size() == users);
  CHECK(w.state.ids(w.state.pathways_by_participant, "alice").size() == 2);
}

TEST_CASE("Import verdicts: each refusal names its reason") {
  auto w = testing::make_world();
  const std::string coach = "coach1@example.test";
  CHECK(only_verdict(w, "," + std::string("n@x.test,") + coach + ",c1") == ImportVerdict::missing_name);
  CHECK(only_verdict(w, "Nia,," + coach + ",c1") == ImportVerdict::missing_email);
  CHECK(only_verdict(w, "Nia,not-an-address," + coach + ",c1") == ImportVerdict::invalid_email);
  CHECK(only_verdict(w, "Nia,n@x.test,nobody@x.test,c1") == ImportVerdict::unknown_coach);
  CHECK(only_verdict(w, "Nia,n@x.test,alice@example.test,c1") == ImportVerdict::unknown_coach);
  CHECK(only_verdict(w, "Nia,n@x.test," + coach + ",Winter cohort") == ImportVerdict::unknown_cohort);
  CHECK(only_verdict(w, "Cora,coach2@example.test," + coach + ",c1") == ImportVerdict::not_a_participant);
  CHECK(only_verdict(w, "Alice,alice@example.test," + coach + ",c1") == ImportVerdict::already_enrolled);
  w.must(admin, ArchiveCohort{"c2"});
  CHECK(only_verdict(w, "Nia,n@x.test," + coach + ",Autumn cohort") == ImportVerdict::archived_cohort);
}

TEST_CASE("Import verdict duplicate_email: the second row with an e-mail is refused, the first kept") {
  auto w = testing::make_world();
  const auto p = preview_of(w, std::string(header) +
                                   "Nia,nia@x.test,coach1@example.test,c1\n"
                                   "Nia Again,NIA@x.test,coach1@example.test,c2\n");
  CHECK(p.verdicts[0].verdict == ImportVerdict::ok);
  CHECK(p.verdicts[1].verdict == ImportVerdict::duplicate_email);
  CHECK(p.verdicts[1].sentence.find("row 2") != std::string::npos);
}

TEST_CASE("Import verdict name_too_long: 200 characters are taken, 201 are not, counted in characters") {
  auto w = testing::make_world();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "é";  // 400 bytes, 200 characters
  CHECK(only_verdict(w, name + ",long@x.test,coach1@example.test,c1") == ImportVerdict::ok);
  CHECK(only_verdict(w, name + "é,long@x.test,coach1@example.test,c1") == ImportVerdict::name_too_long);
  // The same name travels: the op codec's limit is in characters too.
  CreateUser u;
  u.user = "u1";
  u.name.value = name;
  u.email.value = "long@x.test";
  CHECK(decode_op(encode_op_text(Op{1, now, u})).ok());
}

TEST_CASE("Import verdicts: a name on two lines is refused with the core's sentence") {
  auto w = testing::make_world();
  const auto p = preview_of(w, std::string(header) + "\"Two\nLines\",two@x.test,coach1@example.test,c1\n");
  CHECK(p.verdicts[0].verdict == ImportVerdict::refused);
  CHECK(p.verdicts[0].sentence.find("one line") != std::string::npos);
}

TEST_CASE("Import verdicts: names with emoji, accents and quotes pass through unchanged") {
  auto w = testing::make_world();
  const auto p = preview_of(w, std::string(header) + "\"Zoë \"\"Zed\"\" 🚀\",zoe@x.test,coach1@example.test,c1\n");
  REQUIRE(p.verdicts[0].verdict == ImportVerdict::ok);
  apply_all(w, p);
  CHECK(w.state.user_by_email_address("zoe@x.test")->name == "Zoë \"Zed\" 🚀");
}

TEST_CASE("Import idempotence: importing the same file twice enrols nobody twice") {
  auto w = testing::make_world();
  const std::string csv = std::string(header) +
                          "Nia,nia@x.test,coach1@example.test,c1\n"
                          "Omar,omar@x.test,coach2@example.test,Autumn cohort\n"
                          "Alice,alice@example.test,coach1@example.test,c2\n";
  const auto first = preview_of(w, csv);
  CHECK(first.to_enrol == 3);
  apply_all(w, first);
  const std::size_t users = w.state.users.size(), pathways = w.state.pathways.size();
  const auto second = preview_of(w, csv);
  CHECK(second.to_enrol == 0);
  CHECK(second.refused == 3);
  for (const RowVerdict& v : second.verdicts) CHECK(v.verdict == ImportVerdict::already_enrolled);
  CHECK(import_ops(second).empty());
  CHECK(w.state.users.size() == users);
  CHECK(w.state.pathways.size() == pathways);
}

TEST_CASE("Import verdicts: only admins enrol; the core's sentence is the row's reason") {
  auto w = testing::make_world();
  const auto p = preview_import(w.state, parse_ok(std::string(header) + "Nia,nia@x.test,coach1@example.test,c1\n"),
                                testing::coach, now, counter_ids());
  CHECK(p.verdicts[0].verdict == ImportVerdict::refused);
  CHECK_FALSE(p.verdicts[0].sentence.empty());
  CHECK(import_ops(p).empty());
}

TEST_CASE("Import ops: a good row gives create_user then enrol_participant; refused rows give none") {
  auto w = testing::make_world();
  const auto p = preview_of(w, std::string(header) +
                                   "Nia,nia@x.test,coach1@example.test,c1\n"
                                   "Bad,bad@x.test,nobody@x.test,c1\n"
                                   "Bob,bob@example.test,coach1@example.test,c2\n");
  const auto ops = import_ops(p);
  REQUIRE(ops.size() == 3);
  CHECK(std::holds_alternative<CreateUser>(ops[0]));
  CHECK(std::holds_alternative<EnrolParticipant>(ops[1]));
  CHECK(std::get<EnrolParticipant>(ops[1]).participant == std::get<CreateUser>(ops[0]).user);
  CHECK(std::get<EnrolParticipant>(ops[2]).participant == "bob");
}

TEST_CASE("Import in slices: judged a few rows at a time, the verdicts and ops are preview_import's") {
  auto w = testing::make_world();
  const std::string csv = std::string(header) +
                          "Nia,nia@x.test,coach1@example.test,c1\n"
                          "Bad,bad@x.test,nobody@x.test,c1\n"
                          "Nia Again,NIA@x.test,coach1@example.test,c2\n"
                          "Alice,alice@example.test,coach1@example.test,c1\n"
                          "Omar,omar@x.test,coach2@example.test,Autumn cohort\n";
  const auto whole = preview_of(w, csv);
  ImportPreviewer previewer(w.state, parse_ok(csv), admin, now, counter_ids());
  CHECK(previewer.total() == 5);
  CHECK_FALSE(previewer.judge_next(2));
  CHECK(previewer.judged() == 2);
  // The caller's state may change between slices: the previewer judges its own copy.
  w.must(admin, ArchiveCohort{"c2"});
  CHECK_FALSE(previewer.judge_next(2));
  CHECK(previewer.judge_next(2));
  CHECK(previewer.done());
  const auto sliced = previewer.take();
  REQUIRE(sliced.verdicts.size() == whole.verdicts.size());
  for (std::size_t i = 0; i < whole.verdicts.size(); ++i) {
    CHECK(sliced.verdicts[i].verdict == whole.verdicts[i].verdict);
    CHECK(sliced.verdicts[i].sentence == whole.verdicts[i].sentence);
  }
  CHECK(sliced.to_enrol == whole.to_enrol);
  CHECK(sliced.refused == whole.refused);
  CHECK(import_ops(sliced).size() == import_ops(whole).size());
  CHECK(whole.to_enrol == 2);  // Nia and Omar; the others are refused for their reasons
}

}  // namespace pathways
