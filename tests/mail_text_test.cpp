// The words of outbox messages: template files, fields for the recipient in their zone,
// the HTML alternative.
#include "core/mail_text.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// Europe/London around the October 2026 change: BST (+1) until 25 Oct 01:00 UTC, then GMT.
ZoneRules london() {
  ZoneRules z;
  z.name = "Europe/London";
  z.periods = {{at("2026-03-29T01:00:00Z"), 3600, "BST"}, {at("2026-10-25T01:00:00Z"), 0, "GMT"}};
  return z;
}

}  // namespace

TEST_CASE("Mail templates: subject line, blank line, body; fields replaced; bad files refused with a reason") {
  auto t = parse_mail_template("Subject: Booked: {{session}}\r\n\r\nHello {{recipient}},\r\nSee you {{when}}.\r\n");
  REQUIRE(t);
  CHECK(t->subject == "Booked: {{session}}");
  CHECK(t->body == "Hello {{recipient}},\nSee you {{when}}.\n");
  const std::map<std::string, std::string> fields{{"session", "Kick-off"}, {"recipient", "Zoë \"Z\" 😀"}};
  CHECK(render_mail_template(t->subject, fields) == "Booked: Kick-off");
  CHECK(render_mail_template("Hi {{ recipient }}, {{unknown}}{{when}}!", fields) == "Hi Zoë \"Z\" 😀, !");
  CHECK(render_mail_template("unclosed {{session", fields) == "unclosed {{session");
  // A byte-order mark from an editor is fine.
  CHECK(parse_mail_template("\xEF\xBB\xBFSubject: x\n\nbody"));

  auto no_subject = parse_mail_template("Hello\n\nbody");
  REQUIRE_FALSE(no_subject);
  CHECK(no_subject.rejection().message.find("Subject") != std::string::npos);
  CHECK_FALSE(parse_mail_template("Subject: x\nbody right away"));
  CHECK_FALSE(parse_mail_template("Subject: \n\nbody"));
  CHECK_FALSE(parse_mail_template("Subject: x\n\n\xFF\xFE"));
}

TEST_CASE(
    "Mail fields: the session's time in the recipient's zone, named; a cancellation keeps the time it cancelled") {
  World w = make_world();
  w.slot("a", days(2));  // Wed 4 Nov 2026 09:00 UTC = 09:00 GMT in London
  Applied booked = w.must(alice, BookSession{"pa/s1", "a"});
  REQUIRE(booked.mail.size() == 1);
  auto f = mail_fields(w.state, booked.mail[0], london());
  CHECK(f["recipient"] == "Alice Archer");
  CHECK(f["coach"] == "Cora Coach");
  CHECK(f["session"] == "Kick-off");
  CHECK(f["journey"] == "Leading teams");
  CHECK(f["company"] == "Acme Ltd");
  CHECK(f["when"] == "Wed 4 Nov 2026 09:00 GMT (Europe/London)");
  CHECK(describe_instant(london(), at("2026-10-20T09:00:00Z")) == "Tue 20 Oct 2026 10:00 BST (Europe/London)");
  CHECK(describe_instant(utc_zone(), at("2026-10-20T09:00:00Z")).find("09:00") != std::string::npos);

  Applied cancelled = w.must(alice, CancelBooking{"pa/s1"});
  REQUIRE(cancelled.mail.size() == 1);
  auto c = mail_fields(w.state, cancelled.mail[0], london());
  CHECK(c["when"] == "Wed 4 Nov 2026 09:00 GMT (Europe/London)");
  CHECK(c["billing"] == "This cancellation is not billed.");
}

TEST_CASE("Mail fields: a missed notice says whether it is billed (R15)") {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  Applied missed = w.must(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show});
  REQUIRE(missed.mail.size() == 1);
  auto f = mail_fields(w.state, missed.mail[0], utc_zone());
  CHECK(f["billing"].find("billed") != std::string::npos);
  CHECK(f["billing"].find("not billed") == std::string::npos);
  CHECK_FALSE(f["reason"].empty());
}

TEST_CASE("Mail HTML alternative: escaped, paragraphs, links") {
  const std::string html = text_to_html("Hello <Ann> & \"Bo\",\n\nBook at https://example.test/a?b=1&c=2 now.\nThanks");
  CHECK(html.find("Hello &lt;Ann&gt; &amp; &quot;Bo&quot;,</p>") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.test/a?b=1&amp;c=2\">https://example.test/a?b=1&amp;c=2</a>") !=
        std::string::npos);
  CHECK(html.find("now.<br>\nThanks") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}
