#include "server/storage/migrations.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace pathways::server::storage {
namespace {

// Append only: a migration that has shipped is never edited; later changes are new entries.
//
// Entity tables: one row per entity (tombstones stay, `deleted` = 1), real columns for
// what reports filter on, and `version`: the server version at which the row last changed
// (DESIGN.md §5: a pull since V reads rows with version > V). Nested lists (placeholders,
// blueprints, companies, cc) are JSON text. Times are Unix seconds, 0 when unset.
const std::vector<const char*> migrations = {
    // 1: the first schema.
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('server_version', 0), ('oldest_pull_version', 0);

CREATE TABLE companies (
  id TEXT PRIMARY KEY, name TEXT NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE projects (
  id TEXT PRIMARY KEY, company TEXT NOT NULL, name TEXT NOT NULL, po_ref TEXT NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE journeys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, published INTEGER NOT NULL, max_extra_sessions INTEGER NOT NULL,
  my_coaching_tab INTEGER NOT NULL, placeholders TEXT NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE cohorts (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, journey TEXT NOT NULL, project TEXT NOT NULL, company TEXT NOT NULL,
  blueprint TEXT NOT NULL, archived INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE users (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL, companies TEXT NOT NULL,
  archived INTEGER NOT NULL, last_activity INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE pathways (
  id TEXT PRIMARY KEY, participant TEXT NOT NULL, coach TEXT NOT NULL, cohort TEXT NOT NULL, journey TEXT NOT NULL,
  project TEXT NOT NULL, company TEXT NOT NULL, completed INTEGER NOT NULL, enrolled_at INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY, pathway TEXT NOT NULL, key TEXT NOT NULL,
  participant TEXT NOT NULL, coach TEXT NOT NULL, cohort TEXT NOT NULL, project TEXT NOT NULL, company TEXT NOT NULL,
  kind TEXT NOT NULL, status TEXT NOT NULL, missed_reason TEXT NOT NULL, extra INTEGER NOT NULL,
  retired INTEGER NOT NULL, booking_no INTEGER NOT NULL, duration_min INTEGER NOT NULL, slot TEXT NOT NULL,
  start INTEGER NOT NULL, cancelled_by TEXT NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE slots (
  id TEXT PRIMARY KEY, coach TEXT NOT NULL, start INTEGER NOT NULL, duration_min INTEGER NOT NULL,
  capacity INTEGER NOT NULL, kind TEXT NOT NULL, taken INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE grants (
  id TEXT PRIMARY KEY, pathway TEXT NOT NULL, count INTEGER NOT NULL, po_ref TEXT NOT NULL, reason TEXT NOT NULL,
  approver TEXT NOT NULL, at INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE notes (
  id TEXT PRIMARY KEY, session TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE escalations (
  id TEXT PRIMARY KEY, participant TEXT NOT NULL, raised_by TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
-- The outbox: messages the core queued (R12), each sent once by the mailer (sent_at).
CREATE TABLE outbox (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, recipient TEXT NOT NULL, cc TEXT NOT NULL, subject TEXT NOT NULL,
  text TEXT NOT NULL, at INTEGER NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, sent_at INTEGER);

CREATE INDEX companies_version ON companies (version);
CREATE INDEX projects_version ON projects (version);
CREATE INDEX journeys_version ON journeys (version);
CREATE INDEX cohorts_version ON cohorts (version);
CREATE INDEX users_version ON users (version);
CREATE INDEX users_email ON users (lower(email));
CREATE INDEX pathways_version ON pathways (version);
CREATE INDEX pathways_coach ON pathways (coach);
CREATE INDEX pathways_cohort ON pathways (cohort);
CREATE INDEX sessions_version ON sessions (version);
CREATE INDEX sessions_report ON sessions (company, project, cohort, status);
CREATE INDEX sessions_coach ON sessions (coach, start);
CREATE INDEX slots_version ON slots (version);
CREATE INDEX slots_coach ON slots (coach, start);
CREATE INDEX grants_version ON grants (version);
CREATE INDEX notes_version ON notes (version);
CREATE INDEX escalations_version ON escalations (version);
CREATE INDEX outbox_unsent ON outbox (sent_at) WHERE sent_at IS NULL;

-- Sync progress: which user a client_id belongs to and the highest seq it has had processed.
CREATE TABLE clients (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_seq INTEGER NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
-- Every processed op with its result: the exactly-once record and the audit trail.
CREATE TABLE op_log (
  client_id TEXT NOT NULL, seq INTEGER NOT NULL, user_id TEXT NOT NULL, op_type TEXT NOT NULL, subject TEXT NOT NULL,
  op TEXT NOT NULL, status TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
  version INTEGER NOT NULL, received_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, seq)) WITHOUT ROWID;
CREATE INDEX op_log_rejections ON op_log (client_id, version) WHERE status = 'rejected';

CREATE TABLE credentials (user_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX tokens_user ON tokens (user_id);
)sql",
    // 2: a session row keeps only its own columns. Marking a session then rewrites one
    // narrow row and the status index, and moving a participant to another cohort changes
    // one pathway row instead of every session of it. Reports read sessions with their
    // company, project, cohort, coach and participant through the view session_report.
    R"sql(
DROP INDEX sessions_report;
DROP INDEX sessions_coach;
DROP INDEX pathways_cohort;
CREATE TABLE sessions_narrow (
  id TEXT PRIMARY KEY, pathway TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
  missed_reason TEXT NOT NULL, extra INTEGER NOT NULL, retired INTEGER NOT NULL, booking_no INTEGER NOT NULL,
  duration_min INTEGER NOT NULL, slot TEXT NOT NULL, start INTEGER NOT NULL, cancelled_by TEXT NOT NULL,
  version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
INSERT INTO sessions_narrow (id, pathway, key, kind, status, missed_reason, extra, retired, booking_no,
                             duration_min, slot, start, cancelled_by, version, deleted)
  SELECT id, pathway, key, kind, status, missed_reason, extra, retired, booking_no,
         duration_min, slot, start, cancelled_by, version, deleted
  FROM sessions ORDER BY rowid;
DROP TABLE sessions;
ALTER TABLE sessions_narrow RENAME TO sessions;
CREATE INDEX sessions_version ON sessions (version);
CREATE INDEX sessions_pathway ON sessions (pathway);
CREATE INDEX sessions_status ON sessions (status, start);
CREATE INDEX pathways_report ON pathways (company, project, cohort);
CREATE VIEW session_report AS
  SELECT s.id, s.pathway, p.participant, p.coach, p.cohort, p.project, p.company, s.key, s.kind, s.status,
         s.missed_reason, s.start, s.duration_min, s.extra, s.retired
  FROM sessions s JOIN pathways p ON p.id = s.pathway
  WHERE s.deleted = 0 AND p.deleted = 0;
)sql",
    // 3: time you can trust (DESIGN.md §5, §9). A session keeps the effective time of its
    // last change, so later ops are never judged earlier; a user has an IANA time zone; the
    // op log keeps an op's claimed time and the effective time it was judged at beside the
    // server's receipt (R21).
    R"sql(
ALTER TABLE sessions ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE op_log ADD COLUMN claimed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE op_log ADD COLUMN effective_at INTEGER NOT NULL DEFAULT 0;
)sql",
    // 4: a way in for new users and a way out. A deactivated user cannot sign in; one-time
    // sign-in links (SHA-256 of the token, like tokens) let a new user choose a password.
    R"sql(
ALTER TABLE users ADD COLUMN deactivated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sign_in_links (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, used_at INTEGER) WITHOUT ROWID;
CREATE INDEX sign_in_links_user ON sign_in_links (user_id);
)sql",
    // 5: R9 drafts. A published journey keeps its pending edit beside the published
    // placeholders (empty text: no draft), and the effective time of its last change.
    R"sql(
ALTER TABLE journeys ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journeys ADD COLUMN draft TEXT NOT NULL DEFAULT '';
)sql",
    // 6: a slot keeps the effective time of its last change (added, a place taken or freed),
    // so a booking or a removal is never judged earlier (DESIGN.md §5).
    R"sql(
ALTER TABLE slots ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
)sql",
    // 7: escalations are listed until resolved (R19): who resolved one, when, and their note
    // (empty while open).
    R"sql(
ALTER TABLE escalations ADD COLUMN resolution TEXT NOT NULL DEFAULT '';
ALTER TABLE escalations ADD COLUMN resolved_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE escalations ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
)sql",
    // 8: R21 history. Each applied op names the participant it is about (their timeline), and
    // every session status it changed is kept with the status before and after and the
    // missed reason (a session's history).
    R"sql(
ALTER TABLE op_log ADD COLUMN participant TEXT NOT NULL DEFAULT '';
CREATE INDEX op_log_participant ON op_log (participant) WHERE participant != '';
CREATE INDEX op_log_subject ON op_log (subject);
CREATE TABLE op_status_changes (
  client_id TEXT NOT NULL, seq INTEGER NOT NULL, session TEXT NOT NULL, participant TEXT NOT NULL,
  status_before TEXT NOT NULL, status_after TEXT NOT NULL, missed_reason TEXT NOT NULL,
  PRIMARY KEY (client_id, seq, session)) WITHOUT ROWID;
CREATE INDEX op_status_changes_session ON op_status_changes (session);
)sql",
    // 9: mail delivery that survives failures (DESIGN.md §10). A message is tried again at
    // next_attempt_at after a failure, and parked (kept, with its reason, for an admin to
    // see) after a permanent refusal or too many attempts; one undone before it went (a
    // booking cancelled seconds later) is superseded. Pacing counts what was sent per hour.
    R"sql(
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN parked_at INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
DROP INDEX outbox_unsent;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
)sql",
    // 10: calendar feeds. One secret address per user, kept as its SHA-256.
    R"sql(
CREATE TABLE calendar_feeds (
  user_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL) WITHOUT ROWID;
)sql",
    // 11: the database guards what the core guards (R3, R18), so a bug in memory cannot
    // write an impossible row: a slot's taken places stay within 0..capacity, and a slot
    // never has more sessions holding a place in it (booked, completed, or missed other
    // than by late cancellation: core holds_place) than it has places.
    R"sql(
CREATE INDEX sessions_slot ON sessions (slot) WHERE slot <> '';
CREATE TRIGGER slots_taken_insert BEFORE INSERT ON slots
  WHEN NEW.taken < 0 OR NEW.taken > NEW.capacity
  BEGIN SELECT RAISE(ABORT, 'a slot''s taken places must be between 0 and its capacity'); END;
CREATE TRIGGER slots_taken_update BEFORE UPDATE OF taken, capacity ON slots
  WHEN NEW.taken < 0 OR NEW.taken > NEW.capacity
  BEGIN SELECT RAISE(ABORT, 'a slot''s taken places must be between 0 and its capacity'); END;
CREATE TRIGGER sessions_place_insert BEFORE INSERT ON sessions
  WHEN NEW.deleted = 0 AND NEW.slot <> '' AND (NEW.status IN ('booked', 'completed') OR
       (NEW.status = 'missed' AND NEW.missed_reason <> 'late_cancellation')) AND
       (SELECT COUNT(*) FROM sessions s WHERE s.slot = NEW.slot AND s.id <> NEW.id AND s.deleted = 0 AND
          (s.status IN ('booked', 'completed') OR (s.status = 'missed' AND s.missed_reason <> 'late_cancellation')))
       >= (SELECT capacity FROM slots WHERE id = NEW.slot)
  BEGIN SELECT RAISE(ABORT, 'a slot''s places are all taken'); END;
CREATE TRIGGER sessions_place_update BEFORE UPDATE OF slot, status, missed_reason, deleted ON sessions
  WHEN NEW.deleted = 0 AND NEW.slot <> '' AND (NEW.status IN ('booked', 'completed') OR
       (NEW.status = 'missed' AND NEW.missed_reason <> 'late_cancellation')) AND
       (SELECT COUNT(*) FROM sessions s WHERE s.slot = NEW.slot AND s.id <> NEW.id AND s.deleted = 0 AND
          (s.status IN ('booked', 'completed') OR (s.status = 'missed' AND s.missed_reason <> 'late_cancellation')))
       >= (SELECT capacity FROM slots WHERE id = NEW.slot)
  BEGIN SELECT RAISE(ABORT, 'a slot''s places are all taken'); END;
)sql",
};

int user_version(sql::Connection& db) {
  auto q = db.query("PRAGMA user_version");
  return q->step() ? static_cast<int>(q->integer(0)) : 0;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations.size()); }

void migrate(sql::Connection& db, int target) {
  const int current = user_version(db);
  if (current > latest_schema_version())
    throw std::runtime_error("the database has schema version " + std::to_string(current) +
                             ", newer than this server's " + std::to_string(latest_schema_version()) +
                             "; run a newer pathways-server");
  for (int v = current + 1; v <= std::min(target, latest_schema_version()); ++v) {
    sql::Transaction tx(db);
    db.exec(migrations[static_cast<std::size_t>(v - 1)]);
    db.exec("PRAGMA user_version = " + std::to_string(v));
    tx.commit();
  }
}

}  // namespace pathways::server::storage
