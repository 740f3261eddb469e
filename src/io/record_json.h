// The JSON form of programme records, shared by the JSON API (http/api/) and the CLI's
// JSON import and export. One codec, driven by the entity definitions of domain/schema.h,
// so that a record reads and writes the same way everywhere.
//
// A record is one JSON object. Its keys are the meta columns (id, version, archived,
// archived_at, created_at, created_by, updated_at, updated_by) and the entity's fields:
//   text, long text, date, period, code   -> string
//   integer                               -> whole number
//   number                                -> number
//   boolean                               -> true / false
//   reference                             -> whole number (the record's id), or a string
//                                            (the code) for reference data (regions,
//                                            police forces, sectors)
//   codes / references                    -> array of the above
//   rows (child records)                  -> array of objects, each coded the same way
//   any field                             -> null for "no value"
#ifndef LOOKOUT_IO_RECORD_JSON_H_
#define LOOKOUT_IO_RECORD_JSON_H_

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::io {

// Converts a JSON object into a typed Record following `entity`'s field definitions.
// Checks JSON types only (a date must be a string; whether it is a real date is
// domain::ValidateRecord's job). Keys that are neither fields nor meta columns are
// refused here ("is not a field of Task", as domain::ValidateRecord words it), as are
// meta columns on child rows.
// Errors: kValidation with one FieldError per bad key, named as the caller wrote it
// ("themes[1]", "audience[0].count") and prefixed with `path_prefix` (the CLI passes
// "[12]." for the 13th element of a file; the API passes nothing). FieldErrors come in
// definition order, then unknown keys in the order of the object. A JSON value that is
// not an object is a kValidation error with the field `path_prefix` (or "body").
Result<Record> RecordFromJson(const domain::EntityDef& entity, const nlohmann::json& object,
                              std::string_view path_prefix = "");
Result<Record> RecordFromJson(const domain::EntityDef& entity, const nlohmann::ordered_json& object,
                              std::string_view path_prefix = "");

// The JSON object of a record: the meta columns first (every top-level record has all
// eight keys, null when the record lacks one), then every field of `entity` in definition
// order (null when absent). Child rows hold their entity's fields only. Keys of `record`
// that `entity` does not define are left out. The output depends only on the record, so
// dumping it gives byte-identical text for equal records.
nlohmann::ordered_json RecordToJson(const domain::EntityDef& entity, const Record& record);

// A value as JSON by what it holds, without a field definition: numbers, booleans,
// strings, arrays for sets, arrays of objects for child rows.
nlohmann::ordered_json ValueToJson(const Value& value);

}  // namespace lookout::io

#endif  // LOOKOUT_IO_RECORD_JSON_H_
