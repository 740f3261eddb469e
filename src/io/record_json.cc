#include "io/record_json.h"

#include <cctype>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/text.h"

namespace lookout::io {

// A value whose type does not match its field (which a store should never hand back) is
// still written, by what it holds, so that nothing is silently lost.
nlohmann::ordered_json ValueToJson(const Value& v) {
  if (v.is_null()) return nullptr;
  if (v.is_int()) return v.as_int();
  if (v.is_real()) return v.as_real();
  if (v.is_bool()) return v.as_bool();
  if (v.is_text()) return v.as_text();
  if (v.is_list()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Value& e : v.as_list()) out.push_back(ValueToJson(e));
    return out;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Record& r : v.as_rows()) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (const auto& [k, e] : r.fields) row[k] = ValueToJson(e);
    out.push_back(std::move(row));
  }
  return out;
}

namespace {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

// What a JSON value is, in the words an error message uses ("must be a whole number,
// not text").
template <typename Json>
std::string Describe(const Json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return j.template get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string:
      return "text";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "a whole number";
    case nlohmann::json::value_t::number_float:
      return "a number with a fraction";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

// Whether references to `field.target` are written as codes (reference data such as
// regions) rather than ids.
bool RefByCode(const FieldDef& field) {
  const EntityDef* target = domain::FindEntity(field.target);
  return target != nullptr && target->IsReference();
}

// Decoding state: where we are (for field names) and what went wrong so far.
class Decoder {
 public:
  explicit Decoder(std::vector<FieldError>* errors) : errors_(errors) {}

  template <typename Json>
  void Object(const EntityDef& entity, const Json& object, const std::string& prefix,
              bool allow_meta, Record* out) {
    // Known fields in definition order, so errors come out in a stable order whatever
    // order the client wrote the keys in.
    if (allow_meta) {
      for (const char* meta : domain::kMetaColumns) {
        auto it = object.find(meta);
        if (it == object.end()) continue;
        Value v;
        if (Meta(meta, *it, prefix + meta, &v)) out->Set(meta, std::move(v));
      }
    }
    for (const FieldDef& field : entity.fields) {
      if (allow_meta && domain::IsMetaColumn(field.name)) continue;  // decoded above
      auto it = object.find(field.name);
      if (it == object.end()) continue;
      Value v;
      if (Field(field, *it, prefix + field.name, &v)) out->Set(field.name, std::move(v));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
      const std::string& key = it.key();
      if (entity.Find(key) != nullptr) continue;
      if (domain::IsMetaColumn(key)) {
        if (allow_meta) continue;
        Fail(prefix + key, "is set by Lookout on the record, not on its rows");
        continue;
      }
      Fail(prefix + key,
           "is not a field of " + (entity.label.empty() ? entity.name : entity.label));
    }
  }

 private:
  void Fail(std::string field, std::string message) {
    errors_->push_back(FieldError{std::move(field), std::move(message)});
  }

  template <typename Json>
  bool Meta(std::string_view name, const Json& j, const std::string& path, Value* out) {
    if (j.is_null()) return true;
    if (name == "id" || name == "version") {
      return Int(j, path, out);
    }
    if (name == "archived") {
      if (!j.is_boolean()) {
        Fail(path, "must be true or false, not " + Describe(j));
        return false;
      }
      *out = Value(j.template get<bool>());
      return true;
    }
    return String(j, path, "text", out);
  }

  template <typename Json>
  bool Int(const Json& j, const std::string& path, Value* out) {
    if (j.is_number_unsigned()) {
      uint64_t u = j.template get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        Fail(path, "is too large");
        return false;
      }
      *out = Value(static_cast<int64_t>(u));
      return true;
    }
    if (j.is_number_integer()) {
      *out = Value(j.template get<int64_t>());
      return true;
    }
    Fail(path, "must be a whole number, not " + Describe(j));
    return false;
  }

  template <typename Json>
  bool String(const Json& j, const std::string& path, std::string_view what, Value* out) {
    if (!j.is_string()) {
      Fail(path, "must be " + std::string(what) + ", not " + Describe(j));
      return false;
    }
    *out = Value(j.template get<std::string>());
    return true;
  }

  // One scalar: a field's value, or one element of a set field.
  template <typename Json>
  bool Scalar(const FieldDef& field, const Json& j, const std::string& path, Value* out) {
    switch (field.type) {
      case FieldType::kInt:
        return Int(j, path, out);
      case FieldType::kReal:
        if (!j.is_number()) {
          Fail(path, "must be a number, not " + Describe(j));
          return false;
        }
        *out = Value(j.template get<double>());
        return true;
      case FieldType::kBool:
        if (!j.is_boolean()) {
          Fail(path, "must be true or false, not " + Describe(j));
          return false;
        }
        *out = Value(j.template get<bool>());
        return true;
      case FieldType::kDate:
        return String(j, path, "a date written as text (YYYY-MM-DD)", out);
      case FieldType::kPeriod:
        return String(j, path, "a period written as text (\"2025-26\" or \"2025-26 Q3\")", out);
      case FieldType::kEnum:
      case FieldType::kEnumSet:
        return String(j, path, "a code written as text", out);
      case FieldType::kRef:
      case FieldType::kRefSet:
        if (RefByCode(field)) return String(j, path, "a code written as text", out);
        if (!j.is_number_integer()) {
          Fail(path, "must be a record id (a whole number), not " + Describe(j));
          return false;
        }
        return Int(j, path, out);
      case FieldType::kText:
      case FieldType::kLongText:
      case FieldType::kChildren:
        return String(j, path, "text", out);
    }
    return String(j, path, "text", out);
  }

  template <typename Json>
  bool Field(const FieldDef& field, const Json& j, const std::string& path, Value* out) {
    if (j.is_null()) {
      *out = Value();
      return true;
    }
    if (field.IsSet()) {
      if (!j.is_array()) {
        Fail(path, "must be a list, not " + Describe(j));
        return false;
      }
      Value::List list;
      bool ok = true;
      for (size_t i = 0; i < j.size(); ++i) {
        Value v;
        if (Scalar(field, j[i], path + "[" + std::to_string(i) + "]", &v)) {
          list.push_back(std::move(v));
        } else {
          ok = false;
        }
      }
      if (ok) *out = Value(std::move(list));
      return ok;
    }
    if (field.type == FieldType::kChildren) {
      if (!j.is_array()) {
        Fail(path, "must be a list of objects, not " + Describe(j));
        return false;
      }
      const EntityDef& child = domain::ChildEntity(field);
      Value::Rows rows;
      size_t errors_before = errors_->size();
      for (size_t i = 0; i < j.size(); ++i) {
        std::string row_path = path + "[" + std::to_string(i) + "]";
        if (!j[i].is_object()) {
          Fail(row_path, "must be an object, not " + Describe(j[i]));
          continue;
        }
        Record row;
        Object(child, j[i], row_path + ".", /*allow_meta=*/false, &row);
        rows.push_back(std::move(row));
      }
      if (errors_->size() != errors_before) return false;
      *out = Value(std::move(rows));
      return true;
    }
    return Scalar(field, j, path, out);
  }

  std::vector<FieldError>* errors_;
};

template <typename Json>
Result<Record> Decode(const EntityDef& entity, const Json& object, std::string_view path_prefix) {
  std::string prefix(path_prefix);
  if (!object.is_object()) {
    std::string where = prefix;
    // "[12]." names the element itself as "[12]".
    if (!where.empty() && where.back() == '.') where.pop_back();
    if (where.empty()) where = "body";
    return Status::Validation({{where, "must be a JSON object, not " + Describe(object)}},
                              "A " + LowerFirst(entity.label) + " must be a JSON object.");
  }
  std::vector<FieldError> errors;
  Record record;
  Decoder(&errors).Object(entity, object, prefix, /*allow_meta=*/!entity.child, &record);
  if (!errors.empty()) return Status::Validation(std::move(errors));
  return record;
}

nlohmann::ordered_json Encode(const FieldDef& field, const Value& v);

nlohmann::ordered_json EncodeRecord(const EntityDef& entity, const Record& record, bool meta) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (meta) {
    for (const char* name : domain::kMetaColumns) {
      const Value& v = record.Get(name);
      if (std::string_view(name) == "archived" && v.is_int()) {
        out[name] = v.as_int() != 0;  // an engine that keeps booleans as 0/1
      } else {
        out[name] = ValueToJson(v);
      }
    }
  }
  for (const FieldDef& field : entity.fields) {
    if (meta && domain::IsMetaColumn(field.name)) continue;
    out[field.name] = Encode(field, record.Get(field.name));
  }
  return out;
}

nlohmann::ordered_json Encode(const FieldDef& field, const Value& v) {
  if (v.is_null()) return nullptr;
  switch (field.type) {
    case FieldType::kReal:
      if (v.is_int() || v.is_real()) return v.as_real();
      break;
    case FieldType::kBool:
      if (v.is_int()) return v.as_int() != 0;
      break;
    case FieldType::kChildren:
      if (v.is_rows()) {
        const EntityDef& child = domain::ChildEntity(field);
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const Record& row : v.as_rows()) {
          out.push_back(EncodeRecord(child, row, /*meta=*/false));
        }
        return out;
      }
      break;
    default:
      break;
  }
  return ValueToJson(v);
}

}  // namespace

Result<Record> RecordFromJson(const EntityDef& entity, const nlohmann::json& object,
                              std::string_view path_prefix) {
  return Decode(entity, object, path_prefix);
}

Result<Record> RecordFromJson(const EntityDef& entity, const nlohmann::ordered_json& object,
                              std::string_view path_prefix) {
  return Decode(entity, object, path_prefix);
}

nlohmann::ordered_json RecordToJson(const EntityDef& entity, const Record& record) {
  return EncodeRecord(entity, record, /*meta=*/!entity.child);
}

}  // namespace lookout::io
