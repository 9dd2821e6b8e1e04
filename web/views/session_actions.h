// The Actions menu of one session, shared by the cohort grid, the participant profile and the
// sync panel: Book (the slots the core says this person may book), Delete booking, Mark
// Completed, Mark Missed (with its reason), Add note; for those the core lets correct sessions
// (admins) also Grey out / Un-grey, Waive late cancellation and Correct status (R2: any
// status, audited); staff who may see the participant also History (R21). Each item asks the core whether it would be
// accepted now; refused ones are drawn disabled with the core's reason on hover.
#pragma once

#include <string>
#include <utility>

#include "core/state.h"
#include "views/session_history.h"
#include "views/view.h"

namespace pathways {

class SessionActions : public View {
 public:
  void open(const Id& session);  // opens the menu at the pointer this frame
  void draw(ViewContext& ctx) override;
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
  SessionHistory history_;  // R21: the History item's window
};

// Shared helpers for views.
// The session an op is about, if it is about one (book, cancel, mark, note, ...).
const Id* session_of(const OpBody& body);
// "Booked · Mon 23 Nov 2026, 14:00", or the status alone.
std::string status_line(const Session& session);
// "Mon 23 Nov 2026, 14:00 (60 min)": a slot in a list to book from.
std::string slot_line(const Slot& slot);

}  // namespace pathways
