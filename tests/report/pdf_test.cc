#include "report/pdf.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "report/chart.h"
#include "report/chart_cairo.h"
#include "report/sample_doc.h"

namespace lookout::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A directory of its own under the system's temporary directory, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "lookout-pdf-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The PDF written to `dir`, and what pdftotext reads from it (keeping the layout, so a table
// row stays on one line) with every run of white space as one space.
struct Extracted {
  fs::path pdf;
  std::string text;
};

Extracted Extract(const ScratchDir& dir, const std::string& pdf) {
  Extracted out;
  out.pdf = dir.path() / "report.pdf";
  std::ofstream(out.pdf, std::ios::binary) << pdf;
  const fs::path txt = dir.path() / "report.txt";
  const std::string command =
      "pdftotext -layout -enc UTF-8 '" + out.pdf.string() + "' '" + txt.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  out.text = std::regex_replace(ReadFile(txt), std::regex("\\s+"), " ");
  return out;
}

size_t CountPngs(const fs::path& dir) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".png" && fs::file_size(entry.path()) > 0) ++n;
  }
  return n;
}

#define REQUIRE_POPPLER()                                                              \
  if (!HaveTool("pdftotext") || !HaveTool("pdftoppm")) {                               \
    GTEST_SKIP() << "pdftotext and pdftoppm (poppler-utils) are needed to read the PDF"; \
  }

TEST(Pdf, WritesTheReportAsTextAPersonCanSearch) {
  REQUIRE_POPPLER();
  const ReportDoc doc = sample::SampleDoc();
  Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_THAT(*pdf, StartsWith("%PDF-"));

  ScratchDir dir;
  const Extracted out = Extract(dir, *pdf);
  const std::string& text = out.text;
  // The title block.
  EXPECT_THAT(text, HasSubstr("Impact report 2025-26"));
  EXPECT_THAT(text, HasSubstr("Prevention Programme"));
  EXPECT_THAT(text, HasSubstr("The whole programme"));
  EXPECT_THAT(text, HasSubstr("2025-26 (1 April 2025 to 31 March 2026)"));
  EXPECT_THAT(text, HasSubstr("3 April 2026, 09:15 UTC"));
  // The headline figures as FigureText writes them, a suppressed one included.
  EXPECT_THAT(text, HasSubstr("approximately 13,363"));
  EXPECT_THAT(text, HasSubstr("1,183 young people"));
  EXPECT_THAT(text, HasSubstr("Completed 371 tasks"));
  EXPECT_THAT(text, HasSubstr("46 out of 49 respondents (94%)"));
  EXPECT_THAT(text, HasSubstr("34 out of 40 respondents (85%)"));
  EXPECT_THAT(text, HasSubstr("Reached fewer than 5 young people in Wales"));
  // Tables: cells, the suppressed cell as written, the note.
  EXPECT_THAT(text, HasSubstr("Yorkshire and the Humber 1,510 188"));
  EXPECT_THAT(text, HasSubstr("Wales 642 fewer than 5"));
  EXPECT_THAT(text, HasSubstr("Total 9,565 811"));
  EXPECT_THAT(text, HasSubstr("Counts from 1 to 4 are not shown; the total includes them."));
  // The chart's text is text too.
  EXPECT_THAT(text, HasSubstr("People reached by region"));
  EXPECT_THAT(text, HasSubstr("3,120"));
  // The quote and who said it.
  EXPECT_THAT(text, HasSubstr("The more awareness that can be raised"));
  EXPECT_THAT(text, HasSubstr("Voluntary and Community Sector Organisation Stakeholder in Wales"));
  // The case study from Markdown: text, emphasis and lists as words; no raw HTML.
  EXPECT_THAT(text, HasSubstr("A partnership campaign"));
  EXPECT_THAT(text, HasSubstr("the #LookCloser campaign worked with railway staff"));
  EXPECT_THAT(text, HasSubstr("See the campaign page."));
  EXPECT_THAT(text, HasSubstr("Training for coach station managers"));
  EXPECT_THAT(text, HasSubstr("Northampton"));
  EXPECT_THAT(text, HasSubstr("Staff shared concerns"));
  EXPECT_THAT(text, HasSubstr("Markup such as this & <&> stays text."));
  EXPECT_THAT(text, Not(HasSubstr("alert(")));
  // Footnotes, numbered, under Notes.
  EXPECT_THAT(text, HasSubstr("Notes 1 Includes estimated counts from events"));
  EXPECT_THAT(text, HasSubstr("3 Notes may hold <&> and Côte – “quotes” too."));
  // Text exactly as written: non-ASCII, and markup characters that stay characters.
  EXPECT_THAT(text, HasSubstr("Feedback from Côte – “quotes” is kept as written"));
  EXPECT_THAT(text, HasSubstr("text such as <b>bold</b> & <&>, which stays text."));
  EXPECT_THAT(text, HasSubstr("Côte – “quotes” <&> partners"));

  // The long table runs over a page, with its header again on the next.
  EXPECT_THAT(text, HasSubstr("Activities by month and kind (continued)"));
  const std::regex header("Month Kind of activity Activities People reached");
  EXPECT_GE(std::distance(std::sregex_iterator(text.begin(), text.end(), header),
                          std::sregex_iterator()),
            2);
  EXPECT_THAT(text, HasSubstr("All months"));

  // Every page drawn, and numbered "Page n of N".
  const fs::path pages = dir.path() / "pages";
  fs::create_directory(pages);
  const std::string command =
      "pdftoppm -png -r 50 '" + out.pdf.string() + "' '" + (pages / "page").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const size_t count = CountPngs(pages);
  EXPECT_GE(count, 2u);
  EXPECT_THAT(text, HasSubstr("Page 1 of " + std::to_string(count)));
  EXPECT_THAT(text, HasSubstr("Page " + std::to_string(count) + " of " + std::to_string(count)));
  EXPECT_THAT(text, Not(HasSubstr("Page " + std::to_string(count + 1) + " ")));
}

