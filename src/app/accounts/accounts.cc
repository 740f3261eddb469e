// Signing in and out, sessions and passwords. API tokens and user management are in
// accounts_users.cc.
#include "app/accounts/accounts.h"

#include <algorithm>
#include <optional>

#include "app/accounts/accounts_internal.h"
#include "app/records/use_case_metrics.h"
#include "domain/schema.h"

namespace lookout::app {

using accounts_internal::AccountOf;
using accounts_internal::AuditOf;
using accounts_internal::Bool;
using accounts_internal::Changes;
using accounts_internal::EndSessions;
using accounts_internal::Int;
using accounts_internal::IsAdmin;
using accounts_internal::MayUnlock;
using accounts_internal::RetryOnConflict;
using accounts_internal::RevokeTokens;
using accounts_internal::StaffActor;
using accounts_internal::StaffActorId;
using accounts_internal::StaffIdByEmail;
using accounts_internal::StaffMayAct;
using accounts_internal::Text;
using accounts_internal::Touch;

namespace {

const domain::EntityDef& AccountDef() { return domain::AccountEntity(); }
const domain::EntityDef& SessionDef() { return domain::SessionEntity(); }
const domain::EntityDef& StaffDef() { return domain::StaffEntity(); }
const domain::EntityDef& AttemptDef() { return domain::SignInAttemptEntity(); }

Status Unauthenticated() {
  return Status(ErrorCode::kUnauthenticated,
                "Sign in first: there is no session, or it has ended or expired.");
}

// A column of at most 64 characters holds the address.
std::string AddressColumn(const std::string& address) {
  if (address.empty()) return "unknown";
  return address.substr(0, 64);
}

int64_t TimestampOr(const std::string& text, int64_t fallback) {
  std::optional<int64_t> t = ParseTimestamp(text);
  return t ? *t : fallback;
}

}  // namespace

std::string SignInLockedMessage(int64_t seconds_left) {
  const int64_t minutes = std::max<int64_t>(1, (seconds_left + 59) / 60);
  return "Too many wrong passwords have been tried for this email address. Try again in " +
         std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes") +
         ", or ask a manager or an administrator to unlock it.";
}

struct Accounts::Lookup {
  bool address_locked = false;
  std::optional<Record> staff;
  std::optional<Record> account;
  // For an email with no account: until when the lock an account would have is kept
  // (0 when none), so that a lock does not tell which emails have accounts.
  int64_t unknown_locked_until = 0;
};

int64_t Accounts::LockSeconds(int64_t failures) const {
  // 1, 2, 4, ... minutes: each failure past the threshold doubles the wait.
  const int64_t doublings = std::min<int64_t>(failures - options_.failures_before_lock, 30);
  return std::min(options_.max_lock_seconds, options_.first_lock_seconds << doublings);
}

Accounts::Accounts(store::Store& store, const Clock& clock, AccountOptions options,
                   std::string dummy_hash)
    : store_(store), clock_(clock), options_(std::move(options)), dummy_hash_(std::move(dummy_hash)) {}

Result<std::unique_ptr<Accounts>> Accounts::Create(store::Store& store, const Clock& clock,
                                                   AccountOptions options) {
  std::vector<FieldError> errors;
  auto positive = [&](int64_t value, const char* name) {
    if (value <= 0) errors.push_back({name, "must be more than 0"});
  };
  positive(options.idle_timeout_seconds, "idle_timeout_seconds");
  positive(options.absolute_timeout_seconds, "absolute_timeout_seconds");
  positive(options.failures_before_lock, "failures_before_lock");
  positive(options.first_lock_seconds, "first_lock_seconds");
  positive(options.address_failure_limit, "address_failure_limit");
  positive(options.address_window_seconds, "address_window_seconds");
  positive(options.max_token_months, "max_token_months");
  if (options.touch_interval_seconds < 0) {
    errors.push_back({"touch_interval_seconds", "must be 0 or more"});
  }
  if (options.max_lock_seconds < options.first_lock_seconds) {
    errors.push_back({"max_lock_seconds", "must be at least first_lock_seconds"});
  }
  if (!errors.empty()) {
    return Status(ErrorCode::kBadRequest, "The account options are not valid.", std::move(errors));
  }
  // The hash an unknown email's password is checked against: a random password nobody
  // knows, hashed with the same cost as real ones.
  LOOKOUT_ASSIGN_OR_RETURN(std::string dummy, HashPassword(RandomToken(), options.hashing));
  return std::unique_ptr<Accounts>(new Accounts(store, clock, std::move(options), std::move(dummy)));
}

// ---- Signing in ------------------------------------------------------------------------

Result<Accounts::Lookup> Accounts::LookUp(const std::string& email, const std::string& address) {
  Lookup found;
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  const int64_t now = clock_.NowUnixSeconds();
  store::ListQuery failures;
  failures.where = {
      {"address", store::Condition::Op::kEq, {Value(AddressColumn(address))}},
      {"succeeded", store::Condition::Op::kEq, {Value(false)}},
      {"at", store::Condition::Op::kOnOrAfter,
       {Value(FormatTimestamp(now - options_.address_window_seconds))}}};
  failures.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(AttemptDef(), failures));
  found.address_locked = page.total > options_.address_failure_limit;

