// People set-up (companies, projects, users): admin only; names required, one line, at most
// 200 characters counted in characters; e-mail well-formed and unique whatever its case; a
// programme lead's companies exist; deactivation is a flag an admin sets on others only and
// that snapshots keep (old snapshots without it load as active).
#include <string>

#include "core/snapshot.h"
#include "core/text_rules.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

CreateUser new_user(const std::string& id, const std::string& name, const std::string& email, Role role = Role::coach) {
  CreateUser u;
  u.user = id;
  u.name.value = name;
  u.email.value = email;
  u.role = role;
  return u;
}

UpdateUser edit(const std::string& id) {
  UpdateUser u;
  u.user = id;
  return u;
}

std::string repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("people admin only: only an admin creates and edits users") {
  World w = make_world();
  CHECK(w.run(coach, new_user("u1", "New Coach", "new@example.test")) == "forbidden");
  CHECK(w.run(lead, new_user("u1", "New Coach", "new@example.test")) == "forbidden");
  CHECK(w.run(alice, new_user("u1", "New Coach", "new@example.test")) == "forbidden");
  UpdateUser rename = edit("alice");
  rename.name = Name{"Mallory"};
  CHECK(w.run(coach, rename) == "forbidden");
  UpdateUser off = edit("coach2");
  off.deactivated = true;
  CHECK(w.run(coach, off) == "forbidden");
  CHECK(w.run(lead, off) == "forbidden");
  CHECK_FALSE(w.state.user("coach2")->deactivated);
  CHECK(w.run(admin, new_user("u1", "New Coach", "new@example.test")) == "applied");
}

TEST_CASE("people name length: names are counted in characters, at most 200") {
  World w = make_world();
  // 200 characters of two bytes each (400 bytes) is a valid name; 201 is not.
  const std::string e_acute = "\xC3\xA9";
  CHECK(character_count(repeat(e_acute, 200)) == 200);
  CHECK(w.run(admin, new_user("u1", repeat(e_acute, 200), "u1@example.test")) == "applied");
  CHECK(w.run(admin, new_user("u2", repeat(e_acute, 201), "u2@example.test")) == "invalid_value");
  // An emoji is one character (four bytes).
  const std::string smile = "\xF0\x9F\x98\x80";
  CHECK(w.run(admin, new_user("u3", repeat(smile, 200), "u3@example.test")) == "applied");
  CHECK(w.run(admin, CreateCompany{"big", {repeat("x", 201)}}) == "invalid_value");
  CHECK(w.run(admin, CreateCompany{"big", {repeat("x", 200)}}) == "applied");
  UpdateUser longer = edit("alice");
  longer.name = Name{repeat("a", 201)};
  auto refused = apply(w.state, longer, admin, now);
  REQUIRE_FALSE(refused);
  CHECK(refused.rejection().message == "A name is at most 200 characters; this one has 201.");
}

TEST_CASE("people name required: empty, blank or multi-line names are refused") {
  World w = make_world();
  CHECK(w.run(admin, new_user("u1", "", "u1@example.test")) == "invalid_value");
  CHECK(w.run(admin, new_user("u1", "   ", "u1@example.test")) == "invalid_value");
  CHECK(w.run(admin, new_user("u1", "Two\nlines", "u1@example.test")) == "invalid_value");
  CHECK(w.run(admin, CreateCompany{"co", {""}}) == "invalid_value");
  CHECK(w.run(admin, UpdateProject{"acme-2026", Name{""}, std::nullopt}) == "invalid_value");
  // Quotes and emoji are fine.
  CHECK(w.run(admin, new_user("u1", "Zo\xC3\xAB \"Z\" O'Neil \xF0\x9F\x8C\xB1", "u1@example.test")) == "applied");
}

TEST_CASE("people email form: e-mail addresses must be well-formed") {
  World w = make_world();
  for (const char* bad : {"", "plain", "@example.test", "a@", "a@@example.test", "a@b@example.test", "a b@example.test",
                          "a@example", "a@.example.test", "a@example.test.", "a@example..test", "a.@example.test",
                          "<a@example.test>", "\"a\"@example.test", "a@example.test\n"}) {
    CAPTURE(bad);
    CHECK(w.run(admin, new_user("u1", "U", bad)) == "invalid_value");
  }
  UpdateUser bad = edit("alice");
  bad.email = Name{"alice at example"};
  CHECK(w.run(admin, bad) == "invalid_value");
  CHECK(w.run(admin, new_user("u1", "U", "first.last+tag@mail.example.test")) == "applied");
}

