// A hand-built impact report with every kind of block, for the renderers' tests: headline
// figures (an approximate count, a proportion, a suppressed count), footnotes, a chart, a
// short table with a suppressed cell and a total row, a table long enough to run over pages,
// a quote, a case study in Markdown, and text that must come out as written: non-ASCII
// ("Côte – “quotes”") and markup characters ("<&>").
#ifndef LOOKOUT_TESTS_REPORT_SAMPLE_DOC_H_
#define LOOKOUT_TESTS_REPORT_SAMPLE_DOC_H_

#include <string>
#include <utility>
#include <vector>

#include "report/doc.h"

namespace lookout::report::sample {

inline Span Text(std::string text) { return {Span::Kind::kText, std::move(text), "", 0}; }
inline Span Strong(std::string text) { return {Span::Kind::kStrong, std::move(text), "", 0}; }
inline Span Fig(std::string id) { return {Span::Kind::kFigure, "", std::move(id), 0}; }
inline Span Note(int n) { return {Span::Kind::kFootnote, "", "", n}; }

inline Block Paragraph(Inline text) {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::move(text);
  return b;
}
inline Block Heading(std::string text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.text = {Text(std::move(text))};
  return b;
}
inline Block Bullets(std::vector<Inline> items) {
  Block b;
  b.kind = Block::Kind::kBullets;
  b.items = std::move(items);
  return b;
}
inline Block TableBlock(DocTable table) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(table);
  return b;
}
inline DocTable::Cell Cell(std::string text) { return {std::move(text), std::nullopt, "", false}; }
inline DocTable::Cell Num(double n, std::string text) { return {std::move(text), n, "", false}; }
inline DocTable::Cell Suppressed(int threshold = 5) {
  return {"fewer than " + std::to_string(threshold), std::nullopt, "", true};
}

// Figures as app/ fills them.
inline std::vector<Figure> SampleFigures() {
  std::vector<Figure> f(6);
  f[0].id = "reach.professionals";
  f[0].label = "Professionals reached";
  f[0].value = 13363;
  f[0].approximate = true;
  f[0].definition = "People reached by activities delivered in the period whose audience is "
                    "professionals, counting estimates where attendance was not recorded";
  f[0].records = "activity";
  f[0].filters = {{"period", "2025-26"}, {"audience", "professionals"}};
  f[0].link = "/activities?period=2025-26&audience=professionals";

  f[1].id = "reach.young_people";
  f[1].label = "Young people reached";
  f[1].value = 1183;
  f[1].definition = "People reached by activities delivered in the period whose audience is "
                    "young people";
  f[1].records = "activity";
  f[1].filters = {{"period", "2025-26"}, {"audience", "young_people"}};
  f[1].link = "/activities?period=2025-26&audience=young_people";

  f[2].id = "tasks.completed";
  f[2].label = "Tasks completed";
  f[2].value = 371;
  f[2].definition = "Tasks whose status became complete in the period";
  f[2].records = "task";
  f[2].filters = {{"period", "2025-26"}, {"status", "complete"}};
  f[2].link = "/tasks?period=2025-26&status=complete";

  f[3].id = "indicator.PRO-CONF-1";
  f[3].label = "Professionals more confident to identify and support young people at risk";
  f[3].value = 46;
  f[3].proportion = true;
  f[3].base = 49;
  f[3].interval = {{0.8348, 0.9790}};
  f[3].definition = "External stakeholders who agreed or strongly agreed, of those who answered";
  f[3].records = "survey_response";
  f[3].filters = {{"period", "2025-26"}, {"question", "PRO-CONF-1"}};
  f[3].link = "/survey-responses?period=2025-26&question=PRO-CONF-1";

  f[4].id = "reach.wales.young_people";
  f[4].label = "Young people reached in Wales";
  f[4].suppressed = true;  // 3, withheld: never written anywhere
  f[4].definition = "Young people reached by activities delivered in Wales in the period";
  f[4].records = "activity";
  f[4].filters = {{"period", "2025-26"}, {"region", "wales"}, {"audience", "young_people"}};
  f[4].link = "/activities?period=2025-26&region=wales&audience=young_people";

  f[5].id = "indicator.SYS-1";
  f[5].label = "Systems better able to identify young people at risk";
  f[5].value = 34;
  f[5].proportion = true;
  f[5].base = 40;
  f[5].interval = {{0.7089, 0.9292}};
  f[5].definition = "External stakeholders who agreed or strongly agreed, of those who answered";
  f[5].records = "survey_response";
  f[5].filters = {{"period", "2025-26"}, {"question", "SYS-1"}};
  f[5].link = "/survey-responses?period=2025-26&question=SYS-1";
  return f;
}

