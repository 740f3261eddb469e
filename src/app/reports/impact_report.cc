#include "app/reports/impact_report.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>


#include "app/records/policy.h"
#include "app/records/record_checks.h"
#include "app/reports/report_queries.h"
#include "app/reports/survey_results.h"
#include "domain/disclosure.h"
#include "domain/rules.h"
#include "domain/survey_stats.h"
#include "report/format.h"

namespace lookout::app {

namespace {

using report::Block;
using report::DocTable;
using report::Figure;
using report::Inline;
using report::Span;

// A sum of counts and whether an estimate is part of it.
struct Tally {
  int64_t count = 0;
  bool approximate = false;
  void Add(int64_t n, bool estimated) {
    count += n;
    approximate = approximate || estimated;
  }
};
using GroupTallies = std::map<std::string, Tally>;  // audience group -> tally

const std::vector<domain::Term>& Terms(const char* vocabulary) {
  return domain::FindVocabulary(vocabulary)->terms;
}

std::string TermLabel(const char* vocabulary, const std::string& code) {
  const domain::Term* t = domain::FindVocabulary(vocabulary)->Find(code);
  return t == nullptr ? code : t->label;
}

std::string Lower(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
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

// The region of work with national bodies, which no attribution names as a place.
constexpr const char* kNationalRegion = "NAT";

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return report::Thousands(n) + " " + (n == 1 ? one : many);
}

class Builder {
 public:
  Builder(Services& services, const Actor& actor, const ImpactReportRequest& request,
          store::Transaction& tx)
      : services_(services), actor_(actor), request_(request), tx_(tx) {}

  Result<report::ReportDoc> Build();

 private:
  Status LoadReference();
  Status Headlines();
  std::vector<Inline> HeadlineSentences() const;
  Status Outcomes();
  Status OtherQuotes();
  Status CaseStudies();
  Status Breakdowns();
  Status ObservedOutcomes();
  void Methods();

  // Every live record of `entity` matching `where`, in the entity's order.
  Result<std::vector<Record>> All(const domain::EntityDef& entity, std::vector<store::Condition> where,
                                  const std::string& sort = "", bool archived_too = false) {
    store::ListQuery q;
    q.where = std::move(where);
    q.limit = 0;
    q.sort_field = sort;
    if (archived_too) q.archived = store::ListQuery::Archived::kInclude;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx_.List(entity, q));
    return std::move(page.items);
  }
  Result<int64_t> Count(const domain::EntityDef& entity, std::vector<store::Condition> where) {
    store::ListQuery q;
    q.where = std::move(where);
    q.limit = 1;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx_.List(entity, q));
    return page.total;
  }

  // The filters every reach figure shares: the period's dates and the region.
  std::vector<std::pair<std::string, std::string>> PeriodFilters() const {
    std::vector<std::pair<std::string, std::string>> f = {{"from", doc_.from}, {"to", doc_.to}};
    if (!request_.region.empty()) f.emplace_back("region", request_.region);
    return f;
  }
  std::string Where() const {
    return request_.region.empty() ? "" : ", in " + InRegion(request_.region);
  }
  std::string RegionName(const std::string& code) const {
    auto it = region_names_.find(code);
    return it == region_names_.end() ? code : it->second;
  }
  // The region as a sentence names it after "in": its prose name ("the North East"), else
  // its name.
  std::string InRegion(const std::string& code) const {
    auto it = region_prose_.find(code);
    return it == region_prose_.end() || it->second.empty() ? RegionName(code) : it->second;
  }
  // Whether the figure counts anything: a number above zero, shown or withheld.
  bool Recorded(const std::string& id) const {
    const Figure* f = doc_.FindFigure(id);
    return f != nullptr && (f->suppressed || f->value.value_or(0) > 0);
  }
  // "the figure and its noun": "fewer than 5 parents and carers", "1 young person".
  Inline Counted(const std::string& id, const std::string& one, const std::string& many) const {
    const Figure* f = doc_.FindFigure(id);
    const bool single = f != nullptr && !f->suppressed && f->value == 1;
    return {FigureRef(id), Text(" " + (single ? one : many))};
  }
  // A quote's attribution: its stakeholder type and where it was said, "Local Government
  // Stakeholder in the North East". Work with national bodies has no place to name: its
  // quotes are attributed by stakeholder type alone.
  std::string Attribution(const Record& quote) {
    const SectorInfo& sector = sectors_[quote.Get("stakeholder_type").ToDisplay()];
    std::string who = sector.stakeholder_label.empty() ? sector.name + " stakeholder" : sector.stakeholder_label;
    const std::string region = quote.Get("region").ToDisplay();
    if (region != kNationalRegion) who += " in " + InRegion(region);
    return who;
  }

