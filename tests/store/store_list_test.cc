// The store contract for lists, updates and archiving, run against every engine.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/schema.h"
#include "store/store.h"
#include "store/store_fixture.h"

namespace lookout::store::testing {
namespace {

using domain::EntityDef;
using domain::FieldDef;

// ---- Lists --------------------------------------------------------------------------------

class StoreListContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Migrate();
    auto tx = Begin();
    InsertReferenceRows(*tx);
    const EntityDef& e = domain::InsightEntity();
    i1_ = MustInsert(
        *tx, e, Insight("2025-04-10", "EM", {"cse"}, "new", "Hotel concerns near the station"));
    i2_ = MustInsert(*tx, e,
                     Insight("2025-05-20", "WM", {"online", "cce"}, "assessed",
                             "Fast food outlet: 100% sure of grooming"));
    i3_ = MustInsert(
        *tx, e, Insight("2025-06-30", "EM", {"msht"}, "new", "Roadside services, 100 percent"));
    i4_ = MustInsert(*tx, e,
                     Insight("2025-07-15", "NAT", {"cce"}, "tasked", "An under_score in the text"));
    ASSERT_TRUE(tx->SetArchived(e, i4_, 1, true, kLater).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  Page MustList(const ListQuery& q) {
    auto tx = Begin(false);
    auto page = tx->List(domain::InsightEntity(), q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? std::move(page).value() : Page{};
  }
  static ListQuery Where(Condition c) {
    ListQuery q;
    q.where.push_back(std::move(c));
    q.sort_field = "id";
    return q;
  }
  int64_t i1_ = 0, i2_ = 0, i3_ = 0, i4_ = 0, i5_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Engines, StoreListContract,
                         ::testing::Values(std::string("sqlite"), std::string("postgresql")),
                         EngineName);

using Ids = std::vector<int64_t>;

TEST_P(StoreListContract, FiltersByEquality) {
  Page page = MustList(Where({"status", Condition::Op::kEq, {Value("new")}}));
  EXPECT_EQ(IdsOf(page), (Ids{i1_, i3_}));
  EXPECT_EQ(page.total, 2);
}

TEST_P(StoreListContract, ScopeKeepsRecordsMatchingAnyOfItsConditionsAndTheFilters) {
  ListQuery q;
  q.sort_field = "id";
  q.scope_any.push_back({"region", Condition::Op::kEq, {Value("WM")}});
  q.scope_any.push_back({"themes", Condition::Op::kHasAny, {Value("msht")}});
  Page page = MustList(q);
  EXPECT_EQ(IdsOf(page), (Ids{i2_, i3_}));
  EXPECT_EQ(page.total, 2);
  q.where.push_back({"status", Condition::Op::kEq, {Value("new")}});
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i3_}));
  q.search = "hotel";  // i1 matches the search but is outside the scope
  EXPECT_TRUE(MustList(q).items.empty());
}

TEST_P(StoreListContract, FiltersByMembershipAndIncludesArchivedOnRequest) {
  ListQuery q = Where({"region", Condition::Op::kIn, {Value("EM"), Value("NAT")}});
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i1_, i3_}));
  q.archived = ListQuery::Archived::kInclude;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i1_, i3_, i4_}));
  q.archived = ListQuery::Archived::kOnly;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i4_}));
  EXPECT_TRUE(MustList(Where({"region", Condition::Op::kIn, {}})).items.empty());
}

TEST_P(StoreListContract, FiltersSetFieldsByAnyOfTheirValues) {
  ListQuery q = Where({"themes", Condition::Op::kHasAny, {Value("cce"), Value("msht")}});
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i2_, i3_}));
  q.archived = ListQuery::Archived::kInclude;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i2_, i3_, i4_}));
}

TEST_P(StoreListContract, FiltersByDateRange) {
  ListQuery q;
  q.where.push_back({"received_on", Condition::Op::kOnOrAfter, {Value("2025-05-20")}});
  q.where.push_back({"received_on", Condition::Op::kOnOrBefore, {Value("2025-06-30")}});
  q.sort_field = "id";
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i2_, i3_}));
}

TEST_P(StoreListContract, SearchesCaseInsensitivelyAndTakesWildcardsLiterally) {
  ListQuery q;
  q.search = "HOTEL";
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i1_}));
  q.search = "100%";
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i2_}));
  q.search = "r_s";
  q.archived = ListQuery::Archived::kInclude;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i4_}));
  q.search = "nothing like this";
  EXPECT_TRUE(MustList(q).items.empty());
}

TEST_P(StoreListContract, SortsByAFieldEitherWayWithIdBreakingTies) {
  {
    auto tx = Begin();
    i5_ = MustInsert(*tx, domain::InsightEntity(),
                     Insight("2025-05-20", "EM", {"csa"}, "new", "Same day as the second"));
    ASSERT_TRUE(tx->Commit().ok());
  }
  ListQuery q;
  q.sort_field = "received_on";
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i1_, i2_, i5_, i3_}));
  q.descending = true;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i3_, i5_, i2_, i1_}));
  // The entity's default order: newest received first.
  EXPECT_EQ(IdsOf(MustList(ListQuery{})), (Ids{i3_, i5_, i2_, i1_}));
  q.sort_field = "summary";
  q.descending = false;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i2_, i1_, i3_, i5_}));

  auto tx = Begin(false);
  ListQuery bad;
  bad.sort_field = "themes";
  auto refused = tx->List(domain::InsightEntity(), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kValidation);
}

