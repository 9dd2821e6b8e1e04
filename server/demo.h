// The demo dataset (`--demo`): 2 companies, 3 projects, 2 journeys, 4 cohorts, 3 coaches,
// 1 programme lead, 1 admin, 60 participants, sessions in every status around `now` and
// free slots over the next two weeks. Made through the core's ops from an empty state, so
// it obeys every rule; deterministic for a given UTC day (times are placed relative to
// that day's midnight).
#pragma once

#include <string>
#include <vector>

#include "core/state.h"

namespace pathways::server {

struct DemoLogin {
  Id user;
  std::string email;
  std::string password;
  std::string role_label;  // how the start-up banner describes it
};

struct DemoData {
  std::vector<Change> changes;  // in order, from the empty state
  std::vector<DemoLogin> logins;
};

DemoData build_demo(Time now);

}  // namespace pathways::server