  // Remembers an input of the figures for the inputs hash.
  void Note(const std::string& line) {
    inputs_ += line;
    inputs_ += '\n';
  }
  void NoteRecords(const std::string& kind, const std::vector<Record>& records) {
    for (const Record& r : records) {
      Note(kind + " " + std::to_string(r.Id()) + " v" + r.Get("version").ToDisplay());
    }
  }

  Figure& AddFigure(Figure f) {
    f.link = report::PathWithQuery(f.link, f.filters);
    doc_.figures.push_back(std::move(f));
    return doc_.figures.back();
  }
  int AddFootnote(std::string text) {
    const int n = static_cast<int>(doc_.footnotes.size()) + 1;
    doc_.footnotes.push_back({n, std::move(text)});
    return n;
  }
  // A count of people, suppressed when small.
  Figure ReachFigure(std::string id, std::string label, const Tally& t, std::string definition,
                     std::vector<std::pair<std::string, std::string>> filters) const {
    Figure f;
    f.id = std::move(id);
    f.label = std::move(label);
    f.value = t.count;
    f.approximate = t.approximate;
    f.definition = std::move(definition);
    f.records = "activity";
    f.filters = std::move(filters);
    f.link = "/activities";
    if (t.count > 0 && t.count < request_.threshold) {
      f.suppressed = true;
      f.value.reset();
    }
    return f;
  }

  // A breakdown of reach: rows (code, label) by the audience groups, suppressed as
  // domain/disclosure.h says, each cell a figure.
  DocTable ReachTable(const std::string& id, const std::string& title, const std::string& row_header,
                      const std::string& figure_prefix,
                      const std::vector<std::pair<std::string, std::string>>& rows,
                      const std::map<std::string, GroupTallies>& data,
                      const std::string& filter_name, const std::string& what);

  Services& services_;
  const Actor& actor_;
  const ImpactReportRequest& request_;
  store::Transaction& tx_;
  report::ReportDoc doc_;
  domain::Period period_;
  std::map<std::string, std::string> region_names_;
  std::map<std::string, std::string> region_prose_;  // code -> the name in sentences
  std::vector<std::pair<std::string, std::string>> regions_;  // (code, name) in code order
  struct SectorInfo {
    std::string name;
    std::string stakeholder_label;
  };
  std::map<std::string, SectorInfo> sectors_;
  std::vector<std::string> sector_order_;
  std::vector<Record> quotes_;  // approved, consented, in the period and region
  std::set<int64_t> quotes_used_;
  std::string inputs_;  // every aggregate row and record the figures come from (Note)
  std::vector<store::ReachRow> reach_;  // by region, type, task, group and sector
  // Outcome events of the period counted by (outcome id, 0 for none) and kind, and what
  // the disclosure rule withholds: the outcomes' bullets and the table by kind (whose rows
  // are the bullets' totals) are one table, protected together.
  std::map<std::pair<int64_t, std::string>, int64_t> event_counts_;
  std::set<std::pair<int64_t, std::string>> event_hidden_;
  std::set<std::string> event_kind_hidden_;
  Status CountEvents();
};

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

