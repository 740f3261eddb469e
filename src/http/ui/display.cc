#include "http/ui/display.h"

#include <algorithm>

#include "domain/rules.h"
#include "http/ui/page.h"

namespace lookout::http::ui {

using json = nlohmann::json;

std::string PlainText(const Value& value) { return value.is_null() ? "" : value.ToDisplay(); }

std::string Shortened(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string TermLabel(const std::string& vocabulary, const std::string& code) {
  const domain::Vocabulary* v = domain::FindVocabulary(vocabulary);
  const domain::Term* term = v ? v->Find(code) : nullptr;
  return term ? term->label : code;
}

json VocabularyOptions(const std::string& vocabulary) {
  json out = json::array();
  if (const domain::Vocabulary* v = domain::FindVocabulary(vocabulary)) {
    for (const domain::Term& t : v->terms) out.push_back({{"value", t.code}, {"text", t.label}});
  }
  return out;
}

std::string RecordName(const domain::EntityDef& entity, const Record& record) {
  // A task is known by its reference as much as by its title.
  if (entity.Find("reference") && record.Get("reference").is_text()) {
    return record.Get("reference").as_text() + " " + PlainText(record.Get("title"));
  }
  for (const char* field : {"name", "title", "label", "code", "statement"}) {
    if (entity.Find(field) && record.Get(field).is_text()) return record.Get(field).as_text();
  }
  if (!entity.code_field.empty() && record.Get(entity.code_field).is_text()) {
    return record.Get(entity.code_field).as_text();
  }
  return "#" + std::to_string(record.Id());
}

void Names::Load(const std::string& entity_name) {
  if (names_.count(entity_name)) return;
  auto& names = names_[entity_name];
  json& options = options_[entity_name];
  options = json::array();
  const domain::EntityDef* entity = domain::FindEntity(entity_name);
  if (entity == nullptr) return;
  std::vector<std::pair<std::string, std::string>> sorted;
  for (int64_t offset = 0;; offset += 500) {
    auto page = services_.List(actor_, *entity,
                               {{"limit", "500"}, {"offset", std::to_string(offset)},
                                {"archived", "include"}});
    if (!page.ok()) return;
    for (const Record& r : page->items) {
      const std::string key = entity->IsReference() ? r.Get(entity->code_field).ToDisplay()
                                                    : std::to_string(r.Id());
      names[key] = RecordName(*entity, r);
      by_id_[entity_name][r.Id()] = names[key];
      if (!r.Get("archived").is_bool() || !r.Get("archived").as_bool()) {
        sorted.emplace_back(names[key], key);
      }
    }
    if (offset + 500 >= page->total) break;
  }
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [name, key] : sorted) options.push_back({{"value", key}, {"text", name}});
}

std::string Names::Of(const std::string& entity, const std::string& key) {
  Load(entity);
  const auto& names = names_[entity];
  auto it = names.find(key);
  return it == names.end() ? key : it->second;
}

std::string Names::OfId(const std::string& entity, int64_t id) {
  Load(entity);
  const auto& names = by_id_[entity];
  auto it = names.find(id);
  return it == names.end() ? "" : it->second;
}

json Names::Options(const std::string& entity, const app::Params& filters) {
  if (filters.empty()) {
    Load(entity);
    return options_[entity];
  }
  json out = json::array();
  const domain::EntityDef* def = domain::FindEntity(entity);
  if (def == nullptr) return out;
  app::Params params = filters;
  params.emplace_back("limit", "500");
  auto page = services_.List(actor_, *def, params);
  if (!page.ok()) return out;
  std::vector<std::pair<std::string, std::string>> sorted;
  for (const Record& r : page->items) {
    const std::string key = def->IsReference() ? r.Get(def->code_field).ToDisplay()
                                               : std::to_string(r.Id());
    sorted.emplace_back(RecordName(*def, r), key);
  }
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [name, key] : sorted) out.push_back({{"value", key}, {"text", name}});
  return out;
}

namespace {

std::string One(const domain::FieldDef& field, const Value& value, Names& names) {
  using domain::FieldType;
  if (value.is_null()) return "";
  switch (field.type) {
    case FieldType::kEnum:
    case FieldType::kEnumSet:
      return TermLabel(field.target, value.ToDisplay());
    case FieldType::kRef:
    case FieldType::kRefSet:
      // Insight is never looked up in bulk for its names: every read of it is a recorded
      // consultation, and the page shows only the references.
      if (field.target == "insight") return "Insight " + value.ToDisplay();
      return names.Of(field.target, value.ToDisplay());
    case FieldType::kBool:
      return value.is_bool() && value.as_bool() ? "Yes" : "No";
    case FieldType::kDate:
      return LongDate(value.ToDisplay());
    default:
      return domain::FormatFieldText(field, value);
  }
}

}  // namespace

std::string DisplayValue(const domain::FieldDef& field, const Record& record, Names& names) {
  const Value& value = record.Get(field.name);
  if (value.is_list()) {
    std::string out;
    for (const Value& item : value.as_list()) {
      if (!out.empty()) out += ", ";
      out += One(field, item, names);
    }
    return out;
  }
  if (value.is_rows()) return "";
  return One(field, value, names);
}

json SummaryRows(const domain::EntityDef& entity, const Record& record, Names& names,
                 const std::vector<std::string>& skip) {
  json rows = json::array();
  for (const domain::FieldDef& field : entity.fields) {
    if (field.secret || field.type == domain::FieldType::kChildren) continue;
    if (std::find(skip.begin(), skip.end(), field.name) != skip.end()) continue;
    std::string text = DisplayValue(field, record, names);
    if (text.empty()) continue;
    rows.push_back({{"key", field.label}, {"value", text},
                    {"long", field.type == domain::FieldType::kLongText}});
  }
  return rows;
}

json ChildTables(const domain::EntityDef& entity, const Record& record, Names& names) {
  json tables = json::array();
  for (const domain::FieldDef& field : entity.fields) {
    if (field.type != domain::FieldType::kChildren || !record.Get(field.name).is_rows()) continue;
    const Value::Rows& rows = record.Get(field.name).as_rows();
    if (rows.empty()) continue;
    const domain::EntityDef& child = domain::ChildEntity(field);
    json headers = json::array();
    for (const domain::FieldDef& f : child.fields) headers.push_back({{"text", f.label}});
    json body = json::array();
    for (const Record& row : rows) {
      json cells = json::array();
      for (const domain::FieldDef& f : child.fields) cells.push_back({{"text", DisplayValue(f, row, names)}});
      body.push_back({{"cells", cells}});
    }
    tables.push_back({{"title", field.label}, {"headers", headers}, {"rows", body}});
  }
  return tables;
}

}  // namespace lookout::http::ui
