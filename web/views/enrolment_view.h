// The Enrolment page (admins): enrol one participant — an existing participant or a new
// one (name, e-mail) — into a cohort with a coach; or import a CSV file of participants:
// choose the file, see each row's verdict from the core (core/participant_import.h), then
// apply the good rows together, or cancel and change nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "core/participant_import.h"
#include "views/view.h"

namespace pathways {

class EnrolmentView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  void draw_one(ViewContext& ctx);
  void draw_import(ViewContext& ctx);
  void draw_preview(ViewContext& ctx);
  void read_file(ViewContext& ctx);
  void judge_slices(ViewContext& ctx);
  void start_apply(ViewContext& ctx);
  void apply_slices(ViewContext& ctx);

  // [SECTION] Enrol one
  bool existing_ = false;  // enrol an existing participant rather than create one
  Id participant_, cohort_, coach_;
  std::string name_, email_;
  Id new_user_id_, new_pathway_id_;  // the ids the next enrolment creates
  std::string one_done_, one_error_;
  // The core's verdict on the form as it is, recomputed when the form or the state changes.
  std::string verdict_key_;
  unsigned long verdict_revision_ = 0;
  std::optional<RowVerdict> verdict_;

  // [SECTION] Import
  std::string file_name_;
  std::string file_error_;  // the whole file was refused: one sentence
  // Rows are judged a slice per frame (a few hundred), so the page keeps drawing; the
  // preview appears once every row is judged.
  std::optional<ImportPreviewer> previewer_;
  ViewContext* ids_from_ = nullptr;  // the frame's context, while the previewer makes ids
  std::chrono::steady_clock::time_point preview_start_;
  std::optional<ImportPreview> preview_;
  double preview_ms_ = 0;                // reading and checking the file took this long (all slices)
  bool refused_only_ = false;            // the table shows refused rows only
  std::vector<std::size_t> shown_rows_;  // indexes into the preview, as the table lists them
  // Apply: the good rows' ops go to the engine together and are applied a slice per frame.
  bool applying_ = false;
  std::size_t applying_rows_ = 0, applying_created_ = 0;
  std::chrono::steady_clock::time_point apply_start_;
  std::string import_done_, import_error_;
};

}  // namespace pathways