inline DocTable ReachByRegion() {
  DocTable t;
  t.id = "Reach by region";
  t.title = "People reached by region";
  t.columns = {{"Region", false}, {"Professionals", true}, {"Young people", true}};
  t.rows = {
      {Cell("East Midlands"), Num(2406, "2,406"), Num(311, "311")},
      {Cell("London"), Num(3120, "3,120"), Num(204, "204")},
      {Cell("North West"), Num(1875, "1,875"), Num(96, "96")},
      {Cell("Wales"), Num(642, "642"), Suppressed()},
      {Cell("Yorkshire and the Humber"), Num(1510, "1,510"), Num(188, "188")},
      {Cell("Côte – “quotes” <&> partners"), Num(12, "12"), Num(9, "9")},
      {Cell("Total"), Num(9565, "9,565"), Num(811, "811")},
  };
  t.last_row_is_total = true;
  t.note = "Counts people reached by activities delivered in the period. Counts from 1 to 4 "
           "are not shown; the total includes them.";
  return t;
}

// A table of 90 rows: more than a page holds.
inline DocTable ActivityByMonth() {
  DocTable t;
  t.id = "Activity by month";
  t.title = "Activities by month and kind";
  t.columns = {{"Month", false}, {"Kind of activity", false}, {"Activities", true},
               {"People reached", true}};
  const char* months[] = {"April",   "May",      "June",     "July",    "August",   "September",
                          "October", "November", "December", "January", "February", "March"};
  const char* kinds[] = {"Training", "Briefing", "Workshop", "Campaign event", "Consultation",
                         "Presentation", "Multi-agency meeting", "Resource shared"};
  int activities = 0, people = 0;
  for (int i = 0; i < 90; ++i) {
    const int a = 5 + (i * 7) % 23;
    const int p = 40 + (i * 37) % 400;
    activities += a;
    people += p;
    t.rows.push_back({Cell(months[i % 12]), Cell(kinds[i % 8]), Num(a, std::to_string(a)),
                      i % 17 == 3 ? Suppressed() : Num(p, std::to_string(p))});
  }
  t.rows.push_back({Cell("All months"), Cell(""), Num(activities, std::to_string(activities)),
                    Num(people, std::to_string(people))});
  t.last_row_is_total = true;
  t.note = "Each activity is counted in the month it was delivered.";
  return t;
}