  LOOKOUT_ASSIGN_OR_RETURN(int64_t staff_id, StaffIdByEmail(*tx, email));
  if (staff_id != 0) {
    LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
    found.staff = std::move(staff);
    LOOKOUT_ASSIGN_OR_RETURN(found.account, AccountOf(*tx, staff_id));
  }
  if (!found.account) {
    // The attempts of the last day at this email, replayed as an account counts them:
    // failures in a row, none counted while locked.
    store::ListQuery attempts;
    attempts.where = {{"email_hash", store::Condition::Op::kEq, {Value(EmailHash(email))}},
                      {"at", store::Condition::Op::kOnOrAfter, {Value(FormatTimestamp(now - 24 * 60 * 60))}}};
    attempts.sort_field = "at";
    attempts.limit = 1000;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page tried, tx->List(AttemptDef(), attempts));
    int64_t failures = 0;
    for (const Record& a : tried.items) {
      const int64_t at = TimestampOr(Text(a, "at"), 0);
      if (Bool(a, "succeeded")) {
        failures = 0;
        found.unknown_locked_until = 0;
      } else if (at >= found.unknown_locked_until) {
        ++failures;
        if (failures >= options_.failures_before_lock) {
          found.unknown_locked_until = at + LockSeconds(failures);
        }
      }
    }
  }
  return found;
}

Result<SignedIn> Accounts::SignIn(const std::string& email, const std::string& password,
                                  const std::string& address, const std::string& request_id) {
  LOOKOUT_ASSIGN_OR_RETURN(Lookup found, LookUp(email, address));
  // An address over its limit is refused before any hashing: a flood of guesses from
  // one place then costs the server next to nothing.
  if (found.address_locked) {
    return Refuse(found, email, address, request_id, "address locked", false, kAddressLocked);
  }
  // The password is checked (against a dummy hash when there is no account) before the
  // other reasons to refuse are looked at, so every refusal takes about the same time.
  const bool too_long = password.size() > kMaxPasswordBytes;
  const std::string& hash =
      found.account && !too_long ? Text(*found.account, "password_hash") : dummy_hash_;
  const bool matches = VerifyPassword(hash, too_long ? std::string_view() : password) &&
                       found.account.has_value() && !too_long;
  const int64_t now = clock_.NowUnixSeconds();
  if (!found.account) {
    return Refuse(found, email, address, request_id, "unknown account", false,
                  found.unknown_locked_until > now
                      ? SignInLockedMessage(found.unknown_locked_until - now)
                      : std::string(kSignInRefused));
  }
  if (const int64_t until = TimestampOr(Text(*found.account, "locked_until"), 0); until > now) {
    return Refuse(found, email, address, request_id, "account locked", false,
                  SignInLockedMessage(until - now));
  }
  // A disabled staff member's wrong passwords count as anyone's, so that their email
  // locks as any other would.
  if (!StaffMayAct(*found.staff)) {
    return Refuse(found, email, address, request_id, "staff member disabled", !matches,
                  kSignInRefused);
  }
  if (!matches) {
    return Refuse(found, email, address, request_id, "wrong password", true, kSignInRefused);
  }
  return Admit(found, address, request_id, password);
}

