#include "bench_dataset.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "core/state.h"
#include "server/secrets.h"
#include "server/storage/credential_store.h"
#include "server/storage/database.h"
#include "server/storage/entity_store.h"

namespace pathways::bench {

namespace sql = server::sql;
namespace storage = server::storage;

std::string coach_id(int coach) { return "coach" + std::to_string(coach); }
std::string participant_id(int coach, int index) { return "p" + std::to_string(coach) + "-" + std::to_string(index); }
std::string pod_session_id(int coach, int index, int pod) {
  return "pw-" + participant_id(coach, index) + "/p" + std::to_string(pod);
}

namespace {

constexpr int pods = 4;
constexpr int pod_capacity = 200;

// Writes each change at version 1 and keeps `state` in step (derived columns read it).
class Writer {
 public:
  explicit Writer(sql::Connection& db) : db_(db) {}
  void put(Entity e) {
    Change c{std::move(e), false};
    state_.commit(c);
    storage::write_entity(db_, state_, c, 1, nullptr);
  }

 private:
  sql::Connection& db_;
  State state_;
};

}  // namespace

void write_dataset(const std::string& path, const DatasetShape& shape, Time now) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::filesystem::remove_all(path + ".outbox");
  storage::Database database(path);
  auto db = database.connect();
  db->exec("PRAGMA synchronous=OFF");  // a scratch file: durability is not the point here
  sql::Transaction tx(*db);
  Writer w(*db);
  const Time day0 = from_unix_seconds(unix_seconds(now) / 86400 * 86400);
  const Time enrolled = day0 - days(60);

  auto user = [&](const std::string& id, const std::string& name, Role role) {
    User u;
    u.id = id;
    u.name = name;
    u.email = id + "@bench.test";
    u.role = role;
    u.last_activity = enrolled;
    w.put(u);
  };
  user("admin", "Bench Admin", Role::admin);
  w.put(Company{"co", "Bench Company"});
  w.put(Project{"pr", "co", "Bench Project", "PO-1"});
  Journey j;
  j.id = "j";
  j.name = "Bench journey";
  j.published = true;
  for (int p = 1; p <= 8; ++p)
    j.placeholders.push_back({"p" + std::to_string(p), "Session " + std::to_string(p),
                              p <= pods ? SessionKind::pod : SessionKind::one_to_one, 60, false});
  w.put(j);

  for (int c = 1; c <= shape.coaches; ++c) {
    const std::string coach = coach_id(c);
    user(coach, "Coach " + std::to_string(c), Role::coach);
    Cohort cohort;
    cohort.id = "cohort-" + std::to_string(c);
    cohort.name = "Cohort " + std::to_string(c);
    cohort.journey = "j";
    cohort.project = "pr";
    for (const Placeholder& p : j.placeholders) cohort.blueprint.push_back(p.id);
    std::sort(cohort.blueprint.begin(), cohort.blueprint.end());
    w.put(cohort);

    // Past pod slots, one per week going back: each pod placeholder has its own run of
    // slots, so a participant's four pod bookings never overlap (R3).
    const int slots_per_pod = (shape.participants_per_coach + pod_capacity - 1) / pod_capacity;
    std::vector<Slot> past(static_cast<std::size_t>(pods * slots_per_pod));
    for (std::size_t k = 0; k < past.size(); ++k) {
      Slot& s = past[k];
      s.id = "pod-" + coach + "-" + std::to_string(k);
      s.coach = coach;
      s.start = day0 - days(2 + 7 * static_cast<long long>(k)) + hours(12);
      s.duration_min = 60;
      s.capacity = pod_capacity;
      s.kind = SessionKind::pod;
    }
    for (int d = 1; d <= 14; ++d)
      for (int h : {9, 10, 11, 14, 15, 16}) {
        Slot s;
        s.id = "free-" + coach + "-" + std::to_string(d) + "-" + std::to_string(h);
        s.coach = coach;
        s.start = day0 + days(d) + hours(h);
        w.put(s);
      }

    for (int i = 0; i < shape.participants_per_coach; ++i) {
      const std::string pid = participant_id(c, i);
      user(pid, "Participant " + pid, Role::participant);
      const Pathway pw{"pw-" + pid, pid, coach, cohort.id, "j", false, enrolled};
      w.put(pw);
      for (const Placeholder& p : j.placeholders) {
        Session s;
        s.pathway = pw.id;
        s.key = p.id;
        s.kind = p.kind;
        s.duration_min = p.duration_min;
        if (p.kind == SessionKind::pod) {
          const int pod = p.id[1] - '1';
          Slot& slot = past[static_cast<std::size_t>(pod * slots_per_pod + i / pod_capacity)];
          ++slot.taken;
          s.status = SessionStatus::booked;
          s.slot = slot.id;
          s.start = slot.start;
          s.booking_no = 1;
          OutboxMessage m;
          m.id = "booking_confirmation:" + s.id() + ":1";
          m.kind = MailTemplate::booking_confirmation;
          m.to = pid;
          m.subject = s.id();
          m.at = slot.start - days(7);
          w.put(m);
        }
        w.put(s);
      }
    }
    for (Slot& s : past) w.put(s);
  }
  storage::write_meta(*db, storage::meta::server_version, 1);
  const std::string hash = server::secrets::hash_password(password).value();
  storage::save_password_hash(*db, "admin", hash, now);
  for (int c = 1; c <= shape.coaches; ++c) storage::save_password_hash(*db, coach_id(c), hash, now);
  db->exec("UPDATE outbox SET sent_at = 1");
  tx.commit();
}

}  // namespace pathways::bench
