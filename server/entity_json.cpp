#include "server/entity_json.h"

#include "core/entity_fields.h"
#include "server/json_text.h"

namespace pathways::server {

// Many entities share a time (a pod slot's start, a day's activity): each is formatted once.
std::string_view EntityJsonWriter::time(Time t) const {
  auto [it, added] = times_.try_emplace(unix_seconds(t));
  if (added) it->second = format_time(t);
  return it->second;
}

template <class T>
void EntityJsonWriter::append(std::string& out, const T& e) const {
  json_text::Object o(out);
  EntityFields<T>::visit(e, [&](const Field& field, const auto& v) {
    using M = std::decay_t<decltype(v)>;
    if (!shows_field(field, &scope_, e)) return;
    if constexpr (is_derived<M>) {
      const auto value = v.compute(scope_.state());
      if constexpr (std::is_same_v<std::decay_t<decltype(value)>, bool>)
        o.boolean(field.name, value);
      else
        o.string(field.name, value);
    } else if constexpr (std::is_same_v<M, std::string>) {
      o.string(field.name, v);
    } else if constexpr (std::is_same_v<M, bool>) {
      o.boolean(field.name, v);
    } else if constexpr (std::is_integral_v<M>) {
      o.integer(field.name, v);
    } else if constexpr (std::is_same_v<M, Time>) {
      o.string(field.name, v == Time{} && !field.epoch_unset ? std::string_view() : time(v));
    } else if constexpr (std::is_enum_v<M>) {
      o.string(field.name, to_string(v));
    } else if constexpr (std::is_same_v<M, std::vector<Id>>) {
      if (!field.omit_empty || !v.empty()) o.strings(field.name, v);
    } else if constexpr (std::is_same_v<M, std::optional<std::vector<Placeholder>>>) {
      if (!v) return;  // R9: no draft is no field; shows_field keeps a draft from participants
      std::string& list = o.key(field.name);
      list += '[';
      bool first = true;
      for (const Placeholder& p : *v) {
        if (!first) list += ',';
        first = false;
        append(list, p);
      }
      list += ']';
    } else {
      static_assert(std::is_same_v<M, std::vector<Placeholder>>);
      std::string& list = o.key(field.name);
      list += '[';
      bool first = true;
      for (const Placeholder* p : scope_.shown_placeholders(owner_journey(e, v))) {
        if (!first) list += ',';
        first = false;
        append(list, *p);
      }
      list += ']';
    }
  });
  o.close();
}

void EntityJsonWriter::append(std::string& out, const Entity& entity) const {
  std::visit([&](const auto& e) { append(out, e); }, entity);
}

template void EntityJsonWriter::append(std::string&, const Company&) const;
template void EntityJsonWriter::append(std::string&, const Project&) const;
template void EntityJsonWriter::append(std::string&, const Journey&) const;
template void EntityJsonWriter::append(std::string&, const Cohort&) const;
template void EntityJsonWriter::append(std::string&, const User&) const;
template void EntityJsonWriter::append(std::string&, const Pathway&) const;
template void EntityJsonWriter::append(std::string&, const Session&) const;
template void EntityJsonWriter::append(std::string&, const Slot&) const;
template void EntityJsonWriter::append(std::string&, const Grant&) const;
template void EntityJsonWriter::append(std::string&, const Note&) const;
template void EntityJsonWriter::append(std::string&, const OutboxMessage&) const;
template void EntityJsonWriter::append(std::string&, const Escalation&) const;

}  // namespace pathways::server
