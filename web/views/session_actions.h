// The Actions menu of one session, shared by the cohort grid and the participant profile:
// Book (a free slot of the coach), Delete booking, Mark Completed, Mark Missed (with its
// reason), Grey out / Un-grey, Add note; for admins also Waive late cancellation and
// Correct status (R3: admins may set any status, the correction is audited). Each item asks the core whether it would
// be accepted now; refused ones are drawn disabled with the core's reason on hover.
#pragma once

#include <string>
#include <utility>

#include "core/state.h"
#include "sync/sync_engine.h"

namespace pathways {

class SessionActions {
 public:
  void open(const Id& session);  // opens the menu at the pointer this frame
  void draw(SyncEngine& sync);
  const std::string& last_error() const { return error_; }
  // True once after the menu queued an edit (the sync panel then drops the rejected op the
  // person chose again for).
  bool take_submitted() { return std::exchange(submitted_, false); }

 private:
  enum class Page { menu, book, missed, note, correct };
  Id session_;
  bool open_requested_ = false;
  Page page_ = Page::menu;
  std::string note_;
  std::string error_;
  bool submitted_ = false;
};

// Shared helpers for views.
// An item that is enabled when `why_not` is empty, with the reason as its tooltip otherwise.
bool action_item(const char* label, const Check& why_not, bool keep_open = false);
// The same as a secondary button.
bool action_button(const char* label, const Check& why_not);
// The session an op is about, if it is about one (book, cancel, mark, note, ...).
const Id* session_of(const OpBody& body);
// Free places in the coach's slots that a session of `kind` could take, from `after`, in time order.
std::vector<const Slot*> free_slots(const State& state, const Id& coach, SessionKind kind, Time after);
// "Booked · Mon 23 Nov 2026, 14:00", or the status alone.
std::string status_line(const Session& session);

}  // namespace pathways
