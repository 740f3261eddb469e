#include "http/ui/audit_view.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "app/ops/audit_trail.h"
#include "domain/rules.h"
#include "http/ui/page.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

using json = nlohmann::json;

namespace {

// What each action of the trail is called in the filter, and the verb of its sentence.
struct ActionWords {
  const char* action;
  const char* label;  // in the "What was done" filter
  const char* verb;   // "added", followed by the record
};

const std::vector<ActionWords>& Actions() {
  static const std::vector<ActionWords> kActions = {
      {"create", "Added a record", "added"},
      {"update", "Changed a record", "changed"},
      {"transition", "Moved a task on", "moved"},
      {"archive", "Archived a record", "archived"},
      {"unarchive", "Restored a record", "restored"},
      {"import", "Imported a record", "imported"},
      {"consult", "Read insight or the trail", "read"},
      {"consult_refused", "Was refused a record", "was refused"},
      {"export", "Exported records", "exported"},
      {"publish", "Published a report", "published"},
      {"unlock", "Unlocked a period or an account", "unlocked"},
      {"sign_in", "Signed in", "signed in"},
      {"sign_in_failed", "Failed to sign in", "failed to sign in"},
      {"sign_out", "Signed out", "signed out"},
      {"sign_out_everywhere", "Signed someone out everywhere", "signed out everywhere"},
      {"password_change", "Changed a password", "changed the password"},
      {"password_reset", "Reset a password", "reset the password"},
      {"revoke", "Revoked an API token", "revoked"},
      {"backup", "Backed up the database", "backed up the database"},
      {"retention_archive", "Archived under the retention policy", "archived under the retention policy"},
      {"retention_anonymise", "Anonymised under the retention policy", "anonymised under the retention policy"},
      {"retention_delete", "Deleted under the retention policy", "deleted under the retention policy"},
  };
  return kActions;
}

const ActionWords* FindAction(const std::string& action) {
  for (const ActionWords& a : Actions()) {
    if (action == a.action) return &a;
  }
  return nullptr;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// "insight", "task transition": how a sentence calls a kind of record.
std::string KindWords(const std::string& entity) {
  const domain::EntityDef* e = domain::FindEntity(entity);
  if (e == nullptr) e = domain::FindInternalEntity(entity);
  std::string label = e != nullptr ? e->label : entity;
  std::replace(label.begin(), label.end(), '_', ' ');
  // Acronyms and names keep their capitals: "API token", "NRM".
  if (label.size() > 1 && std::isupper(static_cast<unsigned char>(label[1]))) return label;
  return Lower(label);
}

// "a", "an", "two", ... "12": small counts read as words.
std::string CountWords(int64_t n) {
  static const char* kWords[] = {"no", "one", "two", "three", "four", "five",
                                 "six", "seven", "eight", "nine", "ten"};
  return n >= 0 && n <= 10 ? kWords[n] : std::to_string(n);
}

// A field's label as it reads inside a sentence: "the due date", "the lead officer".
std::string FieldWords(const domain::FieldDef* field, const std::string& name) {
  std::string label = field != nullptr ? field->label : name;
  std::replace(label.begin(), label.end(), '_', ' ');
  if (label.size() > 1 && std::isupper(static_cast<unsigned char>(label[1]))) return "the " + label;
  return "the " + Lower(label);
}

// Bookkeeping a change records beside the fields, which no sentence mentions.
bool IsBookkeeping(const std::string& name) {
  return name == "id" || name == "archived_at" || name == "version";
}

// Whether records of `e` are named on the page (and found by name). Not insight, and not a
// kind whose name is free text (an activity's title, a quote's words): the trail keeps free
// text as its length only, and its page shows none through a name either. Such a record
// is "activity 42".
bool IsNamed(const domain::EntityDef& e) {
  if (e.name == "insight" || e.internal) return false;
  if (e.Find("reference") != nullptr) return true;  // a task: its reference
  for (const char* field : {"name", "title", "label", "code", "statement", "text"}) {
    if (const domain::FieldDef* f = e.Find(field)) return !f->free_text;
  }
  return !e.code_field.empty();
}

}  // namespace

AuditDescriber::AuditDescriber(app::Services& services)
    : names_(services, app::Actor::System()), services_(services) {}

std::string AuditDescriber::ActorName(const std::string& actor) {
  if (actor == "system") return "Lookout";
  if (actor.rfind("staff:", 0) == 0) {
    const std::string name = names_.Of("staff", actor.substr(6));
    return name == actor.substr(6) ? "Staff member " + name + " (no longer on record)" : name;
  }
  if (actor.rfind("cli:", 0) == 0) return "The command line (" + actor.substr(4) + ")";
  if (actor.rfind("api:", 0) == 0 || actor.empty()) return "Someone not signed in";
  return actor;
}

std::string AuditDescriber::StaffOfAccount(int64_t account_id) {
  if (account_id <= 0) return "";
  auto it = account_owners_.find(account_id);
  if (it == account_owners_.end()) {
    auto owner = app::AccountOwner(services_, app::Actor::System(), account_id);
    it = account_owners_.emplace(account_id, owner.ok() ? *owner : 0).first;
  }
  return it->second > 0 ? names_.Of("staff", std::to_string(it->second)) : "";
}

std::string AuditDescriber::RecordName(const std::string& entity, int64_t id) {
  if (id <= 0) return "";
  if (entity == "insight") return "insight " + std::to_string(id);
  const domain::EntityDef* e = domain::FindEntity(entity);
  if (e == nullptr || e->internal || !IsNamed(*e)) return "";
  std::string name = names_.OfId(entity, id);
  // A task is known by its reference ("T-2026-0031 Hotel briefings" -> "T-2026-0031").
  if (e->Find("reference") != nullptr && name.find(' ') != std::string::npos) {
    name = name.substr(0, name.find(' '));
  }
  return name;
}

std::string AuditDescriber::RecordPhrase(const std::string& entity, int64_t id) {
  if (id <= 0) return "";
  if (entity == "account") {
    const std::string owner = StaffOfAccount(id);
    return owner.empty() ? "an account" : owner + "'s account";
  }
  const domain::EntityDef* e = domain::FindEntity(entity);
  if (e == nullptr || e->internal) return "a " + KindWords(entity);
  const std::string name = RecordName(entity, id);
  if (name.empty()) return KindWords(entity) + " " + std::to_string(id);
  if (entity == "insight" || e->Find("reference") != nullptr) return name;
  return "the " + KindWords(entity) + " " + name;
}

std::string AuditDescriber::RecordHref(const std::string& entity, int64_t id) {
  if (id <= 0) return "";
  static const std::map<std::string, std::string> kPaths = {
      {"insight", "/insight/"},          {"task", "/tasks/"},
      {"activity", "/activities/"},      {"partner", "/partners/"},
      {"campaign", "/campaigns/"},       {"outcome", "/outcomes/"},
      {"indicator", "/indicators/"},     {"survey", "/surveys/"},
      {"quote", "/quotes/"},             {"case_study", "/case-studies/"},
      {"outcome_event", "/outcome-events/"}, {"objective", "/objectives/"},
      {"staff", "/admin/staff/"},        {"region", "/admin/regions/"},
      {"police_force", "/admin/police-forces/"}, {"sector", "/admin/sectors/"},
      {"scoring_scheme", "/admin/scoring-schemes/"},
      {"published_report", "/reports/published/"}};
  auto it = kPaths.find(entity);
  return it == kPaths.end() ? "" : it->second + std::to_string(id);
}

std::string AuditDescriber::ValueText(const domain::FieldDef& field, const json& value) {
  using domain::FieldType;
  if (value.is_null()) return "nothing";
  auto one = [&](const json& v) -> std::string {
    const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    switch (field.type) {
      case FieldType::kDate: return LongDate(text);
      case FieldType::kBool: return v.is_boolean() ? (v.get<bool>() ? "yes" : "no") : text;
      case FieldType::kEnum:
      case FieldType::kEnumSet: return TermLabel(field.target, text);
      case FieldType::kRef:
      case FieldType::kRefSet: {
        if (field.target == "insight") return "insight " + text;
        const domain::EntityDef* target = domain::FindEntity(field.target);
        if (target == nullptr) return text;
        if (target->IsReference()) return names_.Of(field.target, text);
        int64_t id = 0;
        return ParseId(text, &id) && !names_.OfId(field.target, id).empty()
                   ? names_.OfId(field.target, id)
                   : field.target + " " + text;
      }
      case FieldType::kText: return "'" + Shortened(text, 80) + "'";
      default: return text;
    }
  };
  if (value.is_array()) {
    if (value.empty()) return "none";
    std::vector<std::string> items;
    for (const json& v : value) items.push_back(one(v));
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    }
    return out;
  }
  return one(value);
}

