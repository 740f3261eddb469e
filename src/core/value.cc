#include "core/value.h"

#include <cstdio>

namespace lookout {

bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

std::string Value::ToDisplay() const {
  if (is_null()) return "null";
  if (is_int()) return std::to_string(as_int());
  if (is_real()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", std::get<double>(v_));
    return buf;
  }
  if (is_bool()) return as_bool() ? "true" : "false";
  if (is_text()) return as_text();
  if (is_list()) {
    std::string out;
    for (const Value& v : as_list()) out += (out.empty() ? "" : ";") + v.ToDisplay();
    return out;
  }
  return std::to_string(as_rows().size()) + " rows";
}

const Value& Record::Get(const std::string& name) const {
  static const Value kNull;
  auto it = fields.find(name);
  return it == fields.end() ? kNull : it->second;
}

int64_t Record::Id() const {
  const Value& v = Get("id");
  return v.is_int() ? v.as_int() : 0;
}

}  // namespace lookout
