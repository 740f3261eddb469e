#include "domain/schema.h"

#include <algorithm>
#include <map>

namespace lookout::domain {

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText: return "text";
    case FieldType::kLongText: return "long text";
    case FieldType::kInt: return "integer";
    case FieldType::kReal: return "number";
    case FieldType::kBool: return "boolean";
    case FieldType::kDate: return "date";
    case FieldType::kPeriod: return "period";
    case FieldType::kEnum: return "code";
    case FieldType::kEnumSet: return "codes";
    case FieldType::kRef: return "reference";
    case FieldType::kRefSet: return "references";
    case FieldType::kChildren: return "rows";
  }
  return "?";
}

bool Vocabulary::Contains(std::string_view code) const { return Find(code) != nullptr; }

const Term* Vocabulary::Find(std::string_view code) const {
  for (const Term& t : terms) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

const std::vector<Vocabulary>& AllVocabularies() {
  static const std::vector<Vocabulary> kVocabularies = {
      {"role",
       {{"admin", "Administrator"},
        {"manager", "Manager"},
        {"officer", "Prevention officer"},
        {"analyst", "Analyst / evaluator"},
        {"funder", "Funder"}}},
      {"source_type",
       {{"police_intelligence", "Police intelligence"},
        {"partner_observation", "Partner observation"},
        {"officer_observation", "Officer observation"},
        {"young_peoples_voice", "Young people's voice"},
        {"research_or_data", "Research or data"},
        {"survey", "Survey"}}},
      {"theme",
       {{"csa", "Child sexual abuse (CSA)"},
        {"cse", "Child sexual exploitation (CSE)"},
        {"cce", "Child criminal exploitation (CCE)"},
        {"msht", "Modern slavery and human trafficking (MSHT)"},
        {"online", "Online harm"}}},
      {"nrm_exploitation",
       {{"sexual", "Sexual"},
        {"criminal", "Criminal"},
        {"labour", "Labour"},
        {"domestic_servitude", "Domestic servitude"},
        {"organ_harvesting", "Organ harvesting"},
        {"unknown", "Unknown"}}},
      {"location_type",
       {{"train_station", "Train station"},
        {"bus_or_coach_station", "Bus or coach station"},
        {"tram", "Tram"},
        {"fast_food_outlet", "Fast food outlet"},
        {"roadside_services", "Roadside services"},
        {"hotel", "Hotel"},
        {"shopping_centre", "Shopping centre"},
        {"online", "Online"},
        {"school_or_college", "School or college"},
        {"other", "Other"}}},
      {"insight_status",
       {{"new", "New"},
        {"assessed", "Assessed"},
        {"tasked", "Tasked"},
        {"no_further_action", "No further action"},
        {"archived", "Archived"}}},
      {"grade_source",
       {{"1", "1: reliable"}, {"2", "2: untested"}, {"3", "3: not reliable"}}},
      {"grade_intelligence",
       {{"A", "A: known directly to the source"},
        {"B", "B: known indirectly but corroborated"},
        {"C", "C: known indirectly"},
        {"D", "D: not known"},
        {"E", "E: suspected to be false"}}},
      {"grade_handling",
       {{"P", "P: lawful sharing permitted"},
        {"C", "C: lawful sharing permitted with conditions"}}},
      {"confidence", {{"high", "High"}, {"medium", "Medium"}, {"low", "Low"}}},
      {"priority", {{"high", "High"}, {"medium", "Medium"}, {"low", "Low"}}},
      {"factor_group",
       {{"harm", "Harm"},
        {"likelihood", "Likelihood"},
        {"position", "Organisational position"}}},
      {"task_status",
       {{"proposed", "Proposed"},
        {"approved", "Approved"},
        {"in_progress", "In progress"},
        {"delivered", "Delivered"},
        {"evaluated", "Evaluated"},
        {"closed", "Closed"},
        {"rejected", "Rejected"},
        {"cancelled", "Cancelled"}}},
      {"audience_group",
       {{"professionals", "Professionals"},
        {"young_people", "Young people"},
        {"parents_carers", "Parents and carers"},
        {"public", "Public"}}},
      {"activity_type",
       {{"training_session", "Training session"},
        {"workshop", "Workshop"},
        {"presentation", "Presentation"},
        {"roadshow_event", "Roadshow event"},
        {"campaign_day", "Campaign or awareness day"},
        {"briefing_or_resource", "Briefing or resource"},
        {"shadowing_or_review", "Shadowing or process review"},
        {"strategic_meeting", "Strategic meeting"},
        {"other", "Other"}}},
      {"outcome_level",
       {{"professionals", "Professionals"},
        {"systems", "Systems"},
        {"children_young_people", "Children and young people"}}},
      {"respondent_base",
       {{"all_respondents", "All respondents"},
        {"attended_training", "Those who attended a training session, presentation or workshop"}}},
      {"survey_kind",
       {{"stakeholder_survey", "Stakeholder survey"},
        {"post_session_feedback", "Post-session feedback"}}},
      {"question_kind",
       {{"agreement", "Five-point agreement"},
        {"yes_no", "Yes / no"},
        {"single_choice", "Single choice"},
        {"multiple_choice", "Multiple choice"},
        {"free_text", "Free text"}}},
      {"attended_training", {{"yes", "Yes"}, {"no", "No"}, {"unknown", "Unknown"}}},
      {"agreement",
       {{"strongly_agree", "Strongly agree"},
        {"agree", "Agree"},
        {"neither", "Neither agree nor disagree"},
        {"disagree", "Disagree"},
        {"strongly_disagree", "Strongly disagree"},
        {"dont_know", "Don't know"}}},
      {"yes_no", {{"yes", "Yes"}, {"no", "No"}, {"dont_know", "Don't know"}}},
      {"quote_source",
       {{"survey", "Survey"},
        {"interview", "Interview"},
        {"feedback_form", "Feedback form"},
        {"email", "Email or letter"},
        {"event", "Event"},
        {"other", "Other"}}},
      {"report_kind", {{"impact", "Impact report"}}},
      {"outcome_event_kind",
       {{"safeguarding_action", "Safeguarding action"},
        {"nrm_referral", "NRM referral"},
        {"process_change", "Process or policy change by a partner"},
        {"other", "Other"}}},
  };
  return kVocabularies;
}

const Vocabulary* FindVocabulary(std::string_view name) {
  for (const Vocabulary& v : AllVocabularies()) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

int FieldDef::MaxLength() const {
  if (max_length > 0) return max_length;
  return type == FieldType::kLongText ? 20000 : 200;
}

std::string FieldDef::LinkTable(const EntityDef& owner) const {
  if (type == FieldType::kChildren) return target;
  return owner.table + "_" + name;
}

const FieldDef* EntityDef::Find(std::string_view field) const {
  for (const FieldDef& f : fields) {
    if (f.name == field) return &f;
  }
  return nullptr;
}

namespace {

// Small builders keep the definitions below readable as a table.
FieldDef Text(std::string name, std::string label, bool required = false) {
  FieldDef f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = FieldType::kText;
  f.required = required;
  return f;
}
FieldDef Of(FieldType type, std::string name, std::string label, bool required = false,
            std::string target = "") {
  FieldDef f = Text(std::move(name), std::move(label), required);
  f.type = type;
  f.target = std::move(target);
  return f;
}
FieldDef Long(std::string name, std::string label, bool required = false) {
  FieldDef f = Of(FieldType::kLongText, std::move(name), std::move(label), required);
  f.free_text = true;
  f.search = true;
  return f;
}
FieldDef Enum(std::string name, std::string label, std::string vocab, bool required = false) {
  FieldDef f = Of(FieldType::kEnum, std::move(name), std::move(label), required, std::move(vocab));
  f.filter = true;
  return f;
}
FieldDef EnumSet(std::string name, std::string label, std::string vocab, bool required = false) {
  FieldDef f = Of(FieldType::kEnumSet, std::move(name), std::move(label), required, std::move(vocab));
  f.filter = true;
  return f;
}
FieldDef Ref(std::string name, std::string label, std::string entity, bool required = false) {
  FieldDef f = Of(FieldType::kRef, std::move(name), std::move(label), required, std::move(entity));
  f.filter = true;
  return f;
}
FieldDef RefSet(std::string name, std::string label, std::string entity, bool required = false) {
  FieldDef f = Of(FieldType::kRefSet, std::move(name), std::move(label), required, std::move(entity));
  f.filter = true;
  return f;
}
FieldDef Date(std::string name, std::string label, bool required = false) {
  return Of(FieldType::kDate, std::move(name), std::move(label), required);
}
FieldDef Bool(std::string name, std::string label) {
  FieldDef f = Of(FieldType::kBool, std::move(name), std::move(label));
  f.filter = true;
  return f;
}
FieldDef With(FieldDef f, std::string help) {
  f.help = std::move(help);
  return f;
}
FieldDef Searchable(FieldDef f) {
  f.search = true;
  return f;
}
FieldDef Unique(FieldDef f) {
  f.unique = true;
  f.filter = true;
  return f;
}
FieldDef FreeText(FieldDef f) {
  f.free_text = true;
  return f;
}
FieldDef System(FieldDef f) {
  f.system = true;
  return f;
}
FieldDef MaxLen(FieldDef f, int n) {
  f.max_length = n;
  return f;
}
FieldDef Filter(FieldDef f) {
  f.filter = true;
  return f;
}

// ---- Child row entities ----------------------------------------------------------------

const EntityDef& ScoringFactorRow() {
  static const EntityDef e{
      .name = "scoring_factor",
      .plural = "factors",
      .table = "scoring_factor",
      .label = "Scoring factor",
      .help = "One factor of a scoring scheme: its group, weight, score range and what its "
              "scores mean.",
      .fields = {Text("code", "Code", true), Text("label", "Label", true),
                 Enum("group", "Group", "factor_group", true),
                 With(Of(FieldType::kReal, "weight", "Weight", true), "greater than 0"),
                 Of(FieldType::kInt, "min_score", "Lowest score", true),
                 Of(FieldType::kInt, "max_score", "Highest score", true),
                 With(MaxLen(Text("scale", "What the scores mean"), 2000),
                      "scores of the range and their meanings, lowest first, separated by ';': "
                      "'1 = no known harm; 3 = harm to one child; 5 = serious harm to several "
                      "children'")},
      .child = true,
      .parent = "scoring_scheme"};
  return e;
}

const EntityDef& FactorScoreRow() {
  static const EntityDef e{
      .name = "insight_factor_score",
      .plural = "factor_scores",
      .table = "insight_factor_score",
      .label = "Factor score",
      .help = "The score an assessor gave one factor of the insight's scoring scheme.",
      .fields = {Text("factor", "Factor code", true), Of(FieldType::kInt, "score", "Score", true)},
      .child = true,
      .parent = "insight"};
  return e;
}

const EntityDef& AudienceRow() {
  static const EntityDef e{
      .name = "activity_audience",
      .plural = "audience",
      .table = "activity_audience",
      .label = "Audience count",
      .help = "How many people of one group (and, for professionals, one sector) an "
              "activity reached, and whether the count is exact or estimated.",
      .fields = {Enum("group", "Audience group", "audience_group", true),
                 With(Ref("sector", "Sector", "sector"),
                      "required for professionals, empty otherwise"),
                 With(Of(FieldType::kInt, "count", "Count", true), "0 or more"),
                 With(Bool("estimated", "Estimated"),
                      "true when the count is an estimate (a campaign stand), false for a register")},
      .child = true,
      .parent = "activity"};
  return e;
}

const EntityDef& AnswerRow() {
  static const EntityDef e{
      .name = "survey_answer",
      .plural = "answers",
      .table = "survey_answer",
      .label = "Answer",
      .help = "One respondent's answer to one question.",
      .fields = {Ref("question", "Question", "survey_question", true),
                 With(FreeText(MaxLen(Text("answer", "Answer"), 4000)),
                      "the answer as given; for multiple choice, choices separated by ';'")},
      .child = true,
      .parent = "survey_response"};
  return e;
}

// ---- Top-level entities ----------------------------------------------------------------

const EntityDef& Programme() {
  static const EntityDef e{
      .name = "programme",
      .plural = "programmes",
      .table = "programme",
      .label = "Programme",
      .help = "The programme Lookout runs: its name, funder and the first month of its "
              "financial year, from which reporting periods are derived.",
      .fields = {Text("name", "Name", true), Text("funder", "Funder"),
                 With(Of(FieldType::kInt, "fy_start_month", "First month of the financial year",
                         true),
                      "1-12; 4 (April) by default")}};
  return e;
}

const EntityDef& Region() {
  static const EntityDef e{
      .name = "region",
      .plural = "regions",
      .table = "region",
      .label = "Region",
      .help = "The ten programme regions, which follow the regional organised crime unit "
              "network, and National for work with national bodies.",
      .fields = {Unique(MaxLen(Text("code", "Code", true), 8)), Searchable(Text("name", "Name", true)),
                 With(Text("prose_name", "Name in sentences"),
                      "as reports write it after 'in': 'the North East', 'the East of England', "
                      "'Wales'; the name when empty"),
                 Text("nation", "Nation", true),
                 With(Searchable(Text("aliases", "Also known as")),
                      "other names reports use, separated by ';'")},
      .code_field = "code",
      .sort_field = "code"};
  return e;
}

const EntityDef& PoliceForce() {
  static const EntityDef e{
      .name = "police_force",
      .plural = "police-forces",
      .table = "police_force",
      .label = "Police force",
      .help = "The 43 territorial police forces of England and Wales and British Transport "
              "Police. A force's programme region and its ROCU are separate facts.",
      .fields = {With(Unique(MaxLen(Text("code", "Code", true), 40)),
                      "the police.uk force id, e.g. 'kent', 'btp'"),
                 Searchable(Text("name", "Name", true)),
                 Ref("region", "Programme region", "region", true),
                 With(MaxLen(Text("pfa_code", "ONS police force area code"), 9),
                      "e.g. E23000032; empty for British Transport Police"),
                 Searchable(Text("rocu", "Regional organised crime unit")),
                 MaxLen(Text("note", "Note"), 500)},
      .code_field = "code",
      .region_field = "region",
      .sort_field = "name"};
  return e;
}

const EntityDef& Sector() {
  static const EntityDef e{
      .name = "sector",
      .plural = "sectors",
      .table = "sector",
      .label = "Sector",
      .help = "The sectors of partner organisations and professional audiences. Fixed at "
              "install, extendable by an administrator.",
      .fields = {Unique(MaxLen(Text("code", "Code", true), 40)), Searchable(Text("name", "Name", true)),
                 With(Text("stakeholder_label", "Stakeholder label"),
                      "how reports attribute a quote, e.g. 'Local Government Stakeholder'"),
                 Bool("active", "Active")},
      .code_field = "code",
      .sort_field = "code"};
  return e;
}

const EntityDef& Staff() {
  static const EntityDef e{
      .name = "staff",
      .plural = "staff",
      .table = "staff",
      .label = "Staff member",
      .help = "People who use Lookout: prevention officers, managers, analysts, "
              "administrators and funders' readers.",
      .fields = {Searchable(Text("name", "Name", true)),
                 With(Searchable(Unique(MaxLen(Text("email", "Email", true), 254))),
                      "unique; how the person signs in"),
                 Enum("role", "Role", "role", true),
                 With(Ref("home_region", "Home region", "region"), "required for officers"),
                 Bool("active", "Active")},
      .region_field = "home_region",
      .sort_field = "name"};
  return e;
}

const EntityDef& Objective() {
  static const EntityDef e{
      .name = "objective",
      .plural = "objectives",
      .table = "objective",
      .label = "Programme objective",
      .help = "The programme's objectives and multi-year priorities that tasks serve "
              "(e.g. 'everyone's responsibility').",
      .fields = {Unique(MaxLen(Text("code", "Code", true), 40)), Searchable(Text("title", "Title", true)),
                 Long("description", "Description"), Bool("active", "Active")},
      .sort_field = "code"};
  return e;
}

const EntityDef& ScoringScheme() {
  static const EntityDef e{
      .name = "scoring_scheme",
      .plural = "scoring-schemes",
      .table = "scoring_scheme",
      .label = "Scoring scheme",
      .help = "A configurable scheme for prioritising insight: harm and likelihood factors "
              "with weights give a risk score, adjusted by the organisation's position. "
              "Assessments keep the version they were scored under.",
      .fields = {With(Unique(Of(FieldType::kInt, "scheme_version", "Scheme version", true)),
                      "1, 2, ...: assessments keep the version they were scored under; left out "
                      "when created, the number after the highest"),
                 Searchable(Text("name", "Name", true)), Long("description", "Description"),
                 Bool("active", "Active"),
                 Of(FieldType::kChildren, "factors", "Factors", true, "scoring_factor"),
                 With(MaxLen(Text("bands", "Risk bands"), 2000),
                      "what a risk score means: each band from its lowest score, lowest first, "
                      "separated by ';': '2 = Low: keep under review; 10 = Medium: weigh at the "
                      "next tasking meeting'")},
      .sort_field = "scheme_version"};
  return e;
}

const EntityDef& Partner() {
  static const EntityDef e{
      .name = "partner",
      .plural = "partners",
      .table = "partner",
      .label = "Partner organisation",
      .help = "An organisation the programme works with or delivers to.",
      .fields = {Searchable(Text("name", "Name", true)), Ref("sector", "Sector", "sector", true),
                 With(Ref("region", "Region", "region", true), "NAT for a national partner"),
                 Bool("active", "Active")},
      .region_field = "region",
      .sort_field = "name"};
  return e;
}

const EntityDef& Insight() {
  static const EntityDef e{
      .name = "insight",
      .plural = "insights",
      .table = "insight",
      .label = "Insight",
      .help = "An item of intelligence or insight about need in an area. Police "
              "intelligence carries a 3x5x2 grade; older material may carry a legacy 5x5x5 "
              "grade on import. Never record a child's name or identifying details.",
      .fields =
          {Date("received_on", "Date received", true),
           Ref("recorded_by", "Recorded by", "staff", true),
           Enum("source_type", "Source type", "source_type", true),
           Ref("region", "Region", "region", true),
           Ref("force", "Police force", "police_force"),
           EnumSet("themes", "Themes", "theme", true),
           With(Bool("county_lines", "County lines"), "only with the CCE theme"),
           With(EnumSet("nrm_exploitation_types", "NRM exploitation types", "nrm_exploitation"),
                "only with the MSHT theme"),
           EnumSet("location_types", "Location types", "location_type"),
           Long("summary", "Summary", true),
           With(Enum("grade_source", "Source evaluation", "grade_source"),
                "3x5x2: 1, 2 or 3; required for police intelligence"),
           With(Enum("grade_intelligence", "Intelligence assessment", "grade_intelligence"),
                "3x5x2: A to E"),
           With(Enum("grade_handling", "Handling code", "grade_handling"), "3x5x2: P or C"),
           With(MaxLen(Long("handling_conditions", "Handling conditions"), 2000),
                "required when the handling code is C"),
           With(MaxLen(Filter(Text("legacy_grade", "Legacy 5x5x5 grade")), 3),
                "import only: source A-E, intelligence 1-5, handling 1-5, e.g. 'B24'"),
           Date("review_on", "Review date"),
           Enum("status", "Status", "insight_status", true),
           With(Ref("scoring_scheme", "Scoring scheme", "scoring_scheme"),
                "the scheme the priority assessment used"),
           Of(FieldType::kChildren, "factor_scores", "Factor scores", false,
              "insight_factor_score"),
           With(System(Of(FieldType::kReal, "risk_score", "Risk score")),
                "computed from the factor scores under the scheme"),
           Enum("confidence", "Confidence", "confidence")},
      .date_field = "received_on",
      .region_field = "region",
      .sort_field = "received_on",
      .sort_descending = true};
  return e;
}

const EntityDef& Task() {
  static const EntityDef e{
      .name = "task",
      .plural = "tasks",
      .table = "task",
      .label = "Task",
      .help = "A tactical decision: work the programme does in answer to intelligence and "
              "insight, for an objective, led by an officer, with and to partners. Its status "
              "changes only through transitions.",
      .fields =
          {With(System(Unique(MaxLen(Text("reference", "Reference"), 20))),
                "given by Lookout, e.g. T-2026-0042"),
           Searchable(Text("title", "Title", true)), Long("description", "Description"),
           RefSet("objectives", "Programme objectives", "objective", true),
           EnumSet("themes", "Themes", "theme", true),
           With(Bool("county_lines", "County lines"), "only with the CCE theme"),
           With(RefSet("regions", "Regions", "region", true), "NAT for a national task"),
           Ref("lead", "Lead officer", "staff", true),
           RefSet("staff", "Other staff", "staff"),
           With(RefSet("partners", "Delivered with", "partner"), "partner ids"),
           EnumSet("audiences", "Delivered to", "audience_group"),
           RefSet("audience_sectors", "Professional sectors delivered to", "sector"),
           RefSet("insights", "Insight answered", "insight"),
           Enum("priority", "Priority", "priority", true),
           Date("due_on", "Due date"),
           With(System(Enum("status", "Status", "task_status")),
                "proposed on create; changes through POST /tasks/{id}/transitions"),
           With(System(Date("delivered_on", "Date delivered")),
                "set when the task reaches 'delivered'"),
           With(FreeText(MaxLen(Long("changes_asked", "Changes asked for"), 4000)),
                "what the tasking meeting asked to change in the proposal; cleared when the "
                "proposal is changed")},
      .date_field = "due_on",
      .region_field = "regions",
      .sort_field = "id",
      .sort_descending = true};
  return e;
}

const EntityDef& TaskTransition() {
  static const EntityDef e{
      .name = "task_transition",
      .plural = "task-transitions",
      .table = "task_transition",
      .label = "Task transition",
      .help = "One change of a task's status: who, when and why. Written by the transition "
              "use case; imported only to restore history.",
      .fields = {Ref("task", "Task", "task", true),
                 Enum("from_status", "From", "task_status"),
                 Enum("to_status", "To", "task_status", true),
                 With(Text("at", "When", true), "UTC timestamp YYYY-MM-DDTHH:MM:SSZ"),
                 Ref("by", "By", "staff"),
                 With(MaxLen(Long("reason", "Reason"), 2000),
                      "required for rejection and cancellation; an entry from 'proposed' to "
                      "'proposed' is the tasking meeting asking for changes, and its reason "
                      "what to change")},
      .sort_field = "id",
      .api_writable = false};
  return e;
}

const EntityDef& Campaign() {
  static const EntityDef e{
      .name = "campaign",
      .plural = "campaigns",
      .table = "campaign",
      .label = "Campaign",
      .help = "A named multi-day, multi-site effort such as #LookCloser; activities can "
              "belong to it.",
      .fields = {Searchable(Text("name", "Name", true)), Long("description", "Description"),
                 Date("start_on", "First day", true), Date("end_on", "Last day", true),
                 RefSet("regions", "Regions", "region", true), RefSet("partners", "Partners", "partner"),
                 EnumSet("themes", "Themes", "theme"), Ref("task", "Task", "task")},
      .date_field = "start_on",
      .region_field = "regions",
      .sort_field = "start_on",
      .sort_descending = true};
  return e;
}

const EntityDef& Activity() {
  static const EntityDef e{
      .name = "activity",
      .plural = "activities",
      .table = "activity",
      .label = "Activity",
      .help = "One delivery under a task: a training session, workshop, roadshow event, "
              "campaign day, briefing and so on, with whom it reached. Counts only: never "
              "names of young people.",
      .fields = {Ref("task", "Task", "task", true), Ref("campaign", "Campaign", "campaign"),
                 Enum("type", "Type", "activity_type", true),
                 FreeText(Searchable(Text("title", "Title", true))),
                 Date("start_on", "Date", true),
                 With(Date("end_on", "Last day"), "for activities over several days"),
                 Ref("region", "Region", "region", true), Ref("force", "Police force", "police_force"),
                 FreeText(Searchable(Text("place", "Place"))),
                 RefSet("partners", "Partners", "partner"),
                 Of(FieldType::kChildren, "audience", "Audience counts", false, "activity_audience"),
                 Long("notes", "Notes")},
      .date_field = "start_on",
      .region_field = "region",
      .sort_field = "start_on",
      .sort_descending = true};
  return e;
}

const EntityDef& Outcome() {
  static const EntityDef e{
      .name = "outcome",
      .plural = "outcomes",
      .table = "outcome",
      .label = "Outcome",
      .help = "An outcome of the programme's framework, at the level of professionals, "
              "systems or children and young people.",
      .fields = {Unique(MaxLen(Text("code", "Code", true), 40)),
                 Searchable(MaxLen(Text("statement", "Statement", true), 500)),
                 Enum("level", "Level", "outcome_level", true), Long("description", "Description")},
      .sort_field = "code"};
  return e;
}

const EntityDef& Indicator() {
  static const EntityDef e{
      .name = "indicator",
      .plural = "indicators",
      .table = "indicator",
      .label = "Indicator",
      .help = "How an outcome is evidenced: which answers count as positive, among which "
              "respondents.",
      .fields = {Unique(MaxLen(Text("code", "Code", true), 40)), Ref("outcome", "Outcome", "outcome", true),
                 Searchable(MaxLen(Text("statement", "Statement", true), 500)),
                 With(Text("positive_answers", "Positive answers"),
                      "answers that count as positive, separated by ';' (default for agreement "
                      "questions: strongly_agree;agree)"),
                 Enum("base", "Respondents", "respondent_base")},
      .sort_field = "code"};
  return e;
}

const EntityDef& Survey() {
  static const EntityDef e{
      .name = "survey",
      .plural = "surveys",
      .table = "survey",
      .label = "Survey",
      .help = "A stakeholder survey or post-session feedback form.",
      .fields = {Searchable(Text("title", "Title", true)), Enum("kind", "Kind", "survey_kind", true),
                 Filter(Of(FieldType::kPeriod, "period", "Period", true)),
                 Ref("task", "Task", "task"), Ref("activity", "Activity", "activity"),
                 Long("description", "Description"),
                 With(Of(FieldType::kLongText, "import_mapping", "Import column mapping"),
                      "how files exported by survey tools are read into this survey: JSON, "
                      "saved by the last import given a mapping (docs/surveys.md)")},
      .sort_field = "id",
      .sort_descending = true};
  return e;
}

const EntityDef& SurveyQuestion() {
  static const EntityDef e{
      .name = "survey_question",
      .plural = "survey-questions",
      .table = "survey_question",
      .label = "Survey question",
      .help = "A question of a survey, its kind, and the indicator it evidences.",
      .fields = {Ref("survey", "Survey", "survey", true),
                 With(Filter(Of(FieldType::kInt, "position", "Position", true)),
                      "1, 2, 3 ...: the question's place in its survey, its own among the live "
                      "questions; left out when created, the place after the last"),
                 Searchable(MaxLen(Text("text", "Question", true), 1000)),
                 Enum("kind", "Kind", "question_kind", true),
                 With(MaxLen(Text("options", "Options"), 2000),
                      "for choice questions: the choices, separated by ';'"),
                 Ref("indicator", "Indicator", "indicator")},
      .sort_field = "position"};
  return e;
}

const EntityDef& SurveyResponse() {
  static const EntityDef e{
      .name = "survey_response",
      .plural = "survey-responses",
      .table = "survey_response",
      .label = "Survey response",
      .help = "One respondent's response: who they are by type and region only, whether "
              "they attended training, and their answers.",
      .fields = {Ref("survey", "Survey", "survey", true),
                 With(Filter(MaxLen(Text("external_id", "Response id in the survey tool"), 100)),
                      "keeps a re-import from doubling responses"),
                 With(Ref("stakeholder_type", "Stakeholder type", "sector"), "a sector code"),
                 Ref("region", "Region", "region"),
                 Enum("attended_training", "Attended training", "attended_training", true),
                 Date("responded_on", "Date"),
                 Of(FieldType::kChildren, "answers", "Answers", false, "survey_answer")},
      .date_field = "responded_on",
      .region_field = "region",
      .sort_field = "id"};
  return e;
}

const EntityDef& Quote() {
  static const EntityDef e{
      .name = "quote",
      .plural = "quotes",
      .table = "quote",
      .label = "Quote",
      .help = "A stakeholder's words, attributed by stakeholder type and region only, "
              "published only with consent and approval.",
      .fields = {MaxLen(Long("text", "Quote", true), 4000),
                 Ref("stakeholder_type", "Stakeholder type", "sector", true),
                 Ref("region", "Region", "region", true),
                 Enum("source", "Source", "quote_source", true),
                 Bool("consent_given", "Consent given"), Date("consent_on", "Consent date"),
                 With(System(Bool("approved", "Approved for publication")),
                      "true once a manager who did not record it has approved it"),
                 With(System(Ref("approved_by", "Approved by", "staff")), "the manager who approved it"),
                 With(System(Text("approved_at", "Approved at")), "when, a UTC timestamp YYYY-MM-DDTHH:MM:SSZ"),
                 Ref("outcome", "Outcome", "outcome"), Ref("task", "Task", "task"),
                 Date("collected_on", "Date collected", true)},
      .date_field = "collected_on",
      .region_field = "region",
      .sort_field = "collected_on",
      .sort_descending = true};
  return e;
}

const EntityDef& CaseStudy() {
  static const EntityDef e{
      .name = "case_study",
      .plural = "case-studies",
      .table = "case_study",
      .label = "Case study",
      .help = "A written account of work and its results, in Markdown.",
      .fields = {Searchable(Text("title", "Title", true)), MaxLen(Long("summary", "Summary", true), 2000),
                 With(MaxLen(Long("body", "Body"), 100000), "Markdown"),
                 RefSet("tasks", "Tasks", "task"), RefSet("activities", "Activities", "activity"),
                 RefSet("partners", "Partners", "partner"), RefSet("outcomes", "Outcomes", "outcome"),
                 Filter(Of(FieldType::kPeriod, "period", "Period", true)),
                 RefSet("regions", "Regions", "region"),
                 With(System(Bool("approved", "Approved for publication")),
                      "true once a manager who did not record it has approved it"),
                 With(System(Ref("approved_by", "Approved by", "staff")), "the manager who approved it"),
                 With(System(Text("approved_at", "Approved at")), "when, a UTC timestamp YYYY-MM-DDTHH:MM:SSZ")},
      .region_field = "regions",
      .sort_field = "id",
      .sort_descending = true};
  return e;
}

const EntityDef& PublishedReport() {
  static const EntityDef e{
      .name = "published_report",
      .plural = "published-reports",
      .table = "published_report",
      .label = "Published report",
      .help = "A report a manager published: its files frozen as they were (downloaded "
              "identically later), a hash of the records it was computed from, and whether "
              "the period's records are still locked against change.",
      .fields = {With(System(Enum("kind", "Report", "report_kind")), "impact"),
                 With(System(Filter(Of(FieldType::kPeriod, "period", "Period"))), "2025-26 or 2025-26 Q3"),
                 With(System(Ref("region", "Region", "region")), "empty for the whole programme"),
                 With(System(Of(FieldType::kInt, "threshold", "Suppression threshold")),
                      "counts under it were not shown in breakdowns"),
                 System(Text("title", "Title")),
                 With(System(Text("inputs_hash", "Hash of the inputs")),
                      "SHA-256 of the aggregates and records the figures were computed from"),
                 With(System(Filter(Bool("locked", "Records locked"))),
                      "true while the period's records may not be changed"),
                 With(System(MaxLen(Long("unlock_reason", "Why it was unlocked"), 2000)),
                      "given by the manager who unlocked the period")},
      .region_field = "region",
      .sort_field = "id",
      .sort_descending = true,
      .api_writable = false};
  return e;
}

const EntityDef& OutcomeEvent() {
  static const EntityDef e{
      .name = "outcome_event",
      .plural = "outcome-events",
      .table = "outcome_event",
      .label = "Outcome event",
      .help = "An observed result: a safeguarding action, an NRM referral, a partner "
              "changing a process. Described without identifying anyone.",
      .fields = {Enum("kind", "Kind", "outcome_event_kind", true),
                 Date("occurred_on", "Date", true), Ref("region", "Region", "region", true),
                 Ref("partner", "Partner", "partner"), Ref("task", "Task", "task"),
                 Ref("outcome", "Outcome", "outcome"),
                 Long("description", "Description", true)},
      .date_field = "occurred_on",
      .region_field = "region",
      .sort_field = "occurred_on",
      .sort_descending = true};
  return e;
}


// ---- Internal entities: accounts and sign-in -------------------------------------------

FieldDef Secret(FieldDef f) {
  f.secret = true;
  return f;
}

const EntityDef& Account() {
  static const EntityDef e{
      .name = "account",
      .plural = "accounts",
      .table = "account",
      .label = "Account",
      .help = "A staff member's sign-in credentials. Staff.active false disables it.",
      .fields = {Unique(Ref("staff", "Staff member", "staff", true)),
                 With(Secret(MaxLen(Text("password_hash", "Password hash", true), 255)),
                      "argon2id, as libsodium's crypto_pwhash_str writes it"),
                 Bool("must_change_password", "Must change password at next sign-in"),
                 Of(FieldType::kInt, "failed_sign_ins", "Failed sign-ins in a row"),
                 With(Text("locked_until", "Locked until"), "UTC timestamp"),
                 With(Text("password_changed_at", "Password changed at"), "UTC timestamp")},
      .internal = true};
  return e;
}

const EntityDef& Session() {
  static const EntityDef e{
      .name = "session",
      .plural = "sessions",
      .table = "session",
      .label = "Session",
      .help = "A signed-in browser session. The token is stored only as a hash.",
      .fields = {Unique(Secret(MaxLen(Text("token_hash", "Token hash", true), 128))),
                 Ref("staff", "Staff member", "staff", true),
                 Secret(MaxLen(Text("csrf_token", "CSRF token", true), 128)),
                 With(Text("started_at", "Started at", true), "UTC timestamp"),
                 With(Filter(Text("last_seen_at", "Last seen at", true)), "UTC timestamp"),
                 With(Text("expires_at", "Expires at", true), "absolute timeout, UTC timestamp"),
                 With(Filter(Text("ended_at", "Ended at")), "UTC timestamp; empty while live"),
                 Text("ended_reason", "Why it ended"),
                 MaxLen(Text("address", "Client address"), 64)},
      .internal = true};
  return e;
}

const EntityDef& ApiToken() {
  static const EntityDef e{
      .name = "api_token",
      .plural = "api-tokens",
      .table = "api_token",
      .label = "API token",
      .help = "A token a user made for scripts. Shown once; stored only as a hash.",
      .fields = {Ref("staff", "Staff member", "staff", true), Text("name", "Name", true),
                 Unique(Secret(MaxLen(Text("token_hash", "Token hash", true), 128))),
                 With(MaxLen(Text("prefix", "First characters", true), 16),
                      "so the owner can tell tokens apart"),
                 Date("expires_on", "Expires on", true),
                 With(Filter(Text("revoked_at", "Revoked at")), "UTC timestamp"),
                 With(Text("last_used_at", "Last used at"), "UTC timestamp")},
      .internal = true};
  return e;
}

const EntityDef& SignInAttempt() {
  static const EntityDef e{
      .name = "sign_in_attempt",
      .plural = "sign-in-attempts",
      .table = "sign_in_attempt",
      .label = "Sign-in attempt",
      .help = "One attempt to sign in, kept for the brute-force defence.",
      .fields = {Filter(MaxLen(Text("address", "Client address", true), 64)),
                 With(Secret(MaxLen(Filter(Text("email_hash", "Email hash", true)), 128)),
                      "a hash of the address tried: attempts on unknown accounts are counted "
                      "without keeping the address"),
                 With(Filter(Text("at", "At", true)), "UTC timestamp"),
                 Bool("succeeded", "Succeeded")},
      .internal = true};
  return e;
}

}  // namespace

const std::vector<const EntityDef*>& AllEntities() {
  static const std::vector<const EntityDef*> kAll = {
      &Programme(), &Region(),         &PoliceForce(),    &Sector(),   &Staff(),
      &Objective(), &ScoringScheme(),  &Partner(),        &Insight(),  &Task(),
      &TaskTransition(), &Campaign(),  &Activity(),       &Outcome(),  &Indicator(),
      &Survey(),    &SurveyQuestion(), &SurveyResponse(), &Quote(),    &CaseStudy(),
      &OutcomeEvent(), &PublishedReport()};
  return kAll;
}

namespace {
const std::vector<const EntityDef*>& ChildEntities() {
  static const std::vector<const EntityDef*> kChildren = {&ScoringFactorRow(), &FactorScoreRow(),
                                                          &AudienceRow(), &AnswerRow()};
  return kChildren;
}
}  // namespace

std::string KindName(const EntityDef& entity) {
  std::string out = entity.name;
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

const EntityDef* FindEntity(std::string_view name) {
  for (const EntityDef* e : AllEntities()) {
    if (e->name == name || e->plural == name || KindName(*e) == name) return e;
  }
  return nullptr;
}

const EntityDef& ChildEntity(const FieldDef& field) {
  for (const EntityDef* e : ChildEntities()) {
    if (e->name == field.target) return *e;
  }
  static const EntityDef kNone;
  return kNone;
}

const std::vector<const EntityDef*>& InternalEntities() {
  static const std::vector<const EntityDef*> kInternal = {&Account(), &Session(), &ApiToken(),
                                                          &SignInAttempt()};
  return kInternal;
}

const EntityDef* FindInternalEntity(std::string_view name) {
  for (const EntityDef* e : InternalEntities()) {
    if (e->name == name) return e;
  }
  return nullptr;
}

const EntityDef& AccountEntity() { return Account(); }
const EntityDef& SessionEntity() { return Session(); }
const EntityDef& ApiTokenEntity() { return ApiToken(); }
const EntityDef& SignInAttemptEntity() { return SignInAttempt(); }
const EntityDef& ProgrammeEntity() { return Programme(); }
const EntityDef& RegionEntity() { return Region(); }
const EntityDef& PoliceForceEntity() { return PoliceForce(); }
const EntityDef& SectorEntity() { return Sector(); }
const EntityDef& StaffEntity() { return Staff(); }
const EntityDef& PartnerEntity() { return Partner(); }
const EntityDef& InsightEntity() { return Insight(); }
const EntityDef& TaskEntity() { return Task(); }
const EntityDef& TaskTransitionEntity() { return TaskTransition(); }
const EntityDef& ActivityEntity() { return Activity(); }
const EntityDef& SurveyResponseEntity() { return SurveyResponse(); }
const EntityDef& PublishedReportEntity() { return PublishedReport(); }

bool IsMetaColumn(std::string_view name) {
  for (const char* meta : kMetaColumns) {
    if (name == meta) return true;
  }
  return false;
}

}  // namespace lookout::domain