std::vector<std::string> AuditDescriber::ChangeParts(const domain::EntityDef& entity,
                                                     const json& changes, bool with_field_names) {
  std::vector<std::string> parts;
  if (!changes.is_object()) return parts;
  for (const auto& [name, change] : changes.items()) {
    if (IsBookkeeping(name)) continue;
    const domain::FieldDef* field = entity.Find(name);
    const std::string what = with_field_names ? FieldWords(field, name) + " " : "";
    // Free text and child rows holding it are recorded as changed, without their words.
    if (change.is_object() || field == nullptr || field->type == domain::FieldType::kChildren ||
        !change.is_array() || change.size() != 2) {
      parts.push_back(FieldWords(field, name));
      continue;
    }
    const json& before = change[0];
    const json& after = change[1];
    if (before.is_null() || (before.is_array() && before.empty())) {
      parts.push_back(what + "to " + ValueText(*field, after));
    } else if (after.is_null() || (after.is_array() && after.empty())) {
      parts.push_back(what + "cleared (it was " + ValueText(*field, before) + ")");
    } else {
      parts.push_back(what + "from " + ValueText(*field, before) + " to " + ValueText(*field, after));
    }
  }
  return parts;
}

std::string AuditDescriber::Sentence(const store::AuditEntry& e) {
  const std::string who = ActorName(e.actor);
  const std::string record = RecordPhrase(e.entity, e.entity_id);
  const json changes = json::parse(e.changes.empty() ? "null" : e.changes, nullptr, false);
  const domain::EntityDef* entity = domain::FindEntity(e.entity);
  if (entity == nullptr) entity = domain::FindInternalEntity(e.entity);
  const ActionWords* words = FindAction(e.action);
  const std::string verb = words != nullptr ? words->verb : e.action;

  if (e.action == "update" && entity != nullptr && e.entity != "account") {
    std::vector<std::string> parts = ChangeParts(*entity, changes, true);
    if (parts.empty()) return who + " saved " + record + " without changing it";
    if (parts.size() == 1) {
      // "changed the due date of T-2026-0031 from 14 April 2026 to 30 April 2026"
      std::string name;
      for (const auto& item : changes.items()) {
        if (!IsBookkeeping(item.key())) name = item.key();
      }
      const json& change = changes[name];
      const domain::FieldDef* field = entity->Find(name);
      const std::string of = FieldWords(field, name) + " of " + record;
      if (change.is_array() && change.size() == 2 && field != nullptr &&
          field->type != domain::FieldType::kChildren) {
        if (change[0].is_null() || (change[0].is_array() && change[0].empty())) {
          return who + " set " + of + " to " + ValueText(*field, change[1]);
        }
        if (change[1].is_null() || (change[1].is_array() && change[1].empty())) {
          return who + " cleared " + of + " (it was " + ValueText(*field, change[0]) + ")";
        }
        return who + " changed " + of + " from " + ValueText(*field, change[0]) + " to " +
               ValueText(*field, change[1]);
      }
      return who + " changed " + of;
    }
    std::string list;
    for (size_t i = 0; i < parts.size(); ++i) list += (i ? "; " : "") + parts[i];
    return who + " changed " + record + ": " + list;
  }
  if (e.action == "transition" && changes.is_object() && changes.contains("status") &&
      changes["status"].is_array() && changes["status"].size() == 2) {
    return who + " moved " + record + " from " +
           TermLabel("task_status", changes["status"][0].get<std::string>()) + " to " +
           TermLabel("task_status", changes["status"][1].get<std::string>());
  }
  if (e.action == "consult_refused") return who + " was refused " + record;
  if ((e.action == "consult" || e.action == "export") && e.entity_id == 0) {
    const auto number = [&changes](const char* key) -> int64_t {
      return changes.is_object() && changes.contains(key) && changes[key].is_number_integer()
                 ? changes[key].get<int64_t>()
                 : 0;
    };
    const auto text = [&changes](const char* key) -> std::string {
      return changes.is_object() && changes.contains(key) && changes[key].is_string()
                 ? changes[key].get<std::string>()
                 : "";
    };
    const int64_t count = number("count");
    if (e.entity == "audit") {
      const int64_t entries = number("entries");
      const std::string what = entries == 1 ? "one entry" : CountWords(entries) + " entries";
      return e.action == "consult" ? who + " read " + what + " of the audit trail"
                                   : who + " exported " + what + " of the audit trail";
    }
    // Files taken out of Lookout from its pages (app::Services::RecordDisclosure).
    const std::string format = text("format").empty() ? "" : " (" + text("format") + ")";
    if (e.entity == "report") {
      const std::string region =
          text("region").empty() ? "" : " for " + names_.Of("region", text("region"));
      return who + " downloaded the " +
             (text("report") == "quarterly" ? "quarterly return" : "impact report") + " of " +
             text("period") + region + format;
    }
    if (e.entity == "tasking_minutes") {
      return who + " downloaded the tasking minutes of " + LongDate(text("date")) + format;
    }
    const std::string kind = entity != nullptr ? Lower(entity->label) : KindWords(e.entity);
    return who + (e.action == "consult" ? " looked through a list of " : " exported ") +
           CountWords(count) + " " + kind + (count == 1 || kind == "insight" ? "" : " records");
  }
  if (e.entity == "account") {
    const std::string owner = StaffOfAccount(e.entity_id);
    const bool own = !owner.empty() && owner == who;
    if (e.action == "sign_in" || e.action == "sign_out" || e.action == "password_change") {
      return own || owner.empty() ? who + " " + verb : who + " " + verb + " (" + owner + "'s account)";
    }
    if (e.action == "sign_in_failed") {
      return owner.empty() ? "A sign-in with an unknown email address failed"
                           : "A sign-in to " + owner + "'s account failed";
    }
    if (e.action == "password_reset") return who + " reset " + (owner.empty() ? "a" : owner + "'s") + " password";
    if (e.action == "unlock") return who + " lifted the lock on " + record;
    if (e.action == "create") return who + " gave " + (owner.empty() ? "someone" : owner) + " an account";
    if (e.action == "sign_out_everywhere") return who + " signed " + (owner.empty() ? "someone" : owner) + " out everywhere";
    if (e.action == "update") {
      std::vector<std::string> parts = ChangeParts(*entity, changes, true);
      std::string list;
      for (size_t i = 0; i < parts.size(); ++i) list += (i ? "; " : "") + parts[i];
      return who + " changed " + record + (list.empty() ? "" : ": " + list);
    }
  }
  if (e.entity == "api_token") {
    if (e.action == "create") return who + " made an API token";
    if (e.action == "revoke") return who + " revoked an API token";
  }
  if (e.action == "backup" || e.action == "sign_in") return who + " " + verb;
  if (e.action == "unlock" && e.entity == "published_report") {
    return who + " unlocked the period of " + record;
  }
  if (e.action == "retention_delete" && e.entity_id == 0) {
    return who + " deleted " + KindWords(e.entity) + " records under the retention policy";
  }
  if (record.empty()) return who + " " + verb + " " + KindWords(e.entity) + " records";
  if (e.action == "create" || e.action == "import") {
    // "added the task T-2026-0031": a reference alone does not say what it is.
    const bool bare = entity != nullptr && entity->Find("reference") != nullptr &&
                      record == RecordName(e.entity, e.entity_id);
    return who + " " + verb + " " + (bare ? "the " + KindWords(e.entity) + " " + record : record);
  }
  return who + " " + verb + " " + record;
}

