#include "app/accounts/accounts_internal.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "app/records/policy.h"
#include "core/text.h"
#include "domain/schema.h"
#include "io/record_json.h"

namespace lookout::app::accounts_internal {

namespace {

}  // namespace

bool IsOperator(const Actor& actor) {
  return !actor.signed_in && actor.staff_id == 0 && policy::IsOperator(actor);
}

bool IsAdmin(const Actor& actor) {
  return IsOperator(actor) || (actor.signed_in && actor.role == "admin");
}

bool MayUnlock(const Actor& actor) {
  return IsAdmin(actor) || (actor.signed_in && actor.role == "manager");
}

std::string StaffActorId(int64_t staff_id) { return "staff:" + std::to_string(staff_id); }

Actor StaffActor(const Record& staff, const std::string& address, const std::string& request_id) {
  Actor a;
  a.staff_id = staff.Id();
  a.id = StaffActorId(a.staff_id);
  a.role = Text(staff, "role");
  a.region = Text(staff, "home_region");
  a.address = address;
  a.request_id = request_id;
  a.signed_in = true;
  return a;
}

std::string Text(const Record& record, const std::string& field) {
  const Value& v = record.Get(field);
  return v.is_text() ? v.as_text() : std::string();
}

int64_t Int(const Record& record, const std::string& field) {
  const Value& v = record.Get(field);
  return v.is_int() ? v.as_int() : 0;
}

bool Bool(const Record& record, const std::string& field) {
  const Value& v = record.Get(field);
  if (v.is_bool()) return v.as_bool();
  return v.is_int() && v.as_int() != 0;
}

bool StaffMayAct(const Record& staff) { return Bool(staff, "active") && !Bool(staff, "archived"); }

Result<std::optional<Record>> AccountOf(store::Transaction& tx, int64_t staff_id) {
  const domain::EntityDef& account = domain::AccountEntity();
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx.FindIdBy(account, "staff", Value(staff_id)));
  if (id == 0) return std::optional<Record>();
  LOOKOUT_ASSIGN_OR_RETURN(Record record, tx.Get(account, id));
  return std::optional<Record>(std::move(record));
}

Result<int64_t> StaffIdByEmail(store::Transaction& tx, const std::string& email) {
  const std::string wanted(TrimSpace(email));
  if (wanted.empty() || wanted.size() > 254) return int64_t{0};
  const domain::EntityDef& staff = domain::StaffEntity();
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx.FindIdBy(staff, "email", Value(wanted)));
  if (id != 0) return id;
  // Emails are written in any case ("Priya.Shah@Example.org") and typed in another: the
  // search is case-insensitive, and only an exact match ignoring case counts.
  store::ListQuery query;
  query.search = wanted;
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(staff, query));
  const std::string lower = AsciiLower(wanted);
  for (const Record& r : page.items) {
    if (AsciiLower(Text(r, "email")) == lower) return r.Id();
  }
  return int64_t{0};
}

Result<int64_t> EndSessions(store::Transaction& tx, int64_t staff_id, int64_t keep_session_id,
                            const std::string& reason, const store::WriteMeta& meta) {
  const domain::EntityDef& session = domain::SessionEntity();
  store::ListQuery query;
  query.where = {{"staff", store::Condition::Op::kEq, {Value(staff_id)}},
                 {"ended_at", store::Condition::Op::kEq, {Value()}}};
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(session, query));
  int64_t ended = 0;
  for (const Record& s : page.items) {
    if (s.Id() == keep_session_id) continue;
    Record changes;
    changes.Set("ended_at", meta.at);
    changes.Set("ended_reason", reason);
    LOOKOUT_RETURN_IF_ERROR(tx.Update(session, s.Id(), Int(s, "version"), changes, meta));
    ++ended;
  }
  return ended;
}

Result<int64_t> RevokeTokens(store::Transaction& tx, int64_t staff_id, const store::WriteMeta& meta) {
  const domain::EntityDef& token = domain::ApiTokenEntity();
  store::ListQuery query;
  query.where = {{"staff", store::Condition::Op::kEq, {Value(staff_id)}},
                 {"revoked_at", store::Condition::Op::kEq, {Value()}},
                 {"expires_on", store::Condition::Op::kOnOrAfter, {Value(meta.at.substr(0, 10))}}};
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(token, query));
  for (const Record& t : page.items) {
    Record changes;
    changes.Set("revoked_at", meta.at);
    LOOKOUT_RETURN_IF_ERROR(tx.Update(token, t.Id(), Int(t, "version"), changes, meta));
  }
  return static_cast<int64_t>(page.items.size());
}

Changes& Changes::Change(const std::string& field, const Value& before, const Value& after) {
  entries_.push_back({field, true, before, after});
  return *this;
}

Changes& Changes::Fact(const std::string& field, const Value& value) {
  entries_.push_back({field, false, value, Value()});
  return *this;
}

std::string Changes::Json() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const Entry& e : entries_) {
    j[e.field] = e.pair ? nlohmann::ordered_json::array({io::ValueToJson(e.before), io::ValueToJson(e.after)})
                        : io::ValueToJson(e.before);
  }
  return j.dump();
}

store::AuditEntry AuditOf(const std::string& actor_id, const std::string& address,
                          const std::string& request_id, const std::string& at,
                          std::string action, std::string entity, int64_t entity_id,
                          const Changes& changes) {
  store::AuditEntry e;
  e.at = at;
  e.actor = actor_id;
  e.address = address;
  e.request_id = request_id;
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = entity_id;
  e.changes = changes.Json();
  return e;
}

Status Touch(store::Store& store, const domain::EntityDef& def, const Record& record,
             const std::string& field, const store::WriteMeta& meta) {
  Record touch;
  touch.Set(field, meta.at);
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store.Begin(true));
  Status touched = tx->Update(def, record.Id(), Int(record, "version"), touch, meta);
  if (touched.ok()) return tx->Commit();
  return touched.code() == ErrorCode::kConflict ? Status::Ok() : touched;
}

}  // namespace lookout::app::accounts_internal
