#include "named_reports.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <tuple>
#include <unordered_map>

#include "pathway_rules.h"
#include "scope.h"
#include "session_rules.h"

namespace pathways {
namespace {

// [SECTION] Decoding

std::optional<CivilDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i)
    for (std::size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
      if (text[k] < '0' || text[k] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[k] - '0');
    }
  if (!valid_date(parts[0], parts[1], parts[2])) return std::nullopt;
  return CivilDate{parts[0], parts[1], parts[2]};
}

std::string date_text(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// [SECTION] Walking the kept sessions

ReportContext context_of(const State& state, const Pathway& pw) {
  ReportContext c;
  c.participant = pw.participant;
  c.coach = pw.coach;
  c.cohort = pw.cohort;
  const Cohort* cohort = state.cohort(pw.cohort);
  const Project* project = cohort ? state.project(cohort->project) : nullptr;
  const Company* company = project ? state.company(project->company) : nullptr;
  if (const User* participant = state.user(pw.participant)) c.participant_name = participant->name;
  if (const User* coach = state.user(pw.coach)) c.coach_name = coach->name;
  if (cohort) c.cohort_name = cohort->name;
  if (project) c.project = project->id, c.project_name = project->name, c.po_ref = project->po_ref;
  if (company) c.company = company->id, c.company_name = company->name;
  return c;
}

// Does the session pass the query's status, date and clean parts?
bool keeps_session(const ReportQuery& q, const TimeRange& range, const Session& s, bool use_status = true) {
  if (use_status && q.filter.status && s.status != *q.filter.status) return false;
  // [mutation R16-clean-greyed]
  if (q.filter.clean && s.status == SessionStatus::greyed_out) return false;
  // [end mutation]
  // [mutation R17-report-range] -> if (false) return false;
  if (q.dated() && (s.start == Time{} || !range.contains(s.start))) return false;
  // [end mutation]
  return true;
}

// Calls visit_pathway(pathway, context) once per kept pathway (false skips its sessions),
// then visit(pathway, context, session) for each of its kept sessions.
template <class VisitPathway, class VisitSession>
void for_each_kept(const State& state, const User& viewer, const ReportQuery& q, bool use_status,
                   VisitPathway&& visit_pathway, VisitSession&& visit) {
  const Scope scope(state, viewer);
  const TimeRange range = q.range();
  const bool participant = !sees_staff_fields(&viewer);
  for (const auto& [id, pw] : state.pathways) {
    if (!report_keeps_pathway(scope, q.filter, pw)) continue;
    const ReportContext context = context_of(state, pw);
    if (!visit_pathway(pw, context)) continue;
    for (const Session& s : state.sessions_of(id)) {
      if (!keeps_session(q, range, s, use_status)) continue;
      if (participant && !scope.contains(s)) continue;
      visit(pw, context, s);
    }
  }
}

constexpr auto every_pathway = [](const Pathway&, const ReportContext&) { return true; };

// A pathway's cohort and journey, looked up once per pathway instead of once per session
// (a report visits a million sessions): the answers of session_title and
// participant_sees_session (R7), without their id lookups. Sessions of one pathway come
// together, so `of` looks up again only when the pathway changes.
class PathwayLookups {
 public:
  explicit PathwayLookups(const State& state) : state_(state) {}
  PathwayLookups& of(const Pathway& pw) {
    if (&pw != pathway_) {
      pathway_ = &pw;
      cohort_ = state_.cohort(pw.cohort);
      journey_ = state_.journey(pw.journey);
    }
    return *this;
  }
  std::string title(const Session& s) const {
    if (s.extra) return "Extra session";
    if (journey_)
      if (const Placeholder* p = find_placeholder(*journey_, s.key)) return p->title;
    return s.key;
  }
  bool participant_sees(const Session& s) const {
    if (s.extra) return true;
    if (cohort_ && std::binary_search(cohort_->blueprint.begin(), cohort_->blueprint.end(), s.key)) return true;
    return my_coaching_shows(journey_, s);
  }

 private:
  const State& state_;
  const Pathway* pathway_ = nullptr;
  const Cohort* cohort_ = nullptr;
  const Journey* journey_ = nullptr;
};

std::string local_time_text(const ZoneRules& zone, Time t) {
  if (t == Time{}) return "";
  const LocalDateTime l = to_local(zone, t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d ", l.date.year, l.date.month, l.date.day, l.hour, l.minute);
  return buf + period_at(zone, t).abbrev;
}

// Local dates and weeks of many instants in one zone: the zone's period is looked up again
// only when an instant leaves the last one found, so a report's million sessions cost a
// division each, not a search of the zone's history. The same dates as local_date and
// local_week (R17).
class LocalDays {
 public:
  explicit LocalDays(const ZoneRules& zone) : zone_(zone) {}
  long long day(Time t) {
    if (!(begin_ <= t && t < end_)) find(t);
    const long long s = unix_seconds(t) + offset_;
    return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  }
  CivilDate date(Time t) { return civil_from_days(day(t)); }
  // The local Monday of the week holding `t` (1970-01-01 was a Thursday).
  long long monday_day(Time t) {
    const long long d = day(t);
    return d - (((d + 3) % 7) + 7) % 7;
  }
  CivilDate monday(Time t) { return civil_from_days(monday_day(t)); }

 private:
  void find(Time t) {
    const auto& periods = zone_.periods;
    auto it =
        std::upper_bound(periods.begin(), periods.end(), t, [](Time v, const ZonePeriod& p) { return v < p.from; });
    const std::size_t i = it == periods.begin() ? 0 : static_cast<std::size_t>(it - periods.begin()) - 1;
    offset_ = periods.empty() ? 0 : periods[i].offset_s;
    // The first period also covers every earlier instant, the last every later one.
    begin_ = i == 0 ? Time{Seconds{std::numeric_limits<long long>::min() / 2}} : periods[i].from;
    end_ = i + 1 < periods.size() ? periods[i + 1].from : Time{Seconds{std::numeric_limits<long long>::max() / 2}};
  }
  const ZoneRules& zone_;
  Time begin_{Seconds{1}}, end_{Seconds{0}};
  long long offset_ = 0;
};

}  // namespace

TimeRange ReportQuery::range() const {
  TimeRange r{earliest_time, latest_time};
  if (from) r.begin = start_of_day(zone, *from);
  if (to) r.end = start_of_day(zone, add_days(*to, 1));
  return r;
}

Result<ReportQuery> decode_report_query(const std::map<std::string, std::string>& params,
                                        const std::function<const ZoneRules*(std::string_view)>& zones) {
  ReportQuery q;
  auto bad = [](std::string sentence) { return reject(RejectCode::invalid_value, std::move(sentence)); };
  for (const auto& [key, value] : params) {
    if (key == "company" || key == "project" || key == "cohort" || key == "coach") {
      // [mutation R16-query-ids] -> if (false)
      if (value.size() > max_query_id_bytes || !valid_id(value))
        // [end mutation]
        return bad("The " + key + " filter must be an id of at most " + std::to_string(max_query_id_bytes) +
                   " printable characters.");
      std::optional<Id>& slot = key == "company"   ? q.filter.company
                                : key == "project" ? q.filter.project
                                : key == "cohort"  ? q.filter.cohort
                                                   : q.filter.coach;
      slot = value;
    } else if (key == "status") {
      auto status = parse_enum<SessionStatus>(value);
      if (!status)
        return bad("Unknown status \"" + value.substr(0, 32) +
                   "\": use unbooked, booked, completed, missed or greyed_out.");
      q.filter.status = status;
    } else if (key == "from" || key == "to") {
      auto date = parse_date(value);
      if (!date) return bad("The " + key + " date must be a real date written YYYY-MM-DD.");
      (key == "from" ? q.from : q.to) = date;
    } else if (key == "tz") {
      const ZoneRules* rules = zones ? zones(value) : nullptr;
      if (!rules) return reject(RejectCode::unknown_time_zone, "Unknown time zone \"" + value.substr(0, 64) + "\".");
      q.zone = *rules;
    } else if (key == "clean") {
      if (value != "0" && value != "1") return bad("clean is 1 (client-safe) or 0.");
      q.filter.clean = value == "1";
    } else {
      return bad("Unknown report filter \"" + key.substr(0, 32) + "\".");
    }
  }
  // [mutation R17-from-after-to] -> if (false)
  if (q.from && q.to && *q.to < *q.from)
    // [end mutation]
    return bad("The date range ends (" + date_text(*q.to) + ") before it starts (" + date_text(*q.from) + ").");
  return q;
}

// [SECTION] Reports

PathwaysWide report_pathways_wide(const State& state, const User& viewer, const ReportQuery& query) {
  PathwaysWide out;
  std::unordered_map<const Pathway*, std::size_t> row_of;
  PathwayLookups lookups(state);
  for_each_kept(state, viewer, query, true, every_pathway,
                [&](const Pathway& pw, const ReportContext& context, const Session& s) {
                  const PathwayLookups& pathway = lookups.of(pw);
                  auto [it, fresh] = row_of.try_emplace(&pw, out.rows.size());
                  if (fresh) {
                    PathwaysWideRow row;
                    row.at = context;
                    row.pathway = pw.id;
                    out.rows.push_back(std::move(row));
                  }
                  PathwaysWideRow& row = out.rows[it->second];
                  row.cells.push_back({s.id(), pathway.title(s), s.status});
                  row.by_status[static_cast<int>(s.status)] += 1;
                  // [mutation R16-denominators]
                  row.visible += pathway.participant_sees(s) ? 1 : 0;
                  row.held += (s.status == SessionStatus::completed || s.status == SessionStatus::missed) ? 1 : 0;
                  // [end mutation]
                });
  std::sort(out.rows.begin(), out.rows.end(), [](const PathwaysWideRow& a, const PathwaysWideRow& b) {
    return std::tie(a.at.company_name, a.at.cohort_name, a.at.participant_name, a.pathway) <
           std::tie(b.at.company_name, b.at.cohort_name, b.at.participant_name, b.pathway);
  });
  for (const auto& r : out.rows) {
    for (int i = 0; i < 5; ++i) out.by_status[i] += r.by_status[i];
    out.visible += r.visible;
    out.held += r.held;
  }
  return out;
}

MissedCalls report_missed_calls(const State& state, const User& viewer, const ReportQuery& query) {
  MissedCalls out;
  std::unordered_map<std::string_view, CoachMissedRate> coaches;  // by coach id
  PathwayLookups lookups(state);
  for_each_kept(
      state, viewer, query, true, every_pathway,
      [&](const Pathway& pw, const ReportContext& context, const Session& s) {
        if (s.status == SessionStatus::completed || s.status == SessionStatus::missed) {
          out.held += 1;
          CoachMissedRate& rate = coaches[context.coach];
          rate.coach = context.coach, rate.coach_name = context.coach_name;
          rate.held += 1;
          rate.missed += s.status == SessionStatus::missed ? 1 : 0;
        }
        if (s.status != SessionStatus::missed) return;
        out.rows.push_back({context, s.id(), lookups.of(pw).title(s), s.missed_reason, s.start, is_billable(s)});
        out.by_reason[static_cast<int>(s.missed_reason)] += 1;
        out.billable += is_billable(s) ? 1 : 0;
      });
  std::sort(out.rows.begin(), out.rows.end(), [](const MissedCallRow& a, const MissedCallRow& b) {
    return std::tie(a.start, a.at.participant_name, a.session) < std::tie(b.start, b.at.participant_name, b.session);
  });
  for (const auto& [coach, rate] : coaches) out.by_coach.push_back(rate);
  std::sort(out.by_coach.begin(), out.by_coach.end(), [](const CoachMissedRate& a, const CoachMissedRate& b) {
    return std::tie(a.coach_name, a.coach) < std::tie(b.coach_name, b.coach);
  });
  return out;
}

Billing report_billing(const State& state, const User& viewer, const ReportQuery& query) {
  Billing out;
  // Keyed by the project id's address (one per project in the state) and the local month;
  // sorted by names at the end.
  std::unordered_map<std::uint64_t, BillingRow> rows;
  std::unordered_map<const char*, std::uint32_t> project_numbers;
  LocalDays days_of(query.zone);
  for_each_kept(
      state, viewer, query, true, every_pathway, [&](const Pathway&, const ReportContext& c, const Session& s) {
        // [mutation R15-billing] -> if (s.status == SessionStatus::unbooked) return;
        if (!is_billable(s)) return;
        // [end mutation]
        const CivilDate d = days_of.date(s.start);
        const std::uint32_t project =
            project_numbers.try_emplace(c.project.data(), project_numbers.size()).first->second;
        BillingRow& r = rows[(std::uint64_t{project} << 32) | static_cast<std::uint32_t>(d.year * 12 + d.month)];
        if (r.billable == 0)
          r.project = c.project, r.company_name = c.company_name, r.project_name = c.project_name, r.po_ref = c.po_ref,
          r.year = d.year, r.month = d.month;
        r.billable += 1;
        r.completed += s.status == SessionStatus::completed ? 1 : 0;
        r.no_show += s.missed_reason == MissedReason::no_show ? 1 : 0;
        r.late_cancellation += s.missed_reason == MissedReason::late_cancellation ? 1 : 0;
        out.billable += 1;
      });
  for (auto& [key, r] : rows) out.rows.push_back(r);
  std::sort(out.rows.begin(), out.rows.end(), [](const BillingRow& a, const BillingRow& b) {
    return std::tie(a.company_name, a.project_name, a.project, a.year, a.month) <
           std::tie(b.company_name, b.project_name, b.project, b.year, b.month);
  });
  return out;
}

Engagement report_engagement(const State& state, const User& viewer, const ReportQuery& query, Time now) {
  Engagement out;
  const Scope scope(state, viewer);
  ReportQuery q = query;
  q.filter.status.reset();
  // Per participant: a kept pathway's context, whether they have a Booked session and
  // whether they have something to book.
  struct Seen {
    ReportContext at;
    Time enrolled_at{};
    bool booked = false, to_book = false;
  };
  std::unordered_map<std::string_view, Seen> participants;
  const Time overdue_before = now - days(overdue_after_days);
  ReportQuery undated = q;
  undated.from.reset(), undated.to.reset();
  Seen* seen = nullptr;
  PathwayLookups lookups(state);
  for_each_kept(
      state, viewer, undated, false,
      [&](const Pathway& pw, const ReportContext& context) {
        seen = &participants.try_emplace(pw.participant, Seen{context, pw.enrolled_at}).first->second;
        return true;
      },
      [&](const Pathway& pw, const ReportContext& context, const Session& s) {
        if (s.status == SessionStatus::booked) seen->booked = true;
        if (s.status != SessionStatus::unbooked || !lookups.of(pw).participant_sees(s)) return;
        seen->to_book = true;
        if (pw.enrolled_at <= overdue_before)
          out.rows.push_back({EngagementKind::overdue_unbooked, context, s.id(), lookups.title(s), pw.enrolled_at});
      });
  for (const auto& [pid, p] : participants)
    if (!p.booked && p.to_book) out.rows.push_back({EngagementKind::no_booking, p.at, "", "", p.enrolled_at});
  for (const Id& pid : inactive_participants(state, now))
    if (auto it = participants.find(pid); it != participants.end())
      out.rows.push_back({EngagementKind::inactive, it->second.at, "", "", state.user(pid)->last_activity});
  const TimeRange range = q.range();
  for (const auto& [eid, e] : state.escalations) {
    auto it = participants.find(e.participant);
    if (it == participants.end() || !scope.contains(e) || !range.contains(e.at)) continue;
    // [mutation R19-resolved]
    if (!e.open()) continue;  // listed until resolved
    // [end mutation]
    out.rows.push_back({EngagementKind::escalation, it->second.at, "", q.filter.clean ? "" : e.text, e.at});
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const EngagementRow& a, const EngagementRow& b) {
    return std::tie(a.kind, a.at.participant_name, a.at.participant, a.since, a.session) <
           std::tie(b.kind, b.at.participant_name, b.at.participant, b.since, b.session);
  });
  for (const auto& r : out.rows) out.by_kind[static_cast<int>(r.kind)] += 1;
  return out;
}

