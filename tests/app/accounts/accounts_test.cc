// Accounts over a real SQLite database with a fixed clock: sign-in, session expiry,
// sign-out, passwords, the brute-force locks, API tokens and disabled staff.
#include "app/accounts/accounts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/accounts/passwords.h"
#include "app/records/services.h"
#include "core/metrics_sample.h"
#include "core/time.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kPassword = "a long and unusual phrase";
constexpr const char* kAddress = "192.0.2.10";

int64_t Start() { return Date{2026, 3, 10}.DaysSinceEpoch() * 86400 + 9 * 3600; }

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() : clock_(Start()) {}

  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("lookout-accounts-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    RemoveDatabase();
    auto opened = store::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate(false);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    services_ = std::make_unique<Services>(*store_, clock_);
    AccountOptions options;
    options.hashing = MinimalHashParamsForTests();
    auto accounts = Accounts::Create(*store_, clock_, options);
    ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
    accounts_ = std::move(accounts).value();

    Record region;
    region.Set("code", "EM");
    region.Set("name", "East Midlands");
    region.Set("nation", "England");
    ASSERT_TRUE(services_->Create(Actor::System(), domain::RegionEntity(), region).ok());
    if (!WithStaff()) return;
    officer_ = AddStaff("Priya Shah", "priya.shah@example.org", "officer", "EM");
    admin_ = AddStaff("Ada Admin", "ada@example.org", "admin", "");
    manager_ = AddStaff("Max Manager", "max@example.org", "manager", "");
  }

  virtual bool WithStaff() const { return true; }

  void TearDown() override {
    accounts_.reset();
    services_.reset();
    store_.reset();
    RemoveDatabase();
  }

  void RemoveDatabase() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  // A staff member with an account whose password is kPassword.
  int64_t AddStaff(const std::string& name, const std::string& email, const std::string& role,
                   const std::string& region) {
    Record staff;
    staff.Set("name", name);
    staff.Set("email", email);
    staff.Set("role", role);
    if (!region.empty()) staff.Set("home_region", region);
    auto saved = services_->Create(Actor::System(), domain::StaffEntity(), staff);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    if (!saved.ok()) return 0;
    auto made = accounts_->CreateAccount(Actor::System(), saved->record.Id(), kPassword, false);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return saved->record.Id();
  }

  Result<SignedIn> SignIn(const std::string& email, const std::string& password = kPassword,
                          const std::string& address = kAddress) {
    return accounts_->SignIn(email, password, address, "req-1");
  }

  // Signs in and fails the test unless it works.
  SignedIn MustSignIn(const std::string& email, const std::string& password = kPassword) {
    Result<SignedIn> in = SignIn(email, password);
    EXPECT_TRUE(in.ok()) << in.status().ToString();
    return in.ok() ? std::move(in).value() : SignedIn{};
  }

  bool SessionWorks(const std::string& token) {
    return accounts_->ResolveSession(token, kAddress, "req-2").ok();
  }

  void Advance(int64_t seconds) { clock_.Set(clock_.NowUnixSeconds() + seconds); }

  std::vector<store::AuditEntry> Audit() {
    auto tx = store_->Begin(false);
    EXPECT_TRUE(tx.ok());
    auto entries = (*tx)->ListAudit("", 0, 0);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<store::AuditEntry>{};
  }

  Actor AsCli() { return Actor::Cli("root"); }

  FixedClock clock_;
  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<Accounts> accounts_;
  int64_t officer_ = 0;
  int64_t admin_ = 0;
  int64_t manager_ = 0;
};

// ---- Passwords -------------------------------------------------------------------------

