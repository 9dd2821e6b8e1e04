#include "enums.h"

namespace pathways {

std::string_view label(SessionStatus status) {
  switch (status) {
    case SessionStatus::unbooked:
      return "Unbooked";
    case SessionStatus::booked:
      return "Booked";
    case SessionStatus::completed:
      return "Completed";
    case SessionStatus::missed:
      return "Missed";
    case SessionStatus::greyed_out:
      return "Greyed out";
  }
  return "";
}

std::string_view label(Role role) {
  switch (role) {
    case Role::admin:
      return "Admin";
    case Role::coach:
      return "Coach";
    case Role::program_lead:
      return "Programme lead";
    case Role::participant:
      return "Participant";
  }
  return "";
}

std::string_view label(MissedReason reason) {
  switch (reason) {
    case MissedReason::none:
      return "";
    case MissedReason::no_show:
      return "No-show";
    case MissedReason::late_cancellation:
      return "Late cancellation";
    case MissedReason::coach_no_show:
      return "Coach no-show";
  }
  return "";
}

std::string_view label(SessionKind kind) {
  switch (kind) {
    case SessionKind::one_to_one:
      return "1:1";
    case SessionKind::pod:
      return "Pod";
  }
  return "";
}

std::string_view long_label(SessionKind kind) {
  switch (kind) {
    case SessionKind::one_to_one:
      return "One-to-one";
    case SessionKind::pod:
      return "Pod";
  }
  return "";
}

std::string_view plain_label(SessionKind kind) {
  switch (kind) {
    case SessionKind::one_to_one:
      return "one-to-one";
    case SessionKind::pod:
      return "group";
  }
  return "";
}

}  // namespace pathways