Result<SignedIn> Accounts::Refuse(const Lookup& found, const std::string& email,
                                  const std::string& address, const std::string& request_id,
                                  const std::string& reason, bool count_failure,
                                  const std::string& message, const std::string& actor_id) {
  RecordSignInFailure(reason);
  const int64_t now = clock_.NowUnixSeconds();
  const store::WriteMeta meta{actor_id, FormatTimestamp(now)};
  Status written = RetryOnConflict([&]() -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    Record attempt;
    attempt.Set("address", AddressColumn(address));
    attempt.Set("email_hash", EmailHash(email));
    attempt.Set("at", meta.at);
    attempt.Set("succeeded", false);
    LOOKOUT_RETURN_IF_ERROR(tx->Insert(AttemptDef(), attempt, meta).TakeStatus());

    Changes changes;
    changes.Fact("refused", reason);
    int64_t account_id = 0;
    if (found.account) {
      // Read again inside the write: another attempt may have counted meanwhile.
      LOOKOUT_ASSIGN_OR_RETURN(Record account, tx->Get(AccountDef(), found.account->Id()));
      account_id = account.Id();
      if (count_failure) {
        const int64_t before = Int(account, "failed_sign_ins");
        const int64_t failures = before + 1;
        Record update;
        update.Set("failed_sign_ins", failures);
        changes.Change("failed_sign_ins", before, failures);
        if (failures >= options_.failures_before_lock) {
          const std::string until = FormatTimestamp(now + LockSeconds(failures));
          update.Set("locked_until", until);
          changes.Change("locked_until", account.Get("locked_until"), until);
        }
        LOOKOUT_RETURN_IF_ERROR(
            tx->Update(AccountDef(), account_id, Int(account, "version"), update, meta));
      }
    } else {
      changes.Fact("email_hash", EmailHash(email));
    }
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditOf(actor_id, address, request_id, meta.at,
                                                    "sign_in_failed", AccountDef().name, account_id,
                                                    changes)));
    return tx->Commit();
  });
  LOOKOUT_RETURN_IF_ERROR(written);
  return Status(ErrorCode::kUnauthenticated, message);
}

Result<SignedIn> Accounts::Admit(const Lookup& found, const std::string& address,
                                 const std::string& request_id, const std::string& password) {
  // A hash made with older parameters is redone now, while the password is at hand.
  std::string rehashed;
  if (PasswordNeedsRehash(Text(*found.account, "password_hash"), options_.hashing)) {
    LOOKOUT_ASSIGN_OR_RETURN(rehashed, HashPassword(password, options_.hashing));
  }
  const int64_t now = clock_.NowUnixSeconds();
  const Record& staff = *found.staff;
  const store::WriteMeta meta{StaffActorId(staff.Id()), FormatTimestamp(now)};
  SignedIn out;
  out.session_token = RandomToken();
  out.who.actor = StaffActor(staff, address, request_id);
  out.who.name = Text(staff, "name");
  out.who.email = Text(staff, "email");
  out.who.csrf_token = RandomToken();
  out.who.expires_at = FormatTimestamp(now + options_.absolute_timeout_seconds);

  Status written = RetryOnConflict([&]() -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record account, tx->Get(AccountDef(), found.account->Id()));
    Changes changes;
    Record update;
    if (Int(account, "failed_sign_ins") != 0) {
      update.Set("failed_sign_ins", int64_t{0});
      changes.Change("failed_sign_ins", Int(account, "failed_sign_ins"), int64_t{0});
    }
    if (!account.Get("locked_until").is_null()) {
      update.Set("locked_until", Value());
      changes.Change("locked_until", account.Get("locked_until"), Value());
    }
    if (!rehashed.empty()) {
      update.Set("password_hash", rehashed);
      changes.Fact("password_rehashed", true);
    }
    if (!update.fields.empty()) {
      LOOKOUT_RETURN_IF_ERROR(
          tx->Update(AccountDef(), account.Id(), Int(account, "version"), update, meta));
    }
    Record session;
    session.Set("token_hash", TokenHash(out.session_token));
    session.Set("staff", staff.Id());
    session.Set("csrf_token", out.who.csrf_token);
    session.Set("started_at", meta.at);
    session.Set("last_seen_at", meta.at);
    session.Set("expires_at", out.who.expires_at);
    session.Set("address", AddressColumn(address));
    LOOKOUT_ASSIGN_OR_RETURN(int64_t session_id, tx->Insert(SessionDef(), session, meta));
    out.who.actor.session_id = session_id;
    changes.Change("session", Value(), session_id);

    Record attempt;
    attempt.Set("address", AddressColumn(address));
    attempt.Set("email_hash", EmailHash(Text(staff, "email")));
    attempt.Set("at", meta.at);
    attempt.Set("succeeded", true);
    LOOKOUT_RETURN_IF_ERROR(tx->Insert(AttemptDef(), attempt, meta).TakeStatus());
    out.who.must_change_password = Bool(account, "must_change_password");
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditOf(meta.actor, address, request_id, meta.at,
                                                    "sign_in", AccountDef().name, account.Id(),
                                                    changes)));
    return tx->Commit();
  });
  LOOKOUT_RETURN_IF_ERROR(written);
  return out;
}