TEST(PasswordPolicy, RefusesShortCommonAndPersonalPasswords) {
  EXPECT_TRUE(CheckPasswordPolicy("correct horse battery staple", "priya@example.org").ok());
  EXPECT_TRUE(CheckPasswordPolicy("Tuesday-kettle-47-violet", "").ok());

  auto problem = [](std::string_view password, std::string_view email = "priya.shah@example.org") {
    Status s = CheckPasswordPolicy(password, email, "new");
    EXPECT_EQ(s.code(), ErrorCode::kValidation) << password;
    return s.fields().empty() ? std::string() : s.fields()[0].field + ": " + s.fields()[0].message;
  };
  EXPECT_THAT(problem("short1!"), HasSubstr("at least 12 characters"));
  // Characters, not bytes: eleven accented letters are still too few.
  EXPECT_THAT(problem("ééééééééééé"), HasSubstr("at least 12"));
  EXPECT_TRUE(CheckPasswordPolicy("éàüöçñøåßœæ€", "").ok());
  EXPECT_THAT(problem(std::string(1025, 'x') + "Yz1"), HasSubstr("at most 1024 bytes"));
  for (const char* common : {"password1234", "Password2024!", "P@ssw0rd2024", "qwerty123456",
                             "123456789012", "aaaaaaaaaaaa", "abcdefghijklmn",
                             "iloveyou2024!!", "passwordpassword", "abcabcabcabc"}) {
    EXPECT_THAT(problem(common), HasSubstr("too common")) << common;
  }
  EXPECT_THAT(problem("my lookout password 99"), HasSubstr("name of the system"));
  EXPECT_THAT(problem("priya.shah-is-great"), HasSubstr("email"));
  EXPECT_THAT(problem("shah family holidays"), HasSubstr("email"));
  EXPECT_EQ(problem("tab\there and more"), "new: must be text without control characters");
  EXPECT_THAT(problem(std::string("\xff\xfe long enough text")), HasSubstr("without control"));
}

TEST(PasswordHashing, HashesVerifiesAndNoticesOlderParameters) {
  const PasswordHashParams fast = MinimalHashParamsForTests();
  auto hash = HashPassword("correct horse battery staple", fast);
  ASSERT_TRUE(hash.ok());
  EXPECT_THAT(*hash, HasSubstr("$argon2id$"));
  EXPECT_THAT(*hash, Not(HasSubstr("horse")));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery staple"));
  EXPECT_FALSE(PasswordNeedsRehash(*hash, fast));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, PasswordHashParams{}));
}

TEST(Tokens, AreRandomUrlSafeAndStoredOnlyAsHashes) {
  const std::string a = RandomToken();
  const std::string b = RandomToken();
  EXPECT_NE(a, b);
  EXPECT_TRUE(LooksLikeRandomToken(a));
  EXPECT_FALSE(LooksLikeRandomToken(a + "x"));
  EXPECT_FALSE(LooksLikeRandomToken(a.substr(1) + "/"));
  EXPECT_EQ(TokenHash(a).size(), 64u);
  EXPECT_EQ(TokenHash(a), TokenHash(a));
  EXPECT_NE(TokenHash(a), TokenHash(b));
  EXPECT_EQ(EmailHash("Priya@Example.org"), EmailHash("priya@example.org"));
  EXPECT_TRUE(SecretsEqual(a, a));
  EXPECT_FALSE(SecretsEqual(a, b));
  EXPECT_FALSE(SecretsEqual(a, a.substr(1)));
  const std::string otp = OneTimePassword();
  EXPECT_EQ(otp.size(), 20u);
  EXPECT_TRUE(CheckPasswordPolicy(otp, "").ok());
  EXPECT_EQ(otp.find_first_of("0O1lI"), std::string::npos);
}

// ---- Signing in and sessions -------------------------------------------------------------

TEST_F(AccountsTest, SignsInWithTheRightPasswordAndResolvesTheSession) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  EXPECT_TRUE(LooksLikeRandomToken(in.session_token));
  EXPECT_TRUE(LooksLikeRandomToken(in.who.csrf_token));
  EXPECT_EQ(in.who.actor.id, "staff:" + std::to_string(officer_));
  EXPECT_EQ(in.who.actor.role, "officer");
  EXPECT_EQ(in.who.actor.region, "EM");
  EXPECT_TRUE(in.who.actor.signed_in);
  EXPECT_GT(in.who.actor.session_id, 0);
  EXPECT_FALSE(in.who.must_change_password);

  auto who = accounts_->ResolveSession(in.session_token, kAddress, "req-2");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->actor.staff_id, officer_);
  EXPECT_EQ(who->actor.session_id, in.who.actor.session_id);
  EXPECT_EQ(who->actor.request_id, "req-2");
  EXPECT_EQ(who->csrf_token, in.who.csrf_token);

  // The email is compared without regard to case; each sign-in gets a new token.
  SignedIn again = MustSignIn("Priya.Shah@EXAMPLE.org");
  EXPECT_NE(again.session_token, in.session_token);
  EXPECT_FALSE(SessionWorks(RandomToken()));
  EXPECT_FALSE(SessionWorks("not-a-token"));
}