Status Builder::Outcomes() {
  const domain::EntityDef& outcome_def = *domain::FindEntity("outcome");
  const domain::EntityDef& indicator_def = *domain::FindEntity("indicator");
  const domain::EntityDef& question_def = *domain::FindEntity("survey_question");
  const domain::EntityDef& survey_def = *domain::FindEntity("survey");
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> outcomes, All(outcome_def, {}, "code"));
  // As the framework reads: professionals, then systems, then children and young people.
  auto level_rank = [](const Record& o) {
    const std::vector<domain::Term>& levels = Terms("outcome_level");
    for (size_t i = 0; i < levels.size(); ++i) {
      if (o.Get("level") == Value(levels[i].code)) return i;
    }
    return levels.size();
  };
  std::stable_sort(outcomes.begin(), outcomes.end(),
                   [&](const Record& a, const Record& b) { return level_rank(a) < level_rank(b); });
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> indicators, All(indicator_def, {}, "code"));
  // The surveys of the period: a year's report takes the year's surveys and its
  // quarters'; a quarter's report that quarter's.
  std::vector<Value> periods = {Value(period_.ToString())};
  if (period_.quarter == 0) {
    for (int q = 1; q <= 4; ++q) periods.emplace_back(domain::Period{period_.start_year, q}.ToString());
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> surveys,
                           All(survey_def, {{"period", store::Condition::Op::kIn, periods}}, "id"));
  std::map<int64_t, const Record*> survey_by_id;
  std::vector<Value> survey_ids;
  for (const Record& s : surveys) {
    survey_by_id[s.Id()] = &s;
    survey_ids.emplace_back(s.Id());
  }
  std::vector<Record> questions;
  if (!survey_ids.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(questions, All(question_def, {{"survey", store::Condition::Op::kIn, survey_ids}}, "position"));
  }
  NoteRecords("outcome", outcomes);
  NoteRecords("indicator", indicators);
  NoteRecords("survey", surveys);
  NoteRecords("survey_question", questions);

  report::Section section{"outcomes", "Our impact", {}};
  for (const Record& outcome : outcomes) {
    const std::string code = outcome.Get("code").ToDisplay();
    // Each statement with the text of its footnote, numbered when it is placed so that the
    // notes run in the order a reader meets them.
    std::vector<std::pair<Inline, std::string>> everyone;
    std::vector<std::pair<Inline, std::string>> trained;
    for (const Record& indicator : indicators) {
      if (indicator.Get("outcome") != Value(outcome.Id())) continue;
      std::vector<const Record*> asked;
      for (const Record& q : questions) {
        if (q.Get("indicator") == Value(indicator.Id())) asked.push_back(&q);
      }
      if (asked.empty()) continue;
      // Answers of different kinds (agreement, yes/no) cannot be pooled: the questions of
      // the first one's kind evidence the indicator.
      const std::string first_kind = asked.front()->Get("kind").ToDisplay();
      asked.erase(std::remove_if(asked.begin(), asked.end(),
                                 [&](const Record* q) { return q->Get("kind").ToDisplay() != first_kind; }),
                  asked.end());
      const std::string base = indicator.Get("base").is_null() ? "all_respondents"
                                                               : indicator.Get("base").ToDisplay();
      store::AnswerCountQuery filter;
      filter.region = request_.region;
      if (base == "attended_training") filter.attended_training = "yes";
      std::vector<int64_t> question_ids;
      std::set<int64_t> asked_surveys;
      for (const Record* q : asked) {
        question_ids.push_back(q->Id());
        asked_surveys.insert(q->Get("survey").as_int());
      }
      const std::vector<std::string> positives =
          domain::SplitChoices(indicator.Get("positive_answers").is_null()
                                   ? ""
                                   : indicator.Get("positive_answers").ToDisplay());
      std::vector<std::string> read;
      LOOKOUT_ASSIGN_OR_RETURN(const domain::QuestionResult result,
                               TallyQuestionsIn(tx_, asked, filter, positives, &read));
      for (const std::string& line : read) Note(line);
      const std::string kind = asked.front()->Get("kind").ToDisplay();
      if (!result.has_positive) continue;
      // The words of the positive answers, and where the answers came from.
      std::vector<std::string> positive_words;
      for (const std::string& p : positives.empty() ? std::vector<std::string>{} : positives) {
        positive_words.push_back(kind == "agreement" ? Lower(TermLabel("agreement", p)) : p);
      }
      if (positive_words.empty()) {
        positive_words = kind == "agreement" ? std::vector<std::string>{"strongly agree", "agree"}
                                             : std::vector<std::string>{"yes"};
      }
      std::string answered_words;
      for (size_t i = 0; i < positive_words.size(); ++i) {
        if (i > 0) answered_words += i + 1 == positive_words.size() ? " or " : ", ";
        answered_words += "'" + positive_words[i] + "'";
      }
      std::string source;
      for (int64_t sid : asked_surveys) {
        if (!source.empty()) source += "; ";
        const Record* s = survey_by_id[sid];
        source += s->Get("title").ToDisplay() + " (" + s->Get("period").ToDisplay() + ")";
      }
      const std::string base_words =
          base == "attended_training" ? "respondents who said they had attended a training session, "
                                        "presentation or workshop"
                                      : "all respondents";
      std::vector<std::string> left_out;
      if (result.dont_know > 0) left_out.push_back(Plural(result.dont_know, "'don't know' answer", "'don't know' answers"));
      if (result.blank > 0) left_out.push_back(Plural(result.blank, "response", "responses") + " without an answer");
      std::string outside = "; every respondent answered";
      if (!left_out.empty()) {
        const bool one = left_out.size() == 1 && (result.dont_know + result.blank) == 1;
        outside = "; " + left_out[0] + (left_out.size() > 1 ? " and " + left_out[1] : "") +
                  (one ? " is" : " are") + " outside the base";
      }
      Figure f;
      f.id = "indicator." + indicator.Get("code").ToDisplay();
      f.label = indicator.Get("statement").ToDisplay();
      f.proportion = true;
      f.value = result.positive;
      f.base = result.base;
      f.interval = std::make_pair(result.interval.lower, result.interval.upper);
      f.definition = "Answers of " + answered_words + " to \"" + asked.front()->Get("text").ToDisplay() +
                     "\" in " + source + ", among " + base_words + Where() + outside + ".";
      f.records = "survey_response";
      // The results of every question the figure pools, across all its surveys, counted as
      // the figure is (app/survey_results.h): the page shows the same x out of y.
      std::string pooled;
      for (int64_t q : question_ids) pooled += (pooled.empty() ? "" : ",") + std::to_string(q);
      f.filters = {{"question", pooled}, {"indicator", std::to_string(indicator.Id())}};
      if (base == "attended_training") f.filters.emplace_back("attended_training", "yes");
      if (!request_.region.empty()) f.filters.emplace_back("region", request_.region);
      f.link = "/surveys/results";
      const bool small = result.base < request_.threshold;
      if (small) {
        f.suppressed = true;
        f.value.reset();
        f.base.reset();
        f.interval.reset();
      }
      std::string note;
      if (small) {
        note = "Fewer than " + std::to_string(request_.threshold) +
               " respondents answered, so the result is not shown. Source: " + source + ".";
      } else {
        note = report::Thousands(result.positive) + " out of " + report::Thousands(result.base) +
               " respondents answered " + answered_words + outside + " (95% interval " +
               domain::PercentOneDecimal(result.interval.lower) + " to " +
               domain::PercentOneDecimal(result.interval.upper) + "). Source: " + source + ".";
      }
      AddFigure(f);
      (base == "attended_training" ? trained : everyone).push_back({{Text(f.label + ": "), FigureRef(f.id)}, note});
    }
    std::vector<const Record*> quotes;
    for (const Record& q : quotes_) {
      if (q.Get("outcome") == Value(outcome.Id())) quotes.push_back(&q);
    }
    std::map<std::string, int64_t> event_counts;
    for (const auto& [key, n] : event_counts_) {
      if (key.first == outcome.Id()) event_counts[key.second] = n;
    }
    if (everyone.empty() && trained.empty() && quotes.empty() && event_counts.empty()) continue;
    section.blocks.push_back(Heading(outcome.Get("statement").ToDisplay()));
    auto place = [&](std::vector<std::pair<Inline, std::string>>& statements, const char* lead) {
      if (statements.empty()) return;
      section.blocks.push_back(Paragraph({Text(lead)}));
      std::vector<Inline> items;
      for (auto& [text, note] : statements) {
        text.push_back(FootnoteRef(AddFootnote(std::move(note))));
        items.push_back(std::move(text));
      }
      section.blocks.push_back(Bullets(std::move(items)));
    };
    place(everyone, "Of external stakeholders surveyed:");
    place(trained, "Of those who said that they had attended a training session, presentation or workshop:");
    if (!event_counts.empty()) {
      std::vector<Inline> observed;
      for (const domain::Term& k : Terms("outcome_event_kind")) {
        auto it = event_counts.find(k.code);
        if (it == event_counts.end()) continue;
        Tally t{it->second, false};
        std::vector<std::pair<std::string, std::string>> filters = {
            {"outcome", std::to_string(outcome.Id())}, {"kind", k.code}, {"from", doc_.from}, {"to", doc_.to}};
        if (!request_.region.empty()) filters.emplace_back("region", request_.region);
        Figure f = ReachFigure("outcome_events." + code + "." + k.code, k.label + " (" + code + ")", t,
                               "Outcome events of the kind '" + k.label + "' recorded against outcome " +
                                   code + ", dated from " + doc_.from + " to " + doc_.to + Where() + ".",
                               filters);
        f.records = "outcome_event";
        f.link = "/outcome-events";
        if (event_hidden_.count({outcome.Id(), k.code})) {
          f.suppressed = true;
          f.value.reset();
        }
        AddFigure(f);
        observed.push_back({Text(k.label + ": "), FigureRef(doc_.figures.back().id)});
      }
      section.blocks.push_back(Paragraph({Text("Observed and recorded:")}));
      section.blocks.push_back(Bullets(std::move(observed)));
    }
    for (const Record* q : quotes) {
      Block b;
      b.kind = Block::Kind::kQuote;
      b.text = {Text(q->Get("text").ToDisplay())};
      b.attribution = Attribution(*q);
      section.blocks.push_back(std::move(b));
      quotes_used_.insert(q->Id());
    }
  }
  if (section.blocks.empty()) {
    section.blocks.push_back(Paragraph({Text("No survey evidence, quotes or observed outcomes are "
                                             "recorded for this period.")}));
  }
  doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

