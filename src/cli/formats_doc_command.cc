// lookout formats-doc --examples FOLDER: prints docs/data-formats.md. The tables come from
// the entity definitions (domain/schema.h), the examples from FOLDER (one KIND.csv per
// kind, which the tests also import) and from the built-in reference data. A test
// compares the file in the repository with this output, so the document cannot drift
// from the code.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <sstream>

#include "app/records/reference_data.h"
#include "cli/command.h"
#include "domain/schema.h"
#include "io/files.h"
#include "io/record_file.h"
#include "report/table.h"

namespace lookout::cli {

namespace {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

std::string Code(const std::string& s) { return "`" + s + "`"; }

std::string Anchor(const EntityDef& e) { return "kind-" + domain::KindName(e); }

std::string TargetLabel(const FieldDef& f, bool plural) {
  const EntityDef* target = domain::FindEntity(f.target);
  if (target == nullptr) return f.target;
  std::string label = target->label;
  for (char& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "[" + label + (plural ? "s" : "") + "](#" + Anchor(*target) + ")";
}

std::string Codes(const FieldDef& f) {
  const domain::Vocabulary* vocab = domain::FindVocabulary(f.target);
  if (vocab == nullptr) return f.target;
  std::string out;
  for (const domain::Term& t : vocab->terms) out += (out.empty() ? "" : ", ") + Code(t.code);
  return out;
}

std::string Values(const FieldDef& f) {
  if (f.name == "archived_at") return "timestamp `YYYY-MM-DDTHH:MM:SSZ` (UTC)";
  switch (f.type) {
    case FieldType::kText:
      return "one line of text, at most " + std::to_string(f.MaxLength()) + " characters";
    case FieldType::kLongText:
      return "text, line breaks allowed, at most " + std::to_string(f.MaxLength()) +
             " characters";
    case FieldType::kInt:
      return "whole number";
    case FieldType::kReal:
      return "number, e.g. `1.5`";
    case FieldType::kBool:
      return "`true` or `false`";
    case FieldType::kDate:
      return "date `YYYY-MM-DD`";
    case FieldType::kPeriod:
      return "financial year `2025-26` or quarter `2025-26 Q3`";
    case FieldType::kEnum:
      return "one of " + Codes(f);
    case FieldType::kEnumSet:
      return "any of " + Codes(f) + ", separated by `;`";
    case FieldType::kRef: {
      const EntityDef* t = domain::FindEntity(f.target);
      return (t != nullptr && t->IsReference() ? "code of a " : "id of a ") + TargetLabel(f, false);
    }
    case FieldType::kRefSet: {
      const EntityDef* t = domain::FindEntity(f.target);
      return (t != nullptr && t->IsReference() ? "codes of " : "ids of ") + TargetLabel(f, true) +
             ", separated by `;`";
    }
    case FieldType::kChildren:
      return "rows in the compact form (see the table below)";
  }
  return "";
}

std::string Required(const FieldDef& f) {
  if (f.system) return "set by Lookout";
  return f.required ? "yes" : "no";
}

std::string Notes(const FieldDef& f) {
  std::string out = f.label;
  if (!f.help.empty()) out += ": " + f.help;
  if (f.unique && out.find("unique") == std::string::npos) out += " (unique)";
  return out;
}

report::Table FieldTable(const std::vector<FieldDef>& fields) {
  report::Table table;
  table.columns = {"Column", "Required", "Values", "Meaning"};
  for (const FieldDef& f : fields) {
    table.AddRow({Code(f.name), Required(f), Values(f), Notes(f)});
  }
  return table;
}

// The example of a kind: the file in `examples`, or for reference data the first
// records Lookout ships.
Result<std::vector<Record>> ExampleRecords(const EntityDef& entity, const std::string& examples,
                                           std::string* csv) {
  if (entity.IsReference()) {
    std::vector<Record> records;
    if (&entity == &domain::RegionEntity()) {
      LOOKOUT_ASSIGN_OR_RETURN(records, app::ReferenceRegions());
    } else if (&entity == &domain::PoliceForceEntity()) {
      LOOKOUT_ASSIGN_OR_RETURN(records, app::ReferencePoliceForces());
    } else {
      records = app::ReferenceSectors();
    }
    if (records.size() > 3) records.resize(3);
    *csv = io::EncodeCsv(entity, records);
    return records;
  }
  const std::string path =
      (std::filesystem::path(examples) / (domain::KindName(entity) + ".csv")).string();
  LOOKOUT_ASSIGN_OR_RETURN(*csv, io::ReadWholeFile(path));
  io::DecodedFile decoded = io::DecodeCsv(entity, *csv);
  if (!decoded.errors.empty()) {
    std::vector<FieldError> fields;
    for (const auto& e : decoded.errors) {
      fields.push_back({"line " + std::to_string(e.line) + ", " + e.column, e.message});
    }
    return Status(ErrorCode::kValidation, "The example " + path + " does not decode.",
                  std::move(fields));
  }
  std::vector<Record> records;
  for (auto& row : decoded.rows) records.push_back(std::move(row.record));
  return records;
}

constexpr const char* kIntroduction = R"(# Data formats

<!-- Generated by `lookout formats-doc --examples tests/cli/fixtures/programme` from the
data model (src/domain/schema.cc) and the example files. Do not edit by hand: change the
model, the examples or src/cli/formats_doc_command.cc and regenerate. A test fails when
this file and the generated text differ. -->

Every kind of record Lookout holds can be exported to a file and imported from one, as
CSV or as JSON:

```
lookout export task --format csv --output task.csv
lookout import task task.csv --dry-run
lookout import task task.csv
lookout export all --output backup/          # one file per kind
lookout import all backup/                   # into another database
```

Both formats carry the same columns and the same values. This page describes the rules
common to all kinds, then each kind's columns with an example.

## Stability

These formats are a promise. Later versions of Lookout **extend** them (a new kind, a new
optional column, a new code in a list of allowed values) and **never break** them: no
column is renamed or removed, no value changes its meaning or its written form. A file
exported by a version of Lookout imports into the same or any later version.

## CSV

- UTF-8 text. A byte order mark at the start is accepted on import; exports have none.
- RFC 4180: values separated by `,`, one record per line. Exports end lines with `\n`;
  imports also accept `\r\n` and `\r`. Blank lines are skipped.
- The first line is the header: the column names of the kind's table below. On import
  the columns may come in any order and optional ones may be left out; an unknown or
  repeated column name is an error. Exports write every column, in the order of the
  table, starting with `id` and ending with `archived` and `archived_at`.
- A value is quoted with `"` when it holds a `,`, a `"`, a line break, or starts or ends
  with a space or tab; a `"` inside a quoted value is written twice: `"He said ""no"""`.
  Spaces around an unquoted value are ignored on import: quote a value to keep them.
- An empty value means "no value": the field is left empty (a list is empty), and where
  the field has a default (`active` is `true`, other booleans `false`) the default applies.
- Every record has exactly as many values as the header has columns.

## JSON

- UTF-8 text holding one array of objects, one object per record:
  `[{"id": 1, ...}, {"id": 2, ...}]`. Exports write one record per line.
- Keys are the column names; key order does not matter on import. Exports write `id`,
  `archived`, `archived_at`, then the fields in the order of the kind's table.
- Values by type: text, dates, periods and codes are strings; whole numbers and numbers
  are numbers; booleans are `true` / `false`; a reference is the record's id (a number),
  or its code (a string) for reference data (regions, police forces, sectors); a list of
  codes or references is an array; child rows are an array of objects with the child's
  fields; `null` (or a missing key) means no value.
- `version`, `created_at`, `created_by`, `updated_at` and `updated_by`, which the API
  returns, are ignored on import: an import sets them.

## Values

| Type | In CSV | In JSON | Example |
| --- | --- | --- | --- |
| text | as written; one line | string | `Hotel awareness briefing` |
| long text | as written; line breaks allowed inside a quoted value | string | `"First line\nSecond line"` |
| whole number | digits with an optional sign | number | `12` |
| number | decimal, `.` as the decimal mark | number | `2.75` |
| boolean | `true` or `false`; imports also read `yes`/`no`, `y`/`n`, `1`/`0` | `true` / `false` | `true` |
| date | `YYYY-MM-DD` | string | `2025-06-30` |
| timestamp (`archived_at`, `at`) | `YYYY-MM-DDTHH:MM:SSZ`, UTC | string | `2025-07-01T09:30:00Z` |
| period | a financial year `YYYY-YY` or a quarter `YYYY-YY Qn` | string | `2025-26 Q2` |
| code | one code from the field's list | string | `cce` |
| codes | codes separated by `;` | array of strings | `cse;cce` |
| reference | the record's id; for regions, police forces and sectors, the code | number, or string for codes | `12`, `NE` |
| references | ids (or codes) separated by `;` | array | `3;7` |
| rows | the compact form below | array of objects | `group=young_people,count=30` |

Sets (codes and references) are written in a canonical order (ids ascending, codes
alphabetically) and may be given in any order; a code or id listed twice is an error.

### Child rows: the compact form

Some records hold rows of a child kind: an activity's audience counts, a survey
response's answers, a scoring scheme's factors, an insight's factor scores. In CSV they
fill one value, written as rows separated by `|`, each row a list of `name=value` pairs
separated by `,`:

```
group=professionals,sector=police,count=12,estimated=false | group=young_people,count=30,estimated=true
```

- A pair with no value is left out.
- Inside a value, `\` escapes the next character: write `\,` `\|` `\=` and `\\` for a
  literal comma, bar, equals sign and backslash, and `\ ` for a space that must be kept
  at either end of a value. Spaces around names, values and separators are otherwise
  ignored.
- The whole value is then quoted as CSV requires (it holds commas):
  `"group=public,count=200,estimated=true"`.

In JSON the same rows are an array of objects:
`[{"group": "public", "count": 200, "estimated": true}]`.

## Importing

- **All or nothing.** An import checks every row of the file (types, required fields,
  allowed values, the kind's rules, references to other records, unique values, ids
  already used) and writes the file in one transaction only when every row is good. A
  file with any problem writes nothing.
- **Every problem is reported**, each with where it is: `line N, column C: reason` for CSV
  (N is the physical line of the file on which the record starts; the header is line 1)
  and `item N, FIELD: reason` for JSON (N counts the array's objects from 1). The report
  ends with `nothing was written`. The exit code is 1.
- **`--dry-run`** checks everything as a real import would and writes nothing.
- **Ids.** A row with an `id` keeps it: that is how an export restores into another
  database with every reference intact. The id must not be in use. A row without an id
  is a new record and gets the next free id. Rows may refer to rows earlier in the same
  file by id.
- **References** are checked against the database and the earlier rows of the file.
  Regions, police forces and sectors are referred to by code, everything else by id.
- **`lookout import all FOLDER`** imports a folder of files named `KIND.csv` or
  `KIND.json` (as `lookout export all` writes them) in the order below, in which every
  kind's references come before it. Every file is checked before any is written, and a
  reference may point to a record that an earlier file of the folder provides. To restore
  a whole export, import it into a database created with `lookout migrate`: `lookout
  init` loads reference data and a programme of its own, whose codes and ids the export
  would then collide with.
- **Fields set by Lookout** (a task's reference, status and delivery date, an insight's
  risk score) are restored as the file gives them. A task without a reference gets the
  next `T-YEAR-NNNN`; a task without a status is `proposed`; an insight's risk score is
  computed from its factor scores.
- **Approvals** of quotes and case studies (`approved`, `approved_by`, `approved_at`) are
  restored by the command line only when the row says who gave the approval and when: an
  approved row needs `approved_by`, the id of a staff member with the manager role, and
  `approved_at`, a timestamp not in the future; an unapproved row has neither. A row
  approved without them is refused, so that nothing is approved in Lookout without a named
  manager: import it unapproved and have a manager who did not record it approve it. Files
  imported by people (a survey tool's export, say) never carry approvals.
- **Warnings.** Free text that looks as if it holds details that identify a person (dates
  of birth, phone numbers, email addresses, postcodes, NHS or national insurance numbers)
  is imported with a warning naming the row: Lookout never needs such details.

## Exporting

`lookout export KIND` writes every record of the kind, archived ones included, in id
order, to standard output or `--output FILE` (the format follows the file's extension
unless `--format` says otherwise). The output depends only on the records: exporting,
importing the file into an empty database and exporting again gives a byte-identical
file. `created_*`, `updated_*` and `version` are not exported; the audit trail keeps who
changed what and when.

Progress is shown on standard error when it is a terminal, never when it is piped.

## Kinds

In import order:

)";

class FormatsDocCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText("Prints docs/data-formats.md, generated from the data model and the "
                    "example files in --examples."));
    app.add_option("--examples", examples_, "The folder of example files (KIND.csv)")
        ->required();
  }

  Status Execute(Context& context) override {
    std::ostringstream out;
    out << kIntroduction;
    for (const EntityDef* e : domain::AllEntities()) {
      out << "1. [" << domain::KindName(*e) << "](#" << Anchor(*e) << "): " << e->label << "\n";
    }
    for (const EntityDef* e : domain::AllEntities()) {
      LOOKOUT_RETURN_IF_ERROR(RenderKind(*e, out));
    }
    RenderVocabularies(out);
    context.out() << out.str();
    return Status::Ok();
  }

 private:
  Status RenderKind(const EntityDef& e, std::ostringstream& out) {
    const std::string kind = domain::KindName(e);
    out << "\n<a id=\"" << Anchor(e) << "\"></a>\n\n### " << kind << ": " << e.label << "\n\n"
        << e.help << "\n\n"
        << "Files `" << kind << ".csv`, `" << kind << ".json`. ";
    if (e.IsReference()) {
      out << "Reference data: other records refer to it by `" << e.code_field << "`. "
          << "`lookout init` loads Lookout's own list.";
    } else {
      out << "Other records refer to it by `id`.";
    }
    out << "\n\n" << report::RenderMarkdown(FieldTable(io::ExportColumns(e)));
    for (const FieldDef& f : e.fields) {
      if (f.type != FieldType::kChildren) continue;
      const EntityDef& child = domain::ChildEntity(f);
      out << "\nEach row of `" << f.name << "` (" << child.label << "): " << child.help << "\n\n"
          << report::RenderMarkdown(FieldTable(child.fields));
    }
    std::string csv;
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> records, ExampleRecords(e, examples_, &csv));
    out << "\nExample `" << kind << ".csv`";
    if (e.IsReference()) out << " (the first rows of Lookout's own list, as new records)";
    out << ":\n\n```csv\n" << csv << "```\n";
    if (!records.empty()) {
      out << "\nThe first record as JSON, as an export writes it:\n\n```json\n"
          << io::EncodeJson(e, {records.front()}) << "```\n";
    }
    return Status::Ok();
  }

  static void RenderVocabularies(std::ostringstream& out) {
    out << "\n## Allowed codes\n\nThe codes a `code` or `codes` column accepts, with what "
           "they mean.\n";
    for (const domain::Vocabulary& v : domain::AllVocabularies()) {
      report::Table table;
      table.columns = {"Code", "Meaning"};
      for (const domain::Term& t : v.terms) table.AddRow({Code(t.code), t.label});
      out << "\n### " << v.name << "\n\n" << report::RenderMarkdown(table);
    }
  }

  std::string examples_;
};

}  // namespace

std::unique_ptr<Command> MakeFormatsDocCommand() { return std::make_unique<FormatsDocCommand>(); }

}  // namespace lookout::cli
