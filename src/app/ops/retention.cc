#include "app/ops/retention.h"

#include <charconv>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "app/records/record_checks.h"
#include "core/text.h"
#include "core/time.h"
#include "domain/rules.h"
#include "domain/schema.h"

namespace lookout::app {

namespace {

using domain::EntityDef;
using domain::FieldDef;

constexpr const char* kArchive = "retention_archive";
constexpr const char* kAnonymise = "retention_anonymise";
constexpr const char* kDelete = "retention_delete";
constexpr const char* kMarkerStart = "[removed under the retention policy on ";

// Records read per query while walking a table: bounded memory whatever its size.
constexpr int64_t kBatch = 200;

// Fields cleared by anonymisation besides free text: the police force narrows where
// something happened more than the region and location types, which reporting needs.
constexpr const char* kAlsoCleared[] = {"force"};

struct Limit {
  const char* key;
  int min;
  int max;
  int RetentionPolicy::*member;
};

const std::vector<Limit>& Limits() {
  static const std::vector<Limit> kLimits = {
      {"archive_after_months", 1, 1200, &RetentionPolicy::archive_after_months},
      {"anonymise_after_months", 0, 1200, &RetentionPolicy::anonymise_after_months},
      {"delete_after_months", 1, 1200, &RetentionPolicy::delete_after_months},
      {"session_days", 1, 3650, &RetentionPolicy::session_days},
      {"sign_in_attempt_days", 1, 3650, &RetentionPolicy::sign_in_attempt_days},
  };
  return kLimits;
}

std::string RangeMessage(const Limit& l) {
  return "must be a whole number from " + std::to_string(l.min) + " to " + std::to_string(l.max);
}

std::string Plural(int n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

Status AuthorizeRetention(const Actor& actor) {
  // As for the audit trail's tools: the lead's policy will subsume this check.
  const bool operator_actor =
      actor.id.rfind("cli:", 0) == 0 || actor.id == "system" || actor.id.rfind("system:", 0) == 0;
  if (operator_actor || actor.role == "admin") return Status::Ok();
  if (!actor.signed_in) {
    return Status(ErrorCode::kUnauthenticated, "Sign in as an administrator to apply retention.");
  }
  return Status(ErrorCode::kForbidden, "Only administrators may apply the retention policy.");
}

// The required free-text field whose text the anonymisation replaces with the marker
// (insight: the summary), or nullptr.
const FieldDef* MarkerField(const EntityDef& entity) {
  for (const FieldDef& f : entity.fields) {
    if (f.free_text && f.required && f.IsColumn()) return &f;
  }
  return nullptr;
}

bool IsAnonymised(const EntityDef& entity, const Record& record) {
  const FieldDef* marker = MarkerField(entity);
  if (marker == nullptr) return false;
  const Value& v = record.Get(marker->name);
  return v.is_text() && IsAnonymisedText(v.as_text());
}

// The changes that anonymise `record` on `today`: free text emptied (required free text
// replaced with the marker) and kAlsoCleared fields cleared, only where they differ.
Record AnonymisingChanges(const EntityDef& entity, const Record& record, const Date& today) {
  Record changes;
  for (const FieldDef& f : entity.fields) {
    if (!f.free_text || !f.IsColumn()) continue;
    changes.Set(f.name, f.required ? Value(AnonymisedText(today.ToString())) : Value());
  }
  for (const char* name : kAlsoCleared) {
    if (entity.Find(name) != nullptr) changes.Set(name, Value());
  }
  return internal::EffectiveChanges(record, changes);
}

// One retention run inside one write transaction.
class Run {
 public:
  Run(store::Transaction& tx, const Actor& actor, const RetentionPolicy& policy, const Clock& clock,
      RetentionReport& report)
      : tx_(tx),
        actor_(actor),
        policy_(policy),
        now_(clock.NowUnixSeconds()),
        today_(clock.Today()),
        meta_{actor.id, clock.NowTimestamp()},
        report_(report) {
    report_.today = today_.ToString();
  }

  Status ArchiveInsight() {
    const EntityDef& insight = domain::InsightEntity();
    // Past the review date: review_on before today.
    const std::string yesterday = today_.AddDays(-1).ToString();
    LOOKOUT_RETURN_IF_ERROR(
        ForEach(insight, {{"review_on", store::Condition::Op::kOnOrBefore, {Value(yesterday)}}},
                store::ListQuery::Archived::kExclude, [&](const Record& r, const Links& links) {
                  if (links.open.count(r.Id())) return Status::Ok();
                  return Archive(r, "retention policy: its review date (" +
                                        r.Get("review_on").ToDisplay() + ") has passed");
                }));
    // No review date and received more than archive_after_months ago.
    const std::string received_before =
        today_.AddMonths(-policy_.archive_after_months).AddDays(-1).ToString();
    return ForEach(insight,
                   {{"review_on", store::Condition::Op::kEq, {Value()}},
                    {"received_on", store::Condition::Op::kOnOrBefore, {Value(received_before)}}},
                   store::ListQuery::Archived::kExclude, [&](const Record& r, const Links& links) {
                     if (links.open.count(r.Id())) return Status::Ok();
                     return Archive(r, "retention policy: no review date and received more than " +
                                           Plural(policy_.archive_after_months, "month") +
                                           " ago (" + r.Get("received_on").ToDisplay() + ")");
                   });
  }

  Status AnonymiseInsight() {
    const EntityDef& insight = domain::InsightEntity();
    // Archived before the day anonymise_after_months ago.
    const std::string archived_before =
        today_.AddMonths(-policy_.anonymise_after_months).AddDays(-1).ToString() + "T23:59:59Z";
    return ForEach(insight,
                   {{"archived_at", store::Condition::Op::kOnOrBefore, {Value(archived_before)}}},
                   store::ListQuery::Archived::kOnly, [&](const Record& r, const Links& links) {
                     if (links.open.count(r.Id()) || IsAnonymised(insight, r)) return Status::Ok();
                     const std::string archived_at = r.Get("archived_at").ToDisplay();
                     Record changes = AnonymisingChanges(insight, r, today_);
                     const std::string rule = "retention policy: archived more than " +
                                              Plural(policy_.anonymise_after_months, "month") +
                                              " ago (" + archived_at.substr(0, 10) + ")";
                     LOOKOUT_RETURN_IF_ERROR(
                         tx_.Update(insight, r.Id(), r.Get("version").as_int(), changes, meta_));
                     return Audit(kAnonymise, insight, r.Id(),
                                  internal::DescribeChanges(insight, r, changes), rule);
                   });
  }

  Status DeleteInsight() {
    const EntityDef& insight = domain::InsightEntity();
    const std::string received_before =
        today_.AddMonths(-policy_.delete_after_months).AddDays(-1).ToString();
    return ForEach(
        insight, {{"received_on", store::Condition::Op::kOnOrBefore, {Value(received_before)}}},
        store::ListQuery::Archived::kOnly, [&](const Record& r, const Links& links) {
          if (links.any.count(r.Id()) || !IsAnonymised(insight, r)) return Status::Ok();
          LOOKOUT_RETURN_IF_ERROR(tx_.Delete(insight, r.Id(), r.Get("version").as_int()));
          return Audit(kDelete, insight, r.Id(), "{}",
                       "retention policy: anonymised, received more than " +
                           Plural(policy_.delete_after_months, "month") + " ago (" +
                           r.Get("received_on").ToDisplay() + ") and answered by no task");
        });
  }

  // Sessions that ended, or expired, more than session_days ago.
  Status DeleteSessions() {
    const EntityDef& session = domain::SessionEntity();
    const std::string before = FormatTimestamp(now_ - int64_t{86400} * policy_.session_days - 1);
    const std::string rule = "retention policy: ended or expired more than " +
                             Plural(policy_.session_days, "day") + " ago";
    int64_t deleted = 0;
    for (const char* field : {"ended_at", "expires_at"}) {
      LOOKOUT_RETURN_IF_ERROR(DeleteAll(
          session, {{field, store::Condition::Op::kOnOrBefore, {Value(before)}}}, rule, deleted));
    }
    return Summarise(session, deleted, rule);
  }

  Status DeleteSignInAttempts() {
    const EntityDef& attempt = domain::SignInAttemptEntity();
    const std::string before =
        FormatTimestamp(now_ - int64_t{86400} * policy_.sign_in_attempt_days - 1);
    const std::string rule =
        "retention policy: made more than " + Plural(policy_.sign_in_attempt_days, "day") + " ago";
    int64_t deleted = 0;
    LOOKOUT_RETURN_IF_ERROR(DeleteAll(
        attempt, {{"at", store::Condition::Op::kOnOrBefore, {Value(before)}}}, rule, deleted));
    return Summarise(attempt, deleted, rule);
  }

 private:
  // The records of a batch that tasks refer to: by any task, and by an open one.
  struct Links {
    std::set<int64_t> any;
    std::set<int64_t> open;
  };

  Result<Links> TaskLinks(const std::vector<Record>& insight) {
    Links links;
    if (insight.empty()) return links;
    std::set<int64_t> ids;
    Value::List values;
    for (const Record& r : insight) {
      ids.insert(r.Id());
      values.emplace_back(r.Id());
    }
    store::ListQuery q;
    q.where = {{"insights", store::Condition::Op::kHasAny, std::move(values)}};
    q.archived = store::ListQuery::Archived::kInclude;
    q.limit = 0;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page tasks, tx_.List(domain::TaskEntity(), q));
    for (const Record& task : tasks.items) {
      const Value& status = task.Get("status");
      // A task whose status is unknown counts as open: keeping too much is the safe error.
      const bool open = !status.is_text() || !domain::IsTerminalTaskStatus(status.as_text());
      const Value& answered = task.Get("insights");
      if (!answered.is_list()) continue;
      for (const Value& v : answered.as_list()) {
        if (!v.is_int() || ids.count(v.as_int()) == 0) continue;
        links.any.insert(v.as_int());
        if (open) links.open.insert(v.as_int());
      }
    }
    return links;
  }

  // Calls `visit` for every record of `entity` matching `where` in id order, reading a
  // batch at a time. Paging by id rather than by offset, so that records a visit changes
  // (and that then no longer match) do not shift the pages.
  Status ForEach(const EntityDef& entity, std::vector<store::Condition> where,
                 store::ListQuery::Archived archived,
                 const std::function<Status(const Record&, const Links&)>& visit) {
    int64_t next = 1;
    while (true) {
      store::ListQuery q;
      q.where = where;
      q.where.push_back({"id", store::Condition::Op::kOnOrAfter, {Value(next)}});
      q.archived = archived;
      q.sort_field = "id";
      q.limit = kBatch;
      LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx_.List(entity, q));
      if (page.items.empty()) return Status::Ok();
      next = page.items.back().Id() + 1;
      Links links;
      if (&entity == &domain::InsightEntity()) {
        LOOKOUT_ASSIGN_OR_RETURN(links, TaskLinks(page.items));
      }
      for (const Record& r : page.items) LOOKOUT_RETURN_IF_ERROR(visit(r, links));
      if (static_cast<int64_t>(page.items.size()) < kBatch) return Status::Ok();
    }
  }

