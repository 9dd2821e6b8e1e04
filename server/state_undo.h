// Commits changes into the in-memory state while remembering each entity's previous value,
// so a push whose database transaction fails can put the state back exactly as it was.
// (Ops in one push must see each other's effects, so they are committed to memory before
// the group's transaction commits; this is what keeps "state = database" when it fails.)
#pragma once

#include <optional>
#include <vector>

#include "core/state.h"

namespace pathways::server {

class UndoableCommit {
 public:
  explicit UndoableCommit(State& state) : state_(state) {}

  // Commits; returns the entity's previous value (null when it is new), valid until the
  // next call.
  const Entity* commit(const Change& change);
  // Restores every value this object changed, newest first.
  void rollback();

 private:
  State& state_;
  std::vector<Change> undo_;
};

}  // namespace pathways::server
