// Accounts and sign-in: who may use Lookout and how they prove it. A staff member has at
// most one account (a password hash); signing in makes a server-side session found by
// the hash of a random token that lives only in the user's cookie; API tokens let
// scripts act for their owner, never with more than the owner's role and scope.
//
// Every change here (sign-in, failed sign-in, sign-out, password change and reset, token
// create and revoke, unlock, enabling and disabling) writes its audit entry in the same
// transaction. Password hashes, token hashes and CSRF tokens never appear in an audit
// entry, an error message or a result that could be logged; the email tried in a failed
// sign-in is audited only as a hash.
//
// Nothing is kept in memory between calls (sessions, lock counters and attempts all live
// in the database), so several Lookout processes can serve one database. Thread-safe:
// calls may run concurrently on a worker pool.
#ifndef LOOKOUT_APP_ACCOUNTS_ACCOUNTS_H_
#define LOOKOUT_APP_ACCOUNTS_ACCOUNTS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/accounts/passwords.h"
#include "app/records/services.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace lookout::app {

struct AccountOptions {
  // A session ends after this long without a request...
  int64_t idle_timeout_seconds = 30 * 60;
  // ...and this long after sign-in, whatever happens.
  int64_t absolute_timeout_seconds = 12 * 60 * 60;
  // A session's (and an API token's) last use is written at most this often, to spare
  // the database a write per request. The idle timeout is therefore this coarse.
  int64_t touch_interval_seconds = 60;
  // Per account: this many failures in a row are allowed; each further failure locks
  // the account for first_lock_seconds, doubling each time, up to max_lock_seconds.
  int failures_before_lock = 5;
  int64_t first_lock_seconds = 60;
  int64_t max_lock_seconds = 15 * 60;
  // Per address: more than this many failures within the window lock the address out
  // until the failures within the window are fewer again.
  int address_failure_limit = 20;
  int64_t address_window_seconds = 15 * 60;
  // API tokens live at most this many months.
  int max_token_months = 12;
  PasswordHashParams hashing;
};

// What a refused sign-in says. None tells whether an account exists: an unknown email,
// a wrong password and a disabled staff member get kSignInRefused, which does not speak
// of locks; an email address that has had too many wrong passwords (an account's lock,
// or the same schedule kept for an address that has no account, from the attempts
// recorded by the email's hash) gets SignInLockedMessage, which says for how long; an
// address over its limit gets kAddressLocked.
inline constexpr const char* kSignInRefused = "The email address or password is not right.";
inline constexpr const char* kAddressLocked =
    "Too many sign-ins have failed from your network. Try again in 15 minutes.";
// "Too many wrong passwords have been tried for this email address. Try again in 3
// minutes, or ask a manager or an administrator to unlock it."
std::string SignInLockedMessage(int64_t seconds_left);

// A staff member proved who they are: the actor to act as, and what the HTTP layer needs
// to enforce the rest.
struct Authenticated {
  Actor actor;                 // signed_in, with session_id or api_token_id
  std::string name;            // the staff member's name and email, for "who am I"
  std::string email;
  std::string csrf_token;      // the session's; empty for an API token
  bool must_change_password = false;
  std::string expires_at;      // the session's absolute end, or the token's last day
};

// The result of a successful sign-in.
struct SignedIn {
  std::string session_token;  // raw: goes into the cookie only; Lookout keeps its hash
  Authenticated who;
};

struct ApiTokenInfo {
  int64_t id = 0;
  int64_t staff_id = 0;
  std::string name;
  std::string prefix;  // the first characters of the token, to tell tokens apart
  std::string expires_on;
  std::string created_at;
  std::string revoked_at;    // empty while not revoked
  std::string last_used_at;  // empty when never used
};

struct NewApiToken {
  std::string token;  // raw: shown once, never again
  ApiTokenInfo info;
};

// What changing a password ended besides: the other sessions and the API tokens.
struct PasswordChanged {
  int64_t sessions_ended = 0;
  int64_t tokens_revoked = 0;
};

// A reset password, to hand over once, and what the reset ended.
struct PasswordReset {
  std::string one_time_password;
  int64_t sessions_ended = 0;
  int64_t tokens_revoked = 0;
};

// A staff member and the state of their account, for `lookout user list`.
struct UserSummary {
  int64_t staff_id = 0;
  std::string name;
  std::string email;
  std::string role;
  std::string region;
  bool active = false;
  bool has_account = false;
  bool must_change_password = false;
  std::string locked_until;  // empty when not locked now
  int64_t live_sessions = 0;
};

// A staff member added with an account.
struct NewUser {
  Record staff;
  std::string one_time_password;
};

class Accounts {
 public:
  // Prepares the hashing (a dummy hash checked when an email is unknown, so that an
  // unknown account costs the same time as a known one). kBadRequest for options out of
  // range.
  static Result<std::unique_ptr<Accounts>> Create(store::Store& store, const Clock& clock,
                                                  AccountOptions options = {});

  const AccountOptions& options() const { return options_; }

  // ---- Signing in and out ----------------------------------------------------------

