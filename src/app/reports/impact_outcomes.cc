// The impact report's evidence: each outcome with its survey figures, observed outcomes and
// quotes; the other quotes; the case studies.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "app/reports/impact_builder.h"
#include "app/reports/report_queries.h"
#include "app/reports/survey_results.h"
#include "core/text.h"
#include "domain/disclosure.h"
#include "domain/survey_stats.h"

namespace lookout::app::impact {

Result<Builder::Evidence> Builder::LoadEvidence() {
  Evidence e;
  LOOKOUT_ASSIGN_OR_RETURN(e.outcomes, All(*domain::FindEntity("outcome"), {}, "code"));
  // As the framework reads: professionals, then systems, then children and young people.
  auto level_rank = [](const Record& o) {
    const std::vector<domain::Term>& levels = Terms("outcome_level");
    for (size_t i = 0; i < levels.size(); ++i) {
      if (o.Get("level") == Value(levels[i].code)) return i;
    }
    return levels.size();
  };
  std::stable_sort(e.outcomes.begin(), e.outcomes.end(),
                   [&](const Record& a, const Record& b) { return level_rank(a) < level_rank(b); });
  LOOKOUT_ASSIGN_OR_RETURN(e.indicators, All(*domain::FindEntity("indicator"), {}, "code"));
  // The surveys of the period: a year's report takes the year's surveys and its
  // quarters'; a quarter's report that quarter's.
  std::vector<Value> periods = {Value(period_.ToString())};
  if (period_.quarter == 0) {
    for (int q = 1; q <= 4; ++q) periods.emplace_back(domain::Period{period_.start_year, q}.ToString());
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> surveys,
                           All(*domain::FindEntity("survey"),
                               {{"period", store::Condition::Op::kIn, periods}}, "id"));
  std::vector<Value> survey_ids;
  for (const Record& s : surveys) {
    e.survey_source[s.Id()] = s.Get("title").ToDisplay() + " (" + s.Get("period").ToDisplay() + ")";
    survey_ids.emplace_back(s.Id());
  }
  if (!survey_ids.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(e.questions, All(*domain::FindEntity("survey_question"),
                                              {{"survey", store::Condition::Op::kIn, survey_ids}},
                                              "position"));
  }
  NoteRecords("outcome", e.outcomes);
  NoteRecords("indicator", e.indicators);
  NoteRecords("survey", surveys);
  NoteRecords("survey_question", e.questions);
  return e;
}

Result<std::optional<Builder::Statement>> Builder::IndicatorStatement(const Record& indicator,
                                                                      const Evidence& evidence) {
  std::vector<const Record*> asked;
  for (const Record& q : evidence.questions) {
    if (q.Get("indicator") == Value(indicator.Id())) asked.push_back(&q);
  }
  if (asked.empty()) return std::optional<Statement>();
  // Answers of different kinds (agreement, yes/no) cannot be pooled: the questions of
  // the first one's kind evidence the indicator.
  const std::string kind = asked.front()->Get("kind").ToDisplay();
  asked.erase(std::remove_if(asked.begin(), asked.end(),
                             [&](const Record* q) { return q->Get("kind").ToDisplay() != kind; }),
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
  if (!result.has_positive) return std::optional<Statement>();

  // The words of the positive answers, and where the answers came from.
  std::vector<std::string> positive_words;
  for (const std::string& p : positives) {
    positive_words.push_back(kind == "agreement" ? LowerFirst(TermLabel("agreement", p)) : p);
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
    source += evidence.survey_source.at(sid);
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
  std::string note;
  if (small) {
    f.suppressed = true;
    f.value.reset();
    f.base.reset();
    f.interval.reset();
    note = "Fewer than " + std::to_string(request_.threshold) +
           " respondents answered, so the result is not shown. Source: " + source + ".";
  } else {
    note = report::Thousands(result.positive) + " out of " + report::Thousands(result.base) +
           " respondents answered " + answered_words + outside + " (95% interval " +
           domain::PercentOneDecimal(result.interval.lower) + " to " +
           domain::PercentOneDecimal(result.interval.upper) + "). Source: " + source + ".";
  }
  AddFigure(f);
  return std::optional<Statement>(
      Statement{{Text(f.label + ": "), FigureRef(f.id)}, std::move(note), base == "attended_training"});
}

void Builder::PlaceObserved(report::Section& section, const Record& outcome,
                            const std::map<std::string, int64_t>& event_counts) {
  const std::string code = outcome.Get("code").ToDisplay();
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

Status Builder::Outcomes() {
  LOOKOUT_ASSIGN_OR_RETURN(const Evidence evidence, LoadEvidence());
  report::Section section{"outcomes", "Our impact", {}};
  for (const Record& outcome : evidence.outcomes) {
    // Each statement with the text of its footnote, numbered when it is placed so that the
    // notes run in the order a reader meets them.
    std::vector<Statement> everyone;
    std::vector<Statement> trained;
    for (const Record& indicator : evidence.indicators) {
      if (indicator.Get("outcome") != Value(outcome.Id())) continue;
      LOOKOUT_ASSIGN_OR_RETURN(std::optional<Statement> statement,
                               IndicatorStatement(indicator, evidence));
      if (statement) (statement->trained ? trained : everyone).push_back(std::move(*statement));
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
    auto place = [&](std::vector<Statement>& statements, const char* lead) {
      if (statements.empty()) return;
      section.blocks.push_back(Paragraph({Text(lead)}));
      std::vector<Inline> items;
      for (Statement& s : statements) {
        s.text.push_back(FootnoteRef(AddFootnote(std::move(s.note))));
        items.push_back(std::move(s.text));
      }
      section.blocks.push_back(Bullets(std::move(items)));
    };
    place(everyone, "Of external stakeholders surveyed:");
    place(trained, "Of those who said that they had attended a training session, presentation or workshop:");
    if (!event_counts.empty()) PlaceObserved(section, outcome, event_counts);
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

}  // namespace lookout::app::impact
