// The client as a whole: owns the state, the sync engine and the views, picks what to show,
// and carries out what views ask for (sign out, sync now, open a profile).
#pragma once

#include "app_state.h"
#include "sync/sync_engine.h"
#include "views/coach_calendar_view.h"
#include "views/cohort_grid_view.h"
#include "views/home_view.h"
#include "views/login_view.h"
#include "views/participant_profile_view.h"
#include "views/participant_view.h"
#include "views/sync_panel_view.h"
#include "views/top_bar_view.h"

namespace pathways {

class App {
 public:
  void init();  // restores the saved login and store: the client opens signed in, offline too
  void draw();  // one frame

  SyncEngine& sync() { return sync_; }  // for the debug hook

 private:
  enum class Page { grid, profile, calendar, my_sessions, sync, home };
  void sign_out();
  void publish_test_status() const;
  void draw_navigation();
  Page first_page() const;

  AppState state_;
  SyncEngine sync_;
  bool started_ = false;  // the sync engine runs for the signed-in user
  Page page_ = Page::home;
  LoginView login_;
  TopBarView top_bar_;
  HomeView home_;
  CohortGridView grid_;
  ParticipantProfileView profile_;
  CoachCalendarView calendar_;
  ParticipantView participant_;
  SyncPanelView sync_panel_;
};

}  // namespace pathways