AuditRecordChoice FindAuditRecord(app::Services& services, const std::string& text_in,
                                  const std::string& entity, const app::Params& href_params) {
  AuditRecordChoice out;
  std::string text = text_in;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty()) return out;
  std::smatch m;
  static const std::regex kInsight(R"(^\s*insight\s+(\d{1,12})\s*$)", std::regex::icase);
  if (std::regex_match(text, m, kInsight)) {
    out.entity = "insight";
    ParseId(m[1].str(), &out.id);
    return out;
  }
  // Every named kind (or the one chosen), matched on its records' names: exactly first,
  // then as a part.
  std::vector<const domain::EntityDef*> kinds;
  if (const domain::EntityDef* chosen = domain::FindEntity(entity); chosen != nullptr) {
    kinds.push_back(chosen);
  } else {
    for (const domain::EntityDef* e : domain::AllEntities()) kinds.push_back(e);
  }
  struct Match {
    const domain::EntityDef* entity;
    int64_t id;
    std::string name;
  };
  std::vector<Match> exact, partial;
  const std::string wanted = Lower(text);
  for (const domain::EntityDef* e : kinds) {
    if (!IsNamed(*e)) continue;
    for (int64_t offset = 0;; offset += 500) {
      auto page = services.List(app::Actor::System(), *e,
                                {{"limit", "500"}, {"offset", std::to_string(offset)},
                                 {"archived", "include"}});
      if (!page.ok()) break;
      for (const Record& r : page->items) {
        const std::string name = RecordName(*e, r);
        const std::string lower = Lower(name);
        const std::string reference = Lower(PlainText(r.Get("reference")));
        const std::string code = e->code_field.empty() ? "" : Lower(PlainText(r.Get(e->code_field)));
        if (lower == wanted || reference == wanted || code == wanted) {
          exact.push_back({e, r.Id(), name});
        } else if (lower.find(wanted) != std::string::npos) {
          partial.push_back({e, r.Id(), name});
        }
      }
      if (offset + 500 >= page->total) break;
    }
  }
  const std::vector<Match>& found = exact.empty() ? partial : exact;
  if (found.size() == 1) {
    out.entity = found.front().entity->name;
    out.id = found.front().id;
    return out;
  }
  if (found.empty()) {
    out.error = "No record is called '" + text + "': give a task's reference (T-2026-0031), "
                "insight by its number (insight 12), or a record's name or title";
    return out;
  }
  out.error = std::to_string(found.size()) + " records match '" + text + "': choose one";
  for (size_t i = 0; i < found.size() && i < 20; ++i) {
    app::Params params;
    for (const auto& [k, v] : href_params) {
      if (k != "record" && k != "entity" && k != "entity_id" && k != "page") params.emplace_back(k, v);
    }
    params.emplace_back("entity", found[i].entity->name);
    params.emplace_back("entity_id", std::to_string(found[i].id));
    out.candidates.push_back({{"text", Capitalised(KindWords(found[i].entity->name)) + ": " + found[i].name},
                              {"href", PathWithQuery("/admin/audit", params)}});
  }
  return out;
}

