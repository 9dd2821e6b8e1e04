// Expected failures are values: a stable code (for programs and tests) and a sentence
// (for people). The server maps codes to HTTP statuses in one place (server/http_errors).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "enums.h"

namespace pathways {

enum class RejectCode : std::uint8_t {
  // The op itself is malformed.
  malformed,   // not JSON, not an object, or too large
  unknown_op,  // "type" names no op
  missing_field,
  wrong_type,
  unknown_field,
  invalid_value,  // right type, value out of range or ill-formed
  // The op is well-formed but not allowed or not possible now.
  forbidden,
  not_found,
  already_exists,
  not_past,    // R1: marking a session that has not started
  not_booked,  // R1: marking needs a Booked session
  greyed_out,  // R5: nobody books a greyed-out session
  slot_taken,  // R3/R18: no free place left
  slot_kind_mismatch,
  wrong_coach,   // R3: slot of another coach
  overlap,       // R3: participant already booked at that time
  slot_overlap,  // a coach's slots may not overlap
  slot_in_use,   // removing a slot with bookings
  slot_in_past,  // participants book future slots only
  hidden,        // R7: a session the participant's blueprint hides
  invalid_transition,
  cap_exceeded,      // R11
  not_published,     // R9
  retired,           // R9
  journey_mismatch,  // R10
  archived,
  reason_required,         // R4a
  time_out_of_range,       // the op's time is in the future or older than the offline window
  nonexistent_local_time,  // R17: a wall-clock time the clocks skip
  unknown_time_zone,       // R17: no IANA zone of that name
  already_started,         // R4b: cancelling a session that has started
};

template <>
struct EnumNames<RejectCode> {
  static constexpr std::array names{"malformed",
                                    "unknown_op",
                                    "missing_field",
                                    "wrong_type",
                                    "unknown_field",
                                    "invalid_value",
                                    "forbidden",
                                    "not_found",
                                    "already_exists",
                                    "not_past",
                                    "not_booked",
                                    "greyed_out",
                                    "slot_taken",
                                    "slot_kind_mismatch",
                                    "wrong_coach",
                                    "overlap",
                                    "slot_overlap",
                                    "slot_in_use",
                                    "slot_in_past",
                                    "hidden",
                                    "invalid_transition",
                                    "cap_exceeded",
                                    "not_published",
                                    "retired",
                                    "journey_mismatch",
                                    "archived",
                                    "reason_required",
                                    "time_out_of_range",
                                    "nonexistent_local_time",
                                    "unknown_time_zone",
                                    "already_started"};
};

struct Rejection {
  RejectCode code;
  std::string message;
};

// A value or the reason there is none. Converts to bool like cpp-httplib's results.
template <class T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Rejection rejection) : data_(std::move(rejection)) {}

  explicit operator bool() const { return data_.index() == 0; }
  bool ok() const { return data_.index() == 0; }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Rejection& rejection() const { return std::get<1>(data_); }

 private:
  std::variant<T, Rejection> data_;
};

inline Rejection reject(RejectCode code, std::string message) { return Rejection{code, std::move(message)}; }

// A check that passes or gives a reason: rules return this.
using Check = std::optional<Rejection>;

}  // namespace pathways
