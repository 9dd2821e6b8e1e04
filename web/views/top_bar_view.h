// The bar across the top once signed in: the product, the sync status (online / offline,
// pending ops, last sync, "Sync now") and the user with "Sign out". On narrow screens it
// takes two rows: the product and the user, then the sync status.
#pragma once

#include "views/view.h"

namespace pathways {

class TopBarView : public View {
 public:
  void draw(ViewContext& ctx) override;     // asks for "Sync now" and "Sign out" through ctx
  float height() const { return height_; }  // as last drawn

 private:
  static constexpr float row_height = 60.0f;
  static constexpr float narrow_row_height = 48.0f;

  float height_ = row_height;
  // Right-aligned groups are placed with the width they had on the previous frame.
  float user_width_ = 0.0f;
  float sync_width_ = 0.0f;
};

}  // namespace pathways
