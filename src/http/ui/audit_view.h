// The audit trail as an administrator reads it: each entry as a sentence with names
// ("Helen Marsh changed the due date of T-2026-0031 from 14 April 2026 to 30 April 2026"),
// and the filters by person and by record named as people name them (a task's reference,
// a partner's name), not by internal ids.
//
// Names are looked up as the system: the trail already discloses what it names to the
// administrators who alone may read it. Insight is never looked up (every read of it is a
// recorded consultation): it is "insight 12", as its own page calls it. Free text is kept
// in the trail as its length only, so a sentence says "changed the summary".
#ifndef LOOKOUT_HTTP_UI_AUDIT_VIEW_H_
#define LOOKOUT_HTTP_UI_AUDIT_VIEW_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/records/services.h"
#include "http/ui/display.h"
#include "store/store.h"

namespace lookout::http::ui {

class AuditDescriber {
 public:
  explicit AuditDescriber(app::Services& services);

  // "Helen Marsh" for "staff:12", "The command line (root)" for "cli:root", "Lookout" for
  // "system", "Someone not signed in" for an anonymous caller.
  std::string ActorName(const std::string& actor);

  // The record an entry is about, as a sentence names it: "T-2026-0031", "the partner
  // Derby Station", "insight 12"; "" for an entry about no one record (a list, a sign-in).
  std::string RecordPhrase(const std::string& entity, int64_t id);
  // Its name alone, as the record filter finds it again: "T-2026-0031", "Derby Station",
  // "insight 12"; "" when it has none.
  std::string RecordName(const std::string& entity, int64_t id);

  // The page of a record, "" when it has none a person could open.
  static std::string RecordHref(const std::string& entity, int64_t id);

  // The entry as one sentence, without its reason (shown beside it).
  std::string Sentence(const store::AuditEntry& entry);

 private:
  // A field's recorded value as text: dates written out, codes by their labels, references
  // by names.
  std::string ValueText(const domain::FieldDef& field, const nlohmann::json& value);
  // "the due date from 14 April 2026 to 30 April 2026", "the summary".
  std::vector<std::string> ChangeParts(const domain::EntityDef& entity,
                                       const nlohmann::json& changes, bool with_field_names);
  // The name of the staff member whose account it is, "" when unknown.
  std::string StaffOfAccount(int64_t account_id);

  Names names_;
  app::Services& services_;
  std::map<int64_t, int64_t> account_owners_;  // account id -> staff id (0: none)
};

// What the audit page's "Record" filter names.
struct AuditRecordChoice {
  std::string entity;  // "" when nothing (or nothing unambiguous) was found
  int64_t id = 0;
  std::string error;                  // why it names no record, for the filter's message
  nlohmann::json candidates = nlohmann::json::array();  // [{"text", "href"}] when several match
};

// Finds the record `text` names: a task's reference ("T-2026-0031"), "insight 12", or the
// name, title or code of a record (exactly, ignoring case, else as a part of it), among
// records of `entity` when one is chosen and of every named kind otherwise. `href_params`
// are the page's other filters, which the candidates' links keep.
AuditRecordChoice FindAuditRecord(app::Services& services, const std::string& text,
                                  const std::string& entity, const app::Params& href_params);

// The options of the audit page's filters, the chosen one selected (and kept when it is
// not among them): who ("staff:12" by name), what was done, and kinds of record.
nlohmann::json AuditActorOptions(AuditDescriber& describer, app::Services& services,
                                 const std::string& chosen);
nlohmann::json AuditActionOptions(const std::string& chosen);
nlohmann::json AuditEntityOptions(const std::string& chosen);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_AUDIT_VIEW_H_