  Status Archive(const Record& r, const std::string& rule) {
    const EntityDef& insight = domain::InsightEntity();
    LOOKOUT_RETURN_IF_ERROR(
        tx_.SetArchived(insight, r.Id(), r.Get("version").as_int(), true, meta_));
    Record after;
    after.Set("archived", true);
    after.Set("archived_at", meta_.at);
    return Audit(kArchive, insight, r.Id(), internal::DescribeChanges(insight, r, after), rule);
  }

  // Deletes every record of `entity` matching `where`, counting them in `deleted`.
  Status DeleteAll(const EntityDef& entity, std::vector<store::Condition> where,
                   const std::string& rule, int64_t& deleted) {
    return ForEach(entity, std::move(where), store::ListQuery::Archived::kInclude,
                   [&](const Record& r, const Links&) {
                     LOOKOUT_RETURN_IF_ERROR(tx_.Delete(entity, r.Id(), r.Get("version").as_int()));
                     report_.actions.push_back({kDelete, entity.name, r.Id(), rule});
                     ++deleted;
                     return Status::Ok();
                   });
  }

  // Sessions and sign-in attempts are security logs rather than programme records: one
  // entry per kind and run records how many went, where one per row would only repeat
  // the sign-in entries the trail already holds.
  Status Summarise(const EntityDef& entity, int64_t deleted, const std::string& rule) {
    if (deleted == 0) return Status::Ok();
    nlohmann::ordered_json changes = {{"deleted", deleted}};
    return tx_.AppendAudit(Entry(kDelete, entity, 0, changes.dump(), rule));
  }

