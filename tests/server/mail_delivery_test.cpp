// Mail for real (DESIGN.md §10): messages parsed back as a mail program would (Python's
// email package), invitations through libical, and delivery to a real SMTP server on
// loopback (Debian's python3-aiosmtpd) that accepts, answers 4xx, refuses with 5xx, drops
// the connection, or is down for a while.
#include <arpa/inet.h>
#include <fcntl.h>
#include <libical/ical.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "harness.h"
#include "server/mail_message.h"
#include "server/mail_pacing.h"
#include "server/mailer.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

const std::string tests_dir = PATHWAYS_TESTS_DIR;

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

std::vector<std::filesystem::path> eml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".eml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

// The loopback SMTP server of tests/server/smtp_sink.py, as a child process.
class SmtpSink {
 public:
  explicit SmtpSink(int port = free_port()) : port_(port) { start(); }
  ~SmtpSink() { stop(); }

  void start() {
    pid_ = fork();
    if (pid_ == 0) {
      const int null = open("/dev/null", O_RDWR);
      dup2(null, 0);
      dup2(null, 1);
      const std::string script = tests_dir + "/server/smtp_sink.py";
      const std::string port = std::to_string(port_);
      execl("/usr/bin/python3", "python3", script.c_str(), dir_.path().c_str(), port.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready when it accepts a connection (at most 10 s).
    for (int i = 0; i < 200; ++i) {
      const int fd = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(static_cast<std::uint16_t>(port_));
      const bool up = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
      close(fd);
      if (up) return;
      usleep(50000);
    }
    FAIL("the SMTP sink did not start (is python3-aiosmtpd installed?)");
  }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  void set_mode(const std::string& mode) { std::ofstream(dir_.path() / "mode") << mode; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Accepted messages, in order.
  std::vector<std::filesystem::path> messages() const {
    std::vector<std::filesystem::path> out;
    for (int n = 1; std::filesystem::exists(dir_.path() / (std::to_string(n) + ".eml")); ++n)
      out.push_back(dir_.path() / (std::to_string(n) + ".eml"));
    return out;
  }
  json envelope(const std::filesystem::path& eml) const {
    auto p = eml;
    return json::parse(slurp(p.replace_extension(".json")));
  }

 private:
  int port_;
  TempDir dir_;
  pid_t pid_ = -1;
};

// What Python's email package reads from a message (tests/server/parse_mail.py).
json parsed(const std::string& bytes) {
  TempDir dir;
  const auto file = dir.path() / "m.eml";
  std::ofstream(file, std::ios::binary) << bytes;
  const std::string command = "/usr/bin/python3 " + tests_dir + "/server/parse_mail.py " + file.string();
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  while (auto n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  REQUIRE(pclose(pipe) == 0);
  return json::parse(out);
}

const json* part_of(const json& mail, const std::string& type) {
  for (const auto& p : mail.at("parts"))
    if (p.at("type") == type) return &p;
  return nullptr;
}

// The one VEVENT of an iCalendar text, checked by libical; the property values a calendar reads.
struct IcsEvent {
  std::string method, uid, summary, organizer, attendee, status;
  int sequence = -1;
  long long start = 0, end = 0;
};
IcsEvent read_ics(const std::string& text) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  REQUIRE_MESSAGE(cal != nullptr, text);
  IcsEvent out;
  CHECK(icalcomponent_check_restrictions(cal) ==
        1);  // 1: within RFC 5546's restrictions (it adds X-LIC-ERROR otherwise)
  for (icalproperty* p = icalcomponent_get_first_property(cal, ICAL_ANY_PROPERTY); p;
       p = icalcomponent_get_next_property(cal, ICAL_ANY_PROPERTY))
    CHECK_MESSAGE(icalproperty_isa(p) != ICAL_XLICERROR_PROPERTY, icalproperty_as_ical_string(p));
  if (icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY))
    out.method = icalproperty_method_to_string(icalcomponent_get_method(cal));
  icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  REQUIRE(ev != nullptr);
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_ANY_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_ANY_PROPERTY))
    CHECK_MESSAGE(icalproperty_isa(p) != ICAL_XLICERROR_PROPERTY, icalproperty_as_ical_string(p));
  out.uid = icalcomponent_get_uid(ev);
  out.summary = icalcomponent_get_summary(ev);
  out.sequence = icalcomponent_get_sequence(ev);
  out.start = icaltime_as_timet(icalcomponent_get_dtstart(ev));
  out.end = icaltime_as_timet(icalcomponent_get_dtend(ev));
  if (auto* p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY))
    out.organizer = icalproperty_get_organizer(p);
  if (auto* p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY))
    out.attendee = icalproperty_get_attendee(p);
  out.status = icalproperty_status_to_string(icalcomponent_get_status(ev));
  icalcomponent_free(cal);
  return out;
}

