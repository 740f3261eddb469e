// Quotes and case studies are approved for publication by a manager who did not record
// them, recorded and audited; nobody creates or edits a record into the approved state.
#include "app/records/approval.h"

#include <gtest/gtest.h>

#include "app/numbers_fixture.h"

namespace lookout::app {
namespace {

using testing::NumbersTest;

class Approval : public NumbersTest {
 protected:
  void SetUp() override {
    NumbersTest::SetUp();
    if (HasFatalFailure()) return;
    quote_ = Quote(em_officer_, true);
  }
  const domain::EntityDef& QuoteDef() { return *domain::FindEntity("quote"); }
  Record Get(int64_t id, const domain::EntityDef* entity = nullptr) {
    auto r = services_->Get(Actor::Cli("test"), entity ? *entity : QuoteDef(), id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Record{};
  }
  int64_t Version(int64_t id) { return Get(id).Get("version").as_int(); }
  Record QuoteFields(bool consent) {
    Record r;
    r.Set("text", "The training changed how our night staff look at late check-ins.");
    r.Set("stakeholder_type", "police");
    r.Set("region", "EM");
    r.Set("source", "survey");
    r.Set("consent_given", consent);
    if (consent) r.Set("consent_on", "2026-02-10");
    r.Set("task", task_["EM"]);
    r.Set("collected_on", "2026-02-10");
    return r;
  }
  int64_t Quote(const Actor& by, bool consent) {
    auto saved = services_->Create(by, QuoteDef(), QuoteFields(consent));
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }
  std::vector<store::AuditEntry> Audit(int64_t id) {
    auto tx = store_->Begin(false);
    auto entries = (*tx)->ListAudit("quote", id, 50);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<store::AuditEntry>{};
  }
  int64_t quote_ = 0;
};

TEST_F(Approval, NobodyCreatesAQuoteAlreadyApproved) {
  for (const Actor* who : {&em_officer_, &manager_, &analyst_}) {
    Record r = QuoteFields(true);
    r.Set("approved", true);
    auto saved = services_->Create(*who, QuoteDef(), r);
    ASSERT_FALSE(saved.ok()) << who->role;
    EXPECT_EQ(saved.status().code(), ErrorCode::kValidation);
    EXPECT_NE(saved.status().ToString().find("approve"), std::string::npos) << saved.status().ToString();
    Record change;
    change.Set("approved", true);
    auto changed = services_->Update(*who, QuoteDef(), quote_, Version(quote_), change);
    EXPECT_EQ(changed.status().code(), ErrorCode::kValidation) << who->role;
  }
  EXPECT_EQ(Get(quote_).Get("approved"), Value(false));
}

TEST_F(Approval, AManagerWhoDidNotRecordItApprovesItAndIsRecorded) {
  auto approved = SetApproval(*services_, manager_, QuoteDef(), quote_, Version(quote_), true);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->Get("approved"), Value(true));
  EXPECT_EQ(approved->Get("approved_by"), Value(manager_.staff_id));
  EXPECT_EQ(approved->Get("approved_at"), Value(clock_.NowTimestamp()));
  const std::vector<store::AuditEntry> audit = Audit(quote_);
  ASSERT_FALSE(audit.empty());
  bool found = false;
  for (const store::AuditEntry& e : audit) {
    if (e.action != "approve") continue;
    found = true;
    EXPECT_EQ(e.actor, manager_.id);
    EXPECT_NE(e.changes.find("approved_by"), std::string::npos) << e.changes;
  }
  EXPECT_TRUE(found);
  // Approving again is a conflict; so is a stale version.
  EXPECT_EQ(SetApproval(*services_, other_manager_, QuoteDef(), quote_, Version(quote_), true).status().code(),
            ErrorCode::kConflict);
}

TEST_F(Approval, TheAuthorAndOtherRolesMayNotApprove) {
  const int64_t own = Quote(manager_, true);
  auto self = SetApproval(*services_, manager_, QuoteDef(), own, Version(own), true);
  EXPECT_EQ(self.status().code(), ErrorCode::kForbidden);
  EXPECT_NE(self.status().message().find("another manager"), std::string::npos);
  EXPECT_TRUE(SetApproval(*services_, other_manager_, QuoteDef(), own, Version(own), true).ok());
  for (const Actor* who : {&em_officer_, &analyst_, &funder_, &admin_}) {
    EXPECT_EQ(SetApproval(*services_, *who, QuoteDef(), quote_, Version(quote_), true).status().code(),
              ErrorCode::kForbidden)
        << who->role;
  }
  EXPECT_EQ(SetApproval(*services_, Actor::Cli("ops"), QuoteDef(), quote_, Version(quote_), true).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(SetApproval(*services_, manager_, QuoteDef(), quote_, 99, true).status().code(), ErrorCode::kConflict);
  EXPECT_FALSE(MayApprove(em_officer_, QuoteDef(), Get(quote_)).ok());
  EXPECT_TRUE(MayApprove(manager_, QuoteDef(), Get(quote_)).ok());
}

TEST_F(Approval, AQuoteWithoutConsentIsNotApproved) {
  const int64_t no_consent = Quote(em_officer_, false);
  EXPECT_EQ(SetApproval(*services_, manager_, QuoteDef(), no_consent, Version(no_consent), true).status().code(),
            ErrorCode::kValidation);
}

TEST_F(Approval, ChangingAnApprovedQuoteWithdrawsItsApprovalAndAManagerMayWithdrawIt) {
  ASSERT_TRUE(SetApproval(*services_, manager_, QuoteDef(), quote_, Version(quote_), true).ok());
  Record change;
  change.Set("text", "The training changed how our night staff look at late arrivals.");
  auto changed = services_->Update(em_officer_, QuoteDef(), quote_, Version(quote_), change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->record.Get("approved"), Value(false));
  EXPECT_TRUE(changed->record.Get("approved_by").is_null());
  ASSERT_TRUE(SetApproval(*services_, manager_, QuoteDef(), quote_, Version(quote_), true).ok());
  auto withdrawn = SetApproval(*services_, other_manager_, QuoteDef(), quote_, Version(quote_), false,
                               "The speaker withdrew consent");
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  EXPECT_EQ(withdrawn->Get("approved"), Value(false));
  EXPECT_EQ(SetApproval(*services_, manager_, QuoteDef(), quote_, Version(quote_), false).status().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(SetApproval(*services_, em_officer_, QuoteDef(), quote_, Version(quote_), false).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(Approval, AManagerWhoRewroteItMayNotApproveItEither) {
  Record change;
  change.Set("text", "The training changed how our night staff look at every late arrival.");
  ASSERT_TRUE(services_->Update(manager_, QuoteDef(), quote_, Version(quote_), change).ok());
  auto own_words = SetApproval(*services_, manager_, QuoteDef(), quote_, Version(quote_), true);
  EXPECT_EQ(own_words.status().code(), ErrorCode::kForbidden);
  EXPECT_NE(own_words.status().message().find("another manager must approve it"), std::string::npos);
  EXPECT_TRUE(SetApproval(*services_, other_manager_, QuoteDef(), quote_, Version(quote_), true).ok());
}

TEST_F(Approval, ACaseStudyIsApprovedTheSameWay) {
  const domain::EntityDef& cs = *domain::FindEntity("case_study");
  const int64_t id = Make("case_study", {{"title", "Hotels that look closer"},
                                         {"summary", "Night staff trained to spot the signs."},
                                         {"period", "2025-26"}},
                          analyst_);
  EXPECT_EQ(SetApproval(*services_, analyst_, cs, id, 1, true).status().code(), ErrorCode::kForbidden);
  auto approved = SetApproval(*services_, manager_, cs, id, 1, true);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->Get("approved_by"), Value(manager_.staff_id));
}

TEST_F(Approval, AnImportKeepsAnApprovalOnlyWithItsManagerAndTime) {
  auto row = [&](std::map<std::string, Value> extra) {
    Record r = QuoteFields(true);
    for (auto& [k, v] : extra) r.Set(k, v);
    return ImportRow{1, r};
  };
  auto issues = [&](const Actor& as, std::map<std::string, Value> extra) {
    auto report = services_->Import(as, QuoteDef(), {row(std::move(extra))}, /*dry_run=*/true);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    std::string out;
    if (report.ok()) {
      for (const ImportIssue& i : report->errors) out += i.column + ": " + i.message + "\n";
    }
    return out;
  };
  const Actor cli = Actor::Cli("ops");
  EXPECT_NE(issues(cli, {{"approved", true}}).find("approved_by"), std::string::npos);
  EXPECT_NE(issues(cli, {{"approved", true}, {"approved_by", manager_.staff_id}}).find("approved_at"),
            std::string::npos);
  EXPECT_NE(issues(cli, {{"approved", true}, {"approved_by", em_officer_.staff_id},
                         {"approved_at", "2026-01-05T10:00:00Z"}})
                .find("not a manager"),
            std::string::npos);
  EXPECT_NE(issues(cli, {{"approved", true}, {"approved_by", manager_.staff_id},
                         {"approved_at", "2027-01-05T10:00:00Z"}})
                .find("future"),
            std::string::npos);
  EXPECT_NE(issues(cli, {{"approved_by", manager_.staff_id}}).find("not approved"), std::string::npos);
  EXPECT_EQ(issues(cli, {{"approved", true}, {"approved_by", manager_.staff_id},
                         {"approved_at", "2026-01-05T10:00:00Z"}}),
            "");
  // People importing through Lookout never bring an approval.
  EXPECT_NE(issues(em_officer_, {{"approved", true}, {"approved_by", manager_.staff_id},
                                 {"approved_at", "2026-01-05T10:00:00Z"}})
                .find("approved"),
            std::string::npos);
  auto written = services_->Import(cli, QuoteDef(),
                                   {row({{"approved", true}, {"approved_by", manager_.staff_id},
                                         {"approved_at", "2026-01-05T10:00:00Z"}})},
                                   false);
  ASSERT_TRUE(written.ok() && written->errors.empty());
  auto all = services_->List(manager_, QuoteDef(), {{"approved", "true"}});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->total, 1);
  EXPECT_EQ(all->items[0].Get("approved_at"), Value("2026-01-05T10:00:00Z"));
}

}  // namespace
}  // namespace lookout::app