Status Builder::OtherQuotes() {
  report::Section section{"quotes", "What partners said", {}};
  for (const Record& q : quotes_) {
    if (quotes_used_.count(q.Id())) continue;
    Block b;
    b.kind = Block::Kind::kQuote;
    b.text = {Text(q.Get("text").ToDisplay())};
    b.attribution = Attribution(q);
    section.blocks.push_back(std::move(b));
  }
  if (!section.blocks.empty()) doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

Status Builder::CaseStudies() {
  std::vector<Value> periods = {Value(period_.ToString())};
  if (period_.quarter == 0) {
    for (int q = 1; q <= 4; ++q) periods.emplace_back(domain::Period{period_.start_year, q}.ToString());
  }
  std::vector<store::Condition> where = {{"approved", store::Condition::Op::kEq, {Value(true)}},
                                         {"period", store::Condition::Op::kIn, periods}};
  if (!request_.region.empty()) {
    where.push_back({"regions", store::Condition::Op::kHasAny, {Value(request_.region)}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> studies, All(*domain::FindEntity("case_study"), where, "id"));
  if (studies.empty()) return Status::Ok();
  std::sort(studies.begin(), studies.end(), [](const Record& a, const Record& b) { return a.Id() < b.Id(); });
  NoteRecords("case_study", studies);
  for (const Record& s : studies) doc_.case_study_ids.push_back(s.Id());
  report::Section section{"case-studies", "Case studies", {}};
  for (const Record& s : studies) {
    section.blocks.push_back(Heading("Case study: " + s.Get("title").ToDisplay()));
    section.blocks.push_back(Paragraph({Strong(s.Get("summary").ToDisplay())}));
    if (!s.Get("body").is_null()) {
      Block b;
      b.kind = Block::Kind::kMarkdown;
      b.markdown = s.Get("body").ToDisplay();
      section.blocks.push_back(std::move(b));
    }
  }
  doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

DocTable Builder::ReachTable(const std::string& id, const std::string& title,
                             const std::string& row_header, const std::string& figure_prefix,
                             const std::vector<std::pair<std::string, std::string>>& rows,
                             const std::map<std::string, GroupTallies>& data,
                             const std::string& filter_name, const std::string& what) {
  const std::vector<domain::Term>& groups = Terms("audience_group");
  // Rows with no one reached are left out.
  std::vector<std::pair<std::string, std::string>> shown;
  std::vector<std::vector<int64_t>> cells;
  for (const auto& [code, label] : rows) {
    auto it = data.find(code);
    if (it == data.end()) continue;
    std::vector<int64_t> line;
    int64_t sum = 0;
    for (const domain::Term& g : groups) {
      auto t = it->second.find(g.code);
      line.push_back(t == it->second.end() ? 0 : t->second.count);
      sum += line.back();
    }
    if (sum == 0) continue;
    shown.emplace_back(code, label);
    cells.push_back(std::move(line));
  }
  // The breakdown rule every table of reach applies, the funders' live figures included.
  const domain::BreakdownDisclosure breakdown =
      domain::SuppressBreakdown(cells, groups.size(), request_.threshold);
  const domain::SuppressedTable& suppressed = breakdown.table;
  DocTable table;
  table.id = id;
  table.title = title;
  table.column_totals_published = true;  // each column adds up to a headline figure
  table.columns.push_back({row_header, false});
  for (const domain::Term& g : groups) table.columns.push_back({g.label, true});
  for (size_t r = 0; r < shown.size(); ++r) {
    std::vector<DocTable::Cell> line = {{shown[r].second, std::nullopt, "", false}};
    const GroupTallies& tallies = data.at(shown[r].first);
    for (size_t c = 0; c < groups.size(); ++c) {
      auto t = tallies.find(groups[c].code);
      Tally tally = t == tallies.end() ? Tally{} : t->second;
      std::vector<std::pair<std::string, std::string>> filters = PeriodFilters();
      if (!filter_name.empty()) filters.emplace_back(filter_name, shown[r].first);
      Figure f = ReachFigure(figure_prefix + "." + shown[r].first + "." + groups[c].code,
                             groups[c].label + ", " + shown[r].second, tally,
                             groups[c].label + " reached by activities " + what + " '" +
                                 shown[r].second + "', dated from " + doc_.from + " to " + doc_.to +
                                 Where() + "; archived activities left out.",
                             filters);
      f.suppressed = suppressed.Suppressed(r, c);
      if (f.suppressed) f.value.reset();
      DocTable::Cell cell;
      cell.figure = f.id;
      cell.suppressed = f.suppressed;
      if (f.suppressed) {
        cell.text = "[c]";
      } else {
        cell.number = static_cast<double>(tally.count);
        cell.text = (tally.approximate ? "approx. " : "") + report::Thousands(tally.count);
      }
      AddFigure(std::move(f));
      line.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(line));
  }
  table.column_total_withheld.assign(table.columns.size(), false);
  for (size_t c = 0; c < groups.size(); ++c) {
    // A small headline is withheld by ReachFigure already; here, a column whose small cell
    // had nothing to pair with (theme and sector rows need not add up to the headline, so
    // their sums are not the totals the rule looks at).
    if (!suppressed.column_total_suppressed[c]) continue;
    table.column_total_withheld[c + 1] = true;
    // The column's total is the group's headline figure: it is withheld as well.
    for (Figure& f : doc_.figures) {
      if (f.id == "reach." + groups[c].code && !f.suppressed) {
        f.suppressed = true;
        f.value.reset();
      }
    }
  }
  table.note = "[c]: not shown, under the disclosure rule (see Methods). 'approx.': an "
               "estimated count is part of the figure.";
  return table;
}

Status Builder::Breakdowns() {
  const std::vector<store::ReachRow>& rows = reach_;
  std::set<int64_t> task_ids;
  for (const store::ReachRow& r : rows) task_ids.insert(r.task);
  std::map<int64_t, std::vector<std::string>> themes;
  if (!task_ids.empty()) {
    std::vector<Value> ids(task_ids.begin(), task_ids.end());
    store::ListQuery q;
    q.where = {{"id", store::Condition::Op::kIn, ids}};
    q.archived = store::ListQuery::Archived::kInclude;
    q.limit = 0;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page tasks, tx_.List(domain::TaskEntity(), q));
    NoteRecords("task", tasks.items);
    for (const Record& t : tasks.items) {
      if (!t.Get("themes").is_list()) continue;
      for (const Value& v : t.Get("themes").as_list()) themes[t.Id()].push_back(v.ToDisplay());
    }
  }
  std::map<std::string, GroupTallies> by_region, by_type, by_theme, by_sector;
  for (const store::ReachRow& r : rows) {
    by_region[r.region][r.group].Add(r.count, r.any_estimated);
    by_type[r.type][r.group].Add(r.count, r.any_estimated);
    for (const std::string& theme : themes[r.task]) by_theme[theme][r.group].Add(r.count, r.any_estimated);
    if (r.group == "professionals") by_sector[r.sector]["professionals"].Add(r.count, r.any_estimated);
  }
  report::Section section{"breakdowns", "Reach in detail", {}};
  auto add = [&](DocTable table, const std::string& chart_description) {
    Block chart;
    chart.kind = Block::Kind::kChart;
    chart.chart.title = table.title;
    chart.chart.description = chart_description;
    chart.chart.id = "chart-" + table.id;
    for (char& c : chart.chart.id) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
    }
    // The chart shows the headline groups (professionals and young people); the table
    // beneath it has every group.
    const size_t columns = std::min<size_t>(table.columns.size(), 3);
    for (size_t c = 1; c < columns; ++c) {
      bool any = false;
      report::BarSeries series{table.columns[c].label, {}};
      for (const auto& row : table.rows) {
        // A withheld count is drawn as withheld, never as a zero.
        series.values.push_back(row[c].suppressed ? std::numeric_limits<double>::quiet_NaN()
                                                  : row[c].number.value_or(0));
        any = any || row[c].number.value_or(0) > 0 || row[c].suppressed;
      }
      if (any) chart.chart.series.push_back(std::move(series));
    }
    for (const auto& row : table.rows) chart.chart.categories.push_back(row[0].text);
    if (!table.rows.empty()) section.blocks.push_back(std::move(chart));
    section.blocks.push_back(Block::Table(std::move(table)));
  };
  const std::string drawn = " Counts not shown under the disclosure rule have no bar and read [c]; "
                            "the table below gives every figure.";
  if (request_.region.empty()) {
    add(ReachTable("Reach by region", "People reached by region", "Region", "reach.region", regions_,
                   by_region, "region", "in the region"),
        "Bars for each region: professionals and young people reached." + drawn);
  }
  std::vector<std::pair<std::string, std::string>> theme_rows;
  for (const domain::Term& t : Terms("theme")) theme_rows.emplace_back(t.code, t.label);
  DocTable theme_table = ReachTable("Reach by theme", "People reached by theme", "Theme", "reach.theme",
                                    theme_rows, by_theme, "theme", "of tasks with the theme");
  theme_table.note += " A task may have several themes: its activities count under each, so the "
                      "rows add up to more than the total.";
  add(std::move(theme_table), "Bars for each theme: professionals and young people reached." + drawn);
  std::vector<std::pair<std::string, std::string>> type_rows;
  for (const domain::Term& t : Terms("activity_type")) type_rows.emplace_back(t.code, t.label);
  add(ReachTable("Reach by activity type", "People reached by type of activity", "Type of activity",
                 "reach.type", type_rows, by_type, "type", "of the type"),
      "Bars for each type of activity: professionals and young people reached." + drawn);

  // Professionals by sector: one column.
  std::vector<std::pair<std::string, std::string>> sector_rows;
  for (const std::string& code : sector_order_) sector_rows.emplace_back(code, sectors_[code].name);
  DocTable sectors = ReachTable("Professionals by sector", "Professionals reached by sector", "Sector",
                                "reach.sector", sector_rows, by_sector, "sector", "with professionals of the sector");
  // Keep the sector and professionals columns only.
  for (auto& row : sectors.rows) row.resize(2);
  sectors.columns.resize(2);
  sectors.column_total_withheld.resize(2);
  // ... and only the figures those cells show (a sector has professionals, not young people).
  std::erase_if(doc_.figures, [](const Figure& f) {
    return f.id.rfind("reach.sector.", 0) == 0 && !f.id.ends_with(".professionals");
  });
  add(std::move(sectors), "One bar for each sector: the professionals reached." + drawn);
  doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

Status Builder::CountEvents() {
  std::vector<store::Condition> where = {
      {"occurred_on", store::Condition::Op::kOnOrAfter, {Value(doc_.from)}},
      {"occurred_on", store::Condition::Op::kOnOrBefore, {Value(doc_.to)}}};
  if (!request_.region.empty()) where.push_back({"region", store::Condition::Op::kEq, {Value(request_.region)}});
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> events, All(*domain::FindEntity("outcome_event"), where));
  NoteRecords("outcome_event", events);
  for (const Record& e : events) {
    ++event_counts_[{e.Get("outcome").is_int() ? e.Get("outcome").as_int() : 0, e.Get("kind").ToDisplay()}];
  }
  // Rows: outcomes (and none); columns: kinds, whose totals the table by kind publishes.
  std::vector<int64_t> outcomes;
  for (const auto& [key, n] : event_counts_) {
    if (std::find(outcomes.begin(), outcomes.end(), key.first) == outcomes.end()) outcomes.push_back(key.first);
  }
  const std::vector<domain::Term>& kinds = Terms("outcome_event_kind");
  std::vector<std::vector<int64_t>> cells;
  for (int64_t o : outcomes) {
    std::vector<int64_t> line;
    for (const domain::Term& k : kinds) {
      auto it = event_counts_.find({o, k.code});
      line.push_back(it == event_counts_.end() ? 0 : it->second);
    }
    cells.push_back(std::move(line));
  }
  const domain::SuppressedTable suppressed =
      domain::Suppress(cells, request_.threshold, /*rows_have_totals=*/false, /*columns_have_totals=*/true);
  for (size_t r = 0; r < outcomes.size(); ++r) {
    for (size_t c = 0; c < kinds.size(); ++c) {
      if (suppressed.Suppressed(r, c)) event_hidden_.insert({outcomes[r], kinds[c].code});
    }
  }
  for (size_t c = 0; c < kinds.size() && c < suppressed.column_total_suppressed.size(); ++c) {
    if (suppressed.column_total_suppressed[c]) event_kind_hidden_.insert(kinds[c].code);
  }
  return Status::Ok();
}

Status Builder::ObservedOutcomes() {
  if (event_counts_.empty()) return Status::Ok();
  std::map<std::string, int64_t> counts;
  for (const auto& [key, n] : event_counts_) counts[key.second] += n;
  std::vector<std::pair<std::string, std::string>> kinds;
  std::vector<std::vector<int64_t>> cells;
  for (const domain::Term& k : Terms("outcome_event_kind")) {
    if (!counts.count(k.code)) continue;
    kinds.emplace_back(k.code, k.label);
    cells.push_back({counts[k.code]});
  }
  // No total of all outcome events is published: a kind's count is withheld when small,
  // or when the outcomes' counts of that kind could otherwise give a small one away.
  const domain::SuppressedTable suppressed = domain::Suppress(cells, request_.threshold, false, false);
  DocTable table;
  table.id = "Observed outcomes";
  table.title = "Outcomes observed and recorded, by kind";
  table.columns = {{"Kind", false}, {"Recorded", true}};
  for (size_t r = 0; r < kinds.size(); ++r) {
    std::vector<std::pair<std::string, std::string>> filters = {
        {"kind", kinds[r].first}, {"from", doc_.from}, {"to", doc_.to}};
    if (!request_.region.empty()) filters.emplace_back("region", request_.region);
    Figure f;
    f.id = "outcome_events." + kinds[r].first;
    f.label = kinds[r].second;
    f.definition = "Outcome events of the kind '" + kinds[r].second + "' dated from " + doc_.from +
                   " to " + doc_.to + Where() + ", archived ones left out.";
    f.records = "outcome_event";
    f.filters = filters;
    f.link = "/outcome-events";
    f.suppressed = suppressed.Suppressed(r, 0) || event_kind_hidden_.count(kinds[r].first) > 0;
    if (!f.suppressed) f.value = cells[r][0];
    DocTable::Cell cell;
    cell.figure = f.id;
    cell.suppressed = f.suppressed;
    cell.text = f.suppressed ? "[c]" : report::Thousands(cells[r][0]);
    if (!f.suppressed) cell.number = static_cast<double>(cells[r][0]);
    AddFigure(std::move(f));
    table.rows.push_back({{kinds[r].second, std::nullopt, "", false}, std::move(cell)});
  }
  table.note = "Safeguarding actions, referrals and partners' changes of process that officers "
               "recorded; described in Lookout without identifying anyone. [c]: not shown, under "
               "the disclosure rule.";
  report::Section section{"observed", "Observed outcomes", {}};
  section.blocks.push_back(Block::Table(std::move(table)));
  doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

void Builder::Methods() {
  report::Section section{"methods", "Methods", {}};
  std::vector<Inline> items;
  items.push_back({Text("Period: " + doc_.period + ", from " + doc_.from + " to " + doc_.to + "; " +
                        (request_.region.empty() ? std::string("the whole programme")
                                                 : "the region " + RegionName(request_.region)) +
                        ". Figures computed from Lookout's records as they stood at " +
                        doc_.data_as_of + ".")});
  items.push_back({Text("Reach: the people counted on the activities dated in the period, archived "
                        "activities left out. Counts are attendances: Lookout holds no registers "
                        "of named attendees, so a person who attended two activities is counted "
                        "twice and distinct people are not counted. A figure is written "
                        "'approximately' when an estimated count (a campaign stand, an assembly) "
                        "is part of it.")});
  items.push_back({Text("Tasks completed: tasks that reached 'delivered' in the period, by their "
                        "delivery date, including those since evaluated or closed.")});
  items.push_back({Text("Survey results: for each indicator, the answers to the questions that "
                        "evidence it in the period's surveys. The base is who answered: 'don't "
                        "know' answers and blanks are left out of it, and each footnote says how "
                        "many. 'Agree' means 'strongly agree' or 'agree' unless the indicator "
                        "names other answers. Where an indicator is about those who attended "
                        "training, only respondents who said they had attended are counted. "
                        "Percentages are rounded to whole numbers, half up.")});
  items.push_back({Text("Intervals: each footnote gives the 95% Wilson score interval of the "
                        "proportion, the range within which the proportion among everyone like "
                        "the respondents is likely to lie.")});
  items.push_back({Text("Disclosure control: " + domain::SuppressionRule(request_.threshold) +
                        " A survey result with a base under " + std::to_string(request_.threshold) +
                        " is not shown.")});
  items.push_back({Text("Quotes are published only with the speaker's consent and after approval, "
                        "attributed by stakeholder type and region only; case studies only once "
                        "approved. No child's name or identifying details are held in Lookout.")});
  if (doc_.base_url.empty()) {
    items.push_back({Text("Links: this copy was made without Lookout's public address (the "
                          "public-url setting), so its figures do not link to the records they "
                          "count; each figure's definition says which records those are.")});
  }
  section.blocks.push_back(Bullets(std::move(items)));
  doc_.sections.push_back(std::move(section));
}

}  // namespace

Result<report::ReportDoc> BuildImpactReportIn(Services& services, const Actor& actor,
                                              const ImpactReportRequest& request,
                                              store::Transaction& tx) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeReport(actor));
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, domain::TaskEntity()));
  Builder builder(services, actor, request, tx);
  return builder.Build();
}

Result<report::ReportDoc> BuildImpactReport(Services& services, const Actor& actor,
                                            const ImpactReportRequest& request) {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  return BuildImpactReportIn(services, actor, request, *tx);
}

}  // namespace lookout::app
