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

#include "app/records/services.h"
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
  // The page of the record ("/tasks/12") when a page names it with a link: a record of a
  // kind with pages of its own (RecordPagePath) that the actor may read; "" otherwise.
  std::string Href(const std::string& entity, const std::string& key);
  // Every live record of a kind as options for a list's filter, sorted by name:
  // [{"value", "text"}]. Empty when the actor may not list the kind.
  nlohmann::json Options(const std::string& entity, const app::Params& filters = {});
  // The choices a form's picker offers for a reference to `entity`, sorted by name:
  // [{"value", "text"}], the live records the actor may tie a record to
  // (Services::ListAttachable: an officer's tasks, partners of their region and national
  // ones, active officers and managers as leads), narrowed by `filters`. Every key of
  // `keep` (what the record holds, what the person chose) stays offered though the scope
  // would leave it out, so nothing given is dropped. Two choices of the same name are told
  // apart by their reference ("Station Hotel (EM)") or id, so that a person searching
  // them by name can tell which is which.
  nlohmann::json Choices(const std::string& entity, const std::vector<std::string>& keep = {},
                         const app::Params& filters = {});

 private:
  void Load(const std::string& entity);

  app::Services& services_;
  app::Actor actor_;
  std::map<std::string, std::map<std::string, std::string>> names_;  // entity -> key -> name
  std::map<std::string, std::map<std::string, std::string>> hrefs_;  // entity -> key -> page
  std::map<std::string, std::map<int64_t, std::string>> by_id_;      // entity -> id -> name
  std::map<std::string, nlohmann::json> options_;
};

// Where the pages of records of `entity` are ("/tasks", "/partners"), for kinds a page
// names with a link to the record; "" for kinds without pages of their own (survey
// questions, responses) and for people and reference data (staff, regions, forces,
// sectors), which are named, not linked.
std::string RecordPagePath(const std::string& entity);

// The value of `field` of `record` for a page: {"text": as DisplayValue, "parts":
// [{"text", "href", "last"}]}, one part per value of a set; a part that names a record the
// viewer may read carries its page as "href" (else false). The _value partial writes
// the parts, each reference as a link.
nlohmann::json ValueView(const domain::FieldDef& field, const Record& record, Names& names);

// The value of `field` of `record` as text to show ("" when absent).
std::string DisplayValue(const domain::FieldDef& field, const Record& record, Names& names);

// Every field of `record` that has a value, as GOV.UK summary-list rows:
// [{"key": label, "value": text, "parts": ValueView's parts, "long"}]. Children rows and
// `skip` fields are left out.
nlohmann::json SummaryRows(const domain::EntityDef& entity, const Record& record, Names& names,
                           const std::vector<std::string>& skip = {});

// The child rows of every children field of `record` (a scoring scheme's factors, an
// activity's audience counts) as tables: [{"title", "headers": [...], "rows": [{"cells":
// [ValueView...]}]}], leaving out fields without rows.
nlohmann::json ChildTables(const domain::EntityDef& entity, const Record& record, Names& names);

// The text of the name field of a record of `entity` ("name", "title", or "code").
std::string RecordName(const domain::EntityDef& entity, const Record& record);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_DISPLAY_H_
