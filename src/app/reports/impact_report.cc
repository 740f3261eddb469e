#include "app/reports/impact_report.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "app/records/policy.h"
#include "app/records/record_checks.h"
#include "app/reports/impact_builder.h"
#include "app/reports/report_queries.h"
#include "app/reports/survey_results.h"
#include "core/text.h"
#include "domain/disclosure.h"
#include "domain/rules.h"
#include "domain/survey_stats.h"
#include "report/format.h"

namespace lookout::app {

namespace impact {

const std::vector<domain::Term>& Terms(const char* vocabulary) {
  return domain::FindVocabulary(vocabulary)->terms;
}

std::string TermLabel(const char* vocabulary, const std::string& code) {
  const domain::Term* t = domain::FindVocabulary(vocabulary)->Find(code);
  return t == nullptr ? code : t->label;
}

Span Text(std::string text) { return {Span::Kind::kText, std::move(text), "", 0}; }
Span Strong(std::string text) { return {Span::Kind::kStrong, std::move(text), "", 0}; }
Span FigureRef(std::string id) { return {Span::Kind::kFigure, "", std::move(id), 0}; }
Span FootnoteRef(int n) { return {Span::Kind::kFootnote, "", "", n}; }

Block Paragraph(Inline text) {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::move(text);
  return b;
}
Block Heading(std::string text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.text = {Text(std::move(text))};
  return b;
}
Block Bullets(std::vector<Inline> items) {
  Block b;
  b.kind = Block::Kind::kBullets;
  b.items = std::move(items);
  return b;
}

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return report::Thousands(n) + " " + (n == 1 ? one : many);
}

Result<report::ReportDoc> Builder::Build() {
  std::vector<FieldError> errors;
  std::optional<domain::Period> period = domain::Period::Parse(request_.period);
  if (!period) {
    errors.push_back({"period", "must be a financial year or a quarter, written 2025-26 or 2025-26 Q3"});
  }
  if (request_.threshold < 1 || request_.threshold > 100) {
    errors.push_back({"threshold", "must be a whole number from 1 to 100"});
  }
  if (!request_.base_url.empty()) {
    if (const std::string problem = report::PublicUrlProblem(request_.base_url); !problem.empty()) {
      errors.push_back({"base_url", "Lookout's public URL " + problem});
    }
  }
  LOOKOUT_RETURN_IF_ERROR(LoadReference());
  if (!request_.region.empty() && !region_names_.count(request_.region)) {
    errors.push_back({"region", "there is no region with the code '" + request_.region + "'"});
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  period_ = *period;
  LOOKOUT_ASSIGN_OR_RETURN(int month, FinancialYearStartMonthIn(tx_));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> programmes, All(domain::ProgrammeEntity(), {}));
  doc_.kind = "impact";
  doc_.programme = programmes.empty() ? "The programme" : programmes[0].Get("name").ToDisplay();
  doc_.period = period_.ToString();
  doc_.from = period_.First(month).ToString();
  doc_.to = period_.Last(month).ToString();
  doc_.region = request_.region;
  doc_.scope = request_.region.empty() ? "The whole programme" : RegionName(request_.region);
  doc_.title = "Impact report " + doc_.period +
               (request_.region.empty() ? "" : ": " + RegionName(request_.region));
  doc_.data_as_of = services_.clock().NowTimestamp();
  doc_.base_url = report::WithoutTrailingSlash(request_.base_url);
  doc_.threshold = request_.threshold;

  store::ListQuery quotes;
  quotes.where = {{"approved", store::Condition::Op::kEq, {Value(true)}},
                  {"consent_given", store::Condition::Op::kEq, {Value(true)}},
                  {"collected_on", store::Condition::Op::kOnOrAfter, {Value(doc_.from)}},
                  {"collected_on", store::Condition::Op::kOnOrBefore, {Value(doc_.to)}}};
  if (!request_.region.empty()) {
    quotes.where.push_back({"region", store::Condition::Op::kEq, {Value(request_.region)}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(quotes_, All(*domain::FindEntity("quote"), quotes.where, "collected_on"));
  NoteRecords("quote", quotes_);
  for (const Record& q : quotes_) doc_.quote_ids.push_back(q.Id());
  Note("request " + doc_.period + " " + request_.region + " " + std::to_string(request_.threshold));

  LOOKOUT_RETURN_IF_ERROR(Headlines());
  LOOKOUT_RETURN_IF_ERROR(CountEvents());
  LOOKOUT_RETURN_IF_ERROR(Outcomes());
  LOOKOUT_RETURN_IF_ERROR(OtherQuotes());
  LOOKOUT_RETURN_IF_ERROR(CaseStudies());
  LOOKOUT_RETURN_IF_ERROR(Breakdowns());
  LOOKOUT_RETURN_IF_ERROR(ObservedOutcomes());
  Methods();
  doc_.inputs_hash = internal::Sha256Hex(inputs_);
  return std::move(doc_);
}

Status Builder::LoadReference() {
  // Archived regions and sectors too: past activities still name them.
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> regions, All(domain::RegionEntity(), {}, "code", true));
  for (const Record& r : regions) {
    const std::string code = r.Get("code").ToDisplay();
    region_names_[code] = r.Get("name").ToDisplay();
    region_prose_[code] = r.Get("prose_name").is_null() ? "" : r.Get("prose_name").ToDisplay();
    regions_.emplace_back(code, r.Get("name").ToDisplay());
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> sectors, All(domain::SectorEntity(), {}, "code", true));
  for (const Record& s : sectors) {
    const std::string code = s.Get("code").ToDisplay();
    sectors_[code] = {s.Get("name").ToDisplay(), s.Get("stakeholder_label").ToDisplay()};
    sector_order_.push_back(code);
  }
  return Status::Ok();
}

Status Builder::Headlines() {
  // One aggregate serves the headlines and the breakdowns.
  LOOKOUT_ASSIGN_OR_RETURN(reach_, tx_.AggregateReach({doc_.from, doc_.to, request_.region, true}));
  GroupTallies total;
  for (const store::ReachRow& r : reach_) {
    total[r.group].Add(r.count, r.any_estimated);
    Note("reach " + r.region + " " + r.type + " " + std::to_string(r.task) + " " + r.group + " " +
         r.sector + " " + std::to_string(r.count) + (r.any_estimated ? " est" : ""));
  }
  const std::string counted =
      " counted on the activities dated from " + doc_.from + " to " + doc_.to + Where() +
      ", archived activities left out. A person at two activities is counted twice (these are "
      "attendances). 'Approximately' when an estimated count is part of the total.";
  for (const domain::Term& g : Terms("audience_group")) {
    AddFigure(ReachFigure("reach." + g.code, g.label + " reached", total[g.code],
                          g.label + counted, PeriodFilters()));
  }

  LOOKOUT_ASSIGN_OR_RETURN(Services::DeliveredTasks delivered,
                           CountDeliveredTasks(tx_, actor_, doc_.from, doc_.to, request_.region));
  Note("tasks " + std::to_string(delivered.tasks) + " partners " + std::to_string(delivered.partners));
  Figure tasks;
  tasks.id = "tasks.completed";
  tasks.label = "Tasks completed";
  tasks.value = delivered.tasks;
  tasks.definition = "Tasks that reached 'delivered' between " + doc_.from + " and " + doc_.to +
                     " (their delivery date)" + Where() +
                     ", counted whether or not they have since been evaluated or closed; "
                     "archived tasks left out.";
  tasks.records = "task";
  tasks.filters = {{"status", "delivered,evaluated,closed"},
                   {"delivered_on_from", doc_.from},
                   {"delivered_on_to", doc_.to}};
  if (!request_.region.empty()) tasks.filters.emplace_back("region", request_.region);
  tasks.link = "/tasks";
  AddFigure(tasks);

  Figure partners;
  partners.id = "partners.engaged";
  partners.label = "Partner organisations engaged";
  partners.value = delivered.partners;
  partners.definition = "Distinct partner organisations named on the tasks completed in the "
                        "period (" + doc_.from + " to " + doc_.to + ")" + Where() + ".";
  partners.records = "task";
  partners.filters = tasks.filters;
  partners.link = "/tasks";
  AddFigure(partners);

  const domain::EntityDef& activity = domain::ActivityEntity();
  std::vector<store::Condition> in_period = {
      {"start_on", store::Condition::Op::kOnOrAfter, {Value(doc_.from)}},
      {"start_on", store::Condition::Op::kOnOrBefore, {Value(doc_.to)}}};
  if (!request_.region.empty()) {
    in_period.push_back({"region", store::Condition::Op::kEq, {Value(request_.region)}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(int64_t activities, Count(activity, in_period));
  Note("activities " + std::to_string(activities));
  Figure acts;
  acts.id = "activities";
  acts.label = "Activities delivered";
  acts.value = activities;
  acts.definition = "Activities dated from " + doc_.from + " to " + doc_.to + Where() +
                    ", archived ones left out.";
  acts.records = "activity";
  acts.filters = PeriodFilters();
  acts.link = "/activities";
  AddFigure(acts);

  std::vector<store::Condition> running = {
      {"start_on", store::Condition::Op::kOnOrBefore, {Value(doc_.to)}},
      {"end_on", store::Condition::Op::kOnOrAfter, {Value(doc_.from)}}};
  if (!request_.region.empty()) {
    running.push_back({"regions", store::Condition::Op::kHasAny, {Value(request_.region)}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(int64_t campaigns, Count(*domain::FindEntity("campaign"), running));
  Note("campaigns " + std::to_string(campaigns));
  Figure camp;
  camp.id = "campaigns";
  camp.label = "Campaigns";
  camp.value = campaigns;
  camp.definition = "Campaigns running on at least one day from " + doc_.from + " to " + doc_.to +
                    Where() + ".";
  camp.records = "campaign";
  camp.filters = {{"to", doc_.to}, {"end_on_from", doc_.from}};
  if (!request_.region.empty()) camp.filters.emplace_back("region", request_.region);
  camp.link = "/campaigns";
  AddFigure(camp);

  report::Section s{"headlines", "Headline figures", {}};
  std::vector<Inline> items = HeadlineSentences();
  if (items.empty()) {
    s.blocks.push_back(Paragraph({Text("No activities, completed tasks or campaigns are recorded for " +
                                       doc_.period + (request_.region.empty() ? "" : " in " + InRegion(request_.region)) +
                                       ".")}));
  } else {
    s.blocks.push_back(Paragraph({Text(request_.region.empty()
                                           ? "Throughout " + doc_.period + ", the programme has:"
                                           : "Throughout " + doc_.period + ", in " +
                                                 InRegion(request_.region) + ", the programme has:")}));
    s.blocks.push_back(Bullets(std::move(items)));
  }
  doc_.sections.push_back(std::move(s));
  return Status::Ok();
}

std::vector<Inline> Builder::HeadlineSentences() const {
  // Each sentence names only what was recorded: no "0 members of the public".
  std::vector<Inline> items;
  std::vector<Inline> reached, also;
  if (Recorded("reach.professionals")) reached.push_back(Counted("reach.professionals", "professional", "professionals"));
  if (Recorded("reach.young_people")) reached.push_back(Counted("reach.young_people", "young person", "young people"));
  if (Recorded("reach.parents_carers")) also.push_back(Counted("reach.parents_carers", "parent or carer", "parents and carers"));
  if (Recorded("reach.public")) also.push_back(Counted("reach.public", "member of the public", "members of the public"));
  const std::string where = request_.region.empty() ? " across England and Wales." : ".";
  if (!reached.empty()) {
    Inline item = {Text("Reached ")};
    for (Span& span : report::JoinList(std::move(reached))) item.push_back(std::move(span));
    item.push_back(Text(where));
    items.push_back(std::move(item));
  }
  if (!also.empty()) {
    Inline item = {Text(items.empty() ? "Reached " : "Also reached ")};
    for (Span& span : report::JoinList(std::move(also))) item.push_back(std::move(span));
    item.push_back(Text(items.empty() ? where : "."));
    items.push_back(std::move(item));
  }
  if (Recorded("tasks.completed")) {
    Inline item = {Text("Completed ")};
    for (Span& span : Counted("tasks.completed", "task", "tasks")) item.push_back(std::move(span));
    item.push_back(Text(" to prevent child sexual abuse and exploitation, modern slavery, human "
                        "trafficking and criminal exploitation."));
    items.push_back(std::move(item));
  }
  // "Delivered 4 activities and ran 1 campaign, working with 3 partner organisations on the
  // tasks completed", with what is nought left out.
  std::vector<Inline> done;
  if (Recorded("activities")) {
    Inline part = {Text("delivered ")};
    for (Span& span : Counted("activities", "activity", "activities")) part.push_back(std::move(span));
    done.push_back(std::move(part));
  }
  if (Recorded("campaigns")) {
    Inline part = {Text("ran ")};
    for (Span& span : Counted("campaigns", "campaign", "campaigns")) part.push_back(std::move(span));
    done.push_back(std::move(part));
  }
  Inline partners;
  if (Recorded("partners.engaged")) {
    partners = Counted("partners.engaged", "partner organisation", "partner organisations");
    partners.push_back(Text(" on the tasks completed"));
  }
  if (!done.empty() || !partners.empty()) {
    Inline item = report::JoinList(std::move(done));
    if (!partners.empty()) {
      item.push_back(Text(item.empty() ? "worked with " : ", working with "));
      for (Span& span : partners) item.push_back(std::move(span));
    }
    item.push_back(Text("."));
    item.front().text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(item.front().text[0])));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace impact

Result<report::ReportDoc> BuildImpactReportIn(Services& services, const Actor& actor,
                                              const ImpactReportRequest& request,
                                              store::Transaction& tx) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeReport(actor));
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, domain::TaskEntity()));
  impact::Builder builder(services, actor, request, tx);
  return builder.Build();
}

Result<report::ReportDoc> BuildImpactReport(Services& services, const Actor& actor,
                                            const ImpactReportRequest& request) {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  return BuildImpactReportIn(services, actor, request, *tx);
}

}  // namespace lookout::app
