#include "app/reports/publish.h"

#include <optional>
#include <set>

#include "app/records/use_case_metrics.h"
#include "app/records/policy.h"
#include "app/reports/produce_report.h"
#include "app/records/record_checks.h"
#include "app/reports/report_queries.h"
#include "domain/disclosure.h"
#include "domain/rules.h"
#include "core/metrics.h"
#include "report/render.h"

namespace lookout::app {

namespace {

const domain::EntityDef& ReportDef() { return domain::PublishedReportEntity(); }

bool Flag(const Record& r, const char* field) { return r.Get(field) == Value(true); }

// Every figure an inline run names.
void FiguresOf(const report::Inline& text, std::set<std::string>& out) {
  for (const report::Span& s : text) {
    if (s.kind == report::Span::Kind::kFigure) out.insert(s.figure);
  }
}

}  // namespace

LockDating LockDatingOf(const domain::EntityDef& entity) {
  const std::string& n = entity.name;
  if (n == "activity") return {"start_on", "start_on"};
  if (n == "campaign") return {"start_on", "end_on"};
  if (n == "outcome_event") return {"occurred_on", "occurred_on"};
  if (n == "quote") return {"collected_on", "collected_on"};
  if (n == "survey_response") return {"responded_on", "responded_on"};
  if (n == "task") return {"delivered_on", "delivered_on"};
  if (n == "case_study" || n == "survey") return {"period", "period", true};
  return {};
}

bool LockCovers(const PeriodLock& lock, const domain::EntityDef& entity, const Record& record,
                int fy_start_month) {
  const LockDating dating = LockDatingOf(entity);
  if (dating.from.empty()) return false;
  // The dates a record's figures count it by.
  std::string from, to;
  if (dating.period) {
    auto p = domain::Period::Parse(record.Get(dating.from).ToDisplay());
    if (!p) return false;
    from = p->First(fy_start_month).ToString();
    to = p->Last(fy_start_month).ToString();
  } else {
    const Value& start = record.Get(dating.from);
    if (start.is_null()) return false;
    from = to = start.ToDisplay();
    if (!record.Get(dating.to).is_null()) to = record.Get(dating.to).ToDisplay();
  }
  if (to < lock.first || from > lock.last) return false;
  if (lock.region.empty() || entity.region_field.empty()) return true;
  const Value& region = record.Get(entity.region_field);
  if (region.is_list()) {
    for (const Value& v : region.as_list()) {
      if (v.ToDisplay() == lock.region) return true;
    }
    return false;
  }
  return region.ToDisplay() == lock.region;
}

Result<std::vector<PeriodLock>> LockedPeriods(Services& services, const Actor& actor) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeAggregate(actor));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  return locks.locks();
}