CoachUtilisation report_coach_utilisation(const State& state, const User& viewer, const ReportQuery& query) {
  CoachUtilisation out;
  const Scope scope(state, viewer);
  const TimeRange range = query.range();
  std::map<std::tuple<std::string_view, std::string_view, CivilDate>, UtilisationRow> rows;
  LocalDays days_of(query.zone);
  for (const auto& [id, slot] : state.slots) {
    if (query.filter.coach && slot.coach != *query.filter.coach) continue;
    if (!range.contains(slot.start) || !scope.contains(slot)) continue;
    const User* coach = state.user(slot.coach);
    const CivilDate week = days_of.monday(slot.start);
    const std::string_view coach_name = coach ? std::string_view(coach->name) : std::string_view();
    UtilisationRow& r = rows[{coach_name, slot.coach, week}];
    r.coach = slot.coach, r.coach_name = coach_name, r.week = week;
    r.offered_min += static_cast<long long>(slot.duration_min) * slot.capacity;
    r.booked_min += static_cast<long long>(slot.duration_min) * slot.taken;
  }
  for (auto& [key, r] : rows) {
    out.offered_min += r.offered_min, out.booked_min += r.booked_min;
    out.rows.push_back(std::move(r));
  }
  return out;
}

StatusOverTime report_status_over_time(const State& state, const User& viewer, const ReportQuery& query) {
  StatusOverTime out;
  std::map<long long, std::array<int, 5>> weeks;  // by the local Monday's day number
  LocalDays days_of(query.zone);
  for_each_kept(state, viewer, query, true, every_pathway, [&](const Pathway&, const ReportContext&, const Session& s) {
    if (s.start == Time{}) return;
    weeks[days_of.monday_day(s.start)][static_cast<int>(s.status)] += 1;
    out.by_status[static_cast<int>(s.status)] += 1;
  });
  for (const auto& [week, counts] : weeks) out.rows.push_back({civil_from_days(week), counts});
  return out;
}

