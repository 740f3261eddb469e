// API tokens and managing users: adding staff with accounts, the first administrator,
// enabling and disabling, and the list the command line shows.
#include <algorithm>
#include <map>
#include <optional>

#include "app/accounts/accounts.h"
#include "app/accounts/accounts_internal.h"
#include "app/records/record_checks.h"
#include "domain/rules.h"
#include "domain/schema.h"

namespace lookout::app {

using accounts_internal::AccountOf;
using accounts_internal::AuditOf;
using accounts_internal::Bool;
using accounts_internal::Changes;
using accounts_internal::EndSessions;
using accounts_internal::Int;
using accounts_internal::IsAdmin;
using accounts_internal::RetryOnConflict;
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
const domain::EntityDef& TokenDef() { return domain::ApiTokenEntity(); }

// Every API token starts with this, so that a token pasted somewhere it should not be
// is easy to recognise (and for secret scanners to find).
constexpr std::string_view kTokenPrefix = "lkt_";
// How much of the token is kept in the clear, to tell tokens apart.
constexpr size_t kShownPrefix = 12;

Status Unauthenticated() {
  return Status(ErrorCode::kUnauthenticated,
                "Sign in first: the API token is not valid, has expired or was revoked.");
}

ApiTokenInfo TokenInfo(const Record& r) {
  ApiTokenInfo info;
  info.id = r.Id();
  info.staff_id = Int(r, "staff");
  info.name = Text(r, "name");
  info.prefix = Text(r, "prefix");
  info.expires_on = Text(r, "expires_on");
  info.created_at = Text(r, "created_at");
  info.revoked_at = Text(r, "revoked_at");
  info.last_used_at = Text(r, "last_used_at");
  return info;
}

Status ValidationOrOk(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  return Status::Validation(std::move(errors));
}

// Validates and inserts a staff record, with its audit entry, like Services::Create.
Result<int64_t> InsertStaff(store::Transaction& tx, Record staff, const Actor& actor,
                            const store::WriteMeta& meta) {
  internal::ApplyDefaults(StaffDef(), staff);
  std::vector<FieldError> errors =
      domain::ValidateRecord(StaffDef(), staff, domain::ValidationMode::kCreate);
  internal::ReferenceChecker refs(tx);
  LOOKOUT_RETURN_IF_ERROR(refs.Check(StaffDef(), staff, errors));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckUnique(tx, StaffDef(), staff, 0, errors));
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx.Insert(StaffDef(), staff, meta));
  store::AuditEntry audit =
      AuditOf(actor.id, actor.address, actor.request_id, meta.at, "create", StaffDef().name, id,
              Changes());
  audit.changes = internal::DescribeChanges(StaffDef(), Record{}, staff);
  LOOKOUT_RETURN_IF_ERROR(tx.AppendAudit(audit));
  return id;
}

// Inserts an account for `staff_id` with its audit entry.
Result<int64_t> InsertAccount(store::Transaction& tx, int64_t staff_id, const std::string& hash,
                              bool must_change_password, const Actor& actor,
                              const store::WriteMeta& meta) {
  Record account;
  account.Set("staff", staff_id);
  account.Set("password_hash", hash);
  account.Set("must_change_password", must_change_password);
  account.Set("failed_sign_ins", int64_t{0});
  account.Set("password_changed_at", meta.at);
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx.Insert(AccountDef(), account, meta));
  LOOKOUT_RETURN_IF_ERROR(tx.AppendAudit(
      AuditOf(actor.id, actor.address, actor.request_id, meta.at, "create", AccountDef().name, id,
              Changes()
                  .Change("staff", Value(), staff_id)
                  .Change("must_change_password", Value(), must_change_password))));
  return id;
}

}  // namespace

// ---- API tokens ------------------------------------------------------------------------

