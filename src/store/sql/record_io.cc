#include "store/sql/record_io.h"

#include <cctype>
#include <cmath>

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

std::string InSentence(const std::string& label) {
  if (label.size() > 1 && std::isupper(static_cast<unsigned char>(label[0])) &&
      std::islower(static_cast<unsigned char>(label[1]))) {
    std::string out = label;
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
    return out;
  }
  return label;
}

const EntityDef* RefTarget(const FieldDef& field) { return domain::FindEntity(field.target); }

bool RefersByCode(const FieldDef& field) {
  const EntityDef* target = RefTarget(field);
  return target != nullptr && target->IsReference();
}

Kind ColumnKind(const FieldDef& field) {
  switch (field.type) {
    case FieldType::kInt:
    case FieldType::kBool:
      return Kind::kInt;
    case FieldType::kReal:
      return Kind::kReal;
    case FieldType::kRef:
      return RefersByCode(field) ? Kind::kText : Kind::kInt;
    default:
      return Kind::kText;
  }
}

Kind SetValueKind(const FieldDef& field) {
  if (field.type == FieldType::kRefSet && !RefersByCode(field)) return Kind::kInt;
  return Kind::kText;
}

std::vector<ColumnSpec> TableColumns(const EntityDef& entity) {
  std::vector<ColumnSpec> out;
  if (!entity.child) {
    out.push_back({"id", Kind::kInt});
    out.push_back({"version", Kind::kInt});
    out.push_back({"archived", Kind::kInt, true});
    out.push_back({"archived_at", Kind::kText});
    out.push_back({"created_at", Kind::kText});
    out.push_back({"created_by", Kind::kText});
    out.push_back({"updated_at", Kind::kText});
    out.push_back({"updated_by", Kind::kText});
  }
  for (const FieldDef& f : entity.fields) {
    if (!f.IsColumn()) continue;
    // A field named like a meta column would shadow it; the schema test reports such a
    // definition, and the store keeps the meta column's meaning.
    if (!entity.child && domain::IsMetaColumn(f.name)) continue;
    out.push_back({f.name, ColumnKind(f), f.type == FieldType::kBool, &f});
  }
  return out;
}

std::string SelectList(const std::vector<ColumnSpec>& columns, std::string_view alias) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += alias;
    out += '.';
    out += Id(columns[i].name);
  }
  return out;
}

namespace {

Status WrongType(const std::string& where, std::string_view expected) {
  return Status::Validation({{where, "must be " + std::string(expected)}});
}

Result<Value> ParamOfKind(Kind kind, bool boolean, const Value& value, const std::string& where) {
  if (value.is_null()) return Value();
  if (boolean) {
    if (value.is_bool()) return Value(static_cast<int64_t>(value.as_bool() ? 1 : 0));
    if (value.is_int() && (value.as_int() == 0 || value.as_int() == 1)) return value;
    return WrongType(where, "true or false");
  }
  switch (kind) {
    case Kind::kInt:
      if (value.is_int()) return value;
      return WrongType(where, "a whole number");
    case Kind::kReal:
      if (value.is_real() && !std::isfinite(value.as_real()))
        return WrongType(where, "a finite number");
      if (value.is_int() || value.is_real()) return Value(value.as_real());
      return WrongType(where, "a number");
    case Kind::kText:
      if (value.is_text()) return value;
      return WrongType(where, "text");
  }
  return WrongType(where, "a value");
}

}  // namespace

Result<Value> ColumnParam(const FieldDef& field, const Value& value, const std::string& where) {
  return ParamOfKind(ColumnKind(field), field.type == FieldType::kBool, value, where);
}

Result<Value> SetElementParam(const FieldDef& field, const Value& value, const std::string& where) {
  if (value.is_null()) return WrongType(where, "a code or id, not null");
  return ParamOfKind(SetValueKind(field), false, value, where);
}

Value ReadColumn(const ColumnSpec& column, const RowView& row, size_t index) {
  if (row.IsNull(index)) return Value();
  if (column.boolean) return Value(row.Int(index) != 0);
  return row.Get(index);
}

Record ReadRecord(const std::vector<ColumnSpec>& columns, const RowView& row, size_t first) {
  Record record;
  for (size_t i = 0; i < columns.size(); ++i) {
    Value v = ReadColumn(columns[i], row, first + i);
    if (!v.is_null()) record.fields.emplace(columns[i].name, std::move(v));
  }
  return record;
}

}  // namespace lookout::store::sql
