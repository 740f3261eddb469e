#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/text.h"
#include "domain/rules.h"

namespace lookout::domain {

namespace {

// Quotes a value for an error message. Only values of typed (non free text) fields are
// echoed, and long ones are cut, so a message never carries a paragraph of input.
std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 40;
  if (s.size() > kMax) return "'" + std::string(s.substr(0, kMax)) + "...'";
  return "'" + std::string(s) + "'";
}

// The status message repeats the field error's message, so that a caller that shows only
// the message next to the field it already knows (a query parameter) reads well too.
Status FieldFailure(const FieldDef& field, std::string message) {
  std::string summary = message;
  return Status::Validation({{field.name, std::move(message)}}, std::move(summary));
}

std::optional<int64_t> ParseInt(std::string_view s, bool* overflow) {
  *overflow = false;
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) {
    *overflow = true;
    return std::nullopt;
  }
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseReal(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  // from_chars reads the same text whatever the process locale, unlike strtod; it also
  // accepts "inf" and "nan", which the finiteness check below refuses.
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> ParseBool(std::string_view s) {
  const std::string l = AsciiLower(s);
  if (l == "true" || l == "yes" || l == "y" || l == "1") return true;
  if (l == "false" || l == "no" || l == "n" || l == "0") return false;
  return std::nullopt;
}

std::string FormatReal(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "0";
  return std::string(buf, end);
}

std::string CodeList(const Vocabulary& vocab) {
  std::string out;
  for (const Term& t : vocab.terms) out += (out.empty() ? "" : ", ") + t.code;
  return out;
}

bool TargetsReferenceEntity(const FieldDef& field) {
  const EntityDef* target = FindEntity(field.target);
  return target != nullptr && target->IsReference();
}

// One element of a set field, or the value of a single enum or reference field.
// `text` is already trimmed and not empty.
Result<Value> ParseElement(const FieldDef& field, std::string_view text) {
  if (field.type == FieldType::kEnum || field.type == FieldType::kEnumSet) {
    const Vocabulary* vocab = FindVocabulary(field.target);
    if (vocab == nullptr) {
      return Status::Internal("Field '" + field.name + "' names no known vocabulary.");
    }
    if (!vocab->Contains(text)) {
      return FieldFailure(field,
                          Quoted(text) + " is not allowed: expected one of: " + CodeList(*vocab));
    }
    return Value(std::string(text));
  }
  if (TargetsReferenceEntity(field)) return Value(std::string(text));
  bool overflow = false;
  auto id = ParseInt(text, &overflow);
  if (!id || *id <= 0) {
    return FieldFailure(
        field, Quoted(text) + " is not a record id: expected a whole number greater than 0");
  }
  return Value(*id);
}

// Canonical order of a set: ids ascending, codes ascending (by bytes). Elements of other
// kinds (never valid) sort after them so formatting stays deterministic.
bool SetElementLess(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.as_int() < b.as_int();
  if (a.is_text() && b.is_text()) return a.as_text() < b.as_text();
  auto rank = [](const Value& v) { return v.is_int() ? 0 : v.is_text() ? 1 : 2; };
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  return a.ToDisplay() < b.ToDisplay();
}

Result<Value> ParseSet(const FieldDef& field, std::string_view text) {
  Value::List items;
  std::set<std::string> seen;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = TrimSpace(text.substr(start, end - start));
    start = end + 1;
    if (part.empty()) continue;
    LOOKOUT_ASSIGN_OR_RETURN(Value v, ParseElement(field, part));
    const std::string key = v.ToDisplay();
    if (!seen.insert(key).second) {
      return FieldFailure(field, Quoted(key) + " is listed twice");
    }
    items.push_back(std::move(v));
  }
  std::sort(items.begin(), items.end(), SetElementLess);
  return Value(std::move(items));
}

// ---- Child rows: "name=value,name=value | name=value" ----------------------------------

bool IsChildSpecial(char c) { return c == ',' || c == '|' || c == '=' || c == '\\'; }

// Escapes the separators, and whitespace at either end (which the reader would
// otherwise trim), so every value reads back exactly.
std::string EscapeChildValue(std::string_view s) {
  size_t lead = 0;
  while (lead < s.size() && IsAsciiSpace(s[lead])) ++lead;
  size_t trail = s.size();
  while (trail > lead && IsAsciiSpace(s[trail - 1])) --trail;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsChildSpecial(s[i]) || i < lead || i >= trail) out += '\\';
    out += s[i];
  }
  return out;
}

