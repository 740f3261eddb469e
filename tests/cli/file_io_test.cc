// Reading and writing files without a database: CSV parsing with physical line numbers,
// RFC 4180 quoting, UTF-8 checks and decoding into import rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/imports/file_io.h"
#include "domain/schema.h"
#include "report/csv.h"
#include "report/record_csv.h"
#include "report/table.h"

namespace lookout {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CsvWriter, QuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(report::CsvField("plain text"), "plain text");
  EXPECT_EQ(report::CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(report::CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(report::CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(report::CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(report::CsvField(" leading"), "\" leading\"");
  EXPECT_EQ(report::CsvField("trailing\t"), "\"trailing\t\"");
  EXPECT_EQ(report::CsvField(""), "");
  std::string out;
  report::AppendCsvRecord(out, {""});
  EXPECT_EQ(out, "\"\"\n");  // not a blank line
}

TEST(CsvReader, ReadsWhatTheWriterWrites) {
  const std::vector<std::string> cells = {"a,b", "say \"hi\"", "two\r\nlines", " edge ", "", "é–“"};
  std::string csv;
  report::AppendCsvRecord(csv, {"h1", "h2", "h3", "h4", "h5", "h6"});
  report::AppendCsvRecord(csv, cells);
  auto table = app::ParseCsv(csv);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, cells);
}

TEST(CsvReader, GivesThePhysicalLineEachRecordStartsOn) {
  auto table = app::ParseCsv(
      "a,b\n"              // 1
      "1,\"x\n"            // 2
      "y\n"                // 3
      "z\"\n"              // 4
      "\n"                 // 5 blank
      "   \n"              // 6 spaces only
      "2,w\r\n"            // 7
      "3,\"q\r\nr\"\r"     // 8-9, CR line end
      "4,last");           // 10, no line end
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 4u);
  EXPECT_EQ(table->rows[0].line, 2);
  EXPECT_EQ(table->rows[0].cells[1], "x\ny\nz");
  EXPECT_EQ(table->rows[1].line, 7);
  EXPECT_EQ(table->rows[2].line, 8);
  EXPECT_EQ(table->rows[2].cells[1], "q\r\nr");
  EXPECT_EQ(table->rows[3].line, 10);
  EXPECT_THAT(table->header, ElementsAre("a", "b"));
}

TEST(CsvReader, RefusesMalformedQuotingWithItsLine) {
  auto stray = app::ParseCsv("a,b\n1,2\n3,x\"y\n");
  ASSERT_FALSE(stray.ok());
  ASSERT_EQ(stray.status().fields().size(), 1u);
  EXPECT_EQ(stray.status().fields()[0].field, "line 3");
  auto unclosed = app::ParseCsv("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.status().fields()[0].field, "line 3");
  EXPECT_THAT(unclosed.status().fields()[0].message, HasSubstr("closing"));
}

TEST(CsvReader, SkipsAByteOrderMark) {
  auto table = app::ParseCsv("\xEF\xBB\xBFname\nx\n");
  ASSERT_TRUE(table.ok());
  EXPECT_THAT(table->header, ElementsAre("name"));
}

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_EQ(app::FindInvalidUtf8("plain"), std::nullopt);
  EXPECT_EQ(app::FindInvalidUtf8("caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(app::FindInvalidUtf8("ab\xE9z"), 2u);            // Latin-1
  EXPECT_EQ(app::FindInvalidUtf8("\xC0\xAF"), 0u);           // overlong
  EXPECT_EQ(app::FindInvalidUtf8("x\xED\xA0\x80"), 1u);      // surrogate
  EXPECT_EQ(app::FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
  EXPECT_EQ(app::FindInvalidUtf8("ok\xE2\x80"), 2u);         // cut short
}

TEST(DecodeCsv, ReportsEveryDecodingProblemWithLineAndColumn) {
  const domain::EntityDef& staff = domain::StaffEntity();
  app::DecodedFile d = app::DecodeCsv(staff,
                                      "id,name,email,role,active,hat\n"
                                      "1,Asha,asha@example.org,admin,true,x\n"
                                      "-4,Tom,tom@example.org,officer,maybe,y\n"
                                      "3,Ceri\n");
  std::vector<std::string> where;
  for (const auto& e : d.errors) where.push_back(std::to_string(e.line) + " " + e.column);
  EXPECT_THAT(where, ElementsAre("1 column 6", "3 id", "3 active", "4 "));
  ASSERT_EQ(d.rows.size(), 2u);  // the short record is left out
  EXPECT_EQ(d.rows[0].line, 2);
  EXPECT_EQ(d.rows[0].record.Get("id"), Value(int64_t{1}));
  EXPECT_EQ(d.rows[0].record.Get("active"), Value(true));
  EXPECT_FALSE(d.rows[1].record.Has("active"));  // could not be decoded
}

TEST(DecodeJson, DropsWhatAnImportSetsAndNamesItems) {
  const domain::EntityDef& staff = domain::StaffEntity();
  app::DecodedFile d = app::DecodeJson(
      staff,
      R"([{"id": 1, "version": 3, "created_at": "2026-01-01T00:00:00Z", "name": "Asha",
           "email": "a@example.org", "role": "admin", "home_region": null},
          {"name": ["x"]}])");
  ASSERT_EQ(d.rows.size(), 1u);
  EXPECT_FALSE(d.rows[0].record.Has("version"));
  EXPECT_FALSE(d.rows[0].record.Has("created_at"));
  EXPECT_FALSE(d.rows[0].record.Has("home_region"));
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].line, 2);
  EXPECT_EQ(d.errors[0].column, "name");
}

TEST(RecordCsv, ColumnsAreIdFieldsArchivedInDefinitionOrder) {
  std::vector<std::string> names;
  for (const auto& c : report::ExportColumns(domain::StaffEntity())) names.push_back(c.name);
  EXPECT_THAT(names, ElementsAre("id", "name", "email", "role", "home_region", "active",
                                 "archived", "archived_at"));
}

TEST(EncodeJson, OneRecordPerLineWithoutVersionOrTimestamps) {
  Record r;
  r.Set("id", int64_t{7});
  r.Set("version", int64_t{2});
  r.Set("created_at", "2026-01-01T00:00:00Z");
  r.Set("name", "Asha");
  r.Set("email", "a@example.org");
  r.Set("role", "admin");
  r.Set("active", true);
  const std::string json = app::EncodeJson(domain::StaffEntity(), {r, r});
  EXPECT_EQ(json,
            "[\n"
            "{\"id\":7,\"archived\":false,\"archived_at\":null,\"name\":\"Asha\",\"email\":"
            "\"a@example.org\",\"role\":\"admin\",\"home_region\":null,\"active\":true},\n"
            "{\"id\":7,\"archived\":false,\"archived_at\":null,\"name\":\"Asha\",\"email\":"
            "\"a@example.org\",\"role\":\"admin\",\"home_region\":null,\"active\":true}\n"
            "]\n");
  EXPECT_EQ(app::EncodeJson(domain::StaffEntity(), {}), "[]\n");
}

TEST(Table, MarkdownEscapesBarsAndLineBreaks) {
  report::Table t;
  t.columns = {"a", "b"};
  t.AddRow({"x|y", "one\ntwo"});
  EXPECT_EQ(report::RenderMarkdown(t), "| a | b |\n| --- | --- |\n| x\\|y | one two |\n");
}

TEST(Table, TextAlignsColumns) {
  report::Table t;
  t.columns = {"version", "name"};
  t.AddRow({"1", "initial"});
  EXPECT_EQ(report::RenderText(t), "version  name\n-------  -------\n1        initial\n");
}

TEST(FileFormat, FromNamesAndExtensions) {
  EXPECT_EQ(app::FormatFromPath("a/b/task.CSV"), app::FileFormat::kCsv);
  EXPECT_EQ(app::FormatFromPath("task.json"), app::FileFormat::kJson);
  EXPECT_EQ(app::FormatFromPath("task.txt"), std::nullopt);
  EXPECT_EQ(app::FormatFromPath("dir.csv/task"), std::nullopt);
}

}  // namespace
}  // namespace lookout
