// Small text rules every layer uses, each in one place: white space, ASCII case and UTF-8.
// Byte-oriented and never locale-dependent: the same input gives the same output on every
// machine.
#ifndef LOOKOUT_CORE_TEXT_H_
#define LOOKOUT_CORE_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lookout {

// ASCII white space: space, tab, line feed, carriage return, form feed, vertical tab.
bool IsAsciiSpace(char c);
// `text` without ASCII white space at either end.
std::string_view TrimSpace(std::string_view text);
// `text` without spaces and tabs at either end (HTTP's optional white space).
std::string_view TrimBlanks(std::string_view text);
// `text` without ASCII white space or no-break spaces (U+00A0, which spreadsheets leave
// behind) at either end.
std::string_view TrimSpaceAndNbsp(std::string_view text);

// `text` with A-Z made a-z; other bytes as they are.
std::string AsciiLower(std::string_view text);
// The first byte in lower (upper) case when it is an ASCII letter: "Staff" -> "staff".
std::string LowerFirst(std::string text);
std::string UpperFirst(std::string text);

// The byte offset of the first byte of `text` that is not part of valid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or nullopt.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

}  // namespace lookout

#endif  // LOOKOUT_CORE_TEXT_H_