Result<NewApiToken> Accounts::CreateApiToken(const Actor& actor, const std::string& name,
                                             const std::string& expires_on) {
  if (!actor.signed_in || actor.staff_id == 0) {
    return Status(ErrorCode::kUnauthenticated, "Sign in to make an API token.");
  }
  if (actor.api_token_id != 0) {
    return Status(ErrorCode::kForbidden,
                  "API tokens are made by a person signed in with their password, not by "
                  "another token.");
  }
  NewApiToken out;
  out.token = std::string(kTokenPrefix) + RandomToken();
  Record token;
  token.Set("staff", actor.staff_id);
  token.Set("name", name);
  token.Set("token_hash", TokenHash(out.token));
  token.Set("prefix", out.token.substr(0, kShownPrefix));
  token.Set("expires_on", expires_on);
  std::vector<FieldError> errors =
      domain::ValidateRecord(TokenDef(), token, domain::ValidationMode::kCreate);
  const Date today = clock_.Today();
  const Date latest = today.AddMonths(options_.max_token_months);
  if (std::optional<Date> day = Date::Parse(expires_on)) {
    if (*day <= today) {
      errors.push_back({"expires_on", "must be after today"});
    } else if (*day > latest) {
      errors.push_back({"expires_on", "must be on or before " + latest.ToString() + " (at most " +
                                          std::to_string(options_.max_token_months) +
                                          " months ahead)"});
    }
  } else if (std::none_of(errors.begin(), errors.end(),
                          [](const FieldError& e) { return e.field == "expires_on"; })) {
    errors.push_back({"expires_on", "must be a date as YYYY-MM-DD"});
  }
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));

  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx->Insert(TokenDef(), token, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
      AuditOf(actor.id, actor.address, actor.request_id, meta.at, "create", TokenDef().name, id,
              Changes()
                  .Change("name", Value(), name)
                  .Change("prefix", Value(), token.Get("prefix"))
                  .Change("expires_on", Value(), expires_on))));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(TokenDef(), id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  out.info = TokenInfo(saved);
  return out;
}

Result<std::vector<ApiTokenInfo>> Accounts::ListApiTokens(const Actor& actor) {
  if (!actor.signed_in || actor.staff_id == 0) {
    return Status(ErrorCode::kUnauthenticated, "Sign in to see your API tokens.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  store::ListQuery query;
  query.where = {{"staff", store::Condition::Op::kEq, {Value(actor.staff_id)}}};
  query.sort_field = "id";
  query.descending = true;
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(TokenDef(), query));
  std::vector<ApiTokenInfo> out;
  for (const Record& r : page.items) out.push_back(TokenInfo(r));
  return out;
}

Result<ApiTokenInfo> Accounts::RevokeApiToken(const Actor& actor, int64_t token_id) {
  if (!IsAdmin(actor) && (!actor.signed_in || actor.staff_id == 0)) {
    return Status(ErrorCode::kUnauthenticated, "Sign in to revoke an API token.");
  }
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  return RetryOnConflict([&]() -> Result<ApiTokenInfo> {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    Result<Record> token = tx->Get(TokenDef(), token_id);
    const Status not_yours =
        Status::NotFound("There is no API token " + std::to_string(token_id) + " of yours.");
    if (!token.ok()) {
      return token.status().code() == ErrorCode::kNotFound ? not_yours : token.status();
    }
    if (Int(*token, "staff") != actor.staff_id && !IsAdmin(actor)) return not_yours;
    if (!token->Get("revoked_at").is_null()) {
      return Status::Conflict("API token " + std::to_string(token_id) + " was revoked at " +
                              Text(*token, "revoked_at") + " already.");
    }
    Record update;
    update.Set("revoked_at", meta.at);
    LOOKOUT_RETURN_IF_ERROR(
        tx->Update(TokenDef(), token_id, Int(*token, "version"), update, meta));
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
        AuditOf(actor.id, actor.address, actor.request_id, meta.at, "revoke", TokenDef().name,
                token_id, Changes().Change("revoked_at", Value(), meta.at))));
    LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(TokenDef(), token_id));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
    return TokenInfo(saved);
  });
}

