#include "server/pull.h"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/scope.h"
#include "server/entity_json.h"
#include "server/json_text.h"
#include "server/storage/entity_store.h"
#include "server/storage/op_log.h"

namespace pathways::server {
namespace {

using json = nlohmann::json;

// Beyond this many changed rows a full reset is cheaper to build than the increment.
constexpr std::size_t max_incremental_rows = 50000;
// A reset reports at most this many of the client's most recent rejections.
constexpr int max_rejections = 1000;

std::string json_string(std::string_view text) {
  std::string out;
  json_text::append_string(out, text);
  return out;
}

// The EntityKind of an alternative of Entity.
template <class T, std::size_t I = 0>
constexpr EntityKind kind_of_type() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, Entity>, T>)
    return static_cast<EntityKind>(I);
  else
    return kind_of_type<T, I + 1>();
}

template <class T>
const Id& id_of_typed(const T& e) {
  return e.id;
}
Id id_of_typed(const Session& s) { return s.id(); }

// Appends change entries to the response text directly: a scope of thousands of entities
// is never held as one JSON tree.
class ChangeWriter {
 public:
  explicit ChangeWriter(const Scope& scope) : data_(scope) { text_.reserve(1 << 16); }

  template <class T>
  void data(const T& e, std::int64_t version) {
    if constexpr (std::is_same_v<T, Entity>)
      begin(kind_of(e), id_of(e), version, false);
    else
      begin(kind_of_type<T>(), id_of_typed(e), version, false);
    text_ += ",\"data\":";
    data_.append(text_, e);
    text_ += '}';
  }
  void tombstone(EntityKind kind, const Id& id, std::int64_t version) {
    begin(kind, id, version, true);
    text_ += ",\"data\":null}";
  }
  std::string& text() { return text_; }

 private:
  void begin(EntityKind kind, std::string_view id, std::int64_t version, bool deleted) {
    if (!text_.empty()) text_ += ',';
    text_ += "{\"kind\":\"";
    text_ += to_string(kind);
    text_ += "\",\"id\":";
    json_text::append_string(text_, id);
    text_ += ",\"version\":";
    json_text::append_integer(text_, version);
    text_ += deleted ? ",\"deleted\":true" : ",\"deleted\":false";
  }

  EntityJsonWriter data_;
  std::string text_;
};

std::string entity_key(EntityKind kind, const Id& id) { return std::string(to_string(kind)) + '\x1f' + id; }

// What enters the viewer's scope along with a pathway they may see (see pull.h).
template <class Offer>
void offer_pathway_context(const State& state, const User& viewer, const Pathway& pw, Offer&& offer) {
  if (const Cohort* c = state.cohort(pw.cohort)) {
    offer(Entity{*c});
    if (const Project* p = state.project(c->project)) {
      offer(Entity{*p});
      if (const Company* co = state.company(p->company)) offer(Entity{*co});
    }
  }
  if (const Journey* j = state.journey(pw.journey)) offer(Entity{*j});
  if (const User* u = state.user(pw.participant)) offer(Entity{*u});
  if (const User* u = state.user(pw.coach)) offer(Entity{*u});
  if (viewer.role != Role::coach)
    for (const Id& sid : state.ids(state.slots_by_coach, pw.coach))
      if (const Slot* s = state.slot(sid)) offer(Entity{*s});
}

// Writes the increment; false when a full reset is needed instead.
bool write_increment(const Scope& scope, const std::vector<storage::ChangedRow>& rows, const PullRequest& request,
                     ChangeWriter& out) {
  const State& state = scope.state();
  const User& viewer = request.viewer;
  if (rows.size() > max_incremental_rows) return false;
  // A programme lead's scope is their companies: when their own record changed (an admin
  // edited the list), what they may see can change everywhere at once.
  if (viewer.role == Role::program_lead)
    for (const auto& row : rows)
      if (row.kind == EntityKind::user && row.id == viewer.id) return false;

  std::unordered_set<std::string> sent;
  std::vector<Entity> brought_scope;    // pathways and cohorts whose context may be new
  std::vector<const Journey*> renamed;  // journeys whose placeholders a participant sees changed
  for (const auto& row : rows) {
    sent.insert(entity_key(row.kind, row.id));
    auto e = find_entity(state, row.kind, row.id);
    if (e && scope.contains(*e)) {
      out.data(*e, row.version);
      if (row.kind == EntityKind::pathway || row.kind == EntityKind::cohort) brought_scope.push_back(std::move(*e));
      // R8: a session the blueprint hides but My Coaching shows (booked by staff) brings its
      // placeholder, which the participant's journey names only while it is in view.
      if (const auto* s = std::get_if<Session>(&*e); s && viewer.role == Role::participant && !in_blueprint(state, *s))
        if (const Pathway* pw = state.pathway(s->pathway))
          if (const Journey* j = state.journey(pw->journey)) renamed.push_back(j);
    } else {
      out.tombstone(row.kind, row.id, row.version);
    }
  }
  if (viewer.role == Role::admin) return true;  // an admin's scope is everything: nothing enters it unchanged
  auto offer = [&](const Entity& e) {
    if (!sent.insert(entity_key(kind_of(e), id_of(e))).second) return;
    if (scope.contains(e)) out.data(e, request.version);
  };
  for (const Journey* j : renamed) offer(Entity{*j});
  for (const Entity& e : brought_scope) {
    if (const auto* pw = std::get_if<Pathway>(&e)) offer_pathway_context(state, viewer, *pw, offer);
    // A participant's view of a journey follows their cohort's blueprint.
    if (const auto* c = std::get_if<Cohort>(&e))
      if (const Journey* j = state.journey(c->journey)) offer(Entity{*j});
  }
  return true;
}

}  // namespace

std::string build_pull(const State& state, sql::Connection& db, const PullRequest& request) {
  bool reset = request.since <= 0 || request.since > request.version || request.since < request.oldest_pull_version;
  const Scope scope(state, request.viewer);
  ChangeWriter changes(scope);
  if (!reset && request.since < request.version) {
    const auto rows = storage::changed_since(db, request.since);
    reset = !write_increment(scope, rows, request, changes);
  }
  if (reset) {
    changes.text().clear();
    scope.for_each([&](const auto& e) { changes.data(e, request.version); });
  }

  json rejections = json::array();
  for (const auto& r : storage::rejections_since(db, request.client_id, reset ? 0 : request.since, max_rejections))
    rejections.push_back({{"seq", r.seq}, {"code", r.code}, {"message", r.message}});

  std::string body;
  body.reserve(changes.text().size() + 256);
  body += "{\"version\":" + std::to_string(request.version);
  body += reset ? ",\"reset\":true" : ",\"reset\":false";
  body += ",\"last_seq\":" + std::to_string(request.last_seq);
  body += ",\"server_time\":" + json_string(format_time(request.now));
  body += ",\"changes\":[";
  body += changes.text();
  body += "],\"rejections\":";
  body += rejections.dump(-1, ' ', false, json::error_handler_t::replace);
  body += '}';
  return body;
}

}  // namespace pathways::server