TEST_CASE("people email unique: one user per e-mail, whatever its case") {
  World w = make_world();
  CHECK(w.run(admin, new_user("u1", "U", "ALICE@Example.Test")) == "already_exists");
  UpdateUser clash = edit("bob");
  clash.email = Name{"Alice@example.test"};
  CHECK(w.run(admin, clash) == "already_exists");
  // A user may change the case of their own address.
  UpdateUser own = edit("alice");
  own.email = Name{"Alice@Example.test"};
  CHECK(w.run(admin, own) == "applied");
  CHECK(w.state.user("alice")->email == "Alice@Example.test");
}

TEST_CASE("people lead companies: a programme lead's companies must exist") {
  World w = make_world();
  CreateUser l = new_user("l2", "Lee Lead", "l2@example.test", Role::program_lead);
  l.companies = std::vector<Id>{"acme", "initech"};
  CHECK(w.run(admin, l) == "not_found");
  l.companies = std::vector<Id>{"acme", "globex"};
  CHECK(w.run(admin, l) == "applied");
  UpdateUser move = edit("lead1");
  move.companies = std::vector<Id>{"nowhere"};
  CHECK(w.run(admin, move) == "not_found");
  move.companies = std::vector<Id>{"globex"};
  CHECK(w.run(admin, move) == "applied");
  CHECK(w.state.user("lead1")->companies == std::vector<Id>{"globex"});
}

TEST_CASE("people self deactivation: an admin deactivates others, never themselves") {
  World w = make_world();
  UpdateUser self = edit("admin");
  self.deactivated = true;
  auto refused = apply(w.state, self, admin, now);
  REQUIRE_FALSE(refused);
  CHECK(refused.rejection().code == RejectCode::forbidden);
  CHECK_FALSE(w.state.user("admin")->deactivated);

  UpdateUser off = edit("coach1");
  off.deactivated = true;
  CHECK(w.run(admin, off) == "applied");
  CHECK(w.state.user("coach1")->deactivated);
  UpdateUser on = edit("coach1");
  on.deactivated = false;
  CHECK(w.run(admin, on) == "applied");
  CHECK_FALSE(w.state.user("coach1")->deactivated);
}

TEST_CASE("people deactivation: snapshots keep the flag; older snapshots load as active") {
  World w = make_world();
  UpdateUser off = edit("coach2");
  off.deactivated = true;
  w.must(admin, off);
  const std::string text = save_snapshot(w.state);
  auto loaded = load_snapshot(text);
  REQUIRE(loaded);
  CHECK(loaded->user("coach2")->deactivated);
  CHECK_FALSE(loaded->user("coach1")->deactivated);

  // A snapshot written before the flag existed has no "deactivated" member at all.
  std::string old = text;
  for (std::size_t at; (at = old.find("\"deactivated\":true,")) != std::string::npos;)
    old.erase(at, std::string("\"deactivated\":true,").size());
  for (std::size_t at; (at = old.find("\"deactivated\":false,")) != std::string::npos;)
    old.erase(at, std::string("\"deactivated\":false,").size());
  REQUIRE(old.find("deactivated") == std::string::npos);
  auto before = load_snapshot(old);
  REQUIRE(before);
  CHECK_FALSE(before->user("coach2")->deactivated);
  CHECK(before->user("coach2")->name == "Colin Coach");
}

TEST_CASE("R17 people: without zone rules (the browser's prediction) a user's zone is judged by its form") {
  World w = make_world();
  UpdateUser op = edit("alice");
  op.time_zone = "America/Argentina/Buenos_Aires";
  CHECK(w.run(admin, op) == "applied");  // World::run has no zone lookup
  CHECK(w.state.user("alice")->time_zone == "America/Argentina/Buenos_Aires");
  for (const char* bad : {"Europe/", "/London", "Europe London", "Europe//London", "Zo\xC3\xAB/Place"}) {
    CAPTURE(bad);
    op.time_zone = bad;
    CHECK(w.run(admin, op) == "unknown_time_zone");
  }
  CreateUser u = new_user("u1", "U", "u1@example.test");
  u.time_zone = "Not a zone";
  CHECK(w.run(admin, u) == "unknown_time_zone");
}