// ---- Sessions --------------------------------------------------------------------------

Result<Authenticated> Accounts::ResolveSession(const std::string& token,
                                               const std::string& address,
                                               const std::string& request_id) {
  if (!LooksLikeRandomToken(token)) return Unauthenticated();
  const std::string hash = TokenHash(token);
  const int64_t now = clock_.NowUnixSeconds();
  Record session;
  Record staff;
  Authenticated who;
  std::string ended_reason;  // set when the session turns out to be over
  {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
    LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx->FindIdBy(SessionDef(), "token_hash", Value(hash)));
    if (id == 0) return Unauthenticated();
    LOOKOUT_ASSIGN_OR_RETURN(session, tx->Get(SessionDef(), id));
    if (!SecretsEqual(Text(session, "token_hash"), hash)) return Unauthenticated();
    if (!session.Get("ended_at").is_null()) return Unauthenticated();
    const int64_t last_seen = TimestampOr(Text(session, "last_seen_at"), 0);
    if (now >= TimestampOr(Text(session, "expires_at"), 0)) {
      ended_reason = "expired";
    } else if (now - last_seen >= options_.idle_timeout_seconds) {
      ended_reason = "idle";
    } else {
      LOOKOUT_ASSIGN_OR_RETURN(staff, tx->Get(StaffDef(), Int(session, "staff")));
      LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> account, AccountOf(*tx, staff.Id()));
      if (!StaffMayAct(staff) || !account) return Unauthenticated();
      who.must_change_password = Bool(*account, "must_change_password");
    }
  }
  const store::WriteMeta meta{StaffActorId(Int(session, "staff")), FormatTimestamp(now)};
  if (!ended_reason.empty()) {
    // Record that it is over, once; a failure to write this changes nothing for the
    // request, which is refused either way.
    Record end;
    end.Set("ended_at", meta.at);
    end.Set("ended_reason", ended_reason);
    if (auto tx = store_.Begin(true); tx.ok()) {
      if ((*tx)->Update(SessionDef(), session.Id(), Int(session, "version"), end, meta).ok()) {
        (void)(*tx)->Commit();
      }
    }
    return Unauthenticated();
  }
  if (now - TimestampOr(Text(session, "last_seen_at"), 0) >= options_.touch_interval_seconds) {
    LOOKOUT_RETURN_IF_ERROR(Touch(store_, SessionDef(), session, "last_seen_at", meta));
  }
  who.actor = StaffActor(staff, address, request_id);
  who.actor.session_id = session.Id();
  who.name = Text(staff, "name");
  who.email = Text(staff, "email");
  who.csrf_token = Text(session, "csrf_token");
  who.expires_at = Text(session, "expires_at");
  return who;
}

