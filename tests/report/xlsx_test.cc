#include "report/xlsx.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <limits>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "report/sample_doc.h"

namespace lookout::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// One file of the XLSX (a zip), or nullopt when it is not there.
std::optional<std::string> Unzip(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return std::nullopt;
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> out;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    if (zip_file_t* file = zip_fopen(archive, name.c_str(), 0)) {
      std::string data(stat.size, '\0');
      if (zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
        out = std::move(data);
      }
      zip_fclose(file);
    }
  }
  zip_close(archive);
  return out;
}

// The workbook read back: sheet names in order, shared strings, and each sheet's cells.
class Workbook {
 public:
  explicit Workbook(std::string bytes) : bytes_(std::move(bytes)) {
    const std::optional<std::string> workbook = Unzip(bytes_, "xl/workbook.xml");
    if (!workbook) return;
    pugi::xml_document doc;
    doc.load_string(workbook->c_str());
    for (pugi::xpath_node sheet : doc.select_nodes("//sheets/sheet")) {
      names_.push_back(sheet.node().attribute("name").value());
    }
    if (const std::optional<std::string> sst = Unzip(bytes_, "xl/sharedStrings.xml")) {
      pugi::xml_document strings;
      strings.load_string(sst->c_str());
      for (pugi::xpath_node si : strings.select_nodes("//sst/si")) {
        std::string text;
        for (pugi::xpath_node t : si.node().select_nodes(".//t")) text += t.node().text().get();
        strings_.push_back(text);
      }
    }
  }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::string>& strings() const { return strings_; }

  // The sheet's XML: libxlsxwriter writes sheet N (1-based, in order) as sheetN.xml.
  pugi::xml_document Sheet(const std::string& name) const {
    pugi::xml_document doc;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] != name) continue;
      const std::optional<std::string> xml =
          Unzip(bytes_, "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
      if (xml) doc.load_string(xml->c_str());
    }
    return doc;
  }

  static pugi::xml_node Cell(const pugi::xml_document& sheet, const std::string& ref) {
    return sheet.select_node(("//sheetData/row/c[@r='" + ref + "']").c_str()).node();
  }
  // A text cell's text (a shared string), or nullopt for a number, a boolean or no cell.
  std::optional<std::string> Text(const pugi::xml_document& sheet, const std::string& ref) const {
    const pugi::xml_node c = Cell(sheet, ref);
    if (!c || std::string(c.attribute("t").value()) != "s") return std::nullopt;
    const size_t i = c.child("v").text().as_uint();
    return i < strings_.size() ? std::optional<std::string>(strings_[i]) : std::nullopt;
  }
  // A number cell's number: a <v> without t="s", "str", "b" or "inlineStr".
  static std::optional<double> Number(const pugi::xml_document& sheet, const std::string& ref) {
    const pugi::xml_node c = Cell(sheet, ref);
    if (!c || c.attribute("t") || !c.child("v")) return std::nullopt;
    return c.child("v").text().as_double();
  }

 private:
  std::string bytes_;
  std::vector<std::string> names_;
  std::vector<std::string> strings_;
};

Workbook Render(const ReportDoc& doc) {
  Result<std::string> xlsx = RenderXlsx(doc);
  EXPECT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  if (!xlsx.ok()) return Workbook("");
  EXPECT_THAT(*xlsx, StartsWith("PK"));
  return Workbook(*xlsx);
}

TEST(Xlsx, HasAnAboutSheetASheetPerTableInOrderAndTheFigures) {
  const Workbook book = Render(sample::SampleDoc());
  EXPECT_THAT(book.names(), ElementsAre("About", "Reach by region", "Activity by month", "Figures"));
}

