// The client as a whole: owns the state and the views, picks what to show, and carries out
// what views ask for (sign out, sync now).
#pragma once

#include "app_state.h"
#include "views/home_view.h"
#include "views/login_view.h"
#include "views/top_bar_view.h"

namespace pathways {

class App {
 public:
  void init();  // restores the saved login: the client opens signed in, offline too
  void draw();  // one frame

 private:
  void sign_out();
  void publish_test_status() const;

  AppState state_;
  LoginView login_;
  TopBarView top_bar_;
  HomeView home_;
};

}  // namespace pathways
