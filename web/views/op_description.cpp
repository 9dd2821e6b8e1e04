// describe_op (op_description.h): the sync panel's words for each kind of op.
#include "views/op_description.h"

#include <type_traits>
#include <variant>

#include "core/journey_draft.h"
#include "local_time.h"

namespace pathways {

std::string describe_op(const State& state, const OpBody& body) {
  auto session_words = [&](const Id& id) {
    const Session* s = state.session(id);
    if (!s) return id;
    std::string words = session_title(state, *s);
    if (const Pathway* p = state.pathway(s->pathway))
      if (const User* u = state.user(p->participant)) words += ", " + u->name;
    return words;
  };
  auto journey_words = [&](const Id& id) {
    const Journey* j = state.journey(id);
    return j ? j->name : id;
  };
  auto placeholder_words = [&](const Id& journey, const Id& id) {
    const Journey* j = state.journey(journey);
    const Placeholder* p = j ? find_in(working_placeholders(*j), id) : nullptr;
    return p ? p->title : id;
  };
  auto user_words = [&](const Id& id) {
    const User* u = state.user(id);
    return u ? u->name : id;
  };
  return std::visit(
      [&](const auto& op) -> std::string {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, BookSession>) {
          std::string words = "Book " + session_words(op.session);
          if (const Slot* slot = state.slot(op.slot)) words += " at " + local_time::format_date_time(slot->start);
          return words;
        } else if constexpr (std::is_same_v<T, CancelBooking>) {
          return "Cancel booking of " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, MarkAttendance>) {
          return std::string(op.outcome == Outcome::completed ? "Mark Completed: " : "Mark Missed: ") +
                 session_words(op.session);
        } else if constexpr (std::is_same_v<T, CorrectStatus>) {
          return "Set " + std::string(label(op.status)) + ": " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, GreyOut>) {
          return "Grey out " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, Ungrey>) {
          return "Un-grey " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, AddNote>) {
          return "Note on " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, AddSlot>) {
          std::string words = "Add slot " + local_time::format_date_time(op.start);
          if (op.repeat_weeks && *op.repeat_weeks > 0)
            words += ", weekly for " + std::to_string(*op.repeat_weeks) + " more weeks";
          return words;
        } else if constexpr (std::is_same_v<T, RemoveSlot>) {
          return "Remove slot " + op.slot;
        } else if constexpr (std::is_same_v<T, CreateCompany>) {
          return "Add company " + op.name.value;
        } else if constexpr (std::is_same_v<T, UpdateCompany>) {
          return "Rename company to " + op.name.value;
        } else if constexpr (std::is_same_v<T, CreateProject>) {
          return "Add project " + op.name.value;
        } else if constexpr (std::is_same_v<T, UpdateProject>) {
          const Project* p = state.project(op.project);
          return "Edit project " + (p ? p->name : op.project);
        } else if constexpr (std::is_same_v<T, CreateUser>) {
          return "Add " + std::string(label(op.role)) + " " + op.name.value;
        } else if constexpr (std::is_same_v<T, UpdateUser>) {
          const User* u = state.user(op.user);
          const std::string who = u ? u->name : op.user;
          if (op.deactivated) return (*op.deactivated ? "Deactivate " : "Reactivate ") + who;
          if (op.role) return "Change the role of " + who + " to " + std::string(label(*op.role));
          return "Edit " + who;
        } else if constexpr (std::is_same_v<T, CreateJourney>) {
          return "New journey " + op.name.value;
        } else if constexpr (std::is_same_v<T, AddPlaceholder>) {
          return "Add session " + op.title.value + " to " + journey_words(op.journey);
        } else if constexpr (std::is_same_v<T, UpdatePlaceholder>) {
          return "Edit session " + placeholder_words(op.journey, op.placeholder);
        } else if constexpr (std::is_same_v<T, MovePlaceholder>) {
          return "Move session " + placeholder_words(op.journey, op.placeholder) + " to position " +
                 std::to_string(op.position + 1);
        } else if constexpr (std::is_same_v<T, RetirePlaceholder>) {
          return "Retire session " + placeholder_words(op.journey, op.placeholder);
        } else if constexpr (std::is_same_v<T, PublishJourney>) {
          return "Publish " + journey_words(op.journey);
        } else if constexpr (std::is_same_v<T, DiscardDraft>) {
          return "Discard the draft of " + journey_words(op.journey);
        } else if constexpr (std::is_same_v<T, SendReminder>) {
          return "Remind " + user_words(op.participant);
        } else if constexpr (std::is_same_v<T, Escalate>) {
          return "Escalate " + user_words(op.participant);
        } else if constexpr (std::is_same_v<T, ResolveEscalation>) {
          const auto found = state.escalations.find(op.escalation);
          return "Resolve the escalation of " +
                 (found == state.escalations.end() ? op.escalation : user_words(found->second.participant));
        } else if constexpr (std::is_same_v<T, UpdateJourney>) {
          return "Change the settings of " + journey_words(op.journey);
        } else {
          return std::string(to_string(T::type));
        }
      },
      body);
}

}  // namespace pathways