// A token being read: its characters and which of them were escaped (escaped
// whitespace is kept when the token is trimmed).
struct Token {
  std::string text;
  std::vector<bool> escaped;
  void Add(char c, bool esc) {
    text += c;
    escaped.push_back(esc);
  }
  std::string Trimmed() const {
    size_t b = 0, e = text.size();
    while (b < e && IsAsciiSpace(text[b]) && !escaped[b]) ++b;
    while (e > b && IsAsciiSpace(text[e - 1]) && !escaped[e - 1]) --e;
    return text.substr(b, e - b);
  }
  bool Empty() const { return Trimmed().empty(); }
};

struct Pair {
  std::string name;
  std::string value;
};

Result<Value> ParseChildren(const FieldDef& field, std::string_view text) {
  const EntityDef& child = ChildEntity(field);
  std::vector<FieldError> errors;
  std::vector<std::vector<Pair>> rows;
  std::vector<Pair> row;
  Token name, value;
  bool in_value = false;
  bool broken = false;  // a syntax error in the current row: skip its values

  auto row_label = [&](size_t index) { return field.name + "[" + std::to_string(index) + "]"; };
  auto end_pair = [&]() {
    if (!in_value) {
      if (!name.Empty()) {
        errors.push_back({row_label(rows.size()),
                          Quoted(name.Trimmed()) + " has no '=': write each value as name=value"});
        broken = true;
      }
    } else {
      row.push_back({name.Trimmed(), value.Trimmed()});
    }
    name = Token();
    value = Token();
    in_value = false;
  };
  auto end_row = [&]() {
    end_pair();
    if (!row.empty() || broken) rows.push_back(std::move(row));
    row.clear();
    broken = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 == text.size()) {
        errors.push_back(
            {row_label(rows.size()), "ends with a lone '\\': write '\\\\' for a backslash"});
        broken = true;
        break;
      }
      (in_value ? value : name).Add(text[++i], true);
    } else if (c == '|') {
      end_row();
    } else if (c == ',') {
      end_pair();
    } else if (c == '=') {
      if (in_value) {
        errors.push_back({row_label(rows.size()),
                          "has an '=' inside a value: separate values with ',' and write "
                          "'\\=' for an '=' that is part of a value"});
        broken = true;
        value.Add(c, false);
      } else {
        in_value = true;
      }
    } else {
      (in_value ? value : name).Add(c, false);
    }
  }
  end_row();

  Value::Rows out;
  for (size_t r = 0; r < rows.size(); ++r) {
    Record rec;
    for (const Pair& p : rows[r]) {
      const FieldDef* f = child.Find(p.name);
      if (f == nullptr) {
        std::string names;
        for (const FieldDef& cf : child.fields) names += (names.empty() ? "" : ", ") + cf.name;
        errors.push_back({row_label(r), Quoted(p.name) + " is not a field of " + child.label +
                                            "; the fields are: " + names});
        continue;
      }
      const std::string where = row_label(r) + "." + p.name;
      if (rec.Has(p.name)) {
        errors.push_back({where, "is given twice in one row"});
        continue;
      }
      Result<Value> v = ParseFieldText(*f, p.value);
      if (!v.ok()) {
        for (const FieldError& e : v.status().fields()) {
          // Nested fields keep their own path (a child's children, were there any).
          std::string nested = e.field == f->name ? where : row_label(r) + "." + e.field;
          errors.push_back({nested, e.message});
        }
        if (v.status().fields().empty()) errors.push_back({where, v.status().message()});
        rec.Set(p.name, Value());  // marks it as given, for the duplicate check
        continue;
      }
      rec.Set(p.name, std::move(v).value());
    }
    // Null values are not kept: the written form omits them, so the read form does too.
    for (auto it = rec.fields.begin(); it != rec.fields.end();) {
      it = it->second.is_null() ? rec.fields.erase(it) : std::next(it);
    }
    out.push_back(std::move(rec));
  }
  if (!errors.empty()) {
    std::string summary;
    for (size_t i = 0; i < errors.size(); ++i) {
      summary += (i ? "; " : "") + errors[i].field + ": " + errors[i].message;
    }
    return Status::Validation(std::move(errors), std::move(summary));
  }
  return Value(std::move(out));
}

}  // namespace