Result<std::vector<std::string>> CheckClaims(const report::ReportDoc& doc, store::Transaction& tx) {
  std::vector<std::string> problems;
  // No percentage without its base.
  for (const report::Figure& f : doc.figures) {
    if (!f.IsProportion()) continue;
    if (f.suppressed) {
      if (f.value || f.base || f.interval) {
        problems.push_back("'" + f.label + "' is withheld but still carries its value or base.");
      }
      continue;
    }
    if (!f.value || !f.base || *f.base <= 0) {
      problems.push_back("'" + f.label + "' is a percentage without a base.");
    } else if (*f.base < doc.threshold) {
      problems.push_back("'" + f.label + "' has a base of " + std::to_string(*f.base) +
                         ", under the threshold of " + std::to_string(doc.threshold) + ".");
    } else if (*f.value > *f.base) {
      problems.push_back("'" + f.label + "' counts more positive answers than respondents.");
    }
  }
  std::set<std::string> named;
  for (const report::Section& section : doc.sections) {
    for (const report::Block& b : section.blocks) {
      FiguresOf(b.text, named);
      for (const report::Inline& item : b.items) FiguresOf(item, named);
      if (b.kind != report::Block::Kind::kTable) continue;
      const report::DocTable& t = b.table;
      // No suppressed cell recoverable from what the table and the headlines publish.
      std::vector<std::vector<int64_t>> cells;
      domain::SuppressedTable pattern;
      for (const auto& row : t.rows) {
        std::vector<int64_t> line;
        std::vector<domain::Suppression> flags;
        for (size_t c = 1; c < row.size(); ++c) {
          line.push_back(row[c].number ? static_cast<int64_t>(*row[c].number) : 0);
          flags.push_back(row[c].suppressed ? domain::Suppression::kPrimary : domain::Suppression::kShown);
          if (row[c].suppressed && row[c].number) {
            problems.push_back("A withheld cell of '" + t.title + "' still carries its number.");
          }
          if (!row[c].figure.empty()) named.insert(row[c].figure);
        }
        cells.push_back(std::move(line));
        pattern.cells.push_back(std::move(flags));
      }
      pattern.row_total_suppressed.assign(cells.size(), false);
      pattern.column_total_suppressed.assign(cells.empty() ? 0 : cells[0].size(), false);
      for (size_t c = 1; c < t.column_total_withheld.size(); ++c) {
        if (c - 1 < pattern.column_total_suppressed.size()) {
          pattern.column_total_suppressed[c - 1] = t.column_total_withheld[c];
        }
      }
      if (!domain::NoCellRecoverable(cells, pattern, false, t.column_totals_published)) {
        problems.push_back("In '" + t.title + "', a withheld count could be worked out from the "
                           "total and the counts shown.");
      }
    }
  }
  for (const std::string& id : named) {
    if (doc.FindFigure(id) == nullptr) problems.push_back("The text names a figure '" + id + "' that the report does not hold.");
  }
  // No quote without consent and approval; no unapproved case study.
  for (int64_t id : doc.quote_ids) {
    auto q = tx.Get(*domain::FindEntity("quote"), id);
    if (!q.ok()) {
      if (q.status().code() != ErrorCode::kNotFound) return q.TakeStatus();
      problems.push_back("Quote " + std::to_string(id) + " no longer exists.");
      continue;
    }
    if (!Flag(*q, "consent_given")) problems.push_back("Quote " + std::to_string(id) + " has no recorded consent.");
    if (!Flag(*q, "approved")) problems.push_back("Quote " + std::to_string(id) + " is not approved for publication.");
    if (Flag(*q, "archived")) problems.push_back("Quote " + std::to_string(id) + " is archived.");
  }
  for (int64_t id : doc.case_study_ids) {
    auto c = tx.Get(*domain::FindEntity("case_study"), id);
    if (!c.ok()) {
      if (c.status().code() != ErrorCode::kNotFound) return c.TakeStatus();
      problems.push_back("Case study " + std::to_string(id) + " no longer exists.");
      continue;
    }
    if (!Flag(*c, "approved")) problems.push_back("Case study " + std::to_string(id) + " is not approved for publication.");
    if (Flag(*c, "archived")) problems.push_back("Case study " + std::to_string(id) + " is archived.");
  }
  return problems;
}

