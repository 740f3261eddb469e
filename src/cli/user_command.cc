// lookout user add --name NAME --email EMAIL --role ROLE [--region CODE]
// lookout user list
// lookout user disable|enable|reset-password|unlock|sign-out-everywhere EMAIL
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "cli/command.h"

namespace lookout::cli {

namespace {

// The actions that take one staff member, by email.
enum class Action { kDisable, kEnable, kResetPassword, kUnlock, kSignOutEverywhere };

struct ByEmail {
  const char* name;
  const char* summary;
  Action action;
};

constexpr ByEmail kByEmail[] = {
    {"disable", "Disable a user: they cannot sign in, and their sessions and tokens stop",
     Action::kDisable},
    {"enable", "Enable a disabled user again", Action::kEnable},
    {"reset-password",
     "Give a user a new one-time password, to change at the next sign-in (ends their "
     "sessions; creates the account if they have none)",
     Action::kResetPassword},
    {"unlock", "Lift the lock that failed sign-ins put on a user's account", Action::kUnlock},
    {"sign-out-everywhere", "End every session of a user", Action::kSignOutEverywhere},
};

// Pads `text` to `width` columns (counting bytes: the list is for a terminal and a log).
std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size() + 1, ' ');
}

class UserCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Manages who may sign in. Passwords are never taken on the command line: a new or "
        "reset user gets a random one-time password, printed once, which they must change "
        "at their first sign-in. Run `lookout user COMMAND --help` for each command."));
    app.require_subcommand(1, 1);
    app.fallthrough();

    add_ = app.add_subcommand("add", "Add a staff member with an account; prints a one-time "
                                     "password");
    add_->fallthrough();
    add_->add_option("--name", name_, "Their name")->required();
    add_->add_option("--email", email_, "Their email, with which they sign in")->required();
    add_->add_option("--role", role_, "admin, manager, officer, analyst or funder")->required();
    add_->add_option("--region", region_,
                     "Their home region's code (required for officers), e.g. EM");

    list_ = app.add_subcommand("list", "List the staff and the state of their accounts (never "
                                       "a password or its hash)");
    list_->fallthrough();

    for (const ByEmail& spec : kByEmail) {
      CLI::App* sub = app.add_subcommand(spec.name, spec.summary);
      sub->fallthrough();
      sub->add_option("EMAIL", target_email_, "The user's email")->required();
      by_email_.emplace_back(sub, spec.action);
    }
  }

  Status Parse() override {
    if (add_->parsed()) {
      std::vector<FieldError> errors;
      if (name_.empty()) errors.push_back({"--name", "must not be empty"});
      if (email_.empty()) errors.push_back({"--email", "must not be empty"});
      if (!errors.empty()) return Status::Validation(std::move(errors), "The user is incomplete.");
    }
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services, context.OpenServices(OpenMode::kExisting));
    LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<app::Accounts> accounts,
                             app::Accounts::Create(services->store(), services->clock()));
    if (add_->parsed()) return Add(context, *accounts);
    if (list_->parsed()) return List(context, *accounts);
    for (const auto& [sub, action] : by_email_) {
      if (sub->parsed()) return Act(context, *accounts, action);
    }
    return Status::BadRequest("Name a user command: add, list, disable, enable, reset-password, "
                              "unlock or sign-out-everywhere.");
  }

 private:
  Status Add(Context& context, app::Accounts& accounts) {
    LOOKOUT_ASSIGN_OR_RETURN(app::NewUser user,
                             accounts.AddUser(context.actor(), name_, email_, role_, region_));
    context.out() << "Added " << name_ << " <" << email_ << "> as " << role_
                  << (region_.empty() ? "" : " in " + region_) << " (staff id "
                  << user.staff.Id() << ").\n"
                  << "One-time password (shown only now; they must change it at their first "
                     "sign-in):\n"
                  << "  " << user.one_time_password << "\n";
    return Status::Ok();
  }

  Status List(Context& context, app::Accounts& accounts) {
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<app::UserSummary> users, accounts.ListUsers(context.actor()));
    std::vector<std::vector<std::string>> rows = {
        {"ID", "NAME", "EMAIL", "ROLE", "REGION", "ACTIVE", "ACCOUNT", "SESSIONS"}};
    for (const app::UserSummary& u : users) {
      std::string account = !u.has_account              ? "none"
                            : !u.locked_until.empty()   ? "locked until " + u.locked_until
                            : u.must_change_password    ? "must change password"
                                                        : "yes";
      rows.push_back({std::to_string(u.staff_id), u.name, u.email, u.role,
                      u.region.empty() ? "-" : u.region, u.active ? "yes" : "no", account,
                      std::to_string(u.live_sessions)});
    }
    std::vector<size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        line += i + 1 == row.size() ? row[i] : Pad(row[i], widths[i]);
      }
      context.out() << line << "\n";
    }
    context.out() << users.size() << " staff member" << (users.size() == 1 ? "" : "s") << ".\n";
    return Status::Ok();
  }

  Status Act(Context& context, app::Accounts& accounts, Action action) {
    LOOKOUT_ASSIGN_OR_RETURN(int64_t staff_id, accounts.FindStaffByEmail(target_email_));
    const app::Actor& actor = context.actor();
    std::ostream& out = context.out();
    switch (action) {
      case Action::kDisable:
        LOOKOUT_RETURN_IF_ERROR(accounts.SetActive(actor, staff_id, false));
        out << "Disabled " << target_email_
            << ": they cannot sign in, and their sessions and API tokens no longer work.\n";
        break;
      case Action::kEnable:
        LOOKOUT_RETURN_IF_ERROR(accounts.SetActive(actor, staff_id, true));
        out << "Enabled " << target_email_ << ".\n";
        break;
      case Action::kResetPassword: {
        LOOKOUT_ASSIGN_OR_RETURN(app::PasswordReset reset, accounts.ResetPassword(actor, staff_id));
        out << "Reset the password of " << target_email_ << ", ended their sessions and revoked "
            << reset.tokens_revoked << " API token" << (reset.tokens_revoked == 1 ? "" : "s")
            << ".\n"
            << "One-time password (shown only now; they must change it at their next "
               "sign-in):\n"
            << "  " << reset.one_time_password << "\n";
        break;
      }
      case Action::kUnlock:
        LOOKOUT_RETURN_IF_ERROR(accounts.Unlock(actor, staff_id));
        out << "Unlocked the account of " << target_email_ << ".\n";
        break;
      case Action::kSignOutEverywhere: {
        LOOKOUT_ASSIGN_OR_RETURN(int64_t ended, accounts.SignOutEverywhere(actor, staff_id));
        out << "Ended " << ended << " session" << (ended == 1 ? "" : "s") << " of "
            << target_email_ << ".\n";
        break;
      }
    }
    return Status::Ok();
  }

  CLI::App* add_ = nullptr;
  CLI::App* list_ = nullptr;
  std::vector<std::pair<CLI::App*, Action>> by_email_;
  std::string name_;
  std::string email_;
  std::string role_;
  std::string region_;
  std::string target_email_;
};

}  // namespace

std::unique_ptr<Command> MakeUserCommand() { return std::make_unique<UserCommand>(); }

}  // namespace lookout::cli