  // Checks the password and starts a session with a new random token and CSRF token.
  // Refusals are kUnauthenticated with the messages above, the same message and about the
  // same time whether or not the account exists. Every attempt is recorded for the
  // per-address count and audited.
  Result<SignedIn> SignIn(const std::string& email, const std::string& password,
                          const std::string& address, const std::string& request_id);
  // The session a cookie's token names, if it is live: not ended, not idle longer than
  // the idle timeout, not past its absolute end, its staff member active.
  // kUnauthenticated otherwise.
  Result<Authenticated> ResolveSession(const std::string& token, const std::string& address,
                                       const std::string& request_id);
  // Ends the actor's session (REQUIRES: actor.session_id != 0, else kBadRequest).
  Status SignOut(const Actor& actor);
  // Ends every session of `staff_id`: the actor's own, or anyone's for an administrator
  // (kForbidden otherwise). Returns how many were live.
  Result<int64_t> SignOutEverywhere(const Actor& actor, int64_t staff_id);

  // ---- Passwords -------------------------------------------------------------------

  // Changes the actor's own password after checking the current one (kValidation on
  // "current" when it is wrong, which counts as a failed sign-in towards the lock; on
  // "new" when the policy refuses it). Only a person signed in with a browser session
  // changes a password: kSessionRequired for an actor that is an API token, so a leaked
  // token cannot take the account over. Ends the actor's other sessions, revokes every
  // API token of theirs (whoever knew the old password may have made one) and clears
  // must_change_password.
  Result<PasswordChanged> ChangePassword(const Actor& actor, const std::string& current,
                                         const std::string& new_password);
  // An administrator gives `staff_id` a new random one-time password, which must be
  // changed at the next sign-in; the staff member's sessions end, their API tokens are
  // revoked and any lock is lifted. Creates the account when the staff member has none.
  // Returns the password (to be handed over once; Lookout keeps only its hash).
  Result<PasswordReset> ResetPassword(const Actor& actor, int64_t staff_id);
  // Lifts the per-account lock (a manager or an administrator).
  Status Unlock(const Actor& actor, int64_t staff_id);

  // ---- API tokens ------------------------------------------------------------------

  // A new token for the actor's own use, named `name` (1-200 characters), valid through
  // `expires_on` (YYYY-MM-DD, after today and at most max_token_months ahead). Only a
  // signed-in person makes tokens (kForbidden for an actor that is itself a token).
  Result<NewApiToken> CreateApiToken(const Actor& actor, const std::string& name,
                                     const std::string& expires_on);
  // The actor's own tokens, newest first, revoked and expired ones included.
  Result<std::vector<ApiTokenInfo>> ListApiTokens(const Actor& actor);
  // Revokes a token: the actor's own, or anyone's for an administrator (kNotFound for a
  // token that is neither, so others' tokens are not revealed; kConflict when already
  // revoked). Takes effect at the next request.
  Result<ApiTokenInfo> RevokeApiToken(const Actor& actor, int64_t token_id);
  // The owner of a bearer token, if the token is not revoked or past its day and the
  // owner is active. kUnauthenticated otherwise.
  Result<Authenticated> ResolveApiToken(const std::string& token, const std::string& address,
                                        const std::string& request_id);

  // ---- Managing users (administrators and the command line) ------------------------

  // Whether any account exists.
  Result<bool> AnyAccount();
  // The first administrator: a staff member with role admin (created, or found by
  // `email` when it exists with that role) and an account. With `password` empty a
  // random one-time password is made, to be changed at the first sign-in; otherwise
  // `password` is checked against the policy and kept. kConflict when any account
  // exists already. Returns the staff id and the generated password (empty when given).
  struct FirstAdmin {
    int64_t staff_id = 0;
    std::string generated_password;
  };
  Result<FirstAdmin> CreateFirstAdmin(const Actor& actor, const std::string& name,
                                      const std::string& email, const std::string& password);
  // Adds a staff member with an account and a one-time password (administrators).
  // The staff record is validated like any other (role, home region for officers,
  // unique email).
  Result<NewUser> AddUser(const Actor& actor, const std::string& name, const std::string& email,
                          const std::string& role, const std::string& region);
  // Gives an existing staff member an account with `password` (checked against the
  // policy; empty: a random one). kDuplicate when they have one. Returns the password.
  Result<std::string> CreateAccount(const Actor& actor, int64_t staff_id,
                                    const std::string& password, bool must_change_password);
  // Enables or disables a staff member (staff.active). Disabling ends their sessions;
  // their tokens stop working while they are disabled.
  Status SetActive(const Actor& actor, int64_t staff_id, bool active);
  // Every staff member with the state of their account, by name.
  Result<std::vector<UserSummary>> ListUsers(const Actor& actor);
  // The staff member with this email (compared without regard to case), or kNotFound.
  Result<int64_t> FindStaffByEmail(const std::string& email);

 private:
  Accounts(store::Store& store, const Clock& clock, AccountOptions options,
           std::string dummy_hash);

  struct Lookup;
  Result<Lookup> LookUp(const std::string& email, const std::string& address);
  // Records a refused sign-in (and, with `count_failure`, counts it against the account,
  // locking it past the threshold); returns the one generic refusal.
  Result<SignedIn> Refuse(const Lookup& found, const std::string& email,
                          const std::string& address, const std::string& request_id,
                          const std::string& reason, bool count_failure,
                          const std::string& message, const std::string& actor_id = "anonymous");
  // How long an email address is locked for after `failures` wrong passwords in a row.
  int64_t LockSeconds(int64_t failures) const;
  Result<SignedIn> Admit(const Lookup& found, const std::string& address,
                         const std::string& request_id, const std::string& password);

  store::Store& store_;
  const Clock& clock_;
  const AccountOptions options_;
  const std::string dummy_hash_;
};

}  // namespace lookout::app

#endif  // LOOKOUT_APP_ACCOUNTS_ACCOUNTS_H_
