// [SECTION] index
//   Parsing     bytes -> rows through libcsv, refusing whole files that are not participant lists
//   Verdicts    rows -> verdicts through the core's own rules, on a copy of the state
#include "participant_import.h"

#include <csv.h>

#include <algorithm>
#include <unordered_map>

#include "apply.h"
#include "text_rules.h"

namespace pathways {
namespace {

// [SECTION] Parsing

// Fed to libcsv in pieces of this many bytes, so that a file of a million rows is refused
// after max_import_rows, not after all of it has been read.
constexpr std::size_t parse_piece = 256 * 1024;

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// A header cell as a column key: lower case, without spaces, '-' and '_' ("Coach E-mail"
// -> "coachemail").
std::string column_key(std::string_view cell) {
  std::string key;
  for (char c : trim(cell)) {
    if (c == ' ' || c == '-' || c == '_') continue;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

// The separator of the header line: ';' when it has more semicolons than commas outside
// quotes (the spreadsheet export of locales that write decimal commas), ',' otherwise.
unsigned char detect_delimiter(std::string_view text) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    commas += c == ',' ? 1 : 0;
    semicolons += c == ';' ? 1 : 0;
  }
  return semicolons > commas ? ';' : ',';
}

struct Collector {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> current;
};

void on_field(void* field, std::size_t length, void* data) {
  auto* c = static_cast<Collector*>(data);
  c->current.emplace_back(field ? static_cast<const char*>(field) : "", field ? length : 0);
}

void on_record(int, void* data) {
  auto* c = static_cast<Collector*>(data);
  const bool blank =
      std::all_of(c->current.begin(), c->current.end(), [](const std::string& f) { return trim(f).empty(); });
  if (!blank) c->records.push_back(std::move(c->current));
  c->current.clear();
}

// Where each of the four columns is in a record; -1 when the header lacks it.
struct Columns {
  int name = -1, email = -1, coach_email = -1, cohort = -1;
  bool complete() const { return name >= 0 && email >= 0 && coach_email >= 0 && cohort >= 0; }
};

Columns find_columns(const std::vector<std::string>& header) {
  Columns c;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string key = column_key(header[i]);
    const int at = static_cast<int>(i);
    if (key == "name" && c.name < 0) c.name = at;
    if (key == "email" && c.email < 0) c.email = at;
    if (key == "coachemail" && c.coach_email < 0) c.coach_email = at;
    if ((key == "cohort" || key == "cohortid" || key == "cohortname") && c.cohort < 0) c.cohort = at;
  }
  return c;
}

std::string cell(const std::vector<std::string>& record, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < record.size()
             ? trim(record[static_cast<std::size_t>(column)])
             : std::string();
}

Rejection refuse_file(std::string sentence) { return reject(RejectCode::invalid_value, std::move(sentence)); }

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

// [SECTION] Verdicts

RowVerdict refused(ImportVerdict verdict, std::string sentence) {
  RowVerdict v;
  v.verdict = verdict;
  v.sentence = std::move(sentence);
  return v;
}

// The cohort `text` names (its id, or its name without regard to case), or a refusal. A
// name two cohorts share finds none.
Result<Id> find_cohort(const State& state, const std::unordered_map<std::string, Id>& by_name,
                       const std::string& text) {
  if (text.empty()) return reject(RejectCode::not_found, "No cohort given.");
  if (state.cohort(text)) return Id(text);
  auto it = by_name.find(email_key(text));
  if (it == by_name.end()) return reject(RejectCode::not_found, "No cohort called \"" + text + "\".");
  if (it->second.empty())
    return reject(RejectCode::not_found, "Several cohorts are called \"" + text + "\"; give the cohort's id.");
  return it->second;
}

// Applies `body` to `work` and keeps its changes; the core's refusal otherwise.
Check apply_to(State& work, const OpBody& body, const Actor& actor, Time at) {
  auto result = apply(work, body, actor, at);
  if (!result) return result.rejection();
  work.commit(result->changes);
  return std::nullopt;
}

}  // namespace