TEST_F(AccountsTest, StoresOnlyTheHashOfTheSessionToken) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto session = (*tx)->Get(domain::SessionEntity(), in.who.actor.session_id);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->Get("token_hash"), Value(TokenHash(in.session_token)));
  for (const auto& [field, value] : session->fields) {
    EXPECT_NE(value, Value(in.session_token)) << field;
  }
}

TEST_F(AccountsTest, RefusesAWrongPasswordAndAnUnknownEmailWithTheSameMessage) {
  Result<SignedIn> wrong = SignIn("priya.shah@example.org", "not the password at all");
  Result<SignedIn> unknown = SignIn("nobody@example.org", kPassword);
  Result<SignedIn> empty = SignIn("", "");
  for (const auto* r : {&wrong, &unknown, &empty}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(r->status().message(), kSignInRefused);
    EXPECT_TRUE(r->status().fields().empty());
  }
}

TEST_F(AccountsTest, AuditsSignInsAndFailuresWithoutPasswordsOrTheEmailTried) {
  MustSignIn("priya.shah@example.org");
  ASSERT_FALSE(SignIn("priya.shah@example.org", "a wrong guess here").ok());
  ASSERT_FALSE(SignIn("someone.else@example.org", "another wrong guess").ok());
  std::vector<store::AuditEntry> audit = Audit();
  int signed_in = 0;
  int failed = 0;
  for (const store::AuditEntry& e : audit) {
    EXPECT_THAT(e.changes, Not(HasSubstr(kPassword)));
    EXPECT_THAT(e.changes, Not(HasSubstr("wrong guess")));
    EXPECT_THAT(e.changes, Not(HasSubstr("someone.else")));
    EXPECT_THAT(e.changes, Not(HasSubstr("argon2")));
    if (e.action == "sign_in") {
      ++signed_in;
      EXPECT_EQ(e.entity, "account");
      EXPECT_EQ(e.actor, "staff:" + std::to_string(officer_));
      EXPECT_EQ(e.address, kAddress);
    }
    if (e.action == "sign_in_failed") {
      ++failed;
      EXPECT_EQ(e.entity, "account");
      EXPECT_EQ(e.actor, "anonymous");
      if (e.entity_id == 0) {
        EXPECT_THAT(e.changes, HasSubstr(EmailHash("someone.else@example.org")));
      }
    }
  }
  EXPECT_EQ(signed_in, 1);
  EXPECT_EQ(failed, 2);
}

TEST_F(AccountsTest, EndsASessionAfterTheIdleTimeout) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  Advance(29 * 60);
  EXPECT_TRUE(SessionWorks(in.session_token));  // a request keeps it alive...
  Advance(29 * 60);
  EXPECT_TRUE(SessionWorks(in.session_token));
  Advance(30 * 60);                              // ...half an hour of silence ends it
  EXPECT_FALSE(SessionWorks(in.session_token));
  Advance(-30 * 60);                             // and it stays ended
  EXPECT_FALSE(SessionWorks(in.session_token));
}

TEST_F(AccountsTest, EndsASessionAtItsAbsoluteTimeoutHoweverBusy) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  for (int i = 0; i < 12 * 4 - 1; ++i) {
    Advance(15 * 60);
    ASSERT_TRUE(SessionWorks(in.session_token)) << "after " << (i + 1) * 15 << " minutes";
  }
  Advance(15 * 60);  // twelve hours after sign-in
  EXPECT_FALSE(SessionWorks(in.session_token));
}

TEST_F(AccountsTest, SignOutEndsTheSession) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  SignedIn other = MustSignIn("priya.shah@example.org");
  ASSERT_TRUE(accounts_->SignOut(in.who.actor).ok());
  EXPECT_FALSE(SessionWorks(in.session_token));
  EXPECT_TRUE(SessionWorks(other.session_token));
  EXPECT_TRUE(accounts_->SignOut(in.who.actor).ok());  // twice is harmless
}