// Alice books pa/s1 into a slot three days ahead; a minute later (past the pacing window)
// the confirmation is due.
void book(TestServer& s) {
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  REQUIRE(coach.run(add_slot("sl-1", s.now() + days(3))) == "applied");
  REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}) == "applied");
  s.set_now(s.now() + minutes(1));
}

// A booking, delivered, then its cancellation a minute later (each one message).
void book_and_cancel(TestServer& s) {
  book(s);
  CHECK(s.server().mailer().deliver_pending() == 1);
  SyncClient alice(s, s.login_as("alice"), "alice-laptop");
  REQUIRE(alice.run({{"type", "cancel_booking"}, {"session", "pa/s1"}}) == "applied");
  s.set_now(s.now() + minutes(1));
}

}  // namespace

TEST_CASE("mail: a message with a long non-Latin name, quotes, emoji and a line break is well formed") {
  server::MailContent c;
  c.from = {"Pathways", "no-reply@example.test"};
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "Ж";
  c.to = {long_name, "zhenya@example.test"};
  c.cc = {{"Zoë \"Z\" 😀, O'Hara", "zoe@example.test"}, {"Eve\r\nBcc: victim@example.test", "eve@example.test"}};
  c.reply_to = server::MailAddress{"Cora Coach", "coach1@example.test"};
  c.subject = "Booked: Kick-off 😀 " + long_name;
  c.date = default_now();
  c.message_id = "7.booking@example.test";
  c.text = "Hello,\n\nA line with ünïcode and a very long line " + std::string(1200, 'x') + "\nBye";
  c.html = "<p>Hello</p>";
  const std::string bytes = server::compose_message(c);
  CHECK(bytes.find("\r\nBcc:") == std::string::npos);
  const json m = parsed(bytes);
  CHECK(m.at("problems").empty());
  // RFC 2047 §6.2: the space between adjacent encoded words is not part of the name; Python's
  // address parser keeps it, so compare without spaces.
  std::string to = m.at("to");
  std::erase(to, ' ');
  CHECK(to.find(long_name) != std::string::npos);
  CHECK(m.at("cc").get<std::string>().find(R"("Zoë \"Z\" 😀, O'Hara" <zoe@example.test>)") != std::string::npos);
  CHECK(m.at("subject") == c.subject);
  CHECK(m.at("reply_to").get<std::string>().find("coach1@example.test") != std::string::npos);
  CHECK(m.at("message_id") == "<7.booking@example.test>");
  CHECK(m.at("date") == "Mon, 02 Nov 2026 09:00:00 +0000");
  const json* plain = part_of(m, "text/plain");
  REQUIRE(plain);
  CHECK(plain->at("content").get<std::string>().find(std::string(1200, 'x')) != std::string::npos);
  CHECK(part_of(m, "text/html") != nullptr);
}

TEST_CASE("mail: a booking confirmation carries a REQUEST invitation, a cancellation a CANCEL of the same UID") {
  TestServer s;
  make_small_world(s);
  // Alice reads times in Berlin (CET in November: UTC+1).
  const std::string admin = s.login("admin@localhost", test_password);
  SyncClient admin_client(s, admin, "admin-laptop");
  REQUIRE(admin_client.run({{"type", "update_user"}, {"user", "alice"}, {"time_zone", "Europe/Berlin"}}) == "applied");
  book_and_cancel(s);
  auto& mailer = s.server().mailer();
  CHECK(mailer.deliver_pending() == 1);
  const auto files = eml_files(s.server().options().outbox_dir);
  REQUIRE(files.size() == 2);
  const json booked = parsed(slurp(files[0]));
  const json cancelled = parsed(slurp(files[1]));
  CHECK(booked.at("problems").empty());
  CHECK(cancelled.at("problems").empty());
  CHECK(booked.at("template") == "booking_confirmation");
  CHECK(booked.at("from").get<std::string>().find("no-reply@pathways.invalid") != std::string::npos);
  CHECK(booked.at("reply_to").get<std::string>().find("coach1@example.test") != std::string::npos);
  // Thu 5 Nov 2026 09:00 UTC is 10:00 in Berlin, and the zone is named.
  const std::string text = part_of(booked, "text/plain")->at("content");
  CHECK(text.find("Thu 5 Nov 2026 10:00 CET (Europe/Berlin)") != std::string::npos);
  CHECK(booked.at("subject").get<std::string>().find("Kick-off") != std::string::npos);

  const json* request = part_of(booked, "text/calendar");
  REQUIRE(request);
  CHECK(request->at("method") == "REQUEST");
  const IcsEvent invite = read_ics(request->at("content"));
  CHECK(invite.method == "REQUEST");
  CHECK(invite.uid == "pa/s1@pathways");
  CHECK(invite.sequence == 0);
  CHECK(invite.start == unix_seconds(default_now() + days(3)));
  CHECK(invite.end == unix_seconds(default_now() + days(3) + hours(1)));
  CHECK(invite.organizer == "mailto:coach1@example.test");
  CHECK(invite.attendee == "mailto:alice@example.test");
  CHECK(invite.status == "CONFIRMED");

  const json* cancel = part_of(cancelled, "text/calendar");
  REQUIRE(cancel);
  CHECK(cancel->at("method") == "CANCEL");
  const IcsEvent withdrawn = read_ics(cancel->at("content"));
  CHECK(withdrawn.method == "CANCEL");
  CHECK(withdrawn.uid == invite.uid);
  CHECK(withdrawn.sequence > invite.sequence);
  CHECK(withdrawn.start == invite.start);
  CHECK(withdrawn.status == "CANCELLED");
  CHECK(part_of(cancelled, "text/plain")->at("content").get<std::string>().find("not billed") != std::string::npos);
}

TEST_CASE("mail: delivered by SMTP once, with the right envelope") {
  SmtpSink sink;
  TestServerOptions o;
  o.smtp = server::SmtpSettings{sink.url(), "", "", 20};
  TestServer s(o);
  make_small_world(s);
  book_and_cancel(s);
  CHECK(s.server().mailer().deliver_pending() == 1);
  CHECK(s.server().mailer().deliver_pending() == 0);
  const auto got = sink.messages();
  REQUIRE(got.size() == 2);
  const json envelope = sink.envelope(got[0]);
  CHECK(envelope.at("from") == "no-reply@pathways.invalid");
  CHECK(envelope.at("to") == json::array({"alice@example.test"}));
  const json m = parsed(slurp(got[0]));
  CHECK(m.at("problems").empty());
  CHECK(m.at("template") == "booking_confirmation");
  const auto status = s.server().mailer().status();
  CHECK(status.sent == 2);
  CHECK(status.queued == 0);
}

TEST_CASE("mail: a 4xx reply, a dropped connection or a server down is retried later and arrives once") {
  SmtpSink sink;
  TestServerOptions o;
  o.smtp = server::SmtpSettings{sink.url(), "", "", 20};
  TestServer s(o);
  make_small_world(s);
  book(s);
  auto& mailer = s.server().mailer();

  sink.set_mode("busy");
  CHECK(mailer.deliver_pending() == 1);
  auto st = mailer.status();
  CHECK(st.retrying == 1);
  REQUIRE(st.recent_failures.size() == 1);
  CHECK(st.recent_failures[0].reason.find("451") != std::string::npos);
  CHECK(mailer.deliver_pending() == 0);  // not due yet: the back-off holds it

  sink.set_mode("drop");
  s.set_now(s.now() + minutes(1));
  CHECK(mailer.deliver_pending() == 1);
  CHECK(mailer.status().retrying == 1);

  sink.stop();  // down for a while
  s.set_now(s.now() + minutes(5));
  CHECK(mailer.deliver_pending() == 1);
  CHECK(mailer.status().retrying == 1);
  CHECK(sink.messages().empty());

  sink.set_mode("ok");
  sink.start();
  s.set_now(s.now() + hours(1));
  CHECK(mailer.deliver_pending() == 1);
  CHECK(sink.messages().size() == 1);
  s.set_now(s.now() + hours(3));
  CHECK(mailer.deliver_pending() == 0);
  CHECK(sink.messages().size() == 1);
  st = mailer.status();
  CHECK(st.sent == 1);
  CHECK(st.retrying == 0);
}

TEST_CASE("mail: a 5xx refusal parks the message with its reason, shown to admins only") {
  SmtpSink sink;
  sink.set_mode("refuse");
  TestServerOptions o;
  o.smtp = server::SmtpSettings{sink.url(), "", "", 20};
  TestServer s(o);
  const std::string admin = make_small_world(s);
  book(s);
  CHECK(s.server().mailer().deliver_pending() == 1);
  s.set_now(s.now() + days(1));
  CHECK(s.server().mailer().deliver_pending() == 0);  // parked: never tried again
  const Reply status = s.get("/api/mail/status", admin);
  REQUIRE(status.status == 200);
  CHECK(status.body.at("parked") == 1);
  CHECK(status.body.at("sent") == 0);
  REQUIRE(status.body.at("parked_messages").size() == 1);
  CHECK(status.body.at("parked_messages")[0].at("reason").get<std::string>().find("550") != std::string::npos);
  CHECK(s.get("/api/mail/status", s.login_as("coach1")).status == 403);
  CHECK(s.get("/api/mail/status", s.login_as("alice")).status == 403);
  CHECK(sink.messages().empty());
}

TEST_CASE("mail: too many failed attempts park the message") {
  TestServerOptions o;
  o.smtp = server::SmtpSettings{"smtp://127.0.0.1:" + std::to_string(free_port()), "", "", 5};  // nobody listens
  o.mail_max_attempts = 3;
  TestServer s(o);
  make_small_world(s);
  book(s);
  for (int i = 0; i < 3; ++i) {
    CHECK(s.server().mailer().deliver_pending() == 1);
    s.set_now(s.now() + hours(3));
  }
  const auto st = s.server().mailer().status();
  CHECK(st.parked == 1);
  CHECK(st.retrying == 0);
  REQUIRE(st.recent_parked.size() == 1);
  CHECK(st.recent_parked[0].attempts == 3);
}

TEST_CASE("mail: templates a company edits replace the built-in ones; a broken one stops the start") {
  TempDir dir;
  std::ofstream(dir.path() / "booking_confirmation.txt")
      << "Subject: Rendez-vous : {{session}}\n\nBonjour {{recipient}}, à {{when}}.\n";
  TestServerOptions o;
  o.mail_templates = dir.path();
  TestServer s(o);
  make_small_world(s);
  book(s);
  CHECK(s.server().mailer().deliver_pending() == 1);
  const json m = parsed(slurp(eml_files(s.server().options().outbox_dir).at(0)));
  CHECK(m.at("subject") == "Rendez-vous : Kick-off");
  CHECK(part_of(m, "text/plain")->at("content").get<std::string>().find("Bonjour Alice Archer, à ") !=
        std::string::npos);

  std::ofstream(dir.path() / "cancellation.txt") << "no subject line\n\nbody\n";
  CHECK_THROWS_WITH_AS(server::load_mail_templates(dir.path()), doctest::Contains("cancellation.txt"),
                       std::runtime_error);
}

namespace {

server::storage::PendingMail pending(std::int64_t row, MailTemplate kind, const std::string& to,
                                     const std::string& trigger, Time at) {
  server::storage::PendingMail m;
  m.row = row;
  m.message.kind = kind;
  m.message.to = to;
  m.message.id = std::string(to_string(kind)) + ":" + trigger;
  m.message.at = at;
  return m;
}

}  // namespace

TEST_CASE("mail pacing: 250 book/cancel pairs within seconds send nothing; a lone change waits at most 10 s") {
  const Time t0 = default_now();
  std::vector<server::storage::PendingMail> due;
  for (int n = 1; n <= 250; ++n) {
    const std::string trigger = "pa/s1:" + std::to_string(n);
    due.push_back(pending(2 * n - 1, MailTemplate::booking_confirmation, "alice", trigger, t0 + Seconds{n}));
    due.push_back(pending(2 * n, MailTemplate::cancellation, "alice", trigger, t0 + Seconds{n}));
  }
  // A last booking that stands.
  due.push_back(pending(501, MailTemplate::booking_confirmation, "alice", "pa/s1:251", t0 + Seconds{251}));
  const server::PacingOptions options;
  auto early = server::pace(due, t0 + Seconds{252}, {}, options);
  CHECK(early.superseded.size() == 500);
  CHECK(early.send.empty());
  REQUIRE(early.hold.size() == 1);
  CHECK(early.hold[0].second == t0 + Seconds{261});  // 10 s after it was made, no later
  auto later = server::pace({due.back()}, t0 + Seconds{261}, {}, options);
  CHECK(later.send.size() == 1);
}

TEST_CASE("mail pacing: at most per_hour messages to one recipient; the rest wait, none are dropped") {
  const Time t0 = default_now();
  std::vector<server::storage::PendingMail> due;
  for (int n = 0; n < 300; ++n)
    due.push_back(pending(n + 1, MailTemplate::reminder, "alice", std::to_string(n), t0 - hours(1)));
  due.push_back(pending(301, MailTemplate::reminder, "bob", "b", t0 - hours(1)));
  server::PacingOptions options;
  options.per_hour = 20;
  auto first = server::pace(due, t0, {{"alice", 5}}, options);
  CHECK(first.send.size() == 16);  // 15 more for alice, and bob's
  CHECK(first.hold.size() == 285);
  CHECK(first.superseded.empty());
  for (const auto& [mail, until] : first.hold) CHECK(until > t0);
}

TEST_CASE("mail pacing: a booking cancelled within seconds sends nothing through the real mailer") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  REQUIRE(coach.run(add_slot("sl-1", s.now() + days(3))) == "applied");
  for (int i = 0; i < 5; ++i) {
    REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}) == "applied");
    REQUIRE(alice.run({{"type", "cancel_booking"}, {"session", "pa/s1"}}) == "applied");
  }
  s.set_now(s.now() + minutes(1));
  auto& mailer = s.server().mailer();
  CHECK(mailer.deliver_pending() == 10);
  CHECK(mailer.deliver_pending() == 0);
  CHECK(eml_files(s.server().options().outbox_dir).empty());
  const auto st = mailer.status();
  CHECK(st.superseded == 10);
  CHECK(st.sent == 0);
}