TEST_CASE("R17 own zone: everyone sets their own time zone, and nothing else of anyone's record") {
  World w = make_world();
  UpdateUser mine = edit("alice");
  mine.time_zone = "Asia/Tokyo";
  CHECK(w.run(alice, mine) == "applied");
  CHECK(w.state.user("alice")->time_zone == "Asia/Tokyo");
  UpdateUser coach_zone = edit("coach1");
  coach_zone.time_zone = "Europe/London";
  CHECK(w.run(coach, coach_zone) == "applied");
  CHECK(w.state.user("coach1")->time_zone == "Europe/London");
  // Someone else's zone, or another field of one's own, stays an admin's.
  UpdateUser theirs = edit("coach1");
  theirs.time_zone = "Asia/Tokyo";
  CHECK(w.run(alice, theirs) == "forbidden");
  UpdateUser zone_and_name = edit("alice");
  zone_and_name.time_zone = "Europe/Paris";
  zone_and_name.name = Name{"Mallory"};
  CHECK(w.run(alice, zone_and_name) == "forbidden");
  UpdateUser reactivate = edit("alice");
  reactivate.time_zone = "Europe/Paris";
  reactivate.deactivated = false;
  CHECK(w.run(alice, reactivate) == "forbidden");
  CHECK(w.state.user("alice")->time_zone == "Asia/Tokyo");
  CHECK(w.state.user("alice")->name != "Mallory");
  // The zone is still judged: a malformed name is refused for its owner too.
  mine.time_zone = "Not a zone";
  CHECK(w.run(alice, mine) == "unknown_time_zone");
}

TEST_CASE("people role: an admin changes another user's role; a new role is kept") {
  World w = make_world();
  w.must(admin, new_user("u1", "Nina New", "nina@example.test", Role::coach));
  UpdateUser op = edit("u1");
  op.role = Role::program_lead;
  CHECK(w.run(coach, op) == "forbidden");
  CHECK(w.state.user("u1")->role == Role::coach);
  CHECK(w.run(admin, op) == "applied");
  CHECK(w.state.user("u1")->role == Role::program_lead);
  op.role = Role::participant;
  CHECK(w.run(admin, op) == "applied");
  CHECK(w.state.user("u1")->role == Role::participant);
  // The same role again is no change, and no refusal.
  CHECK(w.run(admin, op) == "applied");
}

TEST_CASE("people own role: an admin cannot change their own role, so the last admin is never locked out") {
  World w = make_world();
  UpdateUser op = edit("admin");
  op.role = Role::coach;
  CHECK(w.run(admin, op) == "forbidden");
  CHECK(w.state.user("admin")->role == Role::admin);
}

TEST_CASE("people role obstacles: pathways, coached participants, slots and companies stand in the way, said") {
  World w = make_world();
  auto message = [&](const UpdateUser& op) {
    auto r = apply(w.state, op, admin, now);
    return r ? std::string() : r.rejection().message;
  };
  // A participant with a pathway cannot become staff.
  UpdateUser alice_staff = edit("alice");
  alice_staff.role = Role::coach;
  CHECK(w.run(admin, alice_staff) == "invalid_transition");
  CHECK(message(alice_staff) ==
        "Alice Archer is enrolled (1 pathway); a participant with a pathway cannot become a coach.");
  // A coach with participants (and slots) cannot become a participant.
  w.slot("sl-1", days(1));
  UpdateUser coach_part = edit("coach1");
  coach_part.role = Role::participant;
  CHECK(w.run(admin, coach_part) == "invalid_transition");
  CHECK(message(coach_part) ==
        "Cora Coach has 2 participants and 1 slot; give their participants another coach and remove their slots "
        "before making them a participant.");
  // Slots alone are enough.
  w.must(admin, new_user("c3", "Cleo Coach", "c3@example.test", Role::coach));
  w.slot("sl-3", days(1), "c3");
  UpdateUser c3 = edit("c3");
  c3.role = Role::participant;
  CHECK(message(c3) == "Cleo Coach has 1 slot; remove their slots before making them a participant.");
  w.must(admin, RemoveSlot{"sl-3"});
  CHECK(w.run(admin, c3) == "applied");
  // A programme lead with companies cannot become a participant (nor another role).
  UpdateUser lead_part = edit("lead1");
  lead_part.role = Role::participant;
  CHECK(w.run(admin, lead_part) == "invalid_transition");
  CHECK(message(lead_part) == "Lena Lead leads 1 company; remove the companies before making them a participant.");
  UpdateUser no_companies = edit("lead1");
  no_companies.companies = std::vector<Id>{};
  w.must(admin, no_companies);
  CHECK(w.run(admin, lead_part) == "applied");
  CHECK(w.state.user("lead1")->role == Role::participant);
}