Result<Record> PublishImpactReport(Services& services, const Actor& actor,
                                   const ImpactReportRequest& request) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizePublish(actor));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(true));
  LOOKOUT_RETURN_IF_ERROR(tx->TakeTurn(internal::kPeriodsTurn));
  // Timed from here, after waiting its turn: the building and the writing of every format.
  const metrics::Stopwatch stopwatch;
  LOOKOUT_ASSIGN_OR_RETURN(report::ReportDoc doc, BuildImpactReportIn(services, actor, request, *tx));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> problems, CheckClaims(doc, *tx));
  if (!problems.empty()) {
    std::vector<FieldError> errors;
    for (std::string& p : problems) errors.push_back({"claims", std::move(p)});
    return Status::Validation(std::move(errors), "The report cannot be published: its claim check found problems.");
  }
  // One locked report per period and region at a time: a new one is published after the
  // period is unlocked.
  store::ListQuery same;
  same.where = {{"period", store::Condition::Op::kEq, {Value(doc.period)}},
                {"locked", store::Condition::Op::kEq, {Value(true)}},
                {"region", store::Condition::Op::kEq, {request.region.empty() ? Value() : Value(request.region)}}};
  same.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page existing, tx->List(ReportDef(), same));
  if (existing.total > 0) {
    return Status(ErrorCode::kConflict,
                  "The " + doc.title + " is already published (published report " +
                      std::to_string(existing.items[0].Id()) +
                      ") and its period is locked. Unlock it first to publish a new one.");
  }
  Record record;
  record.Set("kind", "impact");
  record.Set("period", doc.period);
  if (!request.region.empty()) record.Set("region", request.region);
  record.Set("threshold", static_cast<int64_t>(doc.threshold));
  record.Set("title", doc.title);
  record.Set("inputs_hash", doc.inputs_hash);
  record.Set("locked", true);
  const store::WriteMeta meta = internal::MetaFor(actor, services.clock());
  auto inserted = tx->Insert(ReportDef(), record, meta);
  if (!inserted.ok() && inserted.status().code() == ErrorCode::kDuplicate) {
    return Status(ErrorCode::kConflict, "The " + doc.title +
                                            " is already published and its period is locked. "
                                            "Unlock it first to publish a new one.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, std::move(inserted));
  for (const std::string& format : report::ReportFormats()) {
    LOOKOUT_ASSIGN_OR_RETURN(report::RenderedReport rendered, report::RenderReport(doc, format));
    store::ReportFile file;
    file.report_id = id;
    file.format = format;
    file.content_type = rendered.content_type;
    file.file_name = report::ReportFileName(doc, rendered.extension);
    file.sha256 = internal::Sha256Hex(rendered.bytes);
    file.bytes = std::move(rendered.bytes);
    LOOKOUT_RETURN_IF_ERROR(tx->PutReportFile(file));
  }
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(internal::AuditFor(
      actor, meta, "publish", ReportDef(), id, internal::DescribeChanges(ReportDef(), Record{}, record),
      "published " + doc.title + "; the period's records are locked")));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(ReportDef(), id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  RecordReportTime(ReportKindName(ReportKind::kImpact), "all", stopwatch.Seconds());
  return saved;
}

namespace {

// How many live records of `entity` the lock of `would` (one lock) covers.
Result<int64_t> CountLocked(const domain::EntityDef& entity, const internal::PeriodLocks& would,
                            store::Transaction& tx) {
  using Op = store::Condition::Op;
  const PeriodLock& lock = would.locks().front();
  const LockDating dating = LockDatingOf(entity);
  const bool one_date = !dating.from.empty() && !dating.period && dating.from == dating.to;
  if (one_date && entity.name != "survey_response") {
    // Counted by the store: the date within the period, the region the lock's.
    store::ListQuery q;
    q.where = {{dating.from, Op::kOnOrAfter, {Value(lock.first)}},
               {dating.from, Op::kOnOrBefore, {Value(lock.last)}}};
    if (!lock.region.empty() && !entity.region_field.empty()) {
      const bool set = entity.Find(entity.region_field)->IsSet();
      q.where.push_back({entity.region_field, set ? Op::kHasAny : Op::kEq, {Value(lock.region)}});
    }
    q.limit = 1;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(entity, q));
    return page.total;
  }
  // Otherwise the candidates are read and each asked as a write would ask: campaigns (a
  // span of days), case studies and surveys (a period), and the questions and responses
  // of the surveys the lock covers.
  std::vector<store::ListQuery> queries;
  if (entity.name == "survey_response" || entity.name == "survey_question") {
    for (int64_t survey : would.LockedSurveys()) {
      store::ListQuery q;
      q.where = {{"survey", Op::kEq, {Value(survey)}}};
      q.limit = 0;
      queries.push_back(std::move(q));
    }
  }
  if (entity.name != "survey_question") {
    store::ListQuery q;
    if (one_date) {
      q.where = {{dating.from, Op::kOnOrAfter, {Value(lock.first)}},
                 {dating.from, Op::kOnOrBefore, {Value(lock.last)}}};
    } else if (!dating.period) {
      q.where = {{dating.from, Op::kOnOrBefore, {Value(lock.last)}}};
    }
    q.limit = 0;
    queries.push_back(std::move(q));
  }
  std::set<int64_t> locked;
  for (const store::ListQuery& q : queries) {
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(entity, q));
    for (const Record& r : page.items) {
      if (!would.Check(entity, r).ok()) locked.insert(r.Id());
    }
  }
  return static_cast<int64_t>(locked.size());
}

}  // namespace