TEST(Pdf, HasTheTitleAsMetadataAndTheDataTimestampAsItsDate) {
  REQUIRE_POPPLER();
  Result<std::string> pdf = RenderPdf(sample::SampleDoc());
  ASSERT_TRUE(pdf.ok());
  ScratchDir dir;
  const fs::path file = dir.path() / "report.pdf";
  std::ofstream(file, std::ios::binary) << *pdf;
  const fs::path info = dir.path() / "info.txt";
  ASSERT_EQ(std::system(("pdfinfo -isodates '" + file.string() + "' > '" + info.string() + "'").c_str()), 0);
  const std::string text = ReadFile(info);
  EXPECT_THAT(text, HasSubstr("Impact report 2025-26"));
  EXPECT_THAT(text, HasSubstr("2026-04-03T09:15:00"));
  EXPECT_THAT(text, HasSubstr("A4"));
}

TEST(Pdf, TheSameDocumentGivesTheSameBytes) {
  Result<std::string> first = RenderPdf(sample::SampleDoc());
  Result<std::string> second = RenderPdf(sample::SampleDoc());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(*first == *second) << "the PDF changes from one rendering to the next";
}

TEST(Pdf, ADocumentWithoutSectionsStillRenders) {
  REQUIRE_POPPLER();
  Result<std::string> empty = RenderPdf(ReportDoc{});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_THAT(*empty, StartsWith("%PDF-"));

  ReportDoc doc;
  doc.title = "Impact report 2025-26";
  Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok());
  ScratchDir dir;
  const std::string text = Extract(dir, *pdf).text;
  EXPECT_THAT(text, HasSubstr("Impact report 2025-26"));
  EXPECT_THAT(text, HasSubstr("Page 1 of 1"));
}

