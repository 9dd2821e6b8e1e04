// The admin's Journeys page (R8, R9): a list of journeys with what a programme manager
// compares (sessions, 1:1 and pod counts, hours, cohorts and participants, published or
// draft pending, last change), a form for a new journey, and the editor of one journey: its
// settings (name, extra sessions cap, My Coaching tab: immediate, not part of the draft),
// its sessions in order, edited in place, dragged or moved up and down, retired; a published
// journey's edits are a draft, published after a preview of what will change (core/journey_draft.h).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/journey_draft.h"
#include "views/view.h"

namespace pathways {

class JourneysView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  // A row's fields as typed, kept while the field is edited or its edit was refused.
  struct RowEdit {
    std::string title;
    std::string minutes;
    std::string refused;  // the core's sentence for the last commit, kept until the next one
    bool title_active = false, minutes_active = false;  // being typed in (last frame)
  };

  void draw_list(ViewContext& ctx);
  void draw_new_journey(ViewContext& ctx);
  void draw_editor(ViewContext& ctx, const Journey& journey);
  void draw_settings(ViewContext& ctx, const Journey& journey);
  void draw_rows(ViewContext& ctx, const Journey& journey);
  void draw_publish_dialog(ViewContext& ctx, const Journey& journey);
  const PublishPreview& preview(const ViewContext& ctx, const Journey& journey);
  void say(std::string message, bool error);

  Id open_;  // the journey being edited; empty: the list
  // New journey form
  std::string name_;
  std::string extra_text_ = "0";
  bool my_coaching_ = true;
  // The editor
  // Its settings (R8, R11) as typed, loaded from the journey when it opens or changes.
  Id settings_of_;
  Time settings_loaded_at_{};
  std::string settings_name_, settings_extra_;
  bool settings_my_coaching_ = true;
  bool settings_open_ = false;
  std::map<Id, RowEdit> rows_;
  bool publish_requested_ = false;
  // The preview of the open journey, recomputed when the state changes.
  Id preview_journey_;
  unsigned long preview_revision_ = ~0ul;
  PublishPreview preview_;
  std::string message_;
  bool message_is_error_ = false;
};

}  // namespace pathways