TEST_F(AccountsTest, SignOutEverywhereEndsEverySessionOfTheUser) {
  SignedIn a = MustSignIn("priya.shah@example.org");
  SignedIn b = MustSignIn("priya.shah@example.org");
  SignedIn manager = MustSignIn("max@example.org");
  auto ended = accounts_->SignOutEverywhere(a.who.actor, officer_);
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(*ended, 2);
  EXPECT_FALSE(SessionWorks(a.session_token));
  EXPECT_FALSE(SessionWorks(b.session_token));
  EXPECT_TRUE(SessionWorks(manager.session_token));

  // Someone else's sessions: an administrator only.
  SignedIn c = MustSignIn("priya.shah@example.org");
  EXPECT_EQ(accounts_->SignOutEverywhere(manager.who.actor, officer_).status().code(),
            ErrorCode::kForbidden);
  EXPECT_TRUE(SessionWorks(c.session_token));
  SignedIn admin = MustSignIn("ada@example.org");
  ended = accounts_->SignOutEverywhere(admin.who.actor, officer_);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 1);
  EXPECT_FALSE(SessionWorks(c.session_token));
}

// ---- Passwords: change and reset --------------------------------------------------------

TEST_F(AccountsTest, ChangingThePasswordEndsTheOtherSessions) {
  SignedIn here = MustSignIn("priya.shah@example.org");
  SignedIn elsewhere = MustSignIn("priya.shah@example.org");
  const std::string next = "a brand new phrase for spring";
  auto changed = accounts_->ChangePassword(here.who.actor, kPassword, next);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->sessions_ended, 1);
  EXPECT_TRUE(SessionWorks(here.session_token));
  EXPECT_FALSE(SessionWorks(elsewhere.session_token));
  EXPECT_FALSE(SignIn("priya.shah@example.org", kPassword).ok());
  MustSignIn("priya.shah@example.org", next);
}

TEST_F(AccountsTest, RefusesAPasswordChangeWithoutTheCurrentPasswordOrWithAWeakOne) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto wrong = accounts_->ChangePassword(in.who.actor, "not my password", "a brand new phrase");
  ASSERT_FALSE(wrong.ok());
  ASSERT_EQ(wrong.status().fields().size(), 1u);
  EXPECT_EQ(wrong.status().fields()[0].field, "current");
  auto weak = accounts_->ChangePassword(in.who.actor, kPassword, "Password2024!");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.status().fields()[0].field, "new");
  auto same = accounts_->ChangePassword(in.who.actor, kPassword, kPassword);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.status().fields()[0].field, "new");
  MustSignIn("priya.shah@example.org");  // unchanged
}

TEST_F(AccountsTest, ResetGivesAOneTimePasswordThatMustBeChanged) {
  SignedIn before = MustSignIn("priya.shah@example.org");
  SignedIn admin = MustSignIn("ada@example.org");
  SignedIn manager = MustSignIn("max@example.org");
  EXPECT_EQ(accounts_->ResetPassword(manager.who.actor, officer_).status().code(),
            ErrorCode::kForbidden);
  auto reset = accounts_->ResetPassword(admin.who.actor, officer_);
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  const std::string* password = &reset->one_time_password;
  EXPECT_EQ(password->size(), 20u);
  EXPECT_FALSE(SessionWorks(before.session_token));
  EXPECT_FALSE(SignIn("priya.shah@example.org", kPassword).ok());

  SignedIn in = MustSignIn("priya.shah@example.org", *password);
  EXPECT_TRUE(in.who.must_change_password);
  auto who = accounts_->ResolveSession(in.session_token, kAddress, "r");
  ASSERT_TRUE(who.ok());
  EXPECT_TRUE(who->must_change_password);
  ASSERT_TRUE(accounts_->ChangePassword(in.who.actor, *password, "my own phrase at last").ok());
  who = accounts_->ResolveSession(in.session_token, kAddress, "r");
  ASSERT_TRUE(who.ok());
  EXPECT_FALSE(who->must_change_password);

  for (const store::AuditEntry& e : Audit()) {
    EXPECT_THAT(e.changes, Not(HasSubstr(*password)));
    EXPECT_THAT(e.changes, Not(HasSubstr("my own phrase")));
  }
}