TEST(Pdf, HostileTextIsWrittenAsTextAndNeverBreaksTheLayout) {
  REQUIRE_POPPLER();
  std::string long_paragraph;
  while (long_paragraph.size() < 10000) long_paragraph += "lorem ipsum <b>&amp; dolor ";
  const std::string unbroken(10000, 'x');

  ReportDoc doc = sample::SampleDoc();
  doc.title = "<b>& \"title\"</b>";
  doc.programme = std::string("Bad \xff\xfe bytes and \x01 controls");
  Section hostile{"hostile", "<i>Section</i> & </span>", {}};
  hostile.blocks.push_back(sample::Paragraph({sample::Text("<b>&")}));
  hostile.blocks.push_back(sample::Paragraph({sample::Text(long_paragraph)}));
  hostile.blocks.push_back(sample::Paragraph({sample::Strong(unbroken)}));
  hostile.blocks.push_back(sample::Heading(unbroken));
  DocTable table;
  table.id = "hostile";
  table.title = "</table>";
  table.columns = {{"<th>", false}, {"n", true}};
  table.rows = {{sample::Cell(long_paragraph), sample::Num(1, "1")},
                {sample::Cell(unbroken), sample::Num(2, "2")},
                {sample::Cell("short")}};  // a row shorter than the columns
  hostile.blocks.push_back(sample::TableBlock(table));
  Block quote;
  quote.kind = Block::Kind::kQuote;
  quote.text = {sample::Text(long_paragraph)};
  quote.attribution = "<&>";
  hostile.blocks.push_back(quote);
  Block markdown;
  markdown.kind = Block::Kind::kMarkdown;
  markdown.markdown = std::string(2000, '>') + " deep\n\n" + std::string(500, '*') + "x" +
                      std::string(500, '*') + "\n\n```\n<code> & </code>\n```\n\n---\n\n" +
                      "- " + unbroken + "\n";
  hostile.blocks.push_back(markdown);
  Block chart;
  chart.kind = Block::Kind::kChart;
  for (int i = 0; i < 200; ++i) chart.chart.categories.push_back("<region> " + std::to_string(i));
  chart.chart.series = {{"<&>", std::vector<double>(200, 1.0)}};
  chart.chart.title = "<svg>";
  hostile.blocks.push_back(chart);
  doc.sections.push_back(hostile);
  doc.footnotes.push_back({4, long_paragraph});

  Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ScratchDir dir;
  const std::string text = Extract(dir, *pdf).text;
  EXPECT_THAT(text, HasSubstr("<b>& \"title\"</b>"));
  EXPECT_THAT(text, HasSubstr("<i>Section</i> & </span>"));
  EXPECT_THAT(text, HasSubstr("lorem ipsum <b>&amp; dolor"));
  EXPECT_THAT(text, HasSubstr("<code> & </code>"));
  EXPECT_THAT(text, HasSubstr("<region> 199"));
  EXPECT_THAT(text, HasSubstr("Bad"));
  // The rest of the report is still there after it.
  EXPECT_THAT(text, HasSubstr("approximately 13,363"));
}

// What a poppler tool prints about the PDF.
std::string PopplerSays(const ScratchDir& dir, const std::string& pdf, const std::string& tool) {
  const fs::path file = dir.path() / "said.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  const fs::path out = dir.path() / "said.txt";
  const std::string command = tool + " '" + file.string() + "' > '" + out.string() + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return ReadFile(out);
}

// The figures link to their records as in the HTML (in the text and in the tables), and
// the footnote marks to their notes.
TEST(Pdf, LinksItsFiguresToTheirRecordsAndItsNoteMarksToTheNotes) {
  REQUIRE_POPPLER();
  ReportDoc doc = sample::SampleDoc();
  // A table cell that shows a figure links too.
  for (Section& section : doc.sections) {
    for (Block& block : section.blocks) {
      if (block.kind == Block::Kind::kTable && block.table.id == "Reach by region") {
        block.table.rows[0][1].figure = "reach.professionals";
      }
    }
  }
  Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ScratchDir dir;
  const std::string urls = PopplerSays(dir, *pdf, "pdfinfo -url");
  for (const Figure& f : doc.figures) {
    if (f.suppressed) continue;
    EXPECT_THAT(urls, HasSubstr("https://lookout.example.org" + f.link)) << f.id;
  }
  // Two links to the professionals: the headline and the table's cell.
  const std::string professionals = "https://lookout.example.org" + doc.figures[0].link;
  size_t count = 0;
  for (size_t at = urls.find(professionals); at != std::string::npos; at = urls.find(professionals, at + 1)) ++count;
  EXPECT_EQ(count, 2u) << urls;
  EXPECT_THAT(urls, Not(HasSubstr("URI: /")));  // no relative link
  const std::string dests = PopplerSays(dir, *pdf, "pdfinfo -dests");
  EXPECT_THAT(dests, HasSubstr("note-1"));
  EXPECT_THAT(dests, HasSubstr("note-3"));

  // Without a base URL, no link at all: a relative one would lead nowhere from a file.
  doc.base_url.clear();
  Result<std::string> unlinked = RenderPdf(doc);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_THAT(PopplerSays(dir, *unlinked, "pdfinfo -url"), Not(HasSubstr("lookout")));
  EXPECT_THAT(PopplerSays(dir, *unlinked, "pdfinfo -url"), Not(HasSubstr("/activities")));
}

