// Listing: turning query-string parameters into a checked store::ListQuery.
#include <algorithm>
#include <charconv>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app/records/policy.h"
#include "app/reports/report_queries.h"
#include "app/records/services.h"
#include "domain/rules.h"

namespace lookout::app {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

constexpr int64_t kMaxLimit = 500;

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool ParseInt(const std::string& text, int64_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// The element definition of a set field, so each value parses as one code or id.
FieldDef ElementOf(const FieldDef& f) {
  FieldDef e = f;
  if (f.type == FieldType::kEnumSet) e.type = FieldType::kEnum;
  if (f.type == FieldType::kRefSet) e.type = FieldType::kRef;
  return e;
}

// The date field that a key "<field>_from" or "<field>_to" bounds, or nullptr.
const FieldDef* DateBoundField(const EntityDef& entity, const std::string& key) {
  for (const char* suffix : {"_from", "_to"}) {
    const std::string end(suffix);
    if (key.size() <= end.size() || key.compare(key.size() - end.size(), end.size(), end) != 0) continue;
    const FieldDef* f = entity.Find(key.substr(0, key.size() - end.size()));
    if (f != nullptr && f->type == FieldType::kDate) return f;
  }
  return nullptr;
}

std::string FilterNames(const EntityDef& entity) {
  std::string out;
  for (const ParamDoc& p : Services::ListParameters(entity)) {
    out += (out.empty() ? "" : ", ") + p.name;
  }
  return out;
}

bool IsSortable(const EntityDef& entity, const std::string& name) {
  if (name == "id" || name == "created_at" || name == "updated_at") return true;
  const FieldDef* f = entity.Find(name);
  return f != nullptr && f->IsColumn() && f->type != FieldType::kChildren;
}

// The field a "region" parameter filters by, when the entity's region field has another
// name; nullptr otherwise.
const FieldDef* RegionAlias(const EntityDef& entity) {
  if (entity.region_field.empty() || entity.Find("region") != nullptr) return nullptr;
  const FieldDef* f = entity.Find(entity.region_field);
  return f != nullptr && f->filter ? f : nullptr;
}

// What one value of a filter on `f` is, for its description.
std::string FilterValue(const FieldDef& f) {
  switch (f.type) {
    case FieldType::kEnum:
    case FieldType::kEnumSet:
      return "a code of the vocabulary " + f.target;
    case FieldType::kRef:
    case FieldType::kRefSet: {
      const EntityDef* target = domain::FindEntity(f.target);
      const std::string label = target != nullptr ? target->label : f.target;
      return (target != nullptr && target->IsReference() ? "the code of the " : "the id of the ") +
             label + " it refers to";
    }
    case FieldType::kBool:
      return "true or false";
    case FieldType::kInt:
      return "a whole number";
    case FieldType::kDate:
      return "a date, YYYY-MM-DD";
    default:
      return "the exact text";
  }
}

ParamDoc FilterParam(const std::string& name, const FieldDef& f) {
  ParamDoc p;
  p.name = name;
  p.description = f.label + ": " + FilterValue(f) + ". Several values separated by ',' match " +
                  (f.IsSet() ? "a record holding any of them." : "any of them.");
  return p;
}

ParamDoc DateParam(std::string name, std::string description) {
  ParamDoc p;
  p.name = std::move(name);
  p.description = std::move(description);
  p.format = "date";
  return p;
}

// Filters through another record or through a record's rows, for the lists a report's
// figures link to: the activities of tasks with a theme, the activities that reached
// professionals of a sector.
struct RelatedFilter {
  const char* entity;       // the kind listed
  const char* name;         // the parameter
  const char* through;      // its reference field (task) or children field (audience)
  const char* field;        // the field of the record referred to, or of the rows
  const char* description;  // for the parameter's documentation
};
constexpr RelatedFilter kRelatedFilters[] = {
    {"activity", "theme", "task", "themes",
     "Activities of tasks with this theme: a code of the vocabulary theme. Several values "
     "separated by ',' match a task with any of them."},
    {"activity", "sector", "audience", "sector",
     "Activities that reached professionals of this sector: the code of the Sector. Several "
     "values separated by ',' match any of them."},
};

const RelatedFilter* FindRelatedFilter(const EntityDef& entity, const std::string& name) {
  for (const RelatedFilter& r : kRelatedFilters) {
    if (entity.name == r.entity && name == r.name) return &r;
  }
  return nullptr;
}

// The condition a related filter makes, `tx` finding the records referred to.
Result<store::Condition> RelatedCondition(store::Transaction& tx, const EntityDef& entity,
                                          const RelatedFilter& related, const std::string& raw,
                                          std::vector<FieldError>& errors) {
  const FieldDef* through = entity.Find(related.through);
  const bool rows = through->type == FieldType::kChildren;
  const EntityDef& target = rows ? domain::ChildEntity(*through) : *domain::FindEntity(through->target);
  const FieldDef element = ElementOf(*target.Find(related.field));
  std::vector<Value> values;
  for (const std::string& part : SplitComma(raw)) {
    auto value = domain::ParseFieldText(element, part);
    if (!value.ok()) {
      errors.push_back({related.name, value.status().message()});
    } else if (value->is_null()) {
      errors.push_back({related.name, "give a value to filter by"});
    } else {
      values.push_back(std::move(value).value());
    }
  }
  if (rows) return store::Condition{through->name, store::Condition::Op::kIn, values, related.field};
  // The records referred to that match, archived ones included (their activities still
  // count in reports).
  store::ListQuery matching;
  matching.where = {{related.field, store::Condition::Op::kHasAny, values}};
  matching.archived = store::ListQuery::Archived::kInclude;
  matching.limit = 0;
  std::vector<Value> ids;
  if (!values.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(store::Page found, tx.List(target, matching));
    for (const Record& r : found.items) ids.emplace_back(r.Id());
  }
  return store::Condition{through->name, store::Condition::Op::kIn, std::move(ids), ""};
}

}  // namespace

std::vector<ParamDoc> PagingParameters(const std::string& things, int64_t default_limit,
                                       int64_t max_limit) {
  ParamDoc limit;
  limit.name = "limit";
  limit.description = "How many " + things + " per page.";
  limit.type = "integer";
  limit.minimum = 1;
  limit.maximum = max_limit;
  limit.default_value = std::to_string(default_limit);
  ParamDoc offset;
  offset.name = "offset";
  offset.description = "How many matching " + things + " to skip.";
  offset.type = "integer";
  offset.minimum = 0;
  offset.default_value = "0";
  return {std::move(limit), std::move(offset)};
}

std::vector<ParamDoc> Services::ListParameters(const EntityDef& entity) {
  std::vector<ParamDoc> out;
  for (const FieldDef& f : entity.fields) {
    if (f.filter) out.push_back(FilterParam(f.name, f));
  }
  for (const RelatedFilter& r : kRelatedFilters) {
    if (entity.name != r.entity) continue;
    ParamDoc p;
    p.name = r.name;
    p.description = r.description;
    out.push_back(std::move(p));
  }
  if (const FieldDef* region = RegionAlias(entity)) {
    ParamDoc p = FilterParam("region", *region);
    p.description = "The same filter as " + region->name + ". " + p.description;
    out.push_back(std::move(p));
  }
  if (const FieldDef* date = entity.Find(entity.date_field)) {
    const std::string what = "Records whose " + date->name + " is ";
    out.push_back(DateParam("from", what + "on or after this day."));
    out.push_back(DateParam("to", what + "on or before this day."));
    ParamDoc period;
    period.name = "period";
    period.description = what + "in this financial year (2025-26) or quarter of one (2025-26 Q3).";
    out.push_back(std::move(period));
  }
  for (const FieldDef& f : entity.fields) {
    if (f.type != FieldType::kDate) continue;
    out.push_back(DateParam(f.name + "_from", "Records whose " + f.name + " is on or after this day."));
    out.push_back(DateParam(f.name + "_to", "Records whose " + f.name + " is on or before this day."));
  }
  std::string searched;
  for (const FieldDef& f : entity.fields) {
    if (f.search) searched += (searched.empty() ? "" : ", ") + f.name;
  }
  ParamDoc q;
  q.name = "q";
  q.description = "Text search, any case, at most 200 characters" +
                  (searched.empty() ? std::string(" (this kind has no searchable field).")
                                    : " in " + searched + ".");
  out.push_back(std::move(q));
  ParamDoc archived;
  archived.name = "archived";
  archived.description = "Whether archived records are left out, listed too, or listed alone.";
  archived.allowed = {"exclude", "include", "only"};
  archived.default_value = "exclude";
  out.push_back(std::move(archived));
  ParamDoc sort;
  sort.name = "sort";
  sort.description = "The field to sort by, '-' first for descending; ties are broken by id.";
  std::vector<std::string> sortable = {"id", "created_at", "updated_at"};
  for (const FieldDef& f : entity.fields) {
    if (IsSortable(entity, f.name) && f.name != "id") sortable.push_back(f.name);
  }
  for (const std::string& name : sortable) {
    sort.allowed.push_back(name);
    sort.allowed.push_back("-" + name);
  }
  sort.default_value = (entity.sort_descending ? "-" : "") + entity.sort_field;
  out.push_back(std::move(sort));
  for (ParamDoc& p : PagingParameters("records", store::ListQuery().limit, kMaxLimit)) {
    out.push_back(std::move(p));
  }
  return out;
}

store::AuditEntry Services::DisclosureEntry(const Actor& actor, const std::string& action,
                                            const EntityDef& entity,
                                            const std::vector<Record>& records,
                                            const Params& params) const {
  nlohmann::ordered_json what = nlohmann::ordered_json::object();
  what["count"] = records.size();
  if (records.size() <= 500) {
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    for (const Record& r : records) ids.push_back(r.Id());
    what["ids"] = std::move(ids);
  }
  if (!params.empty()) {
    nlohmann::ordered_json query = nlohmann::ordered_json::object();
    for (const auto& [k, v] : params) {
      // The search text may be a name someone typed: record that there was one.
      query[k] = k == "q" ? nlohmann::ordered_json("(search text)") : nlohmann::ordered_json(v);
    }
    what["query"] = std::move(query);
  }
  store::AuditEntry e;
  e.at = clock_.NowTimestamp();
  e.actor = actor.id;
  e.address = actor.address;
  e.request_id = actor.request_id;
  e.action = action;
  e.entity = entity.name;
  e.entity_id = 0;
  e.changes = what.dump();
  return e;
}

namespace {

// The list query `params` ask for, checked against the entity's definition, confined to
// what the actor may read. kValidation naming every parameter that is wrong.
Result<store::ListQuery> ParseListQuery(store::Transaction& tx, const Actor& actor,
                                        const EntityDef& entity, const Params& params) {
  store::ListQuery query;
  std::vector<FieldError> errors;
  std::optional<int> fy_start;

  for (const auto& [key, raw] : params) {
    if (!domain::IsWellFormedUtf8(key) || !domain::IsWellFormedUtf8(raw)) {
      errors.push_back(
          {domain::IsWellFormedUtf8(key) ? key : "(parameter)", "is not valid UTF-8 text"});
      continue;
    }
    const FieldDef* field = entity.Find(key);
    if (field == nullptr && key == "region") field = RegionAlias(entity);
    if (field != nullptr && field->filter) {
      const FieldDef element = ElementOf(*field);
      store::Condition cond;
      cond.field = field->name;
      for (const std::string& part : SplitComma(raw)) {
        auto value = domain::ParseFieldText(element, part);
        if (!value.ok()) {
          errors.push_back({key, value.status().message()});
        } else if (value->is_null()) {
          errors.push_back({key, "give a value to filter by"});
        } else {
          cond.values.push_back(std::move(value).value());
        }
      }
      if (field->IsSet()) {
        cond.op = store::Condition::Op::kHasAny;
      } else {
        cond.op = cond.values.size() > 1 ? store::Condition::Op::kIn : store::Condition::Op::kEq;
      }
      if (!cond.values.empty()) query.where.push_back(std::move(cond));
    } else if (key == "q") {
      if (raw.size() > 200) errors.push_back({key, "search for at most 200 characters"});
      query.search = raw;
    } else if (key == "limit" || key == "offset") {
      int64_t n = 0;
      if (!ParseInt(raw, n) || n < 0 || (key == "limit" && (n < 1 || n > kMaxLimit))) {
        errors.push_back({key, key == "limit" ? "expected a whole number from 1 to 500"
                                              : "expected a whole number, 0 or more"});
      } else if (key == "limit") {
        query.limit = n;
      } else {
        query.offset = n;
      }
    } else if (key == "archived") {
      if (raw == "exclude")
        query.archived = store::ListQuery::Archived::kExclude;
      else if (raw == "include")
        query.archived = store::ListQuery::Archived::kInclude;
      else if (raw == "only")
        query.archived = store::ListQuery::Archived::kOnly;
      else
        errors.push_back({key, "expected exclude, include or only"});
    } else if (key == "sort") {
      const bool desc = !raw.empty() && raw[0] == '-';
      const std::string name = desc ? raw.substr(1) : raw;
      if (!IsSortable(entity, name)) {
        errors.push_back({key, "cannot sort by '" + name + "'"});
      } else {
        query.sort_field = name;
        query.descending = desc;
      }
    } else if ((key == "from" || key == "to" || key == "period") && !entity.date_field.empty()) {
      std::string first, last;
      if (key == "period") {
        auto period = domain::Period::Parse(raw);
        if (!period) {
          errors.push_back(
              {key, "expected a financial year like 2025-26 or a quarter like 2025-26 Q3"});
          continue;
        }
        if (!fy_start) {
          auto m = FinancialYearStartMonthIn(tx);
          if (!m.ok()) return m.TakeStatus();
          fy_start = *m;
        }
        first = period->First(*fy_start).ToString();
        last = period->Last(*fy_start).ToString();
      } else if (!Date::Parse(raw)) {
        errors.push_back({key, "expected a date as YYYY-MM-DD, e.g. 2026-03-09"});
        continue;
      } else {
        (key == "from" ? first : last) = raw;
      }
      if (!first.empty()) {
        query.where.push_back({entity.date_field, store::Condition::Op::kOnOrAfter, {first}});
      }
      if (!last.empty()) {
        query.where.push_back({entity.date_field, store::Condition::Op::kOnOrBefore, {last}});
      }
    } else if (const FieldDef* date = DateBoundField(entity, key)) {
      // delivered_on_from / delivered_on_to: bounds on any date field.
      if (!Date::Parse(raw)) {
        errors.push_back({key, "expected a date as YYYY-MM-DD, e.g. 2026-03-09"});
        continue;
      }
      const bool from = key.size() > 5 && key.compare(key.size() - 5, 5, "_from") == 0;
      query.where.push_back({date->name,
                             from ? store::Condition::Op::kOnOrAfter : store::Condition::Op::kOnOrBefore,
                             {Value(raw)}});
    } else if (const RelatedFilter* related = FindRelatedFilter(entity, key)) {
      LOOKOUT_ASSIGN_OR_RETURN(store::Condition cond, RelatedCondition(tx, entity, *related, raw, errors));
      query.where.push_back(std::move(cond));
    } else {
      errors.push_back({key, "is not a filter of " + entity.plural +
                                 "; the filters are: " + FilterNames(entity)});
    }
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  query.scope_any = policy::ReadScope(actor, entity);
  return query;
}

}  // namespace

Result<store::Page> Services::List(const Actor& actor, const EntityDef& entity,
                                   const Params& params) {
  return ListWithin(actor, entity, params, {}, policy::ReadScope(actor, entity));
}

Result<store::Page> Services::ListAttachable(const Actor& actor, const EntityDef& entity,
                                             const Params& params) {
  policy::AttachScope scope = policy::AttachableScope(actor, entity);
  return ListWithin(actor, entity, params, std::move(scope.all), std::move(scope.any));
}

Result<store::Page> Services::ListWithin(const Actor& actor, const EntityDef& entity,
                                         const Params& params, std::vector<store::Condition> all,
                                         std::vector<store::Condition> any) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, entity));
  // Listing insight shows its summaries: a consultation, recorded with what was shown.
  const bool consult = entity.name == "insight" && !policy::IsOperator(actor);
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(consult));
  LOOKOUT_ASSIGN_OR_RETURN(store::ListQuery query, ParseListQuery(*tx, actor, entity, params));
  query.where.insert(query.where.begin(), std::make_move_iterator(all.begin()),
                     std::make_move_iterator(all.end()));
  query.scope_any = std::move(any);
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(entity, query));
  if (consult) {
    LOOKOUT_RETURN_IF_ERROR(
        tx->AppendAudit(DisclosureEntry(actor, "consult", entity, page.items, params)));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  }
  return page;
}