TEST(Xlsx, AboutHoldsTheTitleBlockTheMethodsAndEveryNote) {
  const Workbook book = Render(sample::SampleDoc());
  const pugi::xml_document about = book.Sheet("About");
  EXPECT_EQ(book.Text(about, "A1"), "Impact report 2025-26");
  std::string all;
  for (const std::string& s : book.strings()) all += s + "\n";
  EXPECT_THAT(all, HasSubstr("Prevention Programme"));
  EXPECT_THAT(all, HasSubstr("The whole programme"));
  EXPECT_THAT(all, HasSubstr("2025-26 (2025-04-01 to 2026-03-31)"));
  EXPECT_THAT(all, HasSubstr("2026-04-03T09:15:00Z"));
  EXPECT_THAT(all, HasSubstr("Counts from 1 to 4 are not shown in breakdowns"));
  EXPECT_THAT(all, HasSubstr("Includes estimated counts from events"));
  EXPECT_THAT(all, HasSubstr("Notes may hold <&> and Côte – “quotes” too."));
}

TEST(Xlsx, WritesNumbersAsNumbersAndSuppressedCellsAsTheirText) {
  const Workbook book = Render(sample::SampleDoc());
  const pugi::xml_document sheet = book.Sheet("Reach by region");
  // Title, header, then the rows from row 3.
  EXPECT_EQ(book.Text(sheet, "A1"), "People reached by region");
  EXPECT_EQ(book.Text(sheet, "B2"), "Professionals");
  EXPECT_EQ(book.Text(sheet, "A3"), "East Midlands");
  EXPECT_EQ(Workbook::Number(sheet, "B3"), 2406);
  EXPECT_EQ(Workbook::Number(sheet, "C3"), 311);
  // Wales' young people: suppressed, written as the report writes them, never as a number.
  EXPECT_EQ(book.Text(sheet, "A6"), "Wales");
  EXPECT_EQ(book.Text(sheet, "C6"), "fewer than 5");
  EXPECT_EQ(Workbook::Number(sheet, "C6"), std::nullopt);
  EXPECT_EQ(book.Text(sheet, "A8"), "Côte – “quotes” <&> partners");
  EXPECT_EQ(book.Text(sheet, "A9"), "Total");
  EXPECT_EQ(Workbook::Number(sheet, "B9"), 9565);
  // The note under the table, after a blank row.
  EXPECT_THAT(book.Text(sheet, "A11").value_or(""), StartsWith("Counts people reached"));
  // The header stays in view.
  const pugi::xml_node pane = sheet.select_node("//sheetView/pane").node();
  EXPECT_STREQ(pane.attribute("state").value(), "frozen");
  EXPECT_STREQ(pane.attribute("ySplit").value(), "2");

  const pugi::xml_document activity = book.Sheet("Activity by month");
  EXPECT_EQ(book.Text(activity, "B2"), "Kind of activity");
  EXPECT_EQ(Workbook::Number(activity, "C3"), 5);
  EXPECT_EQ(book.Text(activity, "A93"), "All months");
}

TEST(Xlsx, ListsEveryFigureWithoutTheValueOfASuppressedOne) {
  const ReportDoc doc = sample::SampleDoc();
  const Workbook book = Render(doc);
  const pugi::xml_document sheet = book.Sheet("Figures");
  EXPECT_EQ(book.Text(sheet, "A1"), "Id");
  EXPECT_EQ(book.Text(sheet, "C1"), "Value");
  std::map<std::string, int> rows;
  for (int r = 2; r < 2 + static_cast<int>(doc.figures.size()); ++r) {
    if (auto id = book.Text(sheet, "A" + std::to_string(r))) rows[*id] = r;
  }
  ASSERT_EQ(rows.size(), doc.figures.size());
  const std::string pro = std::to_string(rows["reach.professionals"]);
  EXPECT_EQ(Workbook::Number(sheet, "C" + pro), 13363);
  EXPECT_EQ(Workbook::Cell(sheet, "E" + pro).attribute("t").value(), std::string("b"));
  EXPECT_EQ(book.Text(sheet, "K" + pro), "period=2025-26; audience=professionals");
  EXPECT_EQ(book.Text(sheet, "L" + pro),
            "https://lookout.example.org/activities?period=2025-26&audience=professionals");

  const std::string conf = std::to_string(rows["indicator.PRO-CONF-1"]);
  EXPECT_EQ(Workbook::Number(sheet, "C" + conf), 46);
  EXPECT_EQ(Workbook::Number(sheet, "D" + conf), 49);
  EXPECT_EQ(Workbook::Number(sheet, "G" + conf), 0.8348);
  EXPECT_EQ(Workbook::Number(sheet, "H" + conf), 0.979);

  const std::string wales = std::to_string(rows["reach.wales.young_people"]);
  const pugi::xml_node value = Workbook::Cell(sheet, "C" + wales);
  EXPECT_TRUE(!value || !value.child("v")) << "a suppressed figure's value is written";
  EXPECT_EQ(book.Text(sheet, "B" + wales), "Young people reached in Wales");
  EXPECT_EQ(Workbook::Cell(sheet, "F" + wales).child("v").text().get(), std::string("1"));
}