TEST_P(StoreListContract, PagesWithATotal) {
  ListQuery q;
  q.sort_field = "id";
  q.limit = 2;
  Page first = MustList(q);
  EXPECT_EQ(IdsOf(first), (Ids{i1_, i2_}));
  EXPECT_EQ(first.total, 3);
  q.offset = 2;
  Page second = MustList(q);
  EXPECT_EQ(IdsOf(second), (Ids{i3_}));
  EXPECT_EQ(second.total, 3);
  q.offset = 10;
  Page beyond = MustList(q);
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, 3);
  q.offset = 0;
  q.limit = 0;
  EXPECT_EQ(MustList(q).items.size(), 3u);
}

TEST_P(StoreListContract, ReturnsSetsAndChildRowsWithEveryListedRecord) {
  Page page = MustList(Where({"themes", Condition::Op::kHasAny, {Value("online")}}));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].Get("themes"), Value(Value::List{Value("cce"), Value("online")}));
  EXPECT_EQ(page.items[0].Get("region"), Value("WM"));
}

TEST_P(StoreListContract, FiltersAndSortsByMetaColumns) {
  ListQuery q = Where({"updated_by", Condition::Op::kEq, {Value(kLater.actor)}});
  q.archived = ListQuery::Archived::kInclude;
  EXPECT_EQ(IdsOf(MustList(q)), (Ids{i4_}));
  ListQuery by_version;
  by_version.archived = ListQuery::Archived::kInclude;
  by_version.sort_field = "version";
  by_version.descending = true;
  EXPECT_EQ(IdsOf(MustList(by_version)), (Ids{i4_, i3_, i2_, i1_}));
}

TEST_P(StoreListContract, RefusesFiltersOnUnknownFields) {
  auto tx = Begin(false);
  auto refused =
      tx->List(domain::InsightEntity(), Where({"colour", Condition::Op::kEq, {Value("red")}}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(refused.status().fields()[0].field, "colour");
  auto rows = tx->List(domain::InsightEntity(),
                       Where({"factor_scores", Condition::Op::kEq, {Value("harm")}}));
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), ErrorCode::kValidation);
}

// ---- Updates and constraints --------------------------------------------------------------

TEST_P(StoreListContract, UpdatesOnlyTheGivenFieldsAndReplacesSetsWhole) {
  auto tx = Begin();
  Record changes = Make(
      {{"summary", "Rewritten"},
       {"themes", Value(Value::List{Value("csa"), Value("cse")})},
       {"factor_scores", Value(Value::Rows{Make({{"factor", "harm"}, {"score", int64_t{4}}})})}});
  ASSERT_TRUE(tx->Update(domain::InsightEntity(), i1_, 1, changes, kLater).ok());
  auto got = tx->Get(domain::InsightEntity(), i1_);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->Get("version"), Value(int64_t{2}));
  EXPECT_EQ(got->Get("summary"), Value("Rewritten"));
  EXPECT_EQ(got->Get("region"), Value("EM"));
  EXPECT_EQ(got->Get("themes"), Value(Value::List{Value("csa"), Value("cse")}));
  ASSERT_EQ(got->Get("factor_scores").as_rows().size(), 1u);
  EXPECT_EQ(got->Get("factor_scores").as_rows()[0].Get("score"), Value(int64_t{4}));
  EXPECT_EQ(got->Get("updated_by"), Value(kLater.actor));
  EXPECT_EQ(got->Get("created_by"), Value(kMeta.actor));
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(StoreListContract, RefusesAStaleVersionAndAMissingRecord) {
  auto tx = Begin();
  ASSERT_TRUE(
      tx->Update(domain::InsightEntity(), i1_, 1, Make({{"summary", "First"}}), kMeta).ok());
  Status stale = tx->Update(domain::InsightEntity(), i1_, 1, Make({{"summary", "Second"}}), kMeta);
  EXPECT_EQ(stale.code(), ErrorCode::kConflict) << stale.ToString();
  Status missing = tx->Update(domain::InsightEntity(), 999999, 1, Make({{"summary", "X"}}), kMeta);
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound) << missing.ToString();
  Status archive_stale = tx->SetArchived(domain::InsightEntity(), i1_, 1, true, kMeta);
  EXPECT_EQ(archive_stale.code(), ErrorCode::kConflict);
  EXPECT_TRUE(tx->SetArchived(domain::InsightEntity(), i1_, 2, true, kMeta).ok());
  auto got = tx->Get(domain::InsightEntity(), i1_);
  EXPECT_EQ(got->Get("summary"), Value("First"));
  EXPECT_EQ(got->Get("archived"), Value(true));
  EXPECT_EQ(got->Get("archived_at"), Value(kMeta.at));
  EXPECT_TRUE(tx->SetArchived(domain::InsightEntity(), i1_, 3, false, kMeta).ok());
  got = tx->Get(domain::InsightEntity(), i1_);
  EXPECT_EQ(got->Get("archived"), Value(false));
  EXPECT_FALSE(got->Has("archived_at"));
  EXPECT_TRUE(tx->Commit().ok());
}

}  // namespace
}  // namespace lookout::store::testing
