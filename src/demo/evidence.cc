// Planning the demo year's evidence: surveys and their responses, quotes, case studies and
// outcome events, each tied to the tasks and activities it came from.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "app/records/approval.h"
#include "demo/loader.h"
#include "domain/rules.h"
#include "domain/schema.h"

namespace lookout::demo {

// Surveys: the stakeholder survey of the year, post-session feedback over the year, and the
// feedback of the British Transport Police roadshows.
void Loader::PlanSurveys() {
  Rng rng = seed_.Fork("surveys");
  const EntityDef& survey_entity = *domain::FindEntity("survey");
  const EntityDef& question_entity = *domain::FindEntity("survey_question");
  const std::string year = domain::Period::YearOf(first_, fy_month_).ToString();

  struct SurveyPlan {
    Record survey;
    const std::vector<QuestionText>* questions;
    int64_t created_at;
    int task = -1;  // planned task index; its id is known at the replay
    int64_t id = 0;
    std::vector<int64_t> question_ids;
  };
  auto plans = std::make_shared<std::vector<SurveyPlan>>();

  const int roadshow_task = [&] {
    std::vector<int> t = TasksWithKey("special:btp_roadshows");
    return t.empty() ? -1 : t.front();
  }();

  SurveyPlan stakeholder;
  stakeholder.survey.Set("title", "Stakeholder survey " + year);
  stakeholder.survey.Set("kind", "stakeholder_survey");
  stakeholder.survey.Set("period", year);
  stakeholder.survey.Set("description",
                         "Annual survey of external stakeholders: partners the programme worked "
                         "with or delivered to during the year.");
  stakeholder.questions = &StakeholderSurveyQuestions();
  stakeholder.created_at = At(NextWorkingDay(FyDate(10, 12)), 10, 0);
  plans->push_back(stakeholder);

  SurveyPlan feedback;
  feedback.survey.Set("title", "Post-session feedback " + year);
  feedback.survey.Set("kind", "post_session_feedback");
  feedback.survey.Set("period", year);
  feedback.survey.Set("description",
                      "Feedback form handed out at the end of training sessions, workshops and "
                      "presentations.");
  feedback.questions = &FeedbackSurveyQuestions();
  feedback.created_at = At(NextWorkingDay(first_.AddDays(-7)), 10, 0);
  plans->push_back(feedback);

  if (roadshow_task >= 0) {
    SurveyPlan roadshow;
    roadshow.survey.Set("title", "Vulnerability roadshow feedback");
    roadshow.survey.Set("kind", "post_session_feedback");
    roadshow.survey.Set("period", year + " Q4");
    roadshow.survey.Set("description",
                        "Feedback from British Transport Police staff who attended a "
                        "vulnerability roadshow.");
    roadshow.questions = &RoadshowSurveyQuestions();
    roadshow.created_at = At(NextWorkingDay(FyDate(11, 2)), 10, 0);
    roadshow.task = roadshow_task;
    plans->push_back(roadshow);
  }

  for (size_t p = 0; p < plans->size(); ++p) {
    Schedule((*plans)[p].created_at,
             [this, plans, p, &survey_entity, &question_entity]() -> Status {
               SurveyPlan& plan = (*plans)[p];
               const Actor analyst = StaffActor(kAnalyst);
               Record s = plan.survey;
               if (plan.task >= 0) s.Set("task", tasks_[static_cast<size_t>(plan.task)].id);
               LOOKOUT_ASSIGN_OR_RETURN(plan.id, CreateOne(analyst, survey_entity, s,
                                                           "survey " + s.Get("title").ToDisplay()));
               int position = 1;
               for (const QuestionText& q : *plan.questions) {
                 clock_.Set(clock_.NowUnixSeconds() + 30);
                 Record r;
                 r.Set("survey", plan.id);
                 r.Set("position", position++);
                 r.Set("text", q.text);
                 r.Set("kind", q.kind);
                 if (!q.options.empty()) r.Set("options", q.options);
                 if (!q.indicator.empty()) r.Set("indicator", indicator_ids_.at(q.indicator));
                 LOOKOUT_ASSIGN_OR_RETURN(int64_t id,
                                          CreateOne(analyst, question_entity, r,
                                                    "a question of " + s.Get("title").ToDisplay()));
                 plan.question_ids.push_back(id);
               }
               return Status::Ok();
             });
  }

  // A respondent's answers. `lean` shifts their chance of agreeing.
  struct Response {
    std::string sector;  // key
    std::string region;
    std::string attended;
    Date on;
    double lean = 0;
    std::vector<std::string> answers;  // per question; empty: not answered
  };
  auto answer = [&](const QuestionText& q, const Response& resp, Rng& r) -> std::string {
    if (q.kind == "yes_no") {
      return resp.attended == "unknown" ? "" : resp.attended;
    }
    if (q.kind == "free_text") return r.Chance(0.4) ? r.Pick(FreeTextAnswers()) : "";
    if (q.kind == "single_choice") {
      static const std::vector<std::string> kRatings = {"excellent", "good", "fair", "poor"};
      return kRatings[r.Weighted({0.45, 0.42, 0.11, 0.02})];
    }
    if (r.Chance(0.03)) return "";
    if (r.Chance(0.03)) return "dont_know";
    if (r.Chance(std::clamp(q.agree + resp.lean, 0.0, 1.0))) {
      return r.Chance(0.45) ? "strongly_agree" : "agree";
    }
    static const std::vector<std::string> kOther = {"neither", "disagree", "strongly_disagree"};
    return kOther[r.Weighted({0.55, 0.35, 0.10})];
  };
  auto to_records = [&](const std::vector<Response>& responses, const std::string& prefix,
                        int first_number) {
    std::vector<Record> records;
    int number = first_number;
    for (const Response& resp : responses) {
      Record r;
      char id[32];
      std::snprintf(id, sizeof id, "%s-%04d", prefix.c_str(), number++);
      r.Set("external_id", std::string(id));
      r.Set("stakeholder_type", Sector(resp.sector));
      r.Set("region", resp.region);
      r.Set("attended_training", resp.attended);
      r.Set("responded_on", resp.on.ToString());
      Value::Rows answers;
      for (size_t q = 0; q < resp.answers.size(); ++q) {
        if (resp.answers[q].empty()) continue;
        Record a;
        a.Set("question", static_cast<int64_t>(q));  // a position until the ids are known
        a.Set("answer", resp.answers[q]);
        answers.push_back(a);
      }
      r.Set("answers", answers);
      records.push_back(std::move(r));
    }
    return records;
  };
  auto schedule_import = [&](int64_t at, int plan_index, std::vector<Record> records,
                             std::string what) {
    Schedule(at, [this, plans, plan_index, records = std::move(records), what]() mutable -> Status {
      const SurveyPlan& plan = (*plans)[static_cast<size_t>(plan_index)];
      for (Record& r : records) {
        r.Set("survey", plan.id);
        for (Record& a : r.fields["answers"].as_rows()) {
          a.Set("question", plan.question_ids[static_cast<size_t>(a.Get("question").as_int())]);
        }
      }
      return ImportAll(domain::SurveyResponseEntity(), std::move(records), what);
    });
  };

  // The stakeholder survey: about 270 responses in the last two months of the year.
  {
    static const std::vector<std::string> kSectors = {
        "local_authority", "police", "education",           "vcs", "health",  "transport",
        "hospitality",     "retail", "national_government", "btp", "business"};
    static const std::vector<double> kSectorWeights = {25, 17, 14, 14, 9, 6, 4, 3, 3, 3, 2};
    std::vector<std::string> regions;
    std::vector<double> region_weights;
    for (const RegionText& r : ProgrammeRegions()) {
      regions.push_back(r.code);
      region_weights.push_back(r.insight_weight);
    }
    regions.push_back("NAT");
    region_weights.push_back(0.4);
    std::vector<Response> responses;
    const int n = static_cast<int>(rng.Between(262, 288));
    const Date open = NextWorkingDay(FyDate(11, 2));
    const int64_t window = FyDate(12, 20).DaysSinceEpoch() - open.DaysSinceEpoch();
    for (int i = 0; i < n; ++i) {
      Response resp;
      resp.sector = kSectors[rng.Weighted(kSectorWeights)];
      resp.region = resp.sector == "national_government" || resp.sector == "btp"
                        ? "NAT"
                        : regions[rng.Weighted(region_weights)];
      resp.attended =
          std::vector<std::string>{"yes", "no", "unknown"}[rng.Weighted({0.62, 0.29, 0.09})];
      resp.on = open.AddDays(rng.Between(0, window));
      resp.lean = resp.attended == "yes" ? 0.03 : resp.attended == "no" ? -0.07 : 0;
      for (const QuestionText& q : StakeholderSurveyQuestions()) {
        resp.answers.push_back(answer(q, resp, rng));
      }
      responses.push_back(std::move(resp));
    }
    std::stable_sort(responses.begin(), responses.end(),
                     [](const Response& a, const Response& b) { return a.on < b.on; });
    schedule_import(At(NextWorkingDay(FyDate(12, 24)), 14, 0), 0,
                    to_records(responses, "SS" + year.substr(2, 2), 1),
                    "the stakeholder survey responses");
  }

  // Post-session feedback: forms from training sessions, workshops and presentations,
  // entered once a quarter.
  {
    std::vector<size_t> eligible;
    std::vector<double> weights;
    for (size_t i = 0; i < activities_.size(); ++i) {
      const PlannedActivity& a = activities_[i];
      if (a.date < first_ || a.date > last_ || a.region == "NAT") continue;
      if (a.type != "training_session" && a.type != "workshop" && a.type != "presentation")
        continue;
      int64_t professionals = 0;
      for (const Audience& au : a.audience) {
        if (au.group == "professionals" && !au.estimated) professionals += au.count;
      }
      if (professionals == 0) continue;
      eligible.push_back(i);
      weights.push_back(static_cast<double>(professionals));
    }
    std::map<int, std::vector<Response>> by_quarter;
    std::map<size_t, int> taken;
    const int wanted = static_cast<int>(rng.Between(400, 440));
    for (int k = 0; k < wanted && !eligible.empty(); ++k) {
      const size_t pick = eligible[rng.Weighted(weights)];
      const PlannedActivity& a = activities_[pick];
      int64_t room = 0;
      std::vector<std::string> sectors;
      std::vector<double> sector_weights;
      for (const Audience& au : a.audience) {
        if (au.group != "professionals") continue;
        room += au.count;
        sectors.push_back(au.sector);
        sector_weights.push_back(static_cast<double>(au.count));
      }
      if (taken[pick] >= room) continue;  // no more forms than people in the room
      ++taken[pick];
      Response resp;
      resp.sector = sectors[rng.Weighted(sector_weights)];
      resp.region = a.region;
      resp.attended = "yes";
      resp.on = a.date;
      for (const QuestionText& q : FeedbackSurveyQuestions()) {
        resp.answers.push_back(answer(q, resp, rng));
      }
      by_quarter[domain::Period::QuarterOf(a.date, fy_month_).quarter].push_back(std::move(resp));
    }
    int number = 1;
    for (auto& [quarter, responses] : by_quarter) {
      std::stable_sort(responses.begin(), responses.end(),
                       [](const Response& a, const Response& b) { return a.on < b.on; });
      const Date entered = NextWorkingDay(FyDate(quarter * 3 + 1, 6));
      const int count = static_cast<int>(responses.size());
      schedule_import(At(entered, 11, 0), 1,
                      to_records(responses, "FB" + year.substr(2, 2), number),
                      "the feedback forms of quarter " + std::to_string(quarter));
      number += count;
    }
  }

  // The roadshow feedback: most of the two hundred who attended.
  if (roadshow_task >= 0) {
    std::vector<Response> responses;
    for (int a : tasks_[static_cast<size_t>(roadshow_task)].activities) {
      const PlannedActivity& act = activities_[static_cast<size_t>(a)];
      const int64_t forms = act.audience.front().count * rng.Between(60, 80) / 100;
      for (int64_t k = 0; k < forms; ++k) {
        Response resp;
        resp.sector = "btp";
        resp.region = "NAT";
        resp.attended = "yes";
        resp.on = act.date;
        for (const QuestionText& q : RoadshowSurveyQuestions()) {
          resp.answers.push_back(answer(q, resp, rng));
        }
        responses.push_back(std::move(resp));
      }
    }
    schedule_import(At(NextWorkingDay(FyDate(12, 25)), 15, 0), 2,
                    to_records(responses, "RS" + year.substr(2, 2), 1),
                    "the roadshow feedback forms");
  }
}

std::vector<int> Loader::TasksWithKey(const std::string& key) const {
  std::vector<int> out;
  for (size_t i = 0; i < tasks_.size(); ++i) {
    if (tasks_[i].key == key) out.push_back(static_cast<int>(i));
  }
  return out;
}

void Loader::PlanQuotes() {
  Rng rng = seed_.Fork("quotes");
  static const std::vector<std::string> kSources = {"survey", "feedback_form", "interview", "email",
                                                    "event"};
  for (const QuoteText& q : Quotes()) {
    // The task the words came from: one of that kind with delivery in the year, in the
    // quote's region when there is one.
    std::string key = q.task_key;
    if (key == "lookcloser" || key.rfind("btp_", 0) == 0) key = "special:" + key;
    int task = -1;
    std::vector<int> same_region, any;
    for (int t : TasksWithKey(key)) {
      const PlannedTask& pt = tasks_[static_cast<size_t>(t)];
      if (pt.activities.empty() ||
          activities_[static_cast<size_t>(pt.activities.front())].date < first_) {
        continue;
      }
      any.push_back(t);
      if (Contains(pt.regions, q.region)) same_region.push_back(t);
    }
    if (!same_region.empty()) {
      task = rng.Pick(same_region);
    } else if (!any.empty() && q.region == "NAT") {
      task = rng.Pick(any);
    }
    Date collected;
    if (task >= 0) {
      const PlannedActivity& first =
          activities_[static_cast<size_t>(tasks_[static_cast<size_t>(task)].activities.front())];
      collected = NextWorkingDay(first.date.AddDays(rng.Between(7, 40)));
    } else {
      collected = NextWorkingDay(first_.AddDays(rng.Between(120, 330)));
    }
    if (collected > last_.AddDays(-2)) collected = NextWorkingDay(last_.AddDays(-6));
    const Date consent = std::min(last_, collected.AddDays(rng.Between(0, 4)));
    const bool approved = rng.Chance(0.8);
    const int author = q.region == "NAT" ? kAnalyst : OfficerOf(q.region);
    const std::string source = rng.Pick(kSources);
    const int64_t recorded_at = Moment(consent, 9, 16, rng);
    auto id = std::make_shared<int64_t>(0);
    Schedule(recorded_at, [this, q, task, collected, consent, author, source, id]() -> Status {
      Record r;
      r.Set("text", q.text);
      r.Set("stakeholder_type", Sector(q.sector));
      r.Set("region", q.region);
      r.Set("source", source);
      r.Set("consent_given", true);
      r.Set("consent_on", consent.ToString());
      r.Set("outcome", outcome_ids_.at(q.outcome));
      if (task >= 0) r.Set("task", tasks_[static_cast<size_t>(task)].id);
      r.Set("collected_on", collected.ToString());
      LOOKOUT_ASSIGN_OR_RETURN(*id, CreateOne(StaffActor(author), *domain::FindEntity("quote"), r, "a quote"));
      return Status::Ok();
    });
    // The programme manager, who recorded none of them, approves most a few days later.
    if (approved) {
      Schedule(std::min(recorded_at + 3 * kDay, year_end_at_), [this, id]() -> Status {
        return StatusOf(SetApproval(services_, StaffActor(kProgrammeManager),
                                    *domain::FindEntity("quote"), *id, 1, true));
      });
    }
  }
}

void Loader::PlanCaseStudies() {
  Rng rng = seed_.Fork("case studies");
  const std::string year = domain::Period::YearOf(first_, fy_month_).ToString();
  int64_t at = At(NextWorkingDay(last_.AddDays(-6)), 10, 0);
  int written = 0;
  for (const CaseStudyText& cs : CaseStudies()) {
    std::vector<int> tasks;
    if (cs.key == "lookcloser") {
      tasks = TasksWithKey("special:lookcloser");
    } else if (cs.key == "btp") {
      for (const char* k :
           {"special:btp_roadshows", "special:btp_county_lines", "special:btp_custody"}) {
        for (int t : TasksWithKey(k)) tasks.push_back(t);
      }
    } else {
      // The delivered task of that kind with the most activities.
      int best = -1;
      for (int t : TasksWithKey(cs.key)) {
        const PlannedTask& pt = tasks_[static_cast<size_t>(t)];
        if (!pt.delivered_on || pt.regions.front() == "NAT") continue;
        if (best < 0 || pt.activities.size() > tasks_[static_cast<size_t>(best)].activities.size())
          best = t;
      }
      if (best >= 0) tasks.push_back(best);
    }
    if (tasks.empty()) continue;
    const PlannedTask& main = tasks_[static_cast<size_t>(tasks.front())];
    std::string region_name = "the region";
    for (const RegionText& r : ProgrammeRegions()) {
      if (r.code == main.regions.front()) region_name = r.in_prose;
    }
    const std::map<std::string, std::string> vars = {{"region_name", region_name},
                                                     {"town", main.town}};
    std::vector<int> activities;
    std::vector<int64_t> partners;
    std::vector<std::string> regions;
    int64_t recorded_after = 0;
    for (int t : tasks) {
      for (int a : tasks_[static_cast<size_t>(t)].activities) {
        if (activities_[static_cast<size_t>(a)].date > last_) continue;
        activities.push_back(a);
        recorded_after = std::max(recorded_after, activities_[static_cast<size_t>(a)].batch_at);
        AddUnique(regions, activities_[static_cast<size_t>(a)].region);
      }
      for (int64_t p : tasks_[static_cast<size_t>(t)].partners) AddUnique(partners, p);
    }
    const bool approved = written < 5;
    ++written;
    at = std::max(at + 3 * 3600 + rng.Between(0, 3600), recorded_after + 3600);
    auto id = std::make_shared<int64_t>(0);
    Schedule(at,
             [this, cs, vars, tasks, activities, partners, regions, year, id]() -> Status {
               Record r;
               r.Set("title", Fill(cs.title, vars));
               r.Set("summary", Fill(cs.summary, vars));
               r.Set("body", Fill(cs.body, vars));
               std::vector<int64_t> task_ids, activity_ids, outcome_ids;
               for (int t : tasks) task_ids.push_back(tasks_[static_cast<size_t>(t)].id);
               for (int a : activities)
                 activity_ids.push_back(activities_[static_cast<size_t>(a)].id);
               for (const std::string& o : cs.outcomes) outcome_ids.push_back(outcome_ids_.at(o));
               r.Set("tasks", Ids(task_ids));
               r.Set("activities", Ids(activity_ids));
               r.Set("partners", Ids(partners));
               r.Set("outcomes", Ids(outcome_ids));
               r.Set("period", year);
               r.Set("regions", Texts(regions));
               LOOKOUT_ASSIGN_OR_RETURN(*id, CreateOne(StaffActor(kAnalyst),
                                                       *domain::FindEntity("case_study"), r,
                                                       "case study " + r.Get("title").ToDisplay()));
               return Status::Ok();
             });
    if (approved) {
      Schedule(at + 2 * 3600, [this, id]() -> Status {
        return StatusOf(SetApproval(services_, StaffActor(kProgrammeManager),
                                    *domain::FindEntity("case_study"), *id, 1, true));
      });
    }
  }
}

void Loader::PlanOutcomeEvents() {
  Rng rng = seed_.Fork("outcome events");
  struct Planned {
    EventText text;
    int task;
    int64_t partner;
    std::string region;
    Date on;
  };
  std::vector<Planned> planned;

  // The events the case studies tell of.
  auto first_of = [&](const std::string& key) {
    std::vector<int> t = TasksWithKey(key);
    return t.empty() ? -1 : t.front();
  };
  if (int t = first_of("special:lookcloser");
      t >= 0 && !tasks_[static_cast<size_t>(t)].activities.empty()) {
    const PlannedActivity& launch =
        activities_[static_cast<size_t>(tasks_[static_cast<size_t>(t)].activities.front())];
    planned.push_back({{"safeguarding_action", "CYP-SAFE", "btp",
                        "On the #LookCloser launch day railway staff shared their concerns about "
                        "young people they saw regularly; when the young people passed through "
                        "the station later that day, staff alerted British Transport Police and "
                        "safeguarding measures were put in place."},
                       t,
                       PolicePartner("btp")->id,
                       "EM",
                       launch.date});
  }
  if (int t = first_of("special:btp_custody"); t >= 0) {
    const int64_t btp = PolicePartner("btp")->id;
    planned.push_back({{"process_change", "SYS-PROC", "btp",
                        "The custody suite reviewed the risk assessment used when children enter "
                        "and leave custody."},
                       t,
                       btp,
                       "NAT",
                       last_.AddDays(-12)});
    planned.push_back({{"process_change", "SYS-PROC", "btp",
                        "Custody officers were given a process to record and share vulnerability "
                        "concerns about children."},
                       t,
                       btp,
                       "NAT",
                       last_.AddDays(-9)});
  }
  if (int t = first_of("special:btp_roadshows");
      t >= 0 && !tasks_[static_cast<size_t>(t)].activities.empty()) {
    const PlannedActivity& show =
        activities_[static_cast<size_t>(tasks_[static_cast<size_t>(t)].activities.front())];
    for (const EventText& e : OutcomeEventTexts()) {
      if (e.sector == "btp") {
        planned.push_back({e, t, PolicePartner("btp")->id, "NAT",
                           NextWorkingDay(show.date.AddDays(rng.Between(10, 20)))});
      }
    }
  }
  planned.erase(
      std::remove_if(planned.begin(), planned.end(), [](const Planned& p) { return p.task < 0; }),
      planned.end());

  // The rest, from tasks that delivered activities, matched by the partner's sector.
  std::vector<const EventText*> texts;
  std::vector<double> weights;
  for (const EventText& e : OutcomeEventTexts()) {
    if (e.sector == "btp") continue;
    texts.push_back(&e);
    weights.push_back(e.kind == "safeguarding_action" ? 3.2
                      : e.kind == "nrm_referral"      ? 3.0
                      : e.kind == "process_change"    ? 2.0
                                                      : 3.0);
  }
  int guard = 0;
  while (planned.size() < 60 && guard++ < 1000) {
    const EventText& text = *texts[rng.Weighted(weights)];
    std::vector<std::pair<int, int64_t>> candidates;  // task, partner
    for (size_t t = 0; t < tasks_.size(); ++t) {
      const PlannedTask& pt = tasks_[t];
      if (pt.activities.empty() || pt.key.rfind("special:", 0) == 0) continue;
      for (int64_t p : pt.partners) {
        const LocalPartner& partner = partners_[partner_index_.at(p)];
        if (text.sector.empty() || partner.sector == text.sector) {
          candidates.push_back({static_cast<int>(t), p});
        }
      }
    }
    if (candidates.empty()) continue;
    const auto [task, partner] = rng.Pick(candidates);
    const PlannedTask& pt = tasks_[static_cast<size_t>(task)];
    const PlannedActivity& a = activities_[static_cast<size_t>(rng.Pick(pt.activities))];
    Date on = NextWorkingDay(a.date.AddDays(rng.Between(3, 40)));
    if (on > last_.AddDays(-1)) continue;
    planned.push_back({text, task, partner, a.region, on});
  }
  std::stable_sort(planned.begin(), planned.end(),
                   [](const Planned& a, const Planned& b) { return a.on < b.on; });
  for (const Planned& p : planned) {
    const int author = tasks_[static_cast<size_t>(p.task)].lead;
    const Date recorded = std::min(last_, p.on.AddDays(rng.Between(1, 5)));
    Schedule(Moment(recorded, 9, 17, rng), [this, p, author]() -> Status {
      Record r;
      r.Set("kind", p.text.kind);
      r.Set("occurred_on", p.on.ToString());
      r.Set("region", p.region);
      r.Set("partner", p.partner);
      r.Set("task", tasks_[static_cast<size_t>(p.task)].id);
      r.Set("outcome", outcome_ids_.at(p.text.outcome));
      r.Set("description", p.text.text);
      return StatusOf(CreateOne(StaffActor(author), *domain::FindEntity("outcome_event"), r,
                                "an outcome event"));
    });
  }
}

}  // namespace lookout::demo
