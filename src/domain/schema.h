// The data model of a prevention programme, as metadata. Every entity Lookout holds is
// described once here: its fields, their types, vocabularies, references, which fields
// filter and search. The store, the JSON API, the importers and exporters and the docs
// are driven by these definitions, so a field added here is stored, served, imported and
// exported the same way everywhere. Rules that are more than a field's type (grades, the
// task lifecycle, dates in order) live in domain/rules.h.
#ifndef LOOKOUT_DOMAIN_SCHEMA_H_
#define LOOKOUT_DOMAIN_SCHEMA_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lookout::domain {

enum class FieldType {
  kText,       // one line of text, at most max_length characters
  kLongText,   // multi-line free text (summaries, descriptions, quotes, Markdown)
  kInt,        // 64-bit integer
  kReal,       // floating point (weights, computed scores)
  kBool,       // true / false
  kDate,       // calendar date, "YYYY-MM-DD"
  kPeriod,     // a reporting period: financial year "2025-26" or quarter "2025-26 Q3"
  kEnum,       // one code from a fixed vocabulary (`target` names it)
  kEnumSet,    // several codes from a vocabulary, kept in a link table
  kRef,        // another entity's id, or its code for reference data (`target` names it)
  kRefSet,     // several references, kept in a link table
  kChildren,   // rows of a child entity (`target` names it), kept in its own table
};
std::string_view FieldTypeName(FieldType type);

struct Term {
  std::string code;   // stored, sent and imported ("cce")
  std::string label;  // shown to people ("Child criminal exploitation")
};

// A fixed list of codes. Vocabularies that users extend (sectors) are reference
// entities instead, so that an administrator can add to them without a release.
struct Vocabulary {
  std::string name;
  std::vector<Term> terms;
  bool Contains(std::string_view code) const;
  const Term* Find(std::string_view code) const;
};
const Vocabulary* FindVocabulary(std::string_view name);
const std::vector<Vocabulary>& AllVocabularies();

struct EntityDef;

struct FieldDef {
  std::string name;      // API key, CSV column and database column
  FieldType type = FieldType::kText;
  std::string label;     // for people: docs, pages, error messages
  bool required = false;
  std::string target;    // vocabulary (enums), entity (refs, children)
  int max_length = 0;    // text: 0 means the type's default (200 text, 20000 long text)
  bool filter = false;   // offered as a list filter (?name=value)
  bool search = false;   // included in the list's text search (?q=)
  bool system = false;   // set by Lookout, not by API create/update (import restores it)
  bool free_text = false;  // screened for details that could identify a person
  bool unique = false;   // no two records (live or archived) share it
  bool secret = false;   // a password hash or token hash: never in the audit, never served
  std::string help;      // one line for docs/data-formats.md

  bool IsSet() const { return type == FieldType::kEnumSet || type == FieldType::kRefSet; }
  bool IsColumn() const { return !IsSet() && type != FieldType::kChildren; }
  int MaxLength() const;
  // Link table of a set field ("insight_theme"), child table of a children field.
  std::string LinkTable(const EntityDef& owner) const;
};

struct EntityDef {
  std::string name;        // "insight": the CLI kind, the audit entity name
  std::string plural;      // "insights": the API path segment
  std::string table;       // "insight"
  std::string label;       // "Insight"
  std::string help;        // one paragraph for docs
  std::vector<FieldDef> fields;
  std::string code_field;  // reference data: other records refer to this text field
  std::string date_field;  // the date that places a record in a period (?from=&to=&period=)
  std::string region_field;  // the region filter (a kRef or kRefSet to region)
  std::string sort_field = "id";  // default order of lists
  bool sort_descending = false;
  bool child = false;      // a child row kept under its parent (no API of its own)
  std::string parent;      // child: parent entity name
  bool api_writable = true;  // false: written only by a use case (task transitions)
  bool internal = false;     // accounts, sessions, tokens: stored like the rest, but never
                             // listed by AllEntities(), served by the API or exported

  const FieldDef* Find(std::string_view field) const;
  // Refers to other records by code rather than id.
  bool IsReference() const { return !code_field.empty(); }
};

// Every top-level entity, in an order in which each one's references come before it:
// importing in this order never meets a reference to a record not yet loaded.
const std::vector<const EntityDef*>& AllEntities();
// By name ("insight"), CLI kind ("task-transition") or API plural ("insights").
// Internal entities are not found here.
const EntityDef* FindEntity(std::string_view name);
// The internal entities (accounts, sessions, API tokens, sign-in attempts), which the
// store keeps like any other but nothing serves or exports.
const std::vector<const EntityDef*>& InternalEntities();
const EntityDef* FindInternalEntity(std::string_view name);
// The child entity definition a kChildren field points at.
const EntityDef& ChildEntity(const FieldDef& field);
// The kind as the CLI and file names spell it: "task_transition" -> "task-transition".
std::string KindName(const EntityDef& entity);

// The columns every top-level entity has besides its own fields.
// id, version, archived, archived_at, created_at, created_by, updated_at, updated_by.
inline constexpr const char* kMetaColumns[] = {"id",         "version",    "archived",
                                               "archived_at", "created_at", "created_by",
                                               "updated_at", "updated_by"};
// Whether `name` is one of kMetaColumns.
bool IsMetaColumn(std::string_view name);

// Well-known entity definitions, for code that needs a particular one.
const EntityDef& ProgrammeEntity();
const EntityDef& RegionEntity();
const EntityDef& PoliceForceEntity();
const EntityDef& SectorEntity();
const EntityDef& StaffEntity();
const EntityDef& PartnerEntity();
const EntityDef& InsightEntity();
const EntityDef& TaskEntity();
const EntityDef& TaskTransitionEntity();
const EntityDef& ActivityEntity();
const EntityDef& SurveyResponseEntity();
const EntityDef& PublishedReportEntity();
const EntityDef& AccountEntity();        // internal: a staff member's sign-in credentials
const EntityDef& SessionEntity();        // internal: a signed-in browser session
const EntityDef& ApiTokenEntity();       // internal: a token for scripts
const EntityDef& SignInAttemptEntity();  // internal: for brute-force defence

}  // namespace lookout::domain

#endif  // LOOKOUT_DOMAIN_SCHEMA_H_
