// [SECTION] index
//   Page          the two cards
//   Enrol one     an existing or new participant, a cohort, a coach
//   Import        choose a file, read it, preview each row's verdict, apply or cancel
#include "views/enrolment_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>
#include <vector>

#include "imgui.h"
#include "shell/file_picker.h"
#include "shell/icons.h"
#include "shell/render_loop.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "sync/sync_engine.h"

namespace pathways {
namespace {

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Users of `role`, by name, for a drop-down.
std::vector<const User*> users_of(const State& state, Role role) {
  std::vector<const User*> out;
  for (const auto& [id, u] : state.users)
    if (u.role == role && !u.archived) out.push_back(&u);
  std::sort(out.begin(), out.end(), [](const User* a, const User* b) { return a->name < b->name; });
  return out;
}

std::vector<const Cohort*> open_cohorts(const State& state) {
  std::vector<const Cohort*> out;
  for (const auto& [id, c] : state.cohorts)
    if (!c.archived) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const Cohort* a, const Cohort* b) { return a->name < b->name; });
  return out;
}

// A drop-down of ids with names; returns true when the choice changed.
template <class T>
bool choose(const char* label, const std::vector<const T*>& items, Id& chosen, const char* none) {
  const T* current = nullptr;
  for (const T* item : items)
    if (item->id == chosen) current = item;
  bool changed = false;
  if (ui::begin_combo(label, current ? current->name.c_str() : none)) {
    for (const T* item : items) {
      const std::string text = item->name + "##" + item->id;
      if (ui::selectable(text.c_str(), item->id == chosen)) {
        chosen = item->id;
        changed = true;
      }
    }
    ui::end_combo();
  }
  return changed;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// [SECTION] Page

// Side by side on a wide screen (the import's table gets the room), stacked on a narrow one.
void EnrolmentView::draw(ViewContext& ctx) {
  const float available = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = available >= 900.0f;
  const float one_width = side_by_side ? 380.0f : std::min(620.0f, available);
  ui::heading("Enrolment");
  ui::begin_card("one", one_width);
  draw_one(ctx);
  ui::end_card();
  if (side_by_side) {
    ImGui::SameLine(0, 16);
  } else {
    ImGui::Dummy(ImVec2(0, 8));
  }
  ui::begin_card("import", std::min(1100.0f, ImGui::GetContentRegionAvail().x));
  draw_import(ctx);
  ui::end_card();
}

// [SECTION] Enrol one

void EnrolmentView::draw_one(ViewContext& ctx) {
  const State& state = ctx.state;
  ui::heading("Enrol one participant");
  if (ImGui::RadioButton("New participant", !existing_)) existing_ = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Existing participant", existing_)) existing_ = true;

  if (existing_) {
    choose("Participant", users_of(state, Role::participant), participant_, "Choose a participant");
  } else {
    ui::input_text("Name", &name_, "First and last name");
    ui::input_text("E-mail", &email_, "name@example.com");
  }
  choose("Cohort", open_cohorts(state), cohort_, "Choose a cohort");
  choose("Coach", users_of(state, Role::coach), coach_, "Choose a coach");

  if (new_user_id_.empty()) new_user_id_ = ctx.new_id("user");
  if (new_pathway_id_.empty()) new_pathway_id_ = ctx.new_id("pathway");

  // The core decides: an existing participant's enrolment is one op; a new one is the
  // import's single row (create the user, or enrol the user who has that e-mail).
  Check why_not;
  std::vector<OpBody> ops;
  if (existing_) {
    EnrolParticipant op{new_pathway_id_, participant_, cohort_, coach_};
    if (participant_.empty()) why_not = reject(RejectCode::missing_field, "Choose a participant.");
    why_not = why_not ? why_not : ctx.why_not(op);
    ops.emplace_back(op);
  } else {
    const std::string key = name_ + '\n' + email_ + '\n' + cohort_ + '\n' + coach_;
    // Not while an import is applied a slice per frame: each slice changes the revision, and
    // judging the form copies the whole state (10,000 participants: a long frame per slice).
    const bool state_changed = verdict_revision_ != ctx.sync.revision() && !ctx.sync.together_under_way();
    if (!verdict_ || key != verdict_key_ || state_changed) {
      const User* coach = state.user(coach_);
      std::vector<ImportRow> row{{2, name_, email_, coach ? coach->email : std::string(), cohort_}};
      auto ids = [&](std::string_view prefix) { return prefix == "user" ? new_user_id_ : new_pathway_id_; };
      auto preview = preview_import(state, std::move(row), ctx.actor, ctx.now, ids);
      verdict_ = std::move(preview.verdicts.front());
      verdict_key_ = key;
      verdict_revision_ = ctx.sync.revision();
    }
    if (verdict_->verdict != ImportVerdict::ok)
      why_not = reject(RejectCode::invalid_value, cohort_.empty()  ? "Choose a cohort."
                                                  : coach_.empty() ? "Choose a coach."
                                                                   : verdict_->sentence);
    why_not = why_not ? why_not : ctx.why_not_edit();
    ops = verdict_->ops;
    if (!why_not && !verdict_->new_user) ui::text_muted(verdict_->sentence);
  }

  if (ui::action(ICON_PLUS " Enrol", why_not, ui::ActionStyle::primary)) {
    one_done_.clear();
    one_error_.clear();
    if (auto refused = ctx.submit_together(std::move(ops))) {
      one_error_ = refused->message;
    } else {
      const User* who = ctx.state.user(existing_ ? participant_ : new_user_id_);
      const Cohort* cohort = ctx.state.cohort(cohort_);
      one_done_ = (who ? who->name : std::string("The participant")) + " is enrolled in " +
                  (cohort ? cohort->name : cohort_) + ".";
      name_.clear();
      email_.clear();
      participant_.clear();
      new_user_id_.clear();
      new_pathway_id_.clear();
      verdict_.reset();
    }
  }
  if (why_not && !existing_ && (!name_.empty() || !email_.empty())) ui::text_muted(why_not->message);
  if (!one_done_.empty()) ui::message_box(ui::Tone::info, one_done_);
  if (!one_error_.empty()) ui::message_box(ui::Tone::error, one_error_);
}

// [SECTION] Import

// Work done per frame while judging or applying an import: the page draws between slices
// (with its progress line) instead of stopping for the whole file at once. Few, larger
// slices: every slice also costs a frame, which on a loaded machine is itself slow.
constexpr double slice_budget_ms = 120;
constexpr std::size_t rows_per_step = 50;  // rows judged between looks at the clock
// About 70 ms of the engine's work in the browser per slice on a quiet machine (an
// enrolment's two ops take some 17 µs each in WebAssembly).
constexpr std::size_t ops_per_slice = 4000;

void EnrolmentView::read_file(ViewContext& ctx) {
  auto file = file_picker::take();
  if (!file) return;
  preview_start_ = std::chrono::steady_clock::now();
  file_name_ = file->name;
  file_error_.clear();
  import_done_.clear();
  import_error_.clear();
  preview_.reset();
  previewer_.reset();
  if (!file->error.empty()) {
    file_error_ = file->error;
    return;
  }
  if (file->too_large) {
    file_error_ = check_import_size(file->size)->message;
    return;
  }
  auto rows = parse_participants_csv(file->bytes);
  if (!rows) {
    file_error_ = rows.rejection().message;
    return;
  }
  // Ids come from the engine through the context of the frame that judges the slice.
  previewer_.emplace(ctx.state, std::move(rows.value()), ctx.actor, ctx.now,
                     [this](std::string_view prefix) { return ids_from_->new_id(prefix); });
  render_loop::wake();
}

void EnrolmentView::judge_slices(ViewContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  ids_from_ = &ctx;
  while (!previewer_->judge_next(rows_per_step) && ms_since(start) < slice_budget_ms) {
  }
  ids_from_ = nullptr;
  if (!previewer_->done()) {
    render_loop::wake();  // the next slice on the next frame
    return;
  }
  preview_ = previewer_->take();
  previewer_.reset();
  preview_ms_ = ms_since(preview_start_);
  shown_rows_.clear();
}

void EnrolmentView::start_apply(ViewContext& ctx) {
  applying_rows_ = preview_->to_enrol;
  applying_created_ = 0;
  for (const RowVerdict& v : preview_->verdicts)
    applying_created_ += v.verdict == ImportVerdict::ok && v.new_user ? 1 : 0;
  apply_start_ = std::chrono::steady_clock::now();
  import_done_.clear();
  import_error_.clear();
  if (auto refused = ctx.submit_together_in_slices(import_ops(*preview_), ops_per_slice)) {
    import_error_ = "Nothing was enrolled: " + refused->message;
    return;
  }
  applying_ = true;
  apply_slices(ctx);
}

// The engine applies the slices; this looks for how the batch ended.
void EnrolmentView::apply_slices(ViewContext& ctx) {
  if (ctx.sync.together_under_way()) return;
  const auto outcome = ctx.take_together_outcome();
  applying_ = false;
  if (!outcome) return;  // cancelled
  if (const Check& refused = *outcome) {
    // The state changed since the preview (a sync): nothing was applied; check again.
    import_error_ = "Nothing was enrolled: " + refused->message + " The preview has been checked again.";
    previewer_.emplace(ctx.state, std::move(preview_->rows), ctx.actor, ctx.now,
                       [this](std::string_view prefix) { return ids_from_->new_id(prefix); });
    preview_.reset();
    preview_start_ = std::chrono::steady_clock::now();
    render_loop::wake();
    return;
  }
  char took[32];
  std::snprintf(took, sizeof took, "%.2f s", ms_since(apply_start_) / 1000.0);
  import_done_ = "Enrolled " + count_of(applying_rows_, "participant", "participants") + " from " + file_name_ + " (" +
                 count_of(applying_created_, "new user", "new users") + ") in " + took +
                 ". The changes are sent to the server now.";
  preview_.reset();
}

void EnrolmentView::draw_import(ViewContext& ctx) {
  ui::heading("Import CSV");
  read_file(ctx);
  ui::text_wrapped(
      "A header row naming the columns name, email, coach email and cohort (the cohort's name or id), then one "
      "participant per row. Comma or semicolon separated, UTF-8. At most 50,000 rows and 10 MB.");
  const Check why_not_choose =
      previewer_ || applying_ ? Check(reject(RejectCode::forbidden, "A file is being read; wait until it is done."))
                              : ctx.why_not_edit();
  if (ui::action(ICON_CLOUD_UPLOAD " Choose CSV file…", why_not_choose))
    file_picker::open(".csv,text/csv,text/plain", max_import_bytes);
  if (!file_error_.empty()) ui::message_box(ui::Tone::error, file_name_ + ": " + file_error_ + " Nothing was changed.");
  if (!import_done_.empty()) {
    ui::message_box(ui::Tone::info, import_done_);
    if (ui::secondary_button(ICON_USERS " Open the cohort grid")) ctx.go(PageId::grid);
  }
  if (!import_error_.empty()) ui::message_box(ui::Tone::error, import_error_);
  if (previewer_) {
    judge_slices(ctx);
    if (previewer_) {
      ui::text_muted(file_name_ + " · checking row " + std::to_string(previewer_->judged()) + " of " +
                     std::to_string(previewer_->total()) + "…");
      ImGui::ProgressBar(static_cast<float>(previewer_->judged()) / static_cast<float>(previewer_->total()),
                         ImVec2(ui::available_width(), 0), "");
    }
  }
  if (preview_) draw_preview(ctx);
}

void EnrolmentView::draw_preview(ViewContext& ctx) {
  if (applying_) {
    apply_slices(ctx);
    if (!preview_) return;
  }
  const ImportPreview& p = *preview_;
  ImGui::Dummy(ImVec2(0, 4));
  ui::heading(std::to_string(p.to_enrol) + " to enrol, " + std::to_string(p.refused) + " refused");
  ui::text_muted(file_name_ + " · " + count_of(p.rows.size(), "row", "rows") + " read and checked in " +
                 std::to_string(static_cast<long>(preview_ms_)) + " ms");

  const Check why_not_apply =
      p.to_enrol == 0 ? Check(reject(RejectCode::invalid_value, "No row can be enrolled; nothing to apply."))
                      : ctx.why_not_edit();
  const std::string apply_label = ICON_CHECK " Apply " + count_of(p.to_enrol, "row", "rows") + "##apply";
  const Check why_not_apply_now =
      applying_ ? Check(reject(RejectCode::forbidden, "The rows are being applied.")) : why_not_apply;
  if (ui::action(apply_label.c_str(), why_not_apply_now, ui::ActionStyle::primary)) {
    start_apply(ctx);
    if (!preview_) return;
  }
  ImGui::SameLine();
  if (ui::secondary_button(ICON_CLOSE " Cancel##import")) {
    // Before the last slice nothing is queued: cancelling leaves the view as it was.
    ctx.cancel_together();
    preview_.reset();
    applying_ = false;
    return;
  }
  ImGui::SameLine();
  if (ui::checkbox("Refused rows only", &refused_only_)) shown_rows_.clear();
  if (applying_) {
    const std::size_t total = std::max<std::size_t>(1, ctx.sync.together_total());
    ui::text_muted("Applying " + count_of(p.to_enrol, "row", "rows") + "… " +
                   std::to_string(ctx.sync.together_applied() * 100 / total) + "%");
    ImGui::ProgressBar(static_cast<float>(ctx.sync.together_applied()) / static_cast<float>(total),
                       ImVec2(ui::available_width(), 0), "");
  }

  if (shown_rows_.empty()) {
    for (std::size_t i = 0; i < p.rows.size(); ++i)
      if (!refused_only_ || p.verdicts[i].verdict != ImportVerdict::ok) shown_rows_.push_back(i);
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  const float height = std::max(240.0f, std::min(ImGui::GetContentRegionAvail().y - 24.0f, 560.0f));
  if (!ImGui::BeginTable("##preview", 6, flags, ImVec2(ui::available_width(), height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, 44.0f);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("E-mail", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Coach", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Cohort", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Verdict", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown_rows_.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const std::size_t i = shown_rows_[static_cast<std::size_t>(r)];
      const ImportRow& row = p.rows[i];
      const RowVerdict& v = p.verdicts[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text_muted(std::to_string(row.row));
      ImGui::TableNextColumn();
      ui::text(row.name);
      ImGui::TableNextColumn();
      ui::text(row.email);
      ImGui::TableNextColumn();
      ui::text(row.coach_email);
      ImGui::TableNextColumn();
      ui::text(row.cohort);
      ImGui::TableNextColumn();
      const bool ok = v.verdict == ImportVerdict::ok;
      ImGui::PushStyleColor(ImGuiCol_Text, ok ? theme::color::success : theme::color::danger);
      ui::text((ok ? ICON_CHECK " " : ICON_BAN " ") + v.sentence);
      ImGui::PopStyleColor();
      // A long reason is cut at the column's edge: the whole sentence on hover.
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Row %d: %s", row.row, v.sentence.c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace pathways
