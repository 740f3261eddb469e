// Between Records and table rows, driven by the entity definitions: which columns a
// table has, how each field's Value is bound, and how a fetched row becomes a Record.
#ifndef LOOKOUT_STORE_SQL_RECORD_IO_H_
#define LOOKOUT_STORE_SQL_RECORD_IO_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"
#include "store/sql/statement.h"

namespace lookout::store::sql {

// One column of a table as the store reads it.
struct ColumnSpec {
  std::string name;
  Kind kind;
  bool boolean = false;                     // 0/1 integer read back as a bool
  const domain::FieldDef* field = nullptr;  // null for meta columns
};

// The meta columns of a top-level entity (domain::kMetaColumns) followed by one column per
// IsColumn() field. A child entity has only its field columns.
std::vector<ColumnSpec> TableColumns(const domain::EntityDef& entity);

// "t"."id", "t"."version", ... for `columns`, prefixed by `alias`.
std::string SelectList(const std::vector<ColumnSpec>& columns, std::string_view alias);

// A label as it reads inside a sentence: "Staff member" -> "staff member", while
// "NRM referral" keeps its capitals.
std::string InSentence(const std::string& label);

// The entity a kRef/kRefSet field points at (nullptr if the target is unknown).
const domain::EntityDef* RefTarget(const domain::FieldDef& field);
// Whether a kRef/kRefSet field refers by code (text) rather than by id.
bool RefersByCode(const domain::FieldDef& field);

// The kind of a column field, and of a set field's value column.
Kind ColumnKind(const domain::FieldDef& field);
Kind SetValueKind(const domain::FieldDef& field);

// `value` as the parameter for `field`'s column (or one element of a set field): booleans
// become 0/1, integers given for reals become doubles. kValidation naming `where` when the
// value has the wrong type.
Result<Value> ColumnParam(const domain::FieldDef& field, const Value& value,
                          const std::string& where);
Result<Value> SetElementParam(const domain::FieldDef& field, const Value& value,
                              const std::string& where);

// Column `index` of `row` as the Value the column's field holds (null when null).
Value ReadColumn(const ColumnSpec& column, const RowView& row, size_t index);

// The fields of a record read from `columns` starting at `first` of `row`; null columns
// are left out.
Record ReadRecord(const std::vector<ColumnSpec>& columns, const RowView& row, size_t first = 0);

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_RECORD_IO_H_