Status Accounts::SignOut(const Actor& actor) {
  if (!actor.signed_in || actor.session_id == 0) {
    return Status::BadRequest("Only a signed-in browser session can be signed out.");
  }
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  return RetryOnConflict([&]() -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record session, tx->Get(SessionDef(), actor.session_id));
    if (!session.Get("ended_at").is_null()) return Status::Ok();
    Record end;
    end.Set("ended_at", meta.at);
    end.Set("ended_reason", "signed_out");
    LOOKOUT_RETURN_IF_ERROR(tx->Update(SessionDef(), session.Id(), Int(session, "version"), end, meta));
    LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> account, AccountOf(*tx, actor.staff_id));
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
        AuditOf(actor.id, actor.address, actor.request_id, meta.at, "sign_out", AccountDef().name,
                account ? account->Id() : 0, Changes().Fact("session", session.Id()))));
    return tx->Commit();
  });
}

Result<int64_t> Accounts::SignOutEverywhere(const Actor& actor, int64_t staff_id) {
  const bool own = actor.signed_in && actor.staff_id == staff_id;
  if (!own && !IsAdmin(actor)) {
    return Status(ErrorCode::kForbidden,
                  "Only an administrator may sign someone else out everywhere.");
  }
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  return RetryOnConflict([&]() -> Result<int64_t> {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
    LOOKOUT_ASSIGN_OR_RETURN(int64_t ended,
                             EndSessions(*tx, staff_id, 0, "signed_out_everywhere", meta));
    LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> account, AccountOf(*tx, staff_id));
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditOf(
        actor.id, actor.address, actor.request_id, meta.at, "sign_out_everywhere", AccountDef().name,
        account ? account->Id() : 0,
        Changes().Fact("staff", staff.Id()).Fact("sessions_ended", ended))));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
    return ended;
  });
}

// ---- Passwords -------------------------------------------------------------------------

Result<PasswordChanged> Accounts::ChangePassword(const Actor& actor, const std::string& current,
                                                 const std::string& new_password) {
  if (!actor.signed_in || actor.staff_id == 0) return Unauthenticated();
  if (actor.api_token_id != 0 || actor.session_id == 0) {
    return Status(ErrorCode::kSessionRequired,
                  "An API token may not change a password: sign in with your password and "
                  "change it there.");
  }
  Record staff;
  std::optional<Record> account;
  {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
    LOOKOUT_ASSIGN_OR_RETURN(staff, tx->Get(StaffDef(), actor.staff_id));
    LOOKOUT_ASSIGN_OR_RETURN(account, AccountOf(*tx, actor.staff_id));
  }
  if (!account) return Status::NotFound("You have no account to change the password of.");
  const int64_t now = clock_.NowUnixSeconds();
  const std::string locked_until = Text(*account, "locked_until");
  if (TimestampOr(locked_until, 0) > now) {
    return Status(ErrorCode::kTooManyRequests,
                  "Too many wrong passwords: try again after " + locked_until + ".");
  }
  Status policy = CheckPasswordPolicy(new_password, Text(staff, "email"), "new");
  if (!policy.ok()) return policy;
  if (current.size() > kMaxPasswordBytes ||
      !VerifyPassword(Text(*account, "password_hash"), current)) {
    // A wrong current password counts like a failed sign-in, so a session left open
    // cannot be used to guess the password at leisure.
    Lookup found;
    found.staff = staff;
    found.account = account;
    Result<SignedIn> refused =
        Refuse(found, Text(staff, "email"), actor.address, actor.request_id,
               "wrong current password", true, kSignInRefused, actor.id);
    if (refused.status().code() != ErrorCode::kUnauthenticated) return refused.TakeStatus();
    return Status::Validation({{"current", "is not your current password"}},
                              "The current password is not right.");
  }
  if (current == new_password) {
    return Status::Validation({{"new", "must differ from the current password"}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, options_.hashing));
  const store::WriteMeta meta{actor.id, FormatTimestamp(now)};
  return RetryOnConflict([&]() -> Result<PasswordChanged> {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record fresh, tx->Get(AccountDef(), account->Id()));
    Record update;
    update.Set("password_hash", hash);
    update.Set("must_change_password", false);
    update.Set("password_changed_at", meta.at);
    update.Set("failed_sign_ins", int64_t{0});
    update.Set("locked_until", Value());
    LOOKOUT_RETURN_IF_ERROR(tx->Update(AccountDef(), fresh.Id(), Int(fresh, "version"), update, meta));
    PasswordChanged out;
    LOOKOUT_ASSIGN_OR_RETURN(out.sessions_ended, EndSessions(*tx, actor.staff_id, actor.session_id,
                                                             "password_changed", meta));
    LOOKOUT_ASSIGN_OR_RETURN(out.tokens_revoked, RevokeTokens(*tx, actor.staff_id, meta));
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
        AuditOf(actor.id, actor.address, actor.request_id, meta.at, "password_change",
                AccountDef().name, fresh.Id(),
                Changes()
                    .Change("must_change_password", Bool(fresh, "must_change_password"), false)
                    .Change("password_changed_at", fresh.Get("password_changed_at"), meta.at)
                    .Fact("sessions_ended", out.sessions_ended)
                    .Fact("tokens_revoked", out.tokens_revoked))));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
    return out;
  });
}

