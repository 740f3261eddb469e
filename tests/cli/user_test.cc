// `lookout user` and the first administrator of `lookout init`: the commands as a person
// runs them, against a temporary database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Db(const TempDir& dir) { return "sqlite:" + (dir / "lookout.db"); }

// The one-time password printed on the line after "One-time password", or "".
std::string OneTimePassword(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("One-time password[^\n]*\n +([A-Za-z0-9]{20})\n"))) {
    return "";
  }
  return m[1];
}

class CliUser : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult init = Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  RunResult Run(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {"--database", Db(dir_)});
    return RunLookout(args, dir_.path(), env);
  }
  // The line of `user list` that names `email`.
  std::string ListLine(const std::string& email) {
    RunResult list = Run({"user", "list"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    std::istringstream in(list.out);
    for (std::string line; std::getline(in, line);) {
      if (line.find(email) != std::string::npos) return line;
    }
    return "";
  }

  TempDir dir_;
};

TEST_F(CliUser, AddPrintsAOneTimePasswordAndListShowsNoSecrets) {
  RunResult added = Run({"user", "add", "--name", "Priya Shah", "--email",
                         "priya.shah@example.org", "--role", "officer", "--region", "EM"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("Added Priya Shah <priya.shah@example.org> as officer in EM"));
  const std::string password = OneTimePassword(added.out);
  EXPECT_EQ(password.size(), 20u) << added.out;

  RunResult list = Run({"user", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("EMAIL"));
  EXPECT_THAT(ListLine("priya.shah@example.org"), HasSubstr("must change password"));
  EXPECT_THAT(list.out, Not(HasSubstr("argon2")));
  EXPECT_THAT(list.out, Not(HasSubstr(password)));
  EXPECT_THAT(list.out, HasSubstr("1 staff member."));
}

TEST_F(CliUser, AddRefusesWhatTheStaffRecordWouldRefuse) {
  RunResult bad = Run({"user", "add", "--name", "Olu", "--email", "not-an-email", "--role",
                       "boss"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("role"));
  EXPECT_THAT(bad.err, HasSubstr("email"));
  RunResult no_region =
      Run({"user", "add", "--name", "Olu", "--email", "olu@example.org", "--role", "officer"});
  EXPECT_EQ(no_region.exit_code, 1);
  EXPECT_THAT(no_region.err, HasSubstr("home_region"));
  RunResult missing = Run({"user", "add", "--name", "Olu", "--role", "analyst"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("--email"));
  RunResult none = Run({"user"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(ListLine("olu@example.org"), "");
}

TEST_F(CliUser, DisablesEnablesResetsUnlocksAndSignsOutByEmail) {
  RunResult added = Run({"user", "add", "--name", "Ana Analyst", "--email", "ana@example.org",
                         "--role", "analyst"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string first = OneTimePassword(added.out);

  RunResult disabled = Run({"user", "disable", "ANA@example.org"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_THAT(disabled.out, HasSubstr("Disabled"));
  EXPECT_THAT(ListLine("ana@example.org"), HasSubstr(" no "));
  RunResult enabled = Run({"user", "enable", "ana@example.org"});
  ASSERT_EQ(enabled.exit_code, 0) << enabled.err;
  EXPECT_THAT(ListLine("ana@example.org"), HasSubstr(" yes "));

  RunResult reset = Run({"user", "reset-password", "ana@example.org"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  const std::string second = OneTimePassword(reset.out);
  EXPECT_EQ(second.size(), 20u) << reset.out;
  EXPECT_NE(second, first);

  RunResult unlocked = Run({"user", "unlock", "ana@example.org"});
  ASSERT_EQ(unlocked.exit_code, 0) << unlocked.err;
  EXPECT_THAT(unlocked.out, HasSubstr("Unlocked"));
  RunResult signed_out = Run({"user", "sign-out-everywhere", "ana@example.org"});
  ASSERT_EQ(signed_out.exit_code, 0) << signed_out.err;
  EXPECT_THAT(signed_out.out, HasSubstr("Ended 0 sessions"));

  RunResult unknown = Run({"user", "disable", "nobody@example.org"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("nobody@example.org"));
  EXPECT_EQ(Run({"user", "unlock"}).exit_code, 2);
}

TEST_F(CliUser, EveryUserCommandHasHelp) {
  for (const char* sub : {"add", "list", "disable", "enable", "reset-password", "unlock",
                          "sign-out-everywhere"}) {
    RunResult help = Run({"user", sub, "--help"});
    EXPECT_EQ(help.exit_code, 0) << sub << ": " << help.err;
    EXPECT_THAT(help.out, HasSubstr(sub));
  }
  RunResult help = Run({"user", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("reset-password"));
  RunResult main_help = RunLookout({"--help"}, dir_.path());
  EXPECT_THAT(main_help.out, HasSubstr("user"));
}

TEST(CliInitAdmin, CreatesTheFirstAdministratorOnceWithAOneTimePassword) {
  TempDir dir;
  RunResult first = RunLookout(
      {"--database", Db(dir), "init", "--admin-email", "root@example.org", "--admin-name",
       "Rita Root"},
      dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("created the first administrator, Rita Root <root@example.org>"));
  EXPECT_EQ(OneTimePassword(first.out).size(), 20u) << first.out;

  RunResult again = RunLookout(
      {"--database", Db(dir), "init", "--admin-email", "other@example.org"}, dir.path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("Accounts: already set up"));
  EXPECT_THAT(again.out, HasSubstr("Nothing to do"));
  RunResult list = RunLookout({"--database", Db(dir), "user", "list"}, dir.path());
  EXPECT_THAT(list.out, HasSubstr("root@example.org"));
  EXPECT_THAT(list.out, HasSubstr("must change password"));
  EXPECT_THAT(list.out, Not(HasSubstr("other@example.org")));
}

TEST(CliInitAdmin, TakesThePasswordFromTheEnvironmentAndChecksIt) {
  TempDir dir;
  RunResult weak = RunLookout({"--database", Db(dir), "init", "--admin-email", "root@example.org"},
                              dir.path(), {"LOOKOUT_ADMIN_PASSWORD=password123"});
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_THAT(weak.err, HasSubstr("LOOKOUT_ADMIN_PASSWORD"));
  EXPECT_THAT(weak.err, Not(HasSubstr("password123")));

  RunResult good = RunLookout({"--database", Db(dir), "init", "--admin-email", "root@example.org"},
                              dir.path(), {"LOOKOUT_ADMIN_PASSWORD=a phrase only she knows"});
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_THAT(good.out, HasSubstr("created the first administrator"));
  EXPECT_THAT(good.out, Not(HasSubstr("One-time password")));
  EXPECT_THAT(good.out, Not(HasSubstr("a phrase only she knows")));
  RunResult list = RunLookout({"--database", Db(dir), "user", "list"}, dir.path());
  EXPECT_THAT(list.out, Not(HasSubstr("must change password")));
}

TEST(CliInitAdmin, WithoutAnAdministratorSaysHowToCreateOne) {
  TempDir dir;
  RunResult init = RunLookout({"--database", Db(dir), "init"}, dir.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("--admin-email"));
}

TEST(CliDemoAccounts, GivesEachRoleAnAccountWithAPublicPasswordAndSaysSoLoudly) {
  TempDir dir;
  RunResult demo = RunLookout({"--database", Db(dir), "demo"}, dir.path());
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_THAT(demo.out, HasSubstr("DEMO ACCOUNTS"));
  EXPECT_THAT(demo.out, HasSubstr("PUBLIC"));
  for (const char* role : {"admin", "manager", "officer", "analyst", "funder"}) {
    EXPECT_THAT(demo.out, HasSubstr(std::string("password: ") + role + "-demo-pass")) << role;
  }
  RunResult list = RunLookout({"--database", Db(dir), "user", "list"}, dir.path());
  ASSERT_EQ(list.exit_code, 0) << list.err;
  int accounts = 0;
  std::istringstream in(list.out);
  for (std::string line; std::getline(in, line);) {
    // ACTIVE, then ACCOUNT "yes" (an account, no change needed), then SESSIONS.
    if (std::regex_search(line, std::regex(" yes +yes +[0-9]+$"))) ++accounts;
    EXPECT_THAT(line, Not(HasSubstr("must change password")));
  }
  EXPECT_EQ(accounts, 5) << list.out;

  // Again: the accounts are kept as they are.
  RunResult again = RunLookout({"--database", Db(dir), "demo"}, dir.path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("has an account already"));
}

}  // namespace
}  // namespace lookout::cli::clitest