Result<PublicationPreview> PreviewPublication(Services& services, const Actor& actor,
                                              const ImpactReportRequest& request) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizePublish(actor));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(report::ReportDoc doc, BuildImpactReportIn(services, actor, request, *tx));
  PublicationPreview out;
  LOOKOUT_ASSIGN_OR_RETURN(out.problems, CheckClaims(doc, *tx));
  out.title = doc.title;
  out.period = doc.period;
  out.region = request.region;
  LOOKOUT_ASSIGN_OR_RETURN(int fy_start_month, FinancialYearStartMonthIn(*tx));
  auto period = domain::Period::Parse(doc.period);
  if (!period) return Status::Internal("the report's period '" + doc.period + "' is not a period");
  out.first = period->First(fy_start_month).ToString();
  out.last = period->Last(fy_start_month).ToString();
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks now, internal::PeriodLocks::Load(*tx));
  for (const PeriodLock& lock : now.locks()) {
    if (lock.period == out.period && lock.region == out.region) out.published = lock;
  }
  LOOKOUT_ASSIGN_OR_RETURN(
      internal::PeriodLocks would,
      internal::PeriodLocks::Of({{0, out.title, out.period, out.first, out.last, out.region, "", ""}}, *tx));
  for (const domain::EntityDef* entity : domain::AllEntities()) {
    const bool via_survey = entity->name == "survey_question" || entity->name == "survey_response";
    if (LockDatingOf(*entity).from.empty() && !via_survey) continue;
    LOOKOUT_ASSIGN_OR_RETURN(int64_t count, CountLocked(*entity, would, *tx));
    out.locked.push_back({entity->name, count});
  }
  store::ListQuery funders;
  funders.where = {{"role", store::Condition::Op::kEq, {Value("funder")}},
                   {"active", store::Condition::Op::kEq, {Value(true)}}};
  funders.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page readers, tx->List(domain::StaffEntity(), funders));
  out.funders = readers.total;
  return out;
}

Result<Record> UnlockPublishedReport(Services& services, const Actor& actor, int64_t id,
                                     int64_t version, const std::string& reason) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizePublish(actor));
  std::string trimmed = reason;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  if (trimmed.empty()) {
    return Status::Validation({{"reason", "say why the period's records must change"}});
  }
  // Screened as every reason is (UTF-8, length, nothing that could identify a child).
  LOOKOUT_RETURN_IF_ERROR(internal::CheckReason(trimmed));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(ReportDef(), id));
  if (!Flag(current, "locked")) {
    return Status(ErrorCode::kConflict, "The period of published report " + std::to_string(id) +
                                            " is already unlocked.");
  }
  Record changes;
  changes.Set("locked", false);
  changes.Set("unlock_reason", trimmed);
  const store::WriteMeta meta = internal::MetaFor(actor, services.clock());
  LOOKOUT_RETURN_IF_ERROR(tx->Update(ReportDef(), id, version, changes, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(internal::AuditFor(
      actor, meta, "unlock", ReportDef(), id, internal::DescribeChanges(ReportDef(), current, changes),
      trimmed)));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(ReportDef(), id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

Result<store::ReportFile> PublishedReportFile(Services& services, const Actor& actor, int64_t id,
                                              const std::string& format) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, ReportDef()));
  store::ReportFile file;
  {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
    LOOKOUT_ASSIGN_OR_RETURN(Record report, tx->Get(ReportDef(), id));
    LOOKOUT_RETURN_IF_ERROR(
        policy::AuthorizeRecord(actor, policy::Operation::kRead, ReportDef(), report, *tx));
    if (Flag(report, "archived")) {
      return Status(ErrorCode::kNotFound, "Published report " + std::to_string(id) + " is archived.");
    }
    LOOKOUT_ASSIGN_OR_RETURN(file, tx->GetReportFile(id, format));
  }
  LOOKOUT_RETURN_IF_ERROR(
      services.RecordDisclosure(actor, ReportDef().name, id, {{"format", file.format}}));
  return file;
}