TEST_F(AccountsTest, AChangedOrResetPasswordRevokesTheAccountsApiTokens) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto first = accounts_->CreateApiToken(in.who.actor, "nightly export", "2026-06-30");
  auto second = accounts_->CreateApiToken(in.who.actor, "weekly sync", "2026-06-30");
  ASSERT_TRUE(first.ok() && second.ok());
  auto changed = accounts_->ChangePassword(in.who.actor, kPassword, "a brand new phrase for spring");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->tokens_revoked, 2);
  EXPECT_FALSE(accounts_->ResolveApiToken(first->token, kAddress, "r").ok());
  EXPECT_FALSE(accounts_->ResolveApiToken(second->token, kAddress, "r").ok());

  auto third = accounts_->CreateApiToken(in.who.actor, "after the change", "2026-06-30");
  ASSERT_TRUE(third.ok());
  SignedIn admin = MustSignIn("ada@example.org");
  auto reset = accounts_->ResetPassword(admin.who.actor, officer_);
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  EXPECT_EQ(reset->tokens_revoked, 1);
  EXPECT_FALSE(accounts_->ResolveApiToken(third->token, kAddress, "r").ok());
  bool audited = false;
  for (const store::AuditEntry& e : Audit()) {
    if (e.action == "password_reset") audited = e.changes.find("\"tokens_revoked\":1") != std::string::npos;
  }
  EXPECT_TRUE(audited);
}

TEST_F(AccountsTest, AnApiTokenMayNotChangeThePassword) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto made = accounts_->CreateApiToken(in.who.actor, "script", "2026-06-30");
  ASSERT_TRUE(made.ok());
  auto as_token = accounts_->ResolveApiToken(made->token, kAddress, "r");
  ASSERT_TRUE(as_token.ok());
  auto changed = accounts_->ChangePassword(as_token->actor, kPassword, "a phrase the thief chose");
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.status().code(), ErrorCode::kSessionRequired);
  MustSignIn("priya.shah@example.org");  // unchanged
}

// ---- Metrics --------------------------------------------------------------------------

// lookout_sign_in_failures_total counts each refusal by its reason, and never says who.
TEST_F(AccountsTest, CountsRefusedSignInsByReasonOnly) {
  auto failures = [](const std::string& reason) {
    return metrics::testing::DefaultValue("lookout_sign_in_failures_total{reason=\"" + reason +
                                          "\"}");
  };
  const double wrong = failures("wrong_password");
  const double unknown = failures("unknown_account");
  const double locked = failures("account_locked");
  const double disabled = failures("staff_member_disabled");
  ASSERT_FALSE(SignIn("priya.shah@example.org", "not the phrase").ok());
  ASSERT_FALSE(SignIn("priya.shah@example.org", "not the phrase either").ok());
  ASSERT_FALSE(SignIn("nobody.here@example.org").ok());
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(SignIn("priya.shah@example.org", "guess " + std::to_string(i)).ok());
  ASSERT_FALSE(SignIn("priya.shah@example.org").ok());  // five wrong in a row lock it
  ASSERT_TRUE(accounts_->SetActive(AsCli(), manager_, false).ok());
  ASSERT_FALSE(SignIn("max@example.org").ok());
  MustSignIn("ada@example.org");  // a success is no failure

  EXPECT_EQ(failures("wrong_password") - wrong, 5);
  EXPECT_EQ(failures("unknown_account") - unknown, 1);
  EXPECT_EQ(failures("account_locked") - locked, 1);
  EXPECT_EQ(failures("staff_member_disabled") - disabled, 1);
  const std::string text = metrics::Default().Render();
  for (const char* secret : {"priya", "nobody.here", "max@", "not the phrase", kPassword}) {
    EXPECT_THAT(text, Not(HasSubstr(secret)));
  }
}

// ---- Brute force --------------------------------------------------------------------

TEST_F(AccountsTest, AWrongPasswordSaysSoWithoutSpeakingOfLocks) {
  Result<SignedIn> wrong = SignIn("priya.shah@example.org", "not the password at all");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "The email address or password is not right.");
  EXPECT_THAT(wrong.status().message(), Not(HasSubstr("lock")));
}

TEST_F(AccountsTest, AnEmailWithoutAnAccountLocksAsAnAccountWould) {
  // Whoever guesses cannot tell from the lock which email has an account.
  auto answers = [&](const std::string& email) {
    std::vector<std::string> out;
    for (int i = 0; i < 7; ++i) {
      Result<SignedIn> r = SignIn(email, "wrong guess no " + std::to_string(i), "198.51.100.20");
      out.push_back(r.ok() ? "signed in" : r.status().message());
      if (i == 5) Advance(61);  // past the first lock, into the second
    }
    return out;
  };
  const std::vector<std::string> known = answers("priya.shah@example.org");
  const std::vector<std::string> unknown = answers("nobody.here@example.org");
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(known[4], kSignInRefused);             // the fifth failure locks
  EXPECT_EQ(known[5], SignInLockedMessage(60));    // locked for a minute
  EXPECT_EQ(known[6], kSignInRefused);             // a minute later: a sixth failure...
  Result<SignedIn> again = SignIn("nobody.here@example.org", "and another", "198.51.100.20");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), SignInLockedMessage(120));  // ...locks for two
}