Result<std::vector<store::ReachRow>> Services::ListReach(const Actor& actor, const Params& params) {
  const EntityDef& activity = domain::ActivityEntity();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, activity));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  Params filters;
  for (const auto& [key, value] : params) {
    if (key != "limit" && key != "offset" && key != "sort") filters.emplace_back(key, value);
  }
  LOOKOUT_ASSIGN_OR_RETURN(store::ListQuery query, ParseListQuery(*tx, actor, activity, filters));
  return tx->AggregateReachOf(query);
}

Status Services::RecordDisclosure(const Actor& actor, const std::string& entity, int64_t id,
                                  const Params& what) {
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
  for (const auto& [key, value] : what) details[key] = value;
  store::AuditEntry e;
  e.at = clock_.NowTimestamp();
  e.actor = actor.id;
  e.address = actor.address;
  e.request_id = actor.request_id;
  e.action = "export";
  e.entity = entity;
  e.entity_id = id;
  e.changes = details.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(e));
  return tx->Commit();
}

Result<std::vector<Record>> Services::ExportAll(const Actor& actor, const EntityDef& entity,
                                                const Progress& progress) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, entity));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  store::ListQuery query;
  query.scope_any = policy::ReadScope(actor, entity);
  query.archived = store::ListQuery::Archived::kInclude;
  query.sort_field = "id";
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(entity, query));
  // Every export is a disclosure, on record with who took what.
  LOOKOUT_RETURN_IF_ERROR(
      tx->AppendAudit(DisclosureEntry(actor, "export", entity, page.items, {})));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  if (progress) progress(page.total, page.total);
  return std::move(page.items);
}

}  // namespace lookout::app
