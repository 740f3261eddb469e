#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

const std::vector<std::string> kStatuses = {"proposed",  "approved", "in_progress", "delivered",
                                            "evaluated", "closed",   "rejected",    "cancelled"};

// The lifecycle written out independently of the implementation: every legal move.
const std::set<std::pair<std::string, std::string>> kLegal = {
    {"proposed", "approved"},     {"proposed", "rejected"},   {"proposed", "cancelled"},
    {"approved", "in_progress"},  {"approved", "cancelled"},  {"in_progress", "delivered"},
    {"in_progress", "cancelled"}, {"delivered", "evaluated"}, {"evaluated", "closed"},
};

TEST(TaskLifecycle, EveryPairOfStatusesFollowsTheTable) {
  int legal = 0, illegal = 0;
  for (const std::string& from : kStatuses) {
    for (const std::string& to : kStatuses) {
      const Status s = CheckTaskTransition(from, to, "a reason given by the manager");
      if (kLegal.count({from, to})) {
        EXPECT_TRUE(s.ok()) << from << " -> " << to << ": " << s.ToString();
        ++legal;
      } else {
        EXPECT_EQ(s.code(), ErrorCode::kIllegalTransition) << from << " -> " << to;
        EXPECT_NE(s.message().find("'" + from + "'"), std::string::npos) << s.message();
        EXPECT_NE(s.message().find("'" + to + "'"), std::string::npos) << s.message();
        ++illegal;
      }
    }
  }
  EXPECT_EQ(legal, 9);
  EXPECT_EQ(illegal, 55);
}

TEST(TaskLifecycle, AllowedTransitionsMatchTheTableInLifecycleOrder) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"proposed", {"approved", "rejected", "cancelled"}},
      {"approved", {"in_progress", "cancelled"}},
      {"in_progress", {"delivered", "cancelled"}},
      {"delivered", {"evaluated"}},
      {"evaluated", {"closed"}},
      {"closed", {}},
      {"rejected", {}},
      {"cancelled", {}}};
  for (const auto& [from, to] : expected) EXPECT_EQ(AllowedTaskTransitions(from), to) << from;
  EXPECT_TRUE(AllowedTaskTransitions("archived").empty());
}

TEST(TaskLifecycle, RefusesDeliveryBeforeApprovalWithAClearMessage) {
  const Status s = CheckTaskTransition("proposed", "delivered", "");
  EXPECT_EQ(s.code(), ErrorCode::kIllegalTransition);
  EXPECT_EQ(s.message(),
            "A task that is 'proposed' cannot move to 'delivered'. From 'proposed' it can "
            "move to: approved, rejected, cancelled.");
}

TEST(TaskLifecycle, SaysThatAFinalStatusCannotChange) {
  const Status s = CheckTaskTransition("closed", "approved", "");
  EXPECT_EQ(s.code(), ErrorCode::kIllegalTransition);
  EXPECT_NE(s.message().find("final"), std::string::npos) << s.message();
}

TEST(TaskLifecycle, RefusesMovingToTheSameStatus) {
  for (const std::string& status : kStatuses) {
    EXPECT_EQ(CheckTaskTransition(status, status, "reason").code(), ErrorCode::kIllegalTransition)
        << status;
  }
}

TEST(TaskLifecycle, RejectionNeedsAReason) {
  for (const char* blank : {"", "   ", "\n\t"}) {
    const Status s = CheckTaskTransition("proposed", "rejected", blank);
    EXPECT_EQ(s.code(), ErrorCode::kValidation);
    ASSERT_EQ(s.fields().size(), 1u);
    EXPECT_EQ(s.fields()[0].field, "reason");
  }
  EXPECT_TRUE(CheckTaskTransition("proposed", "rejected", "Outside the programme's remit").ok());
}