// Tagged for assistive technology: headings, paragraphs, lists, tables, the quote and the
// chart are elements of the document's structure, and the text is in them.
TEST(Pdf, IsTaggedWithTheStructureOfTheReport) {
  REQUIRE_POPPLER();
  Result<std::string> pdf = RenderPdf(sample::SampleDoc());
  ASSERT_TRUE(pdf.ok());
  ScratchDir dir;
  EXPECT_THAT(PopplerSays(dir, *pdf, "pdfinfo"), testing::ContainsRegex("Tagged: +yes"));
  const std::string structure = PopplerSays(dir, *pdf, "pdfinfo -struct-text");
  for (const char* element : {"Document", "H1", "Sect", "H2", "H3", "P", "L", "LI", "Table", "TR",
                              "TH", "TD", "Caption", "BlockQuote", "Figure", "Note", "Link"}) {
    EXPECT_TRUE(std::regex_search(structure, std::regex(std::string("(^|\\n) *") + element + "( |\\n)")))
        << element;
  }
  EXPECT_THAT(structure, HasSubstr("Where the programme worked"));
  // Text with links in it stays in its element.
  EXPECT_THAT(structure, HasSubstr("Reached approximately 13,3631 professionals, and 1,183 young people"));
  EXPECT_THAT(structure, HasSubstr("Voluntary and Community Sector Organisation Stakeholder in Wales"));
  // One Document holds it all; the running head and the footer are in no paragraph.
  EXPECT_THAT(structure, Not(HasSubstr("more than one child")));
  EXPECT_THAT(structure, Not(HasSubstr("\"Page 1 of")));
}

// A quote is never parted from who said it: when the rest of a page cannot hold both, the
// quote starts on the next page.
TEST(Pdf, AQuoteStaysOnOnePageWithItsAttribution) {
  REQUIRE_POPPLER();
  for (int filler = 14; filler <= 30; ++filler) {
    ReportDoc doc;
    doc.title = "Quotes";
    Section section{"quotes", "What partners said", {}};
    for (int i = 0; i < filler; ++i) {
      section.blocks.push_back(sample::Paragraph({sample::Text("Line " + std::to_string(i) + " of the filler.")}));
    }
    Block quote;
    quote.kind = Block::Kind::kQuote;
    quote.text = {sample::Text("Knowing about the National Referral Mechanism and using it if appropriate. "
                               "Knowing what questions to ask a young person about their experience, "
                               "being able to piece together what stage of the grooming process they are "
                               "in from these responses, and looking out for vital evidence such as "
                               "train tickets. QUOTEEND")};
    quote.attribution = "Local Government Stakeholder in Yorkshire and the Humber";
    section.blocks.push_back(quote);
    doc.sections.push_back(section);
    Result<std::string> pdf = RenderPdf(doc);
    ASSERT_TRUE(pdf.ok());
    ScratchDir dir;
    const fs::path file = dir.path() / "quote.pdf";
    std::ofstream(file, std::ios::binary) << *pdf;
    // The page with the quote's first words has its last words and the attribution too.
    bool found = false;
    for (int page = 1; page <= 3; ++page) {
      const fs::path txt = dir.path() / ("page" + std::to_string(page) + ".txt");
      const std::string command = "pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) +
                                  " '" + file.string() + "' '" + txt.string() + "' 2>/dev/null";
      if (std::system(command.c_str()) != 0) break;
      const std::string text = std::regex_replace(ReadFile(txt), std::regex("\\s+"), " ");
      if (text.find("Knowing about") == std::string::npos) continue;
      found = true;
      EXPECT_THAT(text, HasSubstr("QUOTEEND")) << filler << " filler lines";
      EXPECT_THAT(text, HasSubstr("Local Government Stakeholder in Yorkshire and the Humber"))
          << filler << " filler lines";
    }
    EXPECT_TRUE(found) << filler;
  }
}

// The PDF draws the chart at the size the SVG gives it, so both show the same drawing.
TEST(BarChartCairo, IsAsLargeAsTheSvgDrawing) {
  const std::vector<BarChart> charts = {
      {"One series", "", {"A", "B", "C"}, {{"Professionals", {3, 2, 1}}}},
      {"Two series", "", {"A", "B"}, {{"Professionals", {3, 2}}, {"Young people", {1, 0}}}},
      {"Empty", "", {}, {}},
  };
  for (const BarChart& chart : charts) {
    const std::string svg = RenderBarChartSvg(chart);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, std::regex("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"")));
    const ChartSize size = BarChartSize(chart);
    EXPECT_DOUBLE_EQ(size.width, std::stod(m[1].str())) << chart.title;
    EXPECT_DOUBLE_EQ(size.height, std::stod(m[2].str())) << chart.title;
  }
}

}  // namespace
}  // namespace lookout::report
