// Enrolling participants from a CSV file, in three pure steps shared by the browser and the
// `pathways` command-line tool:
//   parse_participants_csv: the file's bytes -> rows, or one rejection for the whole file;
//   preview_import:         rows + state -> one verdict per row, decided by the core's rules
//                           (create_user, enrol_participant) run on a copy of the state;
//   import_ops:             the verdicts -> the ops of the good rows, in file order.
// Columns (named by a header row, in any order): name, email, coach email, cohort (the
// cohort's name or id). Comma or semicolon separated (RFC 4180 quoting, read by Debian's
// libcsv), with or without a UTF-8 byte-order mark, LF or CRLF line ends.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// Limits stated to people, checked before the file is read through: a file larger than
// this many bytes is refused unread; parsing stops at the first row past max_import_rows.
inline constexpr std::size_t max_import_bytes = 10 * 1024 * 1024;
inline constexpr std::size_t max_import_rows = 50'000;

// One participant row as the file gives it, fields trimmed of surrounding spaces.
struct ImportRow {
  int row = 0;  // the row's number in the file as a spreadsheet counts it: the header is 1
  std::string name, email, coach_email, cohort;
};

// Whether a file of `bytes` bytes may be imported: invalid_value with the sentence people
// see when it is larger than max_import_bytes (the browser asks before reading the file).
Check check_import_size(std::size_t bytes);

// The rows after the header, or a rejection with one sentence for the whole file:
// invalid_value for a file that is empty, not UTF-8 text (binary), larger than
// max_import_bytes, longer than max_import_rows, lacking one of the four columns, or
// ending inside a quoted field.
Result<std::vector<ImportRow>> parse_participants_csv(std::string_view bytes);

enum class ImportVerdict : std::uint8_t {
  ok,
  missing_name,
  name_too_long,  // more than max_name_characters (200) characters, not bytes
  missing_email,
  invalid_email,
  duplicate_email,    // the same e-mail on an earlier row of the file
  not_a_participant,  // the e-mail belongs to a coach, lead or admin
  unknown_coach,
  unknown_cohort,
  archived_cohort,   // R14: an archived cohort takes nobody new
  already_enrolled,  // the participant is in this cohort already (a second import)
  refused,           // another refusal of the core's rules; the sentence says which
};

template <>
struct EnumNames<ImportVerdict> {
  static constexpr std::array names{"ok",
                                    "missing_name",
                                    "name_too_long",
                                    "missing_email",
                                    "invalid_email",
                                    "duplicate_email",
                                    "not_a_participant",
                                    "unknown_coach",
                                    "unknown_cohort",
                                    "archived_cohort",
                                    "already_enrolled",
                                    "refused"};
};

struct RowVerdict {
  ImportVerdict verdict = ImportVerdict::ok;
  std::string sentence;     // for people: why not, or what happens ("New participant.")
  bool new_user = false;    // ok rows: the row creates the participant's user
  std::vector<OpBody> ops;  // ok rows: create_user (when new), then enrol_participant
};

struct ImportPreview {
  std::vector<ImportRow> rows;
  std::vector<RowVerdict> verdicts;  // one per row, same order
  std::size_t to_enrol = 0, refused = 0;
};

// Makes a fresh id with this prefix ("user", "pathway"); the caller's source of randomness.
using NewId = std::function<Id(std::string_view prefix)>;

// Judges every row as `actor` at `at`, in file order, as the server will when the ops
// arrive in that order: each good row's ops are applied to a copy of `state`, so a later
// row sees the earlier ones. An e-mail of an existing participant enrols that user; of
// any other user it is refused. Rows refused by the core carry the core's sentence.
ImportPreview preview_import(const State& state, std::vector<ImportRow> rows, const Actor& actor, Time at,
                             const NewId& new_id);

// preview_import a slice of rows at a time, with the same verdicts: a browser judges a few
// hundred rows per frame and draws its progress between them, rather than stopping the
// page for the whole file. It works on its own copy of the state (taken when made), so
// the caller's state may change between slices; applying the ops checks them again.
class ImportPreviewer {
 public:
  ImportPreviewer(const State& state, std::vector<ImportRow> rows, const Actor& actor, Time at, NewId new_id);
  // Judges up to `count` more rows in file order; true once every row is judged.
  bool judge_next(std::size_t count);
  std::size_t judged() const { return preview_.verdicts.size(); }
  std::size_t total() const { return preview_.rows.size(); }
  bool done() const { return judged() == total(); }
  // The preview; complete once done(). The previewer is spent after this.
  ImportPreview take() { return std::move(preview_); }

 private:
  RowVerdict judge(const ImportRow& row);

  ImportPreview preview_;
  State work_;  // good rows are applied here, so later rows see them
  Actor actor_;
  Time at_;
  NewId new_id_;
  std::unordered_map<std::string, Id> cohort_by_name_;  // lower-case name -> id; "" when two share it
  std::unordered_map<std::string, int> first_row_of_;   // e-mail key -> row number
};

// The ops of the good rows, in file order (create_user before its enrol_participant).
std::vector<OpBody> import_ops(const ImportPreview& preview);

}  // namespace pathways