  store::AuditEntry Entry(const char* action, const EntityDef& entity, int64_t id,
                          std::string changes, std::string reason) const {
    store::AuditEntry e;
    e.at = meta_.at;
    e.actor = actor_.id;
    e.address = actor_.address;
    e.request_id = actor_.request_id;
    e.action = action;
    e.entity = entity.name;
    e.entity_id = id;
    e.changes = std::move(changes);
    e.reason = std::move(reason);
    return e;
  }

  // Writes the audit entry of one record's action and adds the action to the report.
  Status Audit(const char* action, const EntityDef& entity, int64_t id, std::string changes,
               const std::string& rule) {
    LOOKOUT_RETURN_IF_ERROR(tx_.AppendAudit(Entry(action, entity, id, std::move(changes), rule)));
    report_.actions.push_back({action, entity.name, id, rule});
    return Status::Ok();
  }

  store::Transaction& tx_;
  const Actor& actor_;
  const RetentionPolicy& policy_;
  int64_t now_;
  Date today_;
  store::WriteMeta meta_;
  RetentionReport& report_;
};

}  // namespace

const std::vector<std::string>& RetentionPolicy::Keys() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> keys;
    for (const Limit& l : Limits()) keys.push_back(l.key);
    return keys;
  }();
  return kKeys;
}