TEST(TaskLifecycle, CancellationNeedsAReasonFromEveryOpenStatus) {
  for (const char* from : {"proposed", "approved", "in_progress"}) {
    const Status s = CheckTaskTransition(from, "cancelled", " ");
    EXPECT_EQ(s.code(), ErrorCode::kValidation) << from;
    ASSERT_EQ(s.fields().size(), 1u);
    EXPECT_EQ(s.fields()[0].field, "reason");
    EXPECT_TRUE(CheckTaskTransition(from, "cancelled", "Partner withdrew").ok()) << from;
  }
}

TEST(TaskLifecycle, ForwardMovesNeedNoReason) {
  EXPECT_TRUE(CheckTaskTransition("proposed", "approved", "").ok());
  EXPECT_TRUE(CheckTaskTransition("approved", "in_progress", "").ok());
  EXPECT_TRUE(CheckTaskTransition("in_progress", "delivered", "").ok());
  EXPECT_TRUE(CheckTaskTransition("delivered", "evaluated", "").ok());
  EXPECT_TRUE(CheckTaskTransition("evaluated", "closed", "").ok());
}

TEST(TaskLifecycle, AnIllegalMoveIsReportedBeforeAMissingReason) {
  EXPECT_EQ(CheckTaskTransition("delivered", "cancelled", "").code(),
            ErrorCode::kIllegalTransition);
  EXPECT_EQ(CheckTaskTransition("approved", "rejected", "").code(), ErrorCode::kIllegalTransition);
}

TEST(TaskLifecycle, RefusesUnknownTargetStatusAsAValidationErrorOnTo) {
  for (const char* to : {"done", "", "Approved", "in progress"}) {
    const Status s = CheckTaskTransition("proposed", to, "reason");
    EXPECT_EQ(s.code(), ErrorCode::kValidation) << to;
    ASSERT_EQ(s.fields().size(), 1u);
    EXPECT_EQ(s.fields()[0].field, "to");
  }
}

TEST(TaskLifecycle, RefusesUnknownCurrentStatus) {
  const Status s = CheckTaskTransition("archived", "approved", "");
  EXPECT_FALSE(s.ok());
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "from");
}

TEST(TaskLifecycle, KnowsItsStatusesAndWhichAreFinal) {
  for (const std::string& s : kStatuses) EXPECT_TRUE(IsTaskStatus(s)) << s;
  EXPECT_FALSE(IsTaskStatus("archived"));
  EXPECT_FALSE(IsTaskStatus(""));
  EXPECT_FALSE(IsTaskStatus("PROPOSED"));
  const std::set<std::string> terminal = {"closed", "rejected", "cancelled"};
  for (const std::string& s : kStatuses)
    EXPECT_EQ(IsTerminalTaskStatus(s), terminal.count(s) == 1) << s;
  EXPECT_FALSE(IsTerminalTaskStatus("unknown"));
}

TEST(TaskLifecycle, StatusesMatchTheTaskStatusVocabulary) {
  const Vocabulary* vocab = FindVocabulary("task_status");
  ASSERT_NE(vocab, nullptr);
  ASSERT_EQ(vocab->terms.size(), kStatuses.size());
  for (size_t i = 0; i < kStatuses.size(); ++i) EXPECT_EQ(vocab->terms[i].code, kStatuses[i]);
}

TEST(TaskLifecycle, AnOpenTaskIsOverdueTheDayAfterItWasDue) {
  const Date today{2026, 3, 10};
  EXPECT_EQ(DaysOverdue("approved", "2026-03-10", today), 0);
  EXPECT_EQ(DaysOverdue("approved", "2026-03-09", today), 1);
  EXPECT_EQ(DaysOverdue("in_progress", "2026-02-20", today), 18);
  EXPECT_EQ(DaysOverdue("in_progress", "2025-03-10", today), 365);
  // Work not under way, or with no due date, is never overdue.
  for (const char* status : {"proposed", "delivered", "evaluated", "closed", "rejected", "cancelled"}) {
    EXPECT_EQ(DaysOverdue(status, "2026-01-01", today), 0) << status;
  }
  EXPECT_EQ(DaysOverdue("approved", "", today), 0);
  EXPECT_EQ(DaysOverdue("approved", "soon", today), 0);
}

}  // namespace
}  // namespace lookout::domain
