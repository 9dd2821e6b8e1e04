#include "server/state_undo.h"

namespace pathways::server {

const Entity* UndoableCommit::commit(const Change& change) {
  if (auto before = find_entity(state_, kind_of(change.entity), id_of(change.entity)))
    undo_.push_back(Change{std::move(*before), false});
  else
    undo_.push_back(Change{change.entity, true});  // it did not exist: undo removes it
  state_.commit(change);
  return undo_.back().deleted ? nullptr : &undo_.back().entity;
}

void UndoableCommit::rollback() {
  // Pathways are never deleted by an op, so restoring one never has to bring back the
  // sessions that State::commit drops with it.
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) state_.commit(*it);
  undo_.clear();
}

}  // namespace pathways::server
