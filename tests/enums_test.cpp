// Labels of the closed vocabularies: one wording for every screen.
#include "core/enums.h"

#include <doctest/doctest.h>

using namespace pathways;

TEST_CASE("label(SessionKind): 1:1 and Pod, spelt out and in a participant's words") {
  CHECK(label(SessionKind::one_to_one) == "1:1");
  CHECK(label(SessionKind::pod) == "Pod");
  CHECK(long_label(SessionKind::one_to_one) == "One-to-one");
  CHECK(long_label(SessionKind::pod) == "Pod");
  CHECK(plain_label(SessionKind::one_to_one) == "one-to-one");
  CHECK(plain_label(SessionKind::pod) == "group");
}

TEST_CASE("label: every status, role and missed reason has one") {
  for (std::size_t i = 0; i < EnumNames<SessionStatus>::names.size(); ++i)
    CHECK_FALSE(label(static_cast<SessionStatus>(i)).empty());
  for (std::size_t i = 0; i < EnumNames<Role>::names.size(); ++i) CHECK_FALSE(label(static_cast<Role>(i)).empty());
  CHECK(label(MissedReason::none).empty());
  CHECK(label(MissedReason::coach_no_show) == "Coach no-show");
}