Result<Authenticated> Accounts::ResolveApiToken(const std::string& token,
                                                const std::string& address,
                                                const std::string& request_id) {
  if (token.rfind(kTokenPrefix, 0) != 0 ||
      !LooksLikeRandomToken(std::string_view(token).substr(kTokenPrefix.size()))) {
    return Unauthenticated();
  }
  const std::string hash = TokenHash(token);
  const int64_t now = clock_.NowUnixSeconds();
  Record record;
  Record staff;
  Authenticated who;
  {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
    LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx->FindIdBy(TokenDef(), "token_hash", Value(hash)));
    if (id == 0) return Unauthenticated();
    LOOKOUT_ASSIGN_OR_RETURN(record, tx->Get(TokenDef(), id));
    if (!SecretsEqual(Text(record, "token_hash"), hash)) return Unauthenticated();
    if (!record.Get("revoked_at").is_null()) return Unauthenticated();
    // Valid through its last day.
    std::optional<Date> last_day = Date::Parse(Text(record, "expires_on"));
    if (!last_day || *last_day < clock_.Today()) return Unauthenticated();
    LOOKOUT_ASSIGN_OR_RETURN(staff, tx->Get(StaffDef(), Int(record, "staff")));
    LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> account, AccountOf(*tx, staff.Id()));
    if (!StaffMayAct(staff) || !account) return Unauthenticated();
    who.must_change_password = Bool(*account, "must_change_password");
  }
  const std::optional<int64_t> last_used = ParseTimestamp(Text(record, "last_used_at"));
  if (!last_used || now - *last_used >= options_.touch_interval_seconds) {
    const store::WriteMeta meta{StaffActorId(staff.Id()), FormatTimestamp(now)};
    LOOKOUT_RETURN_IF_ERROR(Touch(store_, TokenDef(), record, "last_used_at", meta));
  }
  who.actor = StaffActor(staff, address, request_id);
  who.actor.api_token_id = record.Id();
  who.name = Text(staff, "name");
  who.email = Text(staff, "email");
  who.expires_at = Text(record, "expires_on");
  return who;
}

// ---- Managing users --------------------------------------------------------------------

Result<bool> Accounts::AnyAccount() {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  store::ListQuery query;
  query.archived = store::ListQuery::Archived::kInclude;
  query.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(AccountDef(), query));
  return page.total > 0;
}