// [SECTION] Tables and CSV

namespace {
std::string percent(double ratio) { return std::to_string(static_cast<int>(ratio * 100.0 + 0.5)) + "%"; }
std::string month_text(int year, int month) { return date_text({year, month, 1}).substr(0, 7); }
constexpr std::string_view engagement_labels[] = {"Overdue, unbooked", "No booking", "Inactive (R14)", "Escalation"};
}  // namespace

ReportTable report_table(ReportName name, const State& state, const User& viewer, const ReportQuery& query, Time now) {
  return run_named_report(name, state, viewer, query, now).table;
}

NamedReport run_named_report(ReportName name, const State& state, const User& viewer, const ReportQuery& query,
                             Time now) {
  NamedReport out;
  ReportTable& t = out.table;
  const bool clean = query.filter.clean;
  const ZoneRules& zone = query.zone;
  switch (name) {
    case ReportName::pathways_wide: {
      const PathwaysWide r = report_pathways_wide(state, viewer, query);
      std::size_t width = 0;
      for (const auto& row : r.rows) width = std::max(width, row.cells.size());
      t.header = {"Company", "Project", "Cohort", "Participant", "Coach"};
      for (std::size_t i = 1; i <= width; ++i) t.header.push_back("Session " + std::to_string(i));
      for (auto s : {SessionStatus::unbooked, SessionStatus::booked, SessionStatus::completed, SessionStatus::missed,
                     SessionStatus::greyed_out})
        if (!(clean && s == SessionStatus::greyed_out)) t.header.push_back(std::string(label(s)));
      for (const char* h : {"Visible sessions", "Sessions held", "Completion (of visible)", "Completion (of held)"})
        t.header.push_back(h);
      t.first_status_column = 5;
      t.status_cells.reserve(r.rows.size());
      if (!clean) t.header.push_back("Pathway id"), t.header.push_back("Participant id");
      for (const auto& row : r.rows) {
        std::vector<std::string> cells{std::string(row.at.company_name), std::string(row.at.project_name),
                                       std::string(row.at.cohort_name), std::string(row.at.participant_name),
                                       std::string(row.at.coach_name)};
        for (std::size_t i = 0; i < width; ++i)
          cells.push_back(i < row.cells.size() ? row.cells[i].title + ": " + std::string(label(row.cells[i].status))
                                               : "");
        for (int s = 0; s < 5; ++s)
          if (!(clean && s == 4)) cells.push_back(std::to_string(row.by_status[s]));
        cells.push_back(std::to_string(row.visible));
        cells.push_back(std::to_string(row.held));
        cells.push_back(percent(row.completion_of_visible()));
        cells.push_back(percent(row.completion_of_held()));
        if (!clean) cells.push_back(row.pathway), cells.push_back(std::string(row.at.participant));
        t.rows.push_back(std::move(cells));
        std::vector<SessionStatus>& statuses = t.status_cells.emplace_back();
        for (const PathwaysWideCell& cell : row.cells) statuses.push_back(cell.status);
      }
      out.totals = report_totals(r, clean);
      out.chart = report_chart(r);
      break;
    }
    case ReportName::missed_calls: {
      const MissedCalls r = report_missed_calls(state, viewer, query);
      t.header = {"Company", "Project", "Cohort", "Participant", "Coach", "Session", "Start (" + zone.name + ")",
                  "Reason",  "Billable"};
      if (!clean) t.header.push_back("Session id");
      for (const auto& row : r.rows) {
        t.rows.push_back({std::string(row.at.company_name), std::string(row.at.project_name),
                          std::string(row.at.cohort_name), std::string(row.at.participant_name),
                          std::string(row.at.coach_name), row.title, local_time_text(zone, row.start),
                          std::string(label(row.reason)), row.billable ? "yes" : "no"});
        if (!clean) t.rows.back().push_back(row.session);
      }
      out.totals = report_totals(r);
      out.chart = report_chart(r);
      break;
    }
    case ReportName::billing: {
      const Billing r = report_billing(state, viewer, query);
      t.header = {"Company",  "Project",   "PO",      "Month (" + zone.name + ")",
                  "Billable", "Completed", "No-show", "Late cancellation"};
      if (!clean) t.header.push_back("Project id");
      for (const auto& row : r.rows) {
        t.rows.push_back({std::string(row.company_name), std::string(row.project_name), std::string(row.po_ref),
                          month_text(row.year, row.month), std::to_string(row.billable), std::to_string(row.completed),
                          std::to_string(row.no_show), std::to_string(row.late_cancellation)});
        if (!clean) t.rows.back().push_back(std::string(row.project));
      }
      out.totals = report_totals(r);
      break;
    }
    case ReportName::engagement: {
      const Engagement r = report_engagement(state, viewer, query, now);
      t.header = {"List", "Company", "Cohort", "Participant", "Coach", "Session or note", "Since (" + zone.name + ")"};
      if (!clean) t.header.push_back("Participant id"), t.header.push_back("Session id");
      for (const auto& row : r.rows) {
        t.rows.push_back({std::string(engagement_labels[static_cast<int>(row.kind)]), std::string(row.at.company_name),
                          std::string(row.at.cohort_name), std::string(row.at.participant_name),
                          std::string(row.at.coach_name), row.title, local_time_text(zone, row.since)});
        if (!clean) t.rows.back().push_back(std::string(row.at.participant)), t.rows.back().push_back(row.session);
      }
      out.totals = report_totals(r);
      break;
    }
    case ReportName::coach_utilisation: {
      const CoachUtilisation r = report_coach_utilisation(state, viewer, query);
      t.header = {"Coach", "Week of (" + zone.name + ")", "Booked minutes", "Offered minutes", "Utilisation"};
      if (!clean) t.header.push_back("Coach id");
      for (const auto& row : r.rows) {
        t.rows.push_back({std::string(row.coach_name), date_text(row.week), std::to_string(row.booked_min),
                          std::to_string(row.offered_min), percent(row.ratio())});
        if (!clean) t.rows.back().push_back(std::string(row.coach));
      }
      out.totals = report_totals(r);
      out.chart = report_chart(r);
      break;
    }
    case ReportName::status_over_time: {
      const StatusOverTime r = report_status_over_time(state, viewer, query);
      t.header = {"Week of (" + zone.name + ")"};
      for (auto s : {SessionStatus::unbooked, SessionStatus::booked, SessionStatus::completed, SessionStatus::missed,
                     SessionStatus::greyed_out})
        if (!(clean && s == SessionStatus::greyed_out)) t.header.push_back(std::string(label(s)));
      for (const auto& row : r.rows) {
        std::vector<std::string> cells{date_text(row.week)};
        for (int s = 0; s < 5; ++s)
          if (!(clean && s == 4)) cells.push_back(std::to_string(row.by_status[s]));
        t.rows.push_back(std::move(cells));
      }
      out.totals = report_totals(r, clean);
      out.chart = report_chart(r, clean);
      break;
    }
  }
  return out;
}

