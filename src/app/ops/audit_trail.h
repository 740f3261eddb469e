// The audit trail's tools: verifying its hash chain, browsing it and exporting it.
//
// Every use case appends an entry to the trail in the transaction of its change; each
// entry carries the SHA-256 of its own fields and of the entry before it
// (store::AuditHash). Changing, inserting or deleting a row directly in the database
// breaks that chain at the first entry concerned, which VerifyAuditTrail reports.
// Browsing and exporting are for administrators (and the command line, which acts as the
// database's operator); an export is itself a disclosure and is recorded in the trail.
#ifndef LOOKOUT_APP_OPS_AUDIT_TRAIL_H_
#define LOOKOUT_APP_OPS_AUDIT_TRAIL_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "app/records/services.h"
#include "core/status.h"
#include "io/record_file.h"
#include "store/store.h"

namespace lookout::app {

// The first link of the chain found broken.
struct AuditBreak {
  enum class Kind {
    kContents,  // the entry's hash does not match its fields: it was changed
    kLink,      // its prev_hash is not the hash of the entry before it
    kMissing,   // entries before it are missing (ids skipped and the link broken)
  };
  int64_t entry_id = 0;
  Kind kind = Kind::kContents;
  std::string detail;  // what is wrong, in a sentence without the entry's id
};

struct AuditVerification {
  int64_t checked = 0;               // entries checked, the broken one included
  std::optional<AuditBreak> broken;  // nullopt: every link holds
  int64_t last_id = 0;               // the last entry checked (0 when the trail is empty)
  std::string last_hash;             // its hash: kept elsewhere, it reveals a later truncation
  bool intact() const { return !broken.has_value(); }
};

// Walks the whole trail in id order, `batch_size` entries at a time (never the whole
// table at once), and recomputes each entry's hash from its fields and the previous
// entry's hash. Stops at the first broken link. Ids skipped with the chain intact are not
// a break: PostgreSQL gives an id to a transaction that then rolled back. Deleting the
// newest entries leaves a shorter chain that still holds: compare last_id and last_hash
// with a value recorded earlier to detect that. Errors only when the store fails.
Result<AuditVerification> VerifyAuditTrail(store::Store& store, int64_t batch_size = 500);

// "audit trail intact: N entries" or "audit trail broken at entry N: ...".
std::string DescribeVerification(const AuditVerification& verification);

// Whether `actor` may browse and export the trail: an administrator, or the command line
// and the system (the database's operator). kUnauthenticated for someone not signed in,
// kForbidden for other roles.
Status AuthorizeAuditAccess(const Actor& actor);

// The trail, newest first, filtered by `params`:
//   actor, action, entity (the name or the CLI kind, "task-transition"), entity_id (needs
//   entity), from / to (YYYY-MM-DD, the whole day, or a YYYY-MM-DDTHH:MM:SSZ timestamp,
//   both inclusive), limit (1..500, default 50), offset.
// kValidation with one FieldError per bad or unknown parameter; see AuthorizeAuditAccess.
// Browsing is itself recorded (a "consult" entry of entity "audit" with the filters, how
// many entries were shown and the first and last id), except by the command line.
Result<store::AuditPage> ListAudit(Services& services, const Actor& actor, const Params& params);

// The parameters ListAudit accepts, as documentation describes them.
std::vector<ParamDoc> ListAuditParameters();

// One entry as JSON: id, at, actor, address, request_id, action, entity, entity_id,
// changes (the recorded object; a string if what is stored is not JSON), reason,
// prev_hash, hash. Empty text is null.
nlohmann::ordered_json AuditEntryToJson(const store::StoredAuditEntry& entry);

// The staff member whose account `account_id` is (the trail names accounts by their id),
// for an administrator reading the trail; 0 when there is no such account. See
// AuthorizeAuditAccess.
Result<int64_t> AccountOwner(Services& services, const Actor& actor, int64_t account_id);

struct AuditExport {
  std::string bytes;  // the file
  int64_t count = 0;  // entries in it
};

// Every entry matching `params` (as ListAudit, without limit and offset), oldest first,
// as CSV (one column per field, hashes included) or a JSON array. Appends an "export"
// entry (entity "audit") naming the format, the count and the filters, in the same
// transaction as the read: no export leaves without its record.
Result<AuditExport> ExportAudit(Services& services, const Actor& actor, const Params& params,
                                io::FileFormat format);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_OPS_AUDIT_TRAIL_H_