Result<Value> ParseFieldText(const FieldDef& field, std::string_view raw) {
  if (field.type == FieldType::kText || field.type == FieldType::kLongText) {
    if (raw.empty()) return Value();
    return Value(std::string(raw));
  }
  const std::string_view text = TrimSpace(raw);
  if (text.empty()) {
    if (field.IsSet()) return Value(Value::List{});
    if (field.type == FieldType::kChildren) return Value(Value::Rows{});
    return Value();
  }
  switch (field.type) {
    case FieldType::kText:
    case FieldType::kLongText:
      break;  // handled above
    case FieldType::kInt: {
      bool overflow = false;
      auto v = ParseInt(text, &overflow);
      if (overflow) {
        return FieldFailure(field, Quoted(text) + " is too large for a whole number");
      }
      if (!v) {
        return FieldFailure(field, Quoted(text) +
                                       " is not a whole number: expected digits with an "
                                       "optional sign, e.g. 12");
      }
      return Value(*v);
    }
    case FieldType::kReal: {
      auto v = ParseReal(text);
      if (!v) {
        return FieldFailure(field, Quoted(text) + " is not a number: expected e.g. 1.5");
      }
      return Value(*v);
    }
    case FieldType::kBool: {
      auto v = ParseBool(text);
      if (!v) {
        return FieldFailure(field, Quoted(text) +
                                       " is not true or false: expected true/false, yes/no, "
                                       "y/n or 1/0");
      }
      return Value(*v);
    }
    case FieldType::kDate:
      if (!Date::Parse(text)) {
        return FieldFailure(field, Quoted(text) +
                                       " is not a date: expected a date as YYYY-MM-DD, e.g. "
                                       "2026-03-09");
      }
      return Value(std::string(text));
    case FieldType::kPeriod:
      if (!Period::Parse(text)) {
        return FieldFailure(field, Quoted(text) +
                                       " is not a period: expected a financial year as YYYY-YY, "
                                       "e.g. 2025-26, or a quarter of one, e.g. 2025-26 Q3");
      }
      return Value(std::string(text));
    case FieldType::kEnum:
    case FieldType::kRef:
      return ParseElement(field, text);
    case FieldType::kEnumSet:
    case FieldType::kRefSet:
      return ParseSet(field, text);
    case FieldType::kChildren:
      // Untrimmed: an escaped space at either end belongs to a value.
      return ParseChildren(field, raw);
  }
  return Status::Internal("Field '" + field.name + "' has an unknown type.");
}

std::string FormatFieldText(const FieldDef& field, const Value& value) {
  if (value.is_null()) return "";
  switch (field.type) {
    case FieldType::kReal:
      if (value.is_real()) return FormatReal(value.as_real());
      break;
    case FieldType::kBool:
      if (value.is_bool()) return value.as_bool() ? "true" : "false";
      break;
    case FieldType::kEnumSet:
    case FieldType::kRefSet:
      if (value.is_list()) {
        Value::List items = value.as_list();
        std::sort(items.begin(), items.end(), SetElementLess);
        std::string out;
        for (size_t i = 0; i < items.size(); ++i) {
          out += (i ? ";" : "") + items[i].ToDisplay();
        }
        return out;
      }
      break;
    case FieldType::kChildren:
      if (value.is_rows()) {
        const EntityDef& child = ChildEntity(field);
        std::string out;
        for (const Record& row : value.as_rows()) {
          std::string line;
          for (const FieldDef& f : child.fields) {
            const Value& v = row.Get(f.name);
            if (v.is_null()) continue;
            line +=
                (line.empty() ? "" : ",") + f.name + "=" + EscapeChildValue(FormatFieldText(f, v));
          }
          // A row with no values would read back as no row at all: leave it out here too.
          if (line.empty()) continue;
          out += (out.empty() ? "" : " | ") + line;
        }
        return out;
      }
      break;
    default:
      break;
  }
  // Text, integers, dates, periods, codes and ids print as themselves; a value of the
  // wrong type (which validation refuses) prints in its display form.
  return value.ToDisplay();
}

}  // namespace lookout::domain