Result<Accounts::FirstAdmin> Accounts::CreateFirstAdmin(const Actor& actor,
                                                        const std::string& name,
                                                        const std::string& email,
                                                        const std::string& password) {
  if (!IsAdmin(actor)) {
    return Status(ErrorCode::kForbidden, "Only the command line may create the first administrator.");
  }
  FirstAdmin out;
  std::string chosen = password;
  if (chosen.empty()) {
    out.generated_password = OneTimePassword();
    chosen = out.generated_password;
  } else {
    LOOKOUT_RETURN_IF_ERROR(CheckPasswordPolicy(chosen, email, "password"));
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::string hash, HashPassword(chosen, options_.hashing));
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  store::ListQuery any;
  any.archived = store::ListQuery::Archived::kInclude;
  any.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page accounts, tx->List(AccountDef(), any));
  if (accounts.total > 0) {
    return Status::Conflict("Accounts exist already: add users with `lookout user add`.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(int64_t staff_id, StaffIdByEmail(*tx, email));
  if (staff_id != 0) {
    LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
    if (Text(staff, "role") != "admin") {
      return Status::Conflict("The staff member " + Text(staff, "email") + " is recorded as " +
                              Text(staff, "role") +
                              ", not as an administrator: choose another email for the first "
                              "administrator.");
    }
  } else {
    Record staff;
    staff.Set("name", name);
    staff.Set("email", email);
    staff.Set("role", "admin");
    staff.Set("active", true);
    LOOKOUT_ASSIGN_OR_RETURN(staff_id, InsertStaff(*tx, staff, actor, meta));
  }
  LOOKOUT_RETURN_IF_ERROR(
      InsertAccount(*tx, staff_id, hash, !out.generated_password.empty(), actor, meta).TakeStatus());
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  out.staff_id = staff_id;
  return out;
}

Result<NewUser> Accounts::AddUser(const Actor& actor, const std::string& name,
                                  const std::string& email, const std::string& role,
                                  const std::string& region) {
  if (!IsAdmin(actor)) return Status(ErrorCode::kForbidden, "Only an administrator may add users.");
  NewUser out;
  out.one_time_password = OneTimePassword();
  LOOKOUT_ASSIGN_OR_RETURN(std::string hash, HashPassword(out.one_time_password, options_.hashing));
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  Record staff;
  staff.Set("name", name);
  staff.Set("email", email);
  staff.Set("role", role);
  if (!region.empty()) staff.Set("home_region", region);
  staff.Set("active", true);
  LOOKOUT_ASSIGN_OR_RETURN(int64_t staff_id, InsertStaff(*tx, staff, actor, meta));
  LOOKOUT_RETURN_IF_ERROR(InsertAccount(*tx, staff_id, hash, true, actor, meta).TakeStatus());
  LOOKOUT_ASSIGN_OR_RETURN(out.staff, tx->Get(StaffDef(), staff_id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<std::string> Accounts::CreateAccount(const Actor& actor, int64_t staff_id,
                                            const std::string& password,
                                            bool must_change_password) {
  if (!IsAdmin(actor)) {
    return Status(ErrorCode::kForbidden, "Only an administrator may create accounts.");
  }
  std::string chosen = password.empty() ? OneTimePassword() : password;
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
  LOOKOUT_ASSIGN_OR_RETURN(std::optional<Record> existing, AccountOf(*tx, staff_id));
  if (existing) {
    return Status(ErrorCode::kDuplicate, Text(staff, "name") + " has an account already.");
  }
  if (!password.empty()) {
    LOOKOUT_RETURN_IF_ERROR(CheckPasswordPolicy(chosen, Text(staff, "email"), "password"));
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::string hash, HashPassword(chosen, options_.hashing));
  LOOKOUT_RETURN_IF_ERROR(
      InsertAccount(*tx, staff_id, hash, must_change_password, actor, meta).TakeStatus());
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return chosen;
}

Status Accounts::SetActive(const Actor& actor, int64_t staff_id, bool active) {
  if (!IsAdmin(actor)) {
    return Status(ErrorCode::kForbidden, "Only an administrator may enable or disable users.");
  }
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  return RetryOnConflict([&]() -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
    LOOKOUT_ASSIGN_OR_RETURN(Record staff, tx->Get(StaffDef(), staff_id));
    const bool was = Bool(staff, "active");
    if (was != active) {
      Record update;
      update.Set("active", active);
      LOOKOUT_RETURN_IF_ERROR(
          tx->Update(StaffDef(), staff_id, Int(staff, "version"), update, meta));
      LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
          AuditOf(actor.id, actor.address, actor.request_id, meta.at, "update", StaffDef().name,
                  staff_id, Changes().Change("active", was, active))));
    }
    if (!active) {
      // Disabled staff are refused at every request anyway; ending their sessions also
      // makes the sign-out visible in the sessions' records.
      LOOKOUT_RETURN_IF_ERROR(EndSessions(*tx, staff_id, 0, "disabled", meta).TakeStatus());
    }
    return tx->Commit();
  });
}

Result<std::vector<UserSummary>> Accounts::ListUsers(const Actor& actor) {
  if (!IsAdmin(actor)) return Status(ErrorCode::kForbidden, "Only an administrator may list users.");
  const int64_t now = clock_.NowUnixSeconds();
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  store::ListQuery all;
  all.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page staff, tx->List(StaffDef(), all));
  LOOKOUT_ASSIGN_OR_RETURN(store::Page accounts, tx->List(AccountDef(), all));
  store::ListQuery live = all;
  live.where = {{"ended_at", store::Condition::Op::kEq, {Value()}}};
  LOOKOUT_ASSIGN_OR_RETURN(store::Page sessions, tx->List(SessionDef(), live));

  std::map<int64_t, const Record*> account_of;
  for (const Record& a : accounts.items) account_of[Int(a, "staff")] = &a;
  std::map<int64_t, int64_t> live_sessions;
  for (const Record& s : sessions.items) {
    const std::optional<int64_t> expires = ParseTimestamp(Text(s, "expires_at"));
    const std::optional<int64_t> seen = ParseTimestamp(Text(s, "last_seen_at"));
    if (expires && seen && now < *expires && now - *seen < options_.idle_timeout_seconds) {
      ++live_sessions[Int(s, "staff")];
    }
  }
  std::vector<UserSummary> out;
  for (const Record& s : staff.items) {
    UserSummary u;
    u.staff_id = s.Id();
    u.name = Text(s, "name");
    u.email = Text(s, "email");
    u.role = Text(s, "role");
    u.region = Text(s, "home_region");
    u.active = Bool(s, "active");
    if (auto it = account_of.find(s.Id()); it != account_of.end()) {
      u.has_account = true;
      u.must_change_password = Bool(*it->second, "must_change_password");
      const std::string locked = Text(*it->second, "locked_until");
      const std::optional<int64_t> until = ParseTimestamp(locked);
      if (until && *until > now) u.locked_until = locked;
    }
    u.live_sessions = live_sessions[s.Id()];
    out.push_back(std::move(u));
  }
  return out;
}

Result<int64_t> Accounts::FindStaffByEmail(const std::string& email) {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, StaffIdByEmail(*tx, email));
  if (id == 0) return Status::NotFound("There is no staff member with the email " + email + ".");
  return id;
}

}  // namespace lookout::app