Check check_import_size(std::size_t bytes) {
  // [mutation import size limit]
  if (bytes > max_import_bytes)
    return refuse_file("The file is " + thousands(bytes) + " bytes; an import takes at most " +
                       thousands(max_import_bytes) + " bytes (10 MB). Split it into smaller files.");
  // [end mutation]
  return std::nullopt;
}

Result<std::vector<ImportRow>> parse_participants_csv(std::string_view bytes) {
  if (auto no = check_import_size(bytes.size())) return *no;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // UTF-8 byte-order mark
  if (trim(bytes).empty()) return refuse_file("The file is empty.");
  if (bytes.find('\0') != std::string_view::npos || character_count(bytes) == std::string_view::npos)
    return refuse_file("This is not a CSV text file (it holds bytes that are not UTF-8 text). Save it as CSV UTF-8.");

  csv_parser parser;
  // Strict (RFC 4180 §2): a quote inside an unquoted field, text after a closing quote, or a
  // quote left open at the end (which would swallow the rest of the file) refuse the file
  // rather than guess what the person meant.
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return refuse_file("The file could not be read.");
  csv_set_delim(&parser, detect_delimiter(bytes));
  Collector collector;
  bool too_many = false, failed = false, open_quote = false;
  for (std::size_t at = 0; at < bytes.size() && !too_many && !failed; at += parse_piece) {
    const std::size_t length = std::min(parse_piece, bytes.size() - at);
    failed = csv_parse(&parser, bytes.data() + at, length, on_field, on_record, &collector) != length;
    // [mutation import row limit]
    too_many = collector.records.size() > max_import_rows + 1;  // + the header
    // [end mutation]
  }
  if (!too_many && !failed) open_quote = csv_fini(&parser, on_field, on_record, &collector) != 0;
  csv_free(&parser);
  if (too_many)
    return refuse_file("The file has more than " + thousands(max_import_rows) +
                       " participants; an import takes at most that many. Split it into smaller files.");
  if (failed)
    return refuse_file("The file's quotes are not well-formed after row " + std::to_string(collector.records.size()) +
                       ": a field with a quote (\") in it must be quoted whole, with the quotes inside doubled.");
  if (open_quote) return refuse_file("The file ends inside a quoted field: a quote (\") is not closed.");
  if (collector.records.empty()) return refuse_file("The file is empty.");

  const Columns columns = find_columns(collector.records.front());
  if (!columns.complete()) {
    std::string found;
    for (const std::string& h : collector.records.front()) found += (found.empty() ? "" : ", ") + trim(h);
    if (found.size() > 120) found = found.substr(0, 117) + "...";
    return refuse_file(
        "The first row must name the columns name, email, coach email and cohort; this file's first "
        "row is: " +
        found + ".");
  }
  if (collector.records.size() == 1) return refuse_file("The file has a header row but no participants.");

  std::vector<ImportRow> rows;
  rows.reserve(collector.records.size() - 1);
  for (std::size_t i = 1; i < collector.records.size(); ++i) {
    const auto& r = collector.records[i];
    rows.push_back(ImportRow{static_cast<int>(i + 1), cell(r, columns.name), cell(r, columns.email),
                             cell(r, columns.coach_email), cell(r, columns.cohort)});
  }
  return rows;
}

ImportPreviewer::ImportPreviewer(const State& state, std::vector<ImportRow> rows, const Actor& actor, Time at,
                                 NewId new_id)
    : work_(state), actor_(actor), at_(at), new_id_(std::move(new_id)) {
  preview_.rows = std::move(rows);
  preview_.verdicts.reserve(preview_.rows.size());
  for (const auto& [id, c] : work_.cohorts) {
    auto [it, added] = cohort_by_name_.emplace(email_key(c.name), id);
    if (!added) it->second.clear();  // ambiguous
  }
}

bool ImportPreviewer::judge_next(std::size_t count) {
  for (std::size_t n = 0; n < count && !done(); ++n) {
    preview_.verdicts.push_back(judge(preview_.rows[judged()]));
    (preview_.verdicts.back().verdict == ImportVerdict::ok ? preview_.to_enrol : preview_.refused) += 1;
  }
  return done();
}