TEST_F(AccountsTest, LocksAnAccountAfterFiveFailuresForLongerEachTime) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(SignIn("priya.shah@example.org", "wrong guess no " + std::to_string(i)).ok());
  // Locked: even the right password is refused, and the message says for how long.
  Result<SignedIn> locked = SignIn("priya.shah@example.org");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().message(), SignInLockedMessage(60));
  EXPECT_THAT(locked.status().message(), HasSubstr("Try again in 1 minute,"));

  Advance(61);  // the first lock lasts a minute
  ASSERT_FALSE(SignIn("priya.shah@example.org", "wrong guess again").ok());
  Advance(61);  // the second two minutes
  EXPECT_FALSE(SignIn("priya.shah@example.org").ok());
  Advance(60);
  MustSignIn("priya.shah@example.org");  // success resets the count

  ASSERT_FALSE(SignIn("priya.shah@example.org", "one more wrong guess").ok());
  MustSignIn("priya.shah@example.org");  // one failure locks nothing
}

TEST_F(AccountsTest, LockGrowsToAtMostFifteenMinutes) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(SignIn("priya.shah@example.org", "wrong guess").ok());
  for (int64_t wait : {60, 120, 240, 480, 900, 900}) {
    Advance(wait + 1);
    ASSERT_FALSE(SignIn("priya.shah@example.org", "wrong guess").ok());
  }
  Advance(899);
  EXPECT_FALSE(SignIn("priya.shah@example.org").ok());
  Advance(2);
  MustSignIn("priya.shah@example.org");
}

TEST_F(AccountsTest, AManagerCanUnlockAnAccountAndAnOfficerCannot) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(SignIn("priya.shah@example.org", "wrong guess").ok());
  EXPECT_FALSE(SignIn("priya.shah@example.org").ok());
  SignedIn manager = MustSignIn("max@example.org");
  SignedIn admin = MustSignIn("ada@example.org");
  EXPECT_EQ(accounts_->Unlock(admin.who.actor, 987654).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(accounts_->Unlock(manager.who.actor, officer_).ok());
  MustSignIn("priya.shah@example.org");

  Actor officer = MustSignIn("priya.shah@example.org").who.actor;
  EXPECT_EQ(accounts_->Unlock(officer, manager_).code(), ErrorCode::kForbidden);
  bool audited = false;
  for (const store::AuditEntry& e : Audit()) audited = audited || e.action == "unlock";
  EXPECT_TRUE(audited);
}

TEST_F(AccountsTest, LocksAnAddressOutAfterMoreThanTwentyFailuresWhateverTheAccounts) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(SignIn("guess" + std::to_string(i) + "@example.org", "wrong guess").ok());
  }
  MustSignIn("max@example.org");  // twenty are tolerated
  for (int i = 20; i < 21; ++i) {
    ASSERT_FALSE(SignIn("guess" + std::to_string(i) + "@example.org", "wrong guess").ok());
  }
  // The right password from that address is refused, with a message about the address
  // only...
  Result<SignedIn> refused = SignIn("priya.shah@example.org");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), kAddressLocked);
  // ...while another address is not affected.
  EXPECT_TRUE(SignIn("priya.shah@example.org", kPassword, "198.51.100.7").ok());
  Advance(15 * 60 + 1);
  EXPECT_TRUE(SignIn("priya.shah@example.org").ok());
}

// ---- API tokens ---------------------------------------------------------------------

