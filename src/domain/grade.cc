#include <cctype>

#include "domain/rules.h"

namespace lookout::domain {

namespace {

char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

// Both grade forms are three characters, optionally in square brackets as police
// documents print them ("[1BP]").
std::optional<std::string_view> StripBrackets(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    if (text.size() < 2 || text.back() != ']') return std::nullopt;
    text = text.substr(1, text.size() - 2);
  } else if (!text.empty() && text.back() == ']') {
    return std::nullopt;
  }
  if (text.size() != 3) return std::nullopt;
  return text;
}

}  // namespace

std::string Grade::ToString() const { return std::string{source, intelligence, handling}; }

std::optional<Grade> Grade::Parse(std::string_view text) {
  auto inner = StripBrackets(text);
  if (!inner) return std::nullopt;
  Grade g{(*inner)[0], Upper((*inner)[1]), Upper((*inner)[2])};
  if (g.source < '1' || g.source > '3') return std::nullopt;
  if (g.intelligence < 'A' || g.intelligence > 'E') return std::nullopt;
  if (g.handling != 'P' && g.handling != 'C') return std::nullopt;
  return g;
}

std::string LegacyGrade::ToString() const { return std::string{source, intelligence, handling}; }

std::optional<LegacyGrade> LegacyGrade::Parse(std::string_view text) {
  auto inner = StripBrackets(text);
  if (!inner) return std::nullopt;
  LegacyGrade g{Upper((*inner)[0]), (*inner)[1], (*inner)[2]};
  if (g.source < 'A' || g.source > 'E') return std::nullopt;
  if (g.intelligence < '1' || g.intelligence > '5') return std::nullopt;
  if (g.handling < '1' || g.handling > '5') return std::nullopt;
  return g;
}

}  // namespace lookout::domain