// Coaches and cohorts are looked up in the working copy: the import adds neither (its new
// users are participants), so they are the caller's state's.
RowVerdict ImportPreviewer::judge(const ImportRow& row) {
  if (row.name.empty()) return refused(ImportVerdict::missing_name, "No name.");
  // [mutation import name length]
  if (const std::size_t n = character_count(row.name); n != std::string_view::npos && n > max_name_characters)
    return refused(ImportVerdict::name_too_long, "The name is " + std::to_string(n) + " characters long; at most " +
                                                     std::to_string(max_name_characters) + ".");
  // [end mutation]
  // The core's other name rules (one line, UTF-8), in its words; create_user would refuse
  // the same, but its refusal could then not be told from the e-mail's.
  if (auto no = check_name(row.name, "No name.")) return refused(ImportVerdict::refused, no->message);
  if (row.email.empty()) return refused(ImportVerdict::missing_email, "No e-mail address.");
  // [mutation import duplicate e-mail]
  if (auto [it, first] = first_row_of_.emplace(email_key(row.email), row.row); !first)
    return refused(ImportVerdict::duplicate_email,
                   "The e-mail " + row.email + " is also on row " + std::to_string(it->second) + " of this file.");
  // [end mutation]
  const User* coach = work_.user_by_email_address(row.coach_email);
  if (row.coach_email.empty() || !coach || coach->role != Role::coach)
    return refused(ImportVerdict::unknown_coach,
                   row.coach_email.empty() ? "No coach e-mail." : "No coach has the e-mail " + row.coach_email + ".");
  auto cohort = find_cohort(work_, cohort_by_name_, row.cohort);
  if (!cohort) return refused(ImportVerdict::unknown_cohort, cohort.rejection().message);

  RowVerdict v;
  Id participant;
  if (const User* existing = work_.user_by_email_address(row.email)) {
    // [mutation import existing user role]
    if (existing->role != Role::participant) {
      return refused(ImportVerdict::not_a_participant, "The e-mail " + row.email + " belongs to " + existing->name +
                                                           " (" + std::string(label(existing->role)) +
                                                           "), who is not a participant.");
    }
    // [end mutation]
    participant = existing->id;
    v.sentence = "Enrols " + existing->name + ", already a participant.";
  } else {
    CreateUser create;
    create.user = new_id_("user");
    create.name.value = row.name;
    create.email.value = row.email;
    create.role = Role::participant;
    if (auto no = apply_to(work_, create, actor_, at_))
      return refused(no->code == RejectCode::invalid_value ? ImportVerdict::invalid_email : ImportVerdict::refused,
                     no->message);
    participant = create.user;
    v.new_user = true;
    v.sentence = "New participant.";
    v.ops.emplace_back(std::move(create));
  }
  EnrolParticipant enrol{new_id_("pathway"), participant, cohort.value(), coach->id};
  if (auto no = apply_to(work_, enrol, actor_, at_)) {
    // A user created above stays in `work` only: no op of this row is kept.
    const ImportVerdict why = no->code == RejectCode::archived         ? ImportVerdict::archived_cohort
                              : no->code == RejectCode::already_exists ? ImportVerdict::already_enrolled
                                                                       : ImportVerdict::refused;
    return refused(why, no->message);
  }
  v.ops.emplace_back(std::move(enrol));
  return v;
}

ImportPreview preview_import(const State& state, std::vector<ImportRow> rows, const Actor& actor, Time at,
                             const NewId& new_id) {
  ImportPreviewer previewer(state, std::move(rows), actor, at, new_id);
  previewer.judge_next(previewer.total());
  return previewer.take();
}

std::vector<OpBody> import_ops(const ImportPreview& preview) {
  std::vector<OpBody> ops;
  ops.reserve(preview.to_enrol * 2);
  for (const RowVerdict& v : preview.verdicts)
    if (v.verdict == ImportVerdict::ok) ops.insert(ops.end(), v.ops.begin(), v.ops.end());
  return ops;
}

}  // namespace pathways