Status RetentionPolicy::Set(std::string_view key, std::string_view value) {
  for (const Limit& l : Limits()) {
    if (key != l.key) continue;
    std::string_view text = TrimSpace(value);
    int n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || n < l.min ||
        n > l.max) {
      return Status::Validation({{std::string(key), RangeMessage(l)}});
    }
    this->*l.member = n;
    return Status::Ok();
  }
  std::string keys;
  for (const std::string& k : Keys()) keys += (keys.empty() ? "" : ", ") + k;
  return Status::Validation(
      {{std::string(key), "is not a setting of the retention policy; the settings are: " + keys}});
}

Status RetentionPolicy::Validate() const {
  std::vector<FieldError> errors;
  for (const Limit& l : Limits()) {
    const int n = this->*l.member;
    if (n < l.min || n > l.max) errors.push_back({l.key, RangeMessage(l)});
  }
  if (!errors.empty()) {
    return Status::Validation(std::move(errors), "The retention settings are not valid.");
  }
  return Status::Ok();
}

Status RetentionPolicy::Load(std::string_view text) {
  std::vector<FieldError> errors;
  auto add = [&errors](const Status& status, const std::string& where) {
    for (const FieldError& e : status.fields()) {
      errors.push_back({where.empty() ? e.field : where + ", " + e.field, e.message});
    }
  };
  if (std::string_view body = TrimSpace(text); !body.empty() && body.front() == '{') {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::Validation({{"file", "is not a valid JSON object"}},
                                "The retention settings could not be read.");
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_number_integer()) {
        errors.push_back({it.key(), "must be a whole number"});
        continue;
      }
      add(Set(it.key(), std::to_string(it.value().get<int64_t>())), "");
    }
  } else {
    int line_number = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = TrimSpace(text.substr(start, end - start));
      start = end + 1;
      ++line_number;
      if (line.empty() || line.front() == '#') continue;
      const std::string where = "line " + std::to_string(line_number);
      size_t eq = line.find('=');
      if (eq == std::string_view::npos) {
        errors.push_back({where, "expected 'setting = value'"});
        continue;
      }
      add(Set(TrimSpace(line.substr(0, eq)), line.substr(eq + 1)), where);
    }
  }
  if (!errors.empty()) {
    return Status::Validation(std::move(errors), "The retention settings are not valid.");
  }
  return Status::Ok();
}

std::string RetentionPolicy::ToText() const {
  std::string out;
  for (const Limit& l : Limits())
    out += std::string(l.key) + " = " + std::to_string(this->*l.member) + "\n";
  return out;
}

std::map<std::string, int64_t> RetentionReport::Summary() const {
  std::map<std::string, int64_t> out;
  for (const RetentionAction& a : actions) ++out[a.action + " " + a.entity];
  return out;
}

std::string AnonymisedText(const std::string& date) { return kMarkerStart + date + "]"; }

bool IsAnonymisedText(std::string_view text) {
  const std::string_view start = kMarkerStart;
  // The marker, a YYYY-MM-DD date and the closing bracket, exactly.
  return text.size() == start.size() + 11 && text.substr(0, start.size()) == start &&
         text.back() == ']' && Date::Parse(text.substr(start.size(), 10)).has_value();
}

Result<RetentionReport> RunRetention(Services& services, const Actor& actor,
                                     const RetentionPolicy& policy, bool dry_run) {
  LOOKOUT_RETURN_IF_ERROR(AuthorizeRetention(actor));
  LOOKOUT_RETURN_IF_ERROR(policy.Validate());

  // One transaction for the whole run: a dry run rolls it back, so it reports exactly what
  // the same run would do (insight anonymised and then deleted in one run included), and
  // a failure part-way leaves nothing half done.
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(true));
  RetentionReport report;
  report.dry_run = dry_run;
  Run run(*tx, actor, policy, services.clock(), report);
  LOOKOUT_RETURN_IF_ERROR(run.ArchiveInsight());
  LOOKOUT_RETURN_IF_ERROR(run.AnonymiseInsight());
  LOOKOUT_RETURN_IF_ERROR(run.DeleteInsight());
  LOOKOUT_RETURN_IF_ERROR(run.DeleteSessions());
  LOOKOUT_RETURN_IF_ERROR(run.DeleteSignInAttempts());
  if (!dry_run) LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace lookout::app