Result<PasswordReset> Accounts::ResetPassword(const Actor& actor, int64_t staff_id) {
  if (!IsAdmin(actor)) {
    return Status(ErrorCode::kForbidden, "Only an administrator may reset a password.");
  }
  PasswordReset out;
  out.one_time_password = OneTimePassword();
  LOOKOUT_ASSIGN_OR_RETURN(std::string hash, HashPassword(out.one_time_password, options_.hashing));
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  Status written = RetryOnConflict([&]() -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
    LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> account, AccountOf(*tx, staff_id));
    Changes changes;
    int64_t account_id = 0;
    if (account) {
      account_id = account->Id();
      Record update;
      update.Set("password_hash", hash);
      update.Set("must_change_password", true);
      update.Set("password_changed_at", meta.at);
      update.Set("failed_sign_ins", int64_t{0});
      update.Set("locked_until", Value());
      LOOKOUT_RETURN_IF_ERROR(
          tx->Update(AccountDef(), account_id, Int(*account, "version"), update, meta));
      changes.Change("must_change_password", Bool(*account, "must_change_password"), true);
      if (!account->Get("locked_until").is_null()) {
        changes.Change("locked_until", account->Get("locked_until"), Value());
      }
    } else {
      Record fresh;
      fresh.Set("staff", staff.Id());
      fresh.Set("password_hash", hash);
      fresh.Set("must_change_password", true);
      fresh.Set("failed_sign_ins", int64_t{0});
      fresh.Set("password_changed_at", meta.at);
      LOOKOUT_ASSIGN_OR_RETURN(account_id, tx->Insert(AccountDef(), fresh, meta));
      changes.Change("staff", Value(), staff.Id()).Change("must_change_password", Value(), true);
      changes.Fact("account_created", true);
    }
    LOOKOUT_ASSIGN_OR_RETURN(out.sessions_ended,
                             EndSessions(*tx, staff_id, 0, "password_reset", meta));
    LOOKOUT_ASSIGN_OR_RETURN(out.tokens_revoked, RevokeTokens(*tx, staff_id, meta));
    changes.Fact("sessions_ended", out.sessions_ended);
    changes.Fact("tokens_revoked", out.tokens_revoked);
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditOf(actor.id, actor.address, actor.request_id,
                                                    meta.at, "password_reset", AccountDef().name,
                                                    account_id, changes)));
    return tx->Commit();
  });
  LOOKOUT_RETURN_IF_ERROR(written);
  return out;
}

Status Accounts::Unlock(const Actor& actor, int64_t staff_id) {
  if (!MayUnlock(actor)) {
    return Status(ErrorCode::kForbidden, "Only a manager or an administrator may unlock an account.");
  }
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  return RetryOnConflict([&]() -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
    LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> account, AccountOf(*tx, staff_id));
    if (!account) {
      return Status::NotFound(Text(staff, "name") + " has no account to unlock.");
    }
    Record update;
    update.Set("failed_sign_ins", int64_t{0});
    update.Set("locked_until", Value());
    LOOKOUT_RETURN_IF_ERROR(
        tx->Update(AccountDef(), account->Id(), Int(*account, "version"), update, meta));
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditOf(
        actor.id, actor.address, actor.request_id, meta.at, "unlock", AccountDef().name, account->Id(),
        Changes()
            .Change("failed_sign_ins", Int(*account, "failed_sign_ins"), int64_t{0})
            .Change("locked_until", account->Get("locked_until"), Value()))));
    return tx->Commit();
  });
}

}  // namespace lookout::app