namespace {

bool formula_like(std::string_view text) {
  // [mutation R16-formula] -> return false;
  return !text.empty() &&
         (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' || text[0] == '\r');
  // [end mutation]
}

// Appends the cell as csv_cell writes it, without a string of its own: a million-row
// export writes ten million cells.
void append_cell(std::string& out, std::string_view text) {
  const bool neutralise = formula_like(text);
  const bool quote = neutralise || text.find_first_of(",\"\r\n") != std::string_view::npos || text.starts_with('\'');
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  if (neutralise) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string csv_cell(std::string_view text) {
  std::string out;
  append_cell(out, text);
  return out;
}

void append_csv_line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    append_cell(out, cells[i]);
  }
  out += "\r\n";
}

std::string table_csv(const ReportTable& table) {
  std::string out(csv_byte_order_mark);
  std::size_t guess = 0;
  for (const auto& cell : table.header) guess += cell.size() + 1;
  if (!table.rows.empty()) {
    std::size_t first = 0;
    for (const auto& cell : table.rows.front()) first += cell.size() + 1;
    guess += (first + 8) * table.rows.size();
  }
  out.reserve(guess);
  append_csv_line(out, table.header);
  for (const auto& row : table.rows) append_csv_line(out, row);
  return out;
}

}  // namespace pathways