inline ReportDoc SampleDoc() {
  ReportDoc doc;
  doc.kind = "impact";
  doc.title = "Impact report 2025-26";
  doc.programme = "Prevention Programme";
  doc.scope = "The whole programme";
  doc.period = "2025-26";
  doc.from = "2025-04-01";
  doc.to = "2026-03-31";
  doc.data_as_of = "2026-04-03T09:15:00Z";
  doc.base_url = "https://lookout.example.org";
  doc.threshold = 5;
  doc.figures = SampleFigures();

  Section headlines{"headlines", "Headline figures", {}};
  headlines.blocks.push_back(Paragraph(
      {Text("Throughout the last year of delivery, the "), Strong("Prevention Programme"),
       Text(" has:")}));
  headlines.blocks.push_back(Bullets({
      {Text("Reached "), Fig("reach.professionals"), Note(1), Text(" professionals, and "),
       Fig("reach.young_people"), Text(" young people across England and Wales.")},
      {Text("Completed "), Fig("tasks.completed"),
       Text(" tasks to prevent child sexual abuse and exploitation, modern day slavery, human "
            "trafficking and criminal exploitation.")},
      {Text("Reached "), Fig("reach.wales.young_people"), Text(" young people in Wales.")},
  }));
  headlines.blocks.push_back(Paragraph(
      {Text("Feedback from Côte – “quotes” is kept as written, and so is text such as "
            "<b>bold</b> & <&>, which stays text.")}));

  Section reach{"reach", "Reach by region", {}};
  reach.blocks.push_back(Heading("Where the programme worked"));
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.chart = BarChart{"People reached by region", "Professionals and young people reached",
                         {"East Midlands", "London", "North West", "Wales",
                          "Yorkshire and the Humber"},
                         {{"Professionals", {2406, 3120, 1875, 642, 1510}},
                          {"Young people", {311, 204, 96, 0, 188}}},
                         "reach-chart"};
  reach.blocks.push_back(std::move(chart));
  reach.blocks.push_back(TableBlock(ReachByRegion()));

  Section outcomes{"outcomes", "Outcomes", {}};
  outcomes.blocks.push_back(Heading("Professionals feel more confident"));
  outcomes.blocks.push_back(Paragraph(
      {Text("Of external stakeholders surveyed, "), Fig("indicator.PRO-CONF-1"), Note(2),
       Text(" felt more confident identifying and supporting young people at risk of abuse "
            "and exploitation, and "),
       Fig("indicator.SYS-1"), Text(" said local systems were better able to respond.")}));
  Block quote;
  quote.kind = Block::Kind::kQuote;
  quote.text = {Text("The more awareness that can be raised, the more we are likely to be able "
                     "to safeguard young people.")};
  quote.attribution = "Voluntary and Community Sector Organisation Stakeholder in Wales";
  outcomes.blocks.push_back(std::move(quote));

  Section study{"case-study", "Case study: #LookCloser", {}};
  Block markdown;
  markdown.kind = Block::Kind::kMarkdown;
  markdown.markdown =
      "## A partnership campaign\n\n"
      "Public transport is used to move young people who are being exploited, so the "
      "**#LookCloser** campaign worked with *railway staff*, coach drivers and hotel "
      "receptionists. See [the campaign page](https://example.org/lookcloser).\n\n"
      "- Briefings for station staff\n"
      "- Training for coach station managers\n"
      "  1. Leicester\n"
      "  2. Northampton\n\n"
      "> Staff shared concerns about two young people they see regularly.\n\n"
      "<script>alert('not here')</script>\n\n"
      "Markup such as <b>this</b> & <&> stays text.\n";
  study.blocks.push_back(std::move(markdown));

  Section activity{"activity", "Activity", {}};
  activity.blocks.push_back(Paragraph({Text("Every activity delivered in the period, by month.")}));
  activity.blocks.push_back(TableBlock(ActivityByMonth()));

  Section methods{"methods", "Methods", {}};
  methods.blocks.push_back(Paragraph(
      {Text("Counts from 1 to 4 are not shown in breakdowns, so that no one can be identified; "
            "they are written “fewer than 5”. Totals include them.")}));
  methods.blocks.push_back(Paragraph(
      {Text("Proportions come with a 95% Wilson score interval."), Note(3)}));

  doc.sections = {std::move(headlines), std::move(reach), std::move(outcomes), std::move(study),
                  std::move(activity), std::move(methods)};
  doc.footnotes = {
      {1, "Includes estimated counts from events where attendance was not recorded person by "
          "person."},
      {2, "46 out of 49 respondents; 95% interval 83% to 98%."},
      {3, "Notes may hold <&> and Côte – “quotes” too."},
  };
  return doc;
}

}  // namespace lookout::report::sample

#endif  // LOOKOUT_TESTS_REPORT_SAMPLE_DOC_H_
