// Reading a survey tool's export: the file as a table of text, its columns, the answers'
// wordings and dates, and the conversion of its rows into survey responses. Shared by
// survey_import.cc (presets, mappings, the entry point), survey_file.cc (these helpers)
// and survey_converter.cc (the columns found and each row converted). Internal to
// app/imports/.
#ifndef LOOKOUT_APP_IMPORTS_SURVEY_FILE_H_
#define LOOKOUT_APP_IMPORTS_SURVEY_FILE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/imports/survey_import.h"
#include "core/status.h"

namespace lookout::app::survey_file {

// ---- Text ------------------------------------------------------------------------------

// ASCII white space and the no-break space (U+00A0) that spreadsheets leave behind.
std::string Trim(std::string_view text);
// At most `max` characters (code points), with "…" when cut.
std::string Shorten(const std::string& text, size_t max = 80);
std::string JoinList(const std::vector<std::string>& items, const std::string& sep = ", ");
bool AllDigits(std::string_view s);

// ---- Wordings ------------------------------------------------------------------------------

// ---- Wordings --------------------------------------------------------------------------
const std::set<std::string>& BlankWordings();
const std::set<std::string>& DontKnowWordings();
const std::map<std::string, std::string>& AgreementWordings();
std::string_view StripDigits(std::string_view key);
std::optional<std::string> AgreementWord(const std::string& key);
std::string AgreementWordingsText();

// ---- The file as a table -------------------------------------------------------------------

struct TextRow {
  int64_t line = 0;
  std::vector<std::string> cells;
};

struct TextTable {
  std::string place = "line";
  std::vector<TextRow> rows;  // the header row(s) first
};

// ---- The file as a table ---------------------------------------------------------------
Status TableError(int64_t line, const std::string& place, std::string message);
Result<TextTable> ReadTable(std::string_view bytes);

// ---- Columns -------------------------------------------------------------------------------

struct FileColumn {
  size_t index = 0;
  std::string letter;
  std::string header;  // as people read it
  std::string group;   // the question a column of a grid or of choices belongs to
  std::string item;    // the grid row or the choice the column holds
  std::string header_key;
  std::vector<std::string> exact_keys;  // what a question's text or a mapping may match
  std::string group_key;
  bool blank = true;   // no data row has a value in it

  std::string Describe() const {
    return letter + (header.empty() ? " (no header)" : " (" + Shorten(header) + ")");
  }
};

// "Q01. Text" and "3) Text" -> "Text": the code some tools put before a question's text.
std::string WithoutCode(const std::string& header);
std::vector<FileColumn> DescribeColumns(SurveyPreset preset, const std::vector<std::string>& first, const std::vector<std::string>* second);
const std::set<std::string>& PersonalHeaders();
bool IsPersonal(const FileColumn& c);
// Which columns a key names: those whose text matches (the header, a grid row or choice),
// else the columns of a question it names as a group.
std::vector<size_t> ColumnsMatching(const std::vector<FileColumn>& columns, const std::string& key);
// A mapping's reference to a column: its header text (or a grid row, a choice, a
// question of several columns), else its letter.
std::vector<size_t> ResolveColumnRef(const std::vector<FileColumn>& columns, const std::string& ref);
std::string DescribeColumns(const std::vector<FileColumn>& columns, const std::vector<size_t>& which);

// ---- Dates ---------------------------------------------------------------------------------

struct DateParts {
  int a = 0, b = 0, year = 0;  // "a/b/year": which of a and b is the day is the question
};

// ---- Dates -----------------------------------------------------------------------------
std::optional<std::string> MakeDate(int year, int month, int day);
// Reads up to three numbers separated by one of "/.-" at the start of `text`.
bool LeadingNumbers(std::string_view text, int (&n)[3], size_t (&len)[3], char& sep, size_t& used);
std::optional<DateParts> SlashedParts(std::string_view text);

// ---- Converting ------------------------------------------------------------------------

// Converts the rows of a file from a survey tool (any preset but Lookout's own CSV) into
// `out`, as ConvertSurveyFile describes.
void ConvertToolFile(SurveyPreset preset, std::string_view bytes, const SurveyImportContext& context,
                     const ColumnMapping& mapping, ConvertedSurveyFile& out);

}  // namespace lookout::app::survey_file

#endif  // LOOKOUT_APP_IMPORTS_SURVEY_FILE_H_
