// What the parts of app::Accounts share: who may manage accounts, the records of a staff
// member's account and sessions, audit entries without secrets, and retrying a write
// that met a concurrent one. Internal to app/.
#ifndef LOOKOUT_APP_ACCOUNTS_ACCOUNTS_INTERNAL_H_
#define LOOKOUT_APP_ACCOUNTS_ACCOUNTS_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "core/value.h"
#include "store/store.h"

namespace lookout::app::accounts_internal {

// The command line and start-up: trusted, since they hold the database itself.
bool IsOperator(const Actor& actor);
// An administrator (or an operator).
bool IsAdmin(const Actor& actor);
// A manager or an administrator (or an operator): may lift a lock.
bool MayUnlock(const Actor& actor);

// "staff:12" for a staff member, as meta columns and the audit trail record them.
std::string StaffActorId(int64_t staff_id);
// A signed-in actor for `staff`, from `address` with `request_id`.
Actor StaffActor(const Record& staff, const std::string& address, const std::string& request_id);

// A text field, "" when null.
std::string Text(const Record& record, const std::string& field);
// An integer field, 0 when null.
int64_t Int(const Record& record, const std::string& field);
// A boolean field, false when null.
bool Bool(const Record& record, const std::string& field);
// Whether a staff record may act: active and not archived.
bool StaffMayAct(const Record& staff);

// The live account of `staff_id`, or nullopt.
Result<std::optional<Record>> AccountOf(store::Transaction& tx, int64_t staff_id);
// The live staff member with this email, compared without regard to case; 0 when none.
Result<int64_t> StaffIdByEmail(store::Transaction& tx, const std::string& email);

// Ends every live session of `staff_id` except `keep_session_id` with `reason`.
// Returns how many it ended.
Result<int64_t> EndSessions(store::Transaction& tx, int64_t staff_id, int64_t keep_session_id,
                            const std::string& reason, const store::WriteMeta& meta);

// Revokes every API token of `staff_id` that still works (not revoked, not past its last
// day), as at `meta.at`. Returns how many it revoked.
Result<int64_t> RevokeTokens(store::Transaction& tx, int64_t staff_id, const store::WriteMeta& meta);

// Sets `field` (last_seen_at, last_used_at) of a session or token to `meta.at`, in a
// transaction of its own. Another request of the same session or token touching it first
// (a version conflict) is as good, and not an error.
Status Touch(store::Store& store, const domain::EntityDef& def, const Record& record,
             const std::string& field, const store::WriteMeta& meta);

// An audit entry's "changes": {"field": [old, new], ...} for each pair, or
// {"field": value} for a single fact. Never give it a secret.
class Changes {
 public:
  Changes& Change(const std::string& field, const Value& before, const Value& after);
  Changes& Fact(const std::string& field, const Value& value);
  std::string Json() const;

 private:
  struct Entry {
    std::string field;
    bool pair;
    Value before;
    Value after;
  };
  std::vector<Entry> entries_;
};

store::AuditEntry AuditOf(const std::string& actor_id, const std::string& address,
                          const std::string& request_id, const std::string& at,
                          std::string action, std::string entity, int64_t entity_id,
                          const Changes& changes);

// Runs `write` again, up to three times in all, while it fails with kConflict: two
// requests touching the same account or session at once is not the user's mistake.
template <typename Fn>
auto RetryOnConflict(Fn write) -> decltype(write()) {
  for (int attempt = 1;; ++attempt) {
    auto result = write();
    if (result.ok() || attempt == 3) return result;
    if constexpr (std::is_same_v<decltype(result), Status>) {
      if (result.code() != ErrorCode::kConflict) return result;
    } else {
      if (result.status().code() != ErrorCode::kConflict) return result;
    }
  }
}

}  // namespace lookout::app::accounts_internal

#endif  // LOOKOUT_APP_ACCOUNTS_ACCOUNTS_INTERNAL_H_
