#include "http/ui/display.h"

#include <algorithm>
#include <set>

#include "app/records/policy.h"
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
  // A quote is known by its words: the first hundred characters or so, cut at a space.
  if (entity.Find("text") && record.Get("text").is_text()) {
    const std::string text = PlainText(record.Get("text"));
    constexpr size_t kLongest = 100;
    if (text.size() <= kLongest) return text;
    size_t cut = text.rfind(' ', kLongest);
    if (cut == std::string::npos || cut < kLongest / 2) cut = kLongest;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    return text.substr(0, cut) + "\u2026";
  }
  if (!entity.code_field.empty() && record.Get(entity.code_field).is_text()) {
    return record.Get(entity.code_field).as_text();
  }
  return "#" + std::to_string(record.Id());
}

std::string RecordPagePath(const std::string& entity) {
  static const std::map<std::string, std::string> kPaths = {
      {"task", "/tasks"},           {"activity", "/activities"},
      {"insight", "/insight"},      {"partner", "/partners"},
      {"campaign", "/campaigns"},   {"outcome", "/outcomes"},
      {"indicator", "/indicators"}, {"quote", "/quotes"},
      {"case_study", "/case-studies"}, {"outcome_event", "/outcome-events"},
      {"objective", "/objectives"}, {"survey", "/surveys"},
      {"published_report", "/reports/published"}};
  auto it = kPaths.find(entity);
  return it == kPaths.end() ? "" : it->second;
}

void Names::Load(const std::string& entity_name) {
  if (names_.count(entity_name)) return;
  auto& names = names_[entity_name];
  auto& hrefs = hrefs_[entity_name];
  const std::string path = RecordPagePath(entity_name);
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
      if (!path.empty()) hrefs[key] = path + "/" + std::to_string(r.Id());
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

std::string Names::Href(const std::string& entity, const std::string& key) {
  if (entity == "insight") {
    // Never looked up in bulk (every read is a recorded consultation): linked for those
    // who may read insight, whose page says so when one item is another region's.
    const std::string path = RecordPagePath(entity);
    const bool readable = app::policy::Authorize(actor_, app::policy::Operation::kRead,
                                                 domain::InsightEntity())
                              .ok();
    return readable ? path + "/" + key : "";
  }
  Load(entity);
  const auto& hrefs = hrefs_[entity];
  auto it = hrefs.find(key);
  return it == hrefs.end() ? "" : it->second;
}

json Names::Choices(const std::string& entity, const std::vector<std::string>& keep,
                    const app::Params& filters) {
  json out = json::array();
  const domain::EntityDef* def = domain::FindEntity(entity);
  if (def == nullptr) return out;
  struct Choice {
    std::string name, key, tell_apart;
  };
  std::vector<Choice> choices;
  std::set<std::string> offered;
  for (int64_t offset = 0;; offset += 500) {
    app::Params params = filters;
    params.emplace_back("limit", "500");
    params.emplace_back("offset", std::to_string(offset));
    auto page = services_.ListAttachable(actor_, *def, params);
    if (!page.ok()) break;
    for (const Record& r : page->items) {
      const std::string key = def->IsReference() ? r.Get(def->code_field).ToDisplay()
                                                 : std::to_string(r.Id());
      const std::string region = def->region_field.empty() ? "" : PlainText(r.Get(def->region_field));
      choices.push_back({RecordName(*def, r), key, region.empty() ? "#" + key : region});
      offered.insert(key);
    }
    if (offset + 500 >= page->total) break;
  }
  // What the record holds or the person chose stays offered, named as the actor may see it.
  for (const std::string& key : keep) {
    if (key.empty() || !offered.insert(key).second) continue;
    choices.push_back({Of(entity, key), key, "#" + key});
  }
  std::map<std::string, int> uses;
  for (const Choice& c : choices) ++uses[c.name];
  std::vector<std::pair<std::string, std::string>> sorted;
  for (const Choice& c : choices) {
    sorted.emplace_back(uses[c.name] > 1 ? c.name + " (" + c.tell_apart + ")" : c.name, c.key);
  }
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [name, key] : sorted) out.push_back({{"value", key}, {"text", name}});
  return out;
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

json ValueView(const domain::FieldDef& field, const Record& record, Names& names) {
  const Value& value = record.Get(field.name);
  const bool ref = field.type == domain::FieldType::kRef || field.type == domain::FieldType::kRefSet;
  json parts = json::array();
  auto part = [&](const Value& v) {
    const std::string href = ref && !v.is_null() ? names.Href(field.target, v.ToDisplay()) : "";
    parts.push_back({{"text", One(field, v, names)},
                     {"href", href.empty() ? json(false) : json(href)},
                     {"last", false}});
  };
  if (value.is_list()) {
    for (const Value& item : value.as_list()) part(item);
  } else if (!value.is_rows() && !value.is_null()) {
    part(value);
  }
  if (!parts.empty()) parts.back()["last"] = true;
  return {{"text", DisplayValue(field, record, names)}, {"parts", parts}};
}

json SummaryRows(const domain::EntityDef& entity, const Record& record, Names& names,
                 const std::vector<std::string>& skip) {
  json rows = json::array();
  for (const domain::FieldDef& field : entity.fields) {
    if (field.secret || field.type == domain::FieldType::kChildren) continue;
    if (std::find(skip.begin(), skip.end(), field.name) != skip.end()) continue;
    json value = ValueView(field, record, names);
    if (value["text"].get<std::string>().empty()) continue;
    rows.push_back({{"key", field.label}, {"value", value["text"]}, {"parts", value["parts"]},
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
      for (const domain::FieldDef& f : child.fields) cells.push_back(ValueView(f, row, names));
      body.push_back({{"cells", cells}});
    }
    tables.push_back({{"title", field.label}, {"headers", headers}, {"rows", body}});
  }
  return tables;
}

}  // namespace lookout::http::ui
