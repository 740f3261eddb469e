// Reading and writing files without a database: CSV parsing with physical line numbers,
// RFC 4180 quoting, UTF-8 checks and decoding into import rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/schema.h"
#include "io/csv.h"
#include "io/record_file.h"

namespace lookout::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CsvWriter, QuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField(" leading"), "\" leading\"");
  EXPECT_EQ(CsvField("trailing\t"), "\"trailing\t\"");
  EXPECT_EQ(CsvField(""), "");
  std::string out;
  AppendCsvRecord(out, {""});
  EXPECT_EQ(out, "\"\"\n");  // not a blank line
}

TEST(CsvReader, ReadsWhatTheWriterWrites) {
  const std::vector<std::string> cells = {"a,b", "say \"hi\"", "two\r\nlines", " edge ", "", "é–“"};
  std::string csv;
  AppendCsvRecord(csv, {"h1", "h2", "h3", "h4", "h5", "h6"});
  AppendCsvRecord(csv, cells);
  auto table = ParseCsv(csv);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, cells);
}

TEST(CsvReader, GivesThePhysicalLineEachRecordStartsOn) {
  auto table = ParseCsv(
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
  auto stray = ParseCsv("a,b\n1,2\n3,x\"y\n");
  ASSERT_FALSE(stray.ok());
  ASSERT_EQ(stray.status().fields().size(), 1u);
  EXPECT_EQ(stray.status().fields()[0].field, "line 3");
  auto unclosed = ParseCsv("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.status().fields()[0].field, "line 3");
  EXPECT_THAT(unclosed.status().fields()[0].message, HasSubstr("closing"));
}

TEST(CsvReader, SkipsAByteOrderMark) {
  auto table = ParseCsv("\xEF\xBB\xBFname\nx\n");
  ASSERT_TRUE(table.ok());
  EXPECT_THAT(table->header, ElementsAre("name"));
}

TEST(CsvReader, TakesTheSeparatorOfTheFirstLineWhenAskedTo) {
  EXPECT_EQ(DetectSeparator("a;b;c\n1,5;2;3\n"), ';');
  EXPECT_EQ(DetectSeparator("a\tb\n"), '\t');
  EXPECT_EQ(DetectSeparator("\"x;y\",b\n"), ',');  // inside quotes does not count
  EXPECT_EQ(DetectSeparator("single\n"), ',');
  auto table = ParseCsv("\xEF\xBB\xBF" "a;b\n\n\"1;2\";3\n", '\0');
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_THAT(table->header, ElementsAre("a", "b"));
  EXPECT_EQ(table->header_line, 1);
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].line, 3);
  EXPECT_THAT(table->rows[0].cells, ElementsAre("1;2", "3"));
}

TEST(DecodeCsv, ReportsEveryDecodingProblemWithLineAndColumn) {
  const domain::EntityDef& staff = domain::StaffEntity();
  DecodedFile d = DecodeCsv(staff,
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
  DecodedFile d = DecodeJson(
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
  for (const auto& c : ExportColumns(domain::StaffEntity())) names.push_back(c.name);
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
  const std::string json = EncodeJson(domain::StaffEntity(), {r, r});
  EXPECT_EQ(json,
            "[\n"
            "{\"id\":7,\"archived\":false,\"archived_at\":null,\"name\":\"Asha\",\"email\":"
            "\"a@example.org\",\"role\":\"admin\",\"home_region\":null,\"active\":true},\n"
            "{\"id\":7,\"archived\":false,\"archived_at\":null,\"name\":\"Asha\",\"email\":"
            "\"a@example.org\",\"role\":\"admin\",\"home_region\":null,\"active\":true}\n"
            "]\n");
  EXPECT_EQ(EncodeJson(domain::StaffEntity(), {}), "[]\n");
}

TEST(FileFormat, FromNamesAndExtensions) {
  EXPECT_EQ(FormatFromPath("a/b/task.CSV"), FileFormat::kCsv);
  EXPECT_EQ(FormatFromPath("task.json"), FileFormat::kJson);
  EXPECT_EQ(FormatFromPath("task.txt"), std::nullopt);
  EXPECT_EQ(FormatFromPath("dir.csv/task"), std::nullopt);
}

}  // namespace
}  // namespace lookout::io