TEST_F(AccountsTest, ApiTokenActsAsItsOwnerUntilRevokedWhichTakesEffectAtOnce) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto made = accounts_->CreateApiToken(in.who.actor, "nightly export", "2026-06-30");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->token.rfind("lkt_", 0), 0u);
  EXPECT_EQ(made->info.prefix, made->token.substr(0, 12));

  auto who = accounts_->ResolveApiToken(made->token, kAddress, "r");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->actor.staff_id, officer_);
  EXPECT_EQ(who->actor.role, "officer");
  EXPECT_EQ(who->actor.region, "EM");
  EXPECT_EQ(who->actor.api_token_id, made->info.id);
  EXPECT_EQ(who->actor.session_id, 0);
  EXPECT_TRUE(who->csrf_token.empty());

  auto listed = accounts_->ListApiTokens(in.who.actor);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "nightly export");
  EXPECT_EQ((*listed)[0].last_used_at, clock_.NowTimestamp());

  // Another user cannot see or revoke it; its owner can, at once.
  Actor manager = MustSignIn("max@example.org").who.actor;
  EXPECT_TRUE(accounts_->ListApiTokens(manager)->empty());
  EXPECT_EQ(accounts_->RevokeApiToken(manager, made->info.id).status().code(),
            ErrorCode::kNotFound);
  auto revoked = accounts_->RevokeApiToken(in.who.actor, made->info.id);
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_FALSE(revoked->revoked_at.empty());
  EXPECT_EQ(accounts_->ResolveApiToken(made->token, kAddress, "r").status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(accounts_->RevokeApiToken(in.who.actor, made->info.id).status().code(),
            ErrorCode::kConflict);

  // An administrator may revoke anyone's.
  auto second = accounts_->CreateApiToken(in.who.actor, "second", "2026-04-01");
  ASSERT_TRUE(second.ok());
  Actor admin = MustSignIn("ada@example.org").who.actor;
  EXPECT_TRUE(accounts_->RevokeApiToken(admin, second->info.id).ok());
  EXPECT_FALSE(accounts_->ResolveApiToken(second->token, kAddress, "r").ok());
}

TEST_F(AccountsTest, ApiTokenExpiresAfterItsLastDay) {
  Actor officer = MustSignIn("priya.shah@example.org").who.actor;
  auto made = accounts_->CreateApiToken(officer, "short-lived", "2026-03-11");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(accounts_->ResolveApiToken(made->token, kAddress, "r").ok());
  Advance(86400);  // 2026-03-11: its last day
  EXPECT_TRUE(accounts_->ResolveApiToken(made->token, kAddress, "r").ok());
  Advance(86400);
  EXPECT_EQ(accounts_->ResolveApiToken(made->token, kAddress, "r").status().code(),
            ErrorCode::kUnauthenticated);
}

TEST_F(AccountsTest, RefusesTokensWithoutANameOrLongerThanAYearOrMadeByAToken) {
  Actor officer = MustSignIn("priya.shah@example.org").who.actor;
  auto field_of = [&](const std::string& name, const std::string& expires) {
    auto made = accounts_->CreateApiToken(officer, name, expires);
    EXPECT_FALSE(made.ok()) << name << " " << expires;
    return made.ok() || made.status().fields().empty() ? std::string()
                                                       : made.status().fields()[0].field;
  };
  EXPECT_EQ(field_of("", "2026-06-01"), "name");
  EXPECT_EQ(field_of("x", "2026-03-10"), "expires_on");  // today
  EXPECT_EQ(field_of("x", "2027-03-11"), "expires_on");  // beyond a year
  EXPECT_EQ(field_of("x", "next week"), "expires_on");
  EXPECT_TRUE(accounts_->CreateApiToken(officer, "x", "2027-03-10").ok());

  auto made = accounts_->CreateApiToken(officer, "parent", "2026-06-01");
  ASSERT_TRUE(made.ok());
  auto as_token = accounts_->ResolveApiToken(made->token, kAddress, "r");
  ASSERT_TRUE(as_token.ok());
  EXPECT_EQ(accounts_->CreateApiToken(as_token->actor, "child", "2026-06-01").status().code(),
            ErrorCode::kForbidden);
}

// ---- Disabled staff -------------------------------------------------------------------

TEST_F(AccountsTest, DisabledStaffCannotSignInAndTheirSessionsAndTokensStop) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto token = accounts_->CreateApiToken(in.who.actor, "script", "2026-06-01");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(accounts_->SetActive(AsCli(), officer_, false).ok());
  EXPECT_FALSE(SessionWorks(in.session_token));
  EXPECT_FALSE(accounts_->ResolveApiToken(token->token, kAddress, "r").ok());
  Result<SignedIn> refused = SignIn("priya.shah@example.org");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), kSignInRefused);

  ASSERT_TRUE(accounts_->SetActive(AsCli(), officer_, true).ok());
  EXPECT_TRUE(accounts_->ResolveApiToken(token->token, kAddress, "r").ok());
  EXPECT_FALSE(SessionWorks(in.session_token));  // disabling ended it for good
  MustSignIn("priya.shah@example.org");
}