namespace internal {

Result<PeriodLocks> PeriodLocks::Load(store::Transaction& tx) {
  // Publishing and the writes it locks take turns, so none slips in beside a publication.
  LOOKOUT_RETURN_IF_ERROR(tx.TakeTurn(kPeriodsTurn));
  store::ListQuery q;
  q.where = {{"locked", store::Condition::Op::kEq, {Value(true)}}};
  q.sort_field = "id";
  q.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page reports, tx.List(ReportDef(), q));
  if (reports.items.empty()) return PeriodLocks();
  LOOKOUT_ASSIGN_OR_RETURN(int fy_start_month, FinancialYearStartMonthIn(tx));
  std::vector<PeriodLock> locks;
  for (const Record& r : reports.items) {
    auto period = domain::Period::Parse(r.Get("period").ToDisplay());
    if (!period) continue;
    locks.push_back({r.Id(), r.Get("title").ToDisplay(), period->ToString(),
                     period->First(fy_start_month).ToString(), period->Last(fy_start_month).ToString(),
                     r.Get("region").is_null() ? "" : r.Get("region").ToDisplay(),
                     r.Get("created_at").ToDisplay(), r.Get("created_by").ToDisplay()});
  }
  return Of(std::move(locks), tx);
}

Result<PeriodLocks> PeriodLocks::Of(std::vector<PeriodLock> locks, store::Transaction& tx) {
  PeriodLocks out;
  out.locks_ = std::move(locks);
  if (out.locks_.empty()) return out;
  LOOKOUT_ASSIGN_OR_RETURN(out.fy_start_month_, FinancialYearStartMonthIn(tx));
  store::ListQuery surveys;
  surveys.limit = 0;
  surveys.archived = store::ListQuery::Archived::kInclude;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page all, tx.List(*domain::FindEntity("survey"), surveys));
  for (const Record& s : all.items) {
    auto p = domain::Period::Parse(s.Get("period").ToDisplay());
    if (!p) continue;
    const std::string first = p->First(out.fy_start_month_).ToString();
    const std::string last = p->Last(out.fy_start_month_).ToString();
    for (size_t i = 0; i < out.locks_.size(); ++i) {
      if (last < out.locks_[i].first || first > out.locks_[i].last) continue;
      out.locked_surveys_[s.Id()].push_back(i);
    }
  }
  return out;
}

std::vector<int64_t> PeriodLocks::LockedSurveys() const {
  std::vector<int64_t> out;
  for (const auto& [survey, locks] : locked_surveys_) out.push_back(survey);
  return out;
}

Status PeriodLocks::Check(const domain::EntityDef& entity, const Record& record) const {
  if (locks_.empty()) return Status::Ok();
  auto refuse = [&](const Lock& lock) {
    return Status(ErrorCode::kConflict,
                  "This " + entity.label + " is counted in the " + lock.title +
                      ", which has been published (published report " + std::to_string(lock.report) +
                      "): the period's records are locked. A manager can unlock the period on "
                      "the published report's page, giving the reason.");
  };
  const std::string& n = entity.name;
  // Questions and responses belong to their survey's period. (A response of a regional
  // lock's survey is locked when it is of that region or of none.)
  if (n == "survey_response" || n == "survey_question") {
    const Value& survey = record.Get("survey");
    if (survey.is_int()) {
      auto it = locked_surveys_.find(survey.as_int());
      for (size_t i : it == locked_surveys_.end() ? std::vector<size_t>{} : it->second) {
        const Lock& lock = locks_[i];
        const Value& region = record.Get("region");
        if (lock.region.empty() || n == "survey_question" || region.is_null() ||
            region.ToDisplay() == lock.region) {
          return refuse(lock);
        }
      }
    }
  }
  for (const Lock& lock : locks_) {
    if (LockCovers(lock, entity, record, fy_start_month_)) return refuse(lock);
  }
  return Status::Ok();
}

}  // namespace internal

}  // namespace lookout::app