TEST(Xlsx, TheSameDocumentGivesTheSameBytes) {
  Result<std::string> first = RenderXlsx(sample::SampleDoc());
  Result<std::string> second = RenderXlsx(sample::SampleDoc());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(*first == *second);
}

TEST(Xlsx, ADocumentWithoutSectionsStillRenders) {
  const Workbook book = Render(ReportDoc{});
  EXPECT_THAT(book.names(), ElementsAre("About", "Figures"));
}

TEST(Xlsx, SheetNamesAreUniqueShortAndWithoutTheCharactersExcelRefuses) {
  ReportDoc doc;
  Section section{"s", "Tables", {}};
  for (const char* id : {"Reach: by/region?", "reach  by region", "Reach [by] region*",
                         "A table id much longer than thirty-one characters", "about", "History",
                         "'quoted'", "", "Côte – “quotes” <&>"}) {
    DocTable table;
    table.id = id;
    table.columns = {{"n", true}};
    table.rows = {{sample::Num(1, "1")}};
    section.blocks.push_back(sample::TableBlock(table));
  }
  doc.sections.push_back(section);
  const Workbook book = Render(doc);
  EXPECT_THAT(book.names(),
              ElementsAre("About", "Reach  by region", "reach  by region (2)", "Reach  by  region",
                          "A table id much longer than thi", "about (2)", "History (2)", "quoted",
                          "Table", "Côte – “quotes” <&>", "Figures"));
}

TEST(Xlsx, HostileTextStaysText) {
  std::string long_text;
  while (long_text.size() < 40000) long_text += "lorem <b>&amp; ipsum ";
  ReportDoc doc = sample::SampleDoc();
  doc.title = "=HYPERLINK(\"http://evil\") <b>&";
  doc.footnotes.push_back({4, long_text});
  doc.footnotes.push_back({5, std::string("bad \xff bytes \x01 here")});
  Section section{"hostile", "Hostile", {}};
  DocTable table;
  table.id = "Hostile";
  table.columns = {{"text", false}, {"n", true}};
  table.rows = {{sample::Cell("=1+1"), {"NaN", std::numeric_limits<double>::quiet_NaN(), "", false}},
                {sample::Cell(long_text)}};
  section.blocks.push_back(sample::TableBlock(table));
  doc.sections.push_back(section);
  const Workbook book = Render(doc);
  const pugi::xml_document about = book.Sheet("About");
  EXPECT_EQ(book.Text(about, "A1"), "=HYPERLINK(\"http://evil\") <b>&");
  const pugi::xml_document sheet = book.Sheet("Hostile");
  EXPECT_EQ(book.Text(sheet, "A3"), "=1+1");  // text, not a formula
  EXPECT_FALSE(Workbook::Cell(sheet, "A3").child("f"));
  EXPECT_EQ(Workbook::Number(sheet, "B3"), std::nullopt);
  const std::optional<std::string> cut = book.Text(sheet, "A4");
  ASSERT_TRUE(cut.has_value());
  EXPECT_LE(cut->size(), 32767u * 3);
  EXPECT_THAT(*cut, StartsWith("lorem <b>&amp; ipsum"));
}

}  // namespace
}  // namespace lookout::report