json AuditActorOptions(AuditDescriber& describer, app::Services& services,
                       const std::string& chosen) {
  Names names(services, app::Actor::System());
  json out = json::array({{{"value", ""}, {"text", "Anyone"}}});
  bool found = chosen.empty();
  for (const json& o : names.Options("staff")) {
    const std::string value = "staff:" + o["value"].get<std::string>();
    out.push_back({{"value", value}, {"text", o["text"]}});
    found = found || value == chosen;
  }
  out.push_back({{"value", "system"}, {"text", "Lookout"}});
  found = found || chosen == "system";
  if (!found) out.push_back({{"value", chosen}, {"text", describer.ActorName(chosen)}});
  for (json& o : out) o["selected"] = o["value"] == chosen;
  return out;
}

json AuditActionOptions(const std::string& chosen) {
  json out = json::array({{{"value", ""}, {"text", "Anything"}}});
  bool found = chosen.empty();
  for (const ActionWords& a : Actions()) {
    out.push_back({{"value", a.action}, {"text", a.label}});
    found = found || chosen == a.action;
  }
  if (!found) out.push_back({{"value", chosen}, {"text", chosen}});
  for (json& o : out) o["selected"] = o["value"] == chosen;
  return out;
}

json AuditEntityOptions(const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const domain::EntityDef* e : domain::AllEntities()) kinds.emplace_back(e->label, e->name);
  for (const domain::EntityDef* e : domain::InternalEntities()) kinds.emplace_back(e->label, e->name);
  kinds.emplace_back("Audit trail (its exports)", "audit");
  std::sort(kinds.begin(), kinds.end());
  json out = json::array({{{"value", ""}, {"text", "Any kind"}}});
  bool found = chosen.empty();
  for (const auto& [label, name] : kinds) {
    out.push_back({{"value", name}, {"text", label}});
    found = found || chosen == name;
  }
  if (!found) out.push_back({{"value", chosen}, {"text", chosen}});
  for (json& o : out) o["selected"] = o["value"] == chosen;
  return out;
}

}  // namespace lookout::http::ui
