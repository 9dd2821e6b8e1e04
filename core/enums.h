// The closed vocabularies of Pathways: roles, session statuses, reasons, kinds.
// Their text forms are the wire format's (lower snake case) and never change.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pathways {

enum class Role : std::uint8_t { admin, coach, program_lead, participant };
enum class SessionStatus : std::uint8_t { unbooked, booked, completed, missed, greyed_out };
enum class MissedReason : std::uint8_t { none, no_show, late_cancellation, coach_no_show };
enum class SessionKind : std::uint8_t { one_to_one, pod };
enum class Outcome : std::uint8_t { completed, missed };
enum class MailTemplate : std::uint8_t {
  booking_confirmation,
  cancellation,
  missed_notice,
  unbooked_reminder,
  feedback_survey,
  reminder,
  escalation,
};

// Each enum's names in declaration order; the single source for text conversion.
template <class E>
struct EnumNames;

template <>
struct EnumNames<Role> {
  static constexpr std::array names{"admin", "coach", "program_lead", "participant"};
};
template <>
struct EnumNames<SessionStatus> {
  static constexpr std::array names{"unbooked", "booked", "completed", "missed", "greyed_out"};
};
template <>
struct EnumNames<MissedReason> {
  static constexpr std::array names{"", "no_show", "late_cancellation", "coach_no_show"};
};
template <>
struct EnumNames<SessionKind> {
  static constexpr std::array names{"one_to_one", "pod"};
};
template <>
struct EnumNames<Outcome> {
  static constexpr std::array names{"completed", "missed"};
};
template <>
struct EnumNames<MailTemplate> {
  static constexpr std::array names{"booking_confirmation", "cancellation", "missed_notice", "unbooked_reminder",
                                    "feedback_survey",      "reminder",     "escalation"};
};

template <class E>
constexpr std::string_view to_string(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <class E>
constexpr std::optional<E> parse_enum(std::string_view text) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (!text.empty() && text == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

// A person-readable label ("Greyed out"), for screens and exports.
std::string_view label(SessionStatus status);
std::string_view label(Role role);
std::string_view label(MissedReason reason);
// A session kind as staff name it: "1:1", "Pod".
std::string_view label(SessionKind kind);
// Spelt out, for tooltips and sentences: "One-to-one", "Pod".
std::string_view long_label(SessionKind kind);
// In a participant's words: "one-to-one", "group".
std::string_view plain_label(SessionKind kind);

}  // namespace pathways
