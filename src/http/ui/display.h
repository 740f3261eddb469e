// Record values as people read them on a page: vocabulary labels instead of codes, names
// instead of ids, dates written out, sets joined. Driven by the entity definitions, so
// every kind displays the same way.
#ifndef LOOKOUT_HTTP_UI_DISPLAY_H_
#define LOOKOUT_HTTP_UI_DISPLAY_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/services.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::http::ui {

// A value as plain text for a page: "" for null (never "null").
std::string PlainText(const Value& value);

// At most `max_bytes` of `text`, cut at a character boundary, with "…" when cut.
std::string Shortened(const std::string& text, size_t max_bytes);

// The label of `code` in vocabulary `vocabulary`, or the code itself.
std::string TermLabel(const std::string& vocabulary, const std::string& code);

// The options of a vocabulary for a form control: [{"value", "text"}].
nlohmann::json VocabularyOptions(const std::string& vocabulary);

// Names of the records that fields refer to, looked up as the page's actor (so a role
// that may not read a kind sees the id, never more) and kept for the request.
class Names {
 public:
  // Keeps a copy of `actor` (a temporary such as Actor::System() is fine).
  Names(app::Services& services, app::Actor actor) : services_(services), actor_(std::move(actor)) {}

  // "Helen Marsh" for ("staff", "3"), "East Midlands" for ("region", "EM"); the key itself
  // when the record cannot be read.
  std::string Of(const std::string& entity, const std::string& key);
  // The same by record id, for reference entities too (whose key is their code): "" when
  // the record cannot be read.
  std::string OfId(const std::string& entity, int64_t id);
  // Every live record of a kind as options for a form control, sorted by name:
  // [{"value", "text"}]. Empty when the actor may not list the kind.
  nlohmann::json Options(const std::string& entity, const app::Params& filters = {});

 private:
  void Load(const std::string& entity);

  app::Services& services_;
  app::Actor actor_;
  std::map<std::string, std::map<std::string, std::string>> names_;  // entity -> key -> name
  std::map<std::string, std::map<int64_t, std::string>> by_id_;      // entity -> id -> name
  std::map<std::string, nlohmann::json> options_;
};

// The value of `field` of `record` as text to show ("" when absent).
std::string DisplayValue(const domain::FieldDef& field, const Record& record, Names& names);

// Every field of `record` that has a value, as GOV.UK summary-list rows:
// [{"key": label, "value": text}]. Children rows and `skip` fields are left out.
nlohmann::json SummaryRows(const domain::EntityDef& entity, const Record& record, Names& names,
                           const std::vector<std::string>& skip = {});

// The child rows of every children field of `record` (a scoring scheme's factors, an
// activity's audience counts) as tables: [{"title", "headers": [...], "rows": [[...]]}],
// leaving out fields without rows.
nlohmann::json ChildTables(const domain::EntityDef& entity, const Record& record, Names& names);

// The text of the name field of a record of `entity` ("name", "title", or "code").
std::string RecordName(const domain::EntityDef& entity, const Record& record);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_DISPLAY_H_
