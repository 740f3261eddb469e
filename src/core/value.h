// Value and Record: the engine-neutral shape of a programme record as it travels between
// the API, the importers, the use cases and the store. Field meaning and types are set
// by the entity definitions in domain/schema.h; a Value only carries data.
#ifndef LOOKOUT_CORE_VALUE_H_
#define LOOKOUT_CORE_VALUE_H_

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace lookout {

struct Record;

class Value {
 public:
  using List = std::vector<Value>;     // a set of codes or ids (themes, partner ids)
  using Rows = std::vector<Record>;    // child rows (audience counts, factor scores)

  // Defined below Record: a constructor needs the destructor of every alternative, and
  // clang (14) instantiates std::vector<Record>'s where it first sees it.
  Value() = default;  // null
  Value(std::nullptr_t);       // NOLINT
  Value(int64_t v);            // NOLINT
  Value(int v);                // NOLINT
  Value(double v);             // NOLINT
  Value(bool v);               // NOLINT
  Value(std::string v);        // NOLINT
  Value(const char* v);        // NOLINT
  Value(List v);               // NOLINT
  Value(Rows v);               // NOLINT

  bool is_null() const { return v_.index() == 0; }
  bool is_int() const { return std::holds_alternative<int64_t>(v_); }
  bool is_real() const { return std::holds_alternative<double>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_text() const { return std::holds_alternative<std::string>(v_); }
  bool is_list() const { return std::holds_alternative<List>(v_); }
  bool is_rows() const { return std::holds_alternative<Rows>(v_); }

  // REQUIRES: the matching is_*() holds.
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_real() const { return is_int() ? static_cast<double>(as_int()) : std::get<double>(v_); }
  bool as_bool() const { return std::get<bool>(v_); }
  const std::string& as_text() const { return std::get<std::string>(v_); }
  const List& as_list() const { return std::get<List>(v_); }
  List& as_list() { return std::get<List>(v_); }
  const Rows& as_rows() const { return std::get<Rows>(v_); }
  Rows& as_rows() { return std::get<Rows>(v_); }

  // A short human form for messages and audit ("null", "42", "CSE;CCE").
  std::string ToDisplay() const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<std::monostate, int64_t, double, bool, std::string, List, Rows> v_;
};

// A record: field name -> value. Absent and null mean the same to readers; writers
// distinguish them for partial updates (absent = leave unchanged).
struct Record {
  std::map<std::string, Value> fields;

  bool Has(const std::string& name) const { return fields.count(name) != 0; }
  // Null when absent.
  const Value& Get(const std::string& name) const;
  void Set(const std::string& name, Value v) { fields[name] = std::move(v); }
  int64_t Id() const;  // the "id" field, 0 when absent
  friend bool operator==(const Record&, const Record&) = default;
};

inline Value::Value(std::nullptr_t) {}
inline Value::Value(int64_t v) : v_(v) {}
inline Value::Value(int v) : v_(static_cast<int64_t>(v)) {}
inline Value::Value(double v) : v_(v) {}
inline Value::Value(bool v) : v_(v) {}
inline Value::Value(std::string v) : v_(std::move(v)) {}
inline Value::Value(const char* v) : v_(std::string(v)) {}
inline Value::Value(List v) : v_(std::move(v)) {}
inline Value::Value(Rows v) : v_(std::move(v)) {}

}  // namespace lookout

#endif  // LOOKOUT_CORE_VALUE_H_
