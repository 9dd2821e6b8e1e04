// R21 in the browser: a session's history (a window opened from its Actions menu) and a
// participant's timeline (a section of their profile), as the server's op log keeps them:
// who, the op's own time and the server's receipt (both in the viewer's local time), what,
// from which status to which, and the missed reason. They are fetched from the server
// (GET /api/sessions/<id>/history, /api/participants/<id>/timeline) when online; the last
// fetched copy is kept, and shown while offline with a plain note saying so. Only staff who
// may see the participant are offered them (the core's may_read_history).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/time.h"
#include "views/view.h"

namespace pathways {

class SessionHistory {
 public:
  // Opens the history window of `session` on the next draw_window.
  void open_session(const Id& session);
  // The session history window, when open.
  void draw_window(ViewContext& ctx);
  // The timeline of `participant`, inline.
  void draw_timeline(ViewContext& ctx, const Id& participant);

 private:
  struct Entry {
    std::string who, what, session, from, to, reason;
    Time claimed{}, received{};
  };
  // The last fetched copy of one history (by its URL).
  struct Copy {
    std::vector<Entry> entries;
    bool have = false;     // a copy arrived at least once
    bool loading = false;  // a request is under way
    std::string error;     // the last request's failure, in words
    Time fetched{};        // when the copy arrived (the frame's time)
  };
  void fetch(const ViewContext& ctx, const std::string& url);
  void draw_copy(const ViewContext& ctx, const std::string& url, bool with_session);

  std::map<std::string, Copy> copies_;
  Id session_;
  bool open_requested_ = false;
  std::string timeline_url_;  // the timeline shown, fetched once per participant shown
};

}  // namespace pathways
