// The client as a whole: owns the state, the sync engine and the views, keeps the table of
// pages (which the core's capabilities show), and carries out what views ask for through
// their ViewContext (sign in and out, sync now, go to a page, open a profile).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "app_state.h"
#include "core/permissions.h"
#include "sync/sync_engine.h"
#include "views/login_view.h"
#include "views/top_bar_view.h"
#include "views/view.h"
#include "views/welcome_view.h"

namespace pathways {

class App {
 public:
  App();
  void init();  // restores the saved login and store: the client opens signed in, offline too
  void draw();  // one frame

  SyncEngine& sync() { return sync_; }  // for the debug hook

  // One row of the page table: a page, its tab, the core capability that shows it (none:
  // every signed-in person has it) and its view.
  struct Page {
    PageId id;
    const char* label;  // the tab's text, after the icon
    const char* icon;
    std::optional<Capability> shown_by;
    std::unique_ptr<View> view;
  };

 private:
  bool shown(const Page& page) const;
  Page* find(PageId id);
  void sign_out();
  void carry_out(ViewContext::Requests& requests);
  void publish_test_status() const;
  void draw_navigation(ViewContext& ctx);

  AppState state_;
  SyncEngine sync_;
  bool started_ = false;  // the sync engine runs for the signed-in user
  std::vector<Page> pages_;
  PageId page_ = PageId::home;
  Id opened_participant_;  // open_participant's request, for the next frame's views
  LoginView login_;
  WelcomeView welcome_;  // a sign-in link opened in this browser: "Choose your password"
  TopBarView top_bar_;
};

}  // namespace pathways