TEST_CASE("calendar feeds: a secret address per user, the same UID as bookings change, a new address stops the old") {
  TestServer s;
  make_small_world(s);
  const std::string coach_token = s.login_as("coach1");
  SyncClient coach(s, coach_token, "coach1-laptop");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  REQUIRE(coach.run(add_slot("sl-1", s.now() + days(3))) == "applied");
  REQUIRE(coach.run(add_slot("sl-2", s.now() + days(4))) == "applied");
  REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}) == "applied");

  const Reply made = s.post("/api/me/calendar-feed", json::object(), coach_token);
  REQUIRE(made.status == 200);
  const std::string path = made.body.at("path");
  CHECK(path.rfind("/calendar/", 0) == 0);
  const Reply first = s.get(path);
  REQUIRE(first.status == 200);
  const IcsEvent booked = read_ics(first.text);
  CHECK(booked.uid == "pa/s1@pathways");
  CHECK(booked.start == unix_seconds(s.now() + days(3)));

  // Rebooked to another slot: the same event, moved, with a higher sequence.
  REQUIRE(alice.run({{"type", "cancel_booking"}, {"session", "pa/s1"}}) == "applied");
  REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-2"}}) == "applied");
  const IcsEvent moved = read_ics(s.get(path).text);
  CHECK(moved.uid == booked.uid);
  CHECK(moved.sequence > booked.sequence);
  CHECK(moved.start == unix_seconds(s.now() + days(4)));

  // Alice's own feed has her session; a new address for the coach stops the old one.
  const Reply alices = s.post("/api/me/calendar-feed", json::object(), s.login_as("alice"));
  REQUIRE(alices.status == 200);
  CHECK(read_ics(s.get(alices.body.at("path")).text).uid == "pa/s1@pathways");
  const Reply renewed = s.post("/api/me/calendar-feed", json::object(), coach_token);
  REQUIRE(renewed.status == 200);
  CHECK(renewed.body.at("path") != path);
  CHECK(s.get(path).status == 404);
  CHECK(s.get(renewed.body.at("path")).status == 200);
  CHECK(s.get("/calendar/" + std::string(64, '0') + ".ics").status == 404);
  CHECK(s.post("/api/me/calendar-feed", json::object()).status == 401);
}