TEST_F(AccountsTest, StaffMadeInactiveThroughTheRecordLoseAccessToo) {
  SignedIn in = MustSignIn("priya.shah@example.org");
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto staff = (*tx)->Get(domain::StaffEntity(), officer_);
  ASSERT_TRUE(staff.ok());
  tx->reset();
  Record change;
  change.Set("active", false);
  auto saved = services_->Update(Actor::System(), domain::StaffEntity(), officer_,
                                 staff->Get("version").as_int(), change);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_FALSE(SessionWorks(in.session_token));
}

// ---- Managing users ------------------------------------------------------------------

TEST_F(AccountsTest, AddsAUserWithAOneTimePasswordAndListsUsersWithoutSecrets) {
  auto added = accounts_->AddUser(AsCli(), "Olu Officer", "olu@example.org", "officer", "EM");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->staff.Get("role"), Value("officer"));
  SignedIn in = MustSignIn("olu@example.org", added->one_time_password);
  EXPECT_TRUE(in.who.must_change_password);

  auto missing_region = accounts_->AddUser(AsCli(), "No Region", "nr@example.org", "officer", "");
  ASSERT_FALSE(missing_region.ok());
  EXPECT_EQ(missing_region.status().fields()[0].field, "home_region");
  EXPECT_EQ(accounts_->AddUser(AsCli(), "Dup", "olu@example.org", "analyst", "").status().code(),
            ErrorCode::kValidation);
  Actor officer = MustSignIn("priya.shah@example.org").who.actor;
  EXPECT_EQ(accounts_->AddUser(officer, "X", "x@example.org", "admin", "").status().code(),
            ErrorCode::kForbidden);

  auto users = accounts_->ListUsers(AsCli());
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 4u);
  for (const UserSummary& u : *users) {
    EXPECT_TRUE(u.has_account) << u.email;
    if (u.email == "olu@example.org") {
      EXPECT_TRUE(u.must_change_password);
      EXPECT_EQ(u.live_sessions, 1);
    }
  }
}

// A database with the reference region but no staff and no accounts.
class FirstAdminTest : public AccountsTest {
 protected:
  bool WithStaff() const override { return false; }
};

TEST_F(FirstAdminTest, CreatesTheFirstAdministratorOnlyWhenThereIsNoAccount) {
  ASSERT_FALSE(*accounts_->AnyAccount());
  // A password given (from the environment) must meet the policy.
  auto weak = accounts_->CreateFirstAdmin(AsCli(), "Root", "root@example.org", "lookout-admin-1");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.status().code(), ErrorCode::kValidation);
  ASSERT_FALSE(*accounts_->AnyAccount());

  auto first = accounts_->CreateFirstAdmin(AsCli(), "Root Admin", "root@example.org", "");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->generated_password.size(), 20u);
  SignedIn in = MustSignIn("root@example.org", first->generated_password);
  EXPECT_TRUE(in.who.must_change_password);  // a generated password is changed at once
  EXPECT_EQ(in.who.actor.role, "admin");
  EXPECT_TRUE(*accounts_->AnyAccount());
  EXPECT_EQ(accounts_->CreateFirstAdmin(AsCli(), "Again", "again@example.org", "").status().code(),
            ErrorCode::kConflict);
}

TEST_F(FirstAdminTest, KeepsAGivenPasswordWithoutForcingAChange) {
  auto first = accounts_->CreateFirstAdmin(AsCli(), "Root Admin", "root@example.org",
                                           "an admin phrase from the environment");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->generated_password.empty());
  SignedIn in = MustSignIn("root@example.org", "an admin phrase from the environment");
  EXPECT_FALSE(in.who.must_change_password);
}

TEST_F(FirstAdminTest, RefusesAnExistingStaffMemberWhoIsNotAnAdministrator) {
  Record staff;
  staff.Set("name", "Max Manager");
  staff.Set("email", "max@example.org");
  staff.Set("role", "manager");
  ASSERT_TRUE(services_->Create(Actor::System(), domain::StaffEntity(), staff).ok());
  auto first = accounts_->CreateFirstAdmin(AsCli(), "Max", "max@example.org", "");
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), ErrorCode::kConflict);
  EXPECT_THAT(first.status().message(), HasSubstr("manager"));
}

}  // namespace
}  // namespace lookout::app
