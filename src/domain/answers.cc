#include <string>
#include <vector>

#include "domain/rules.h"
#include "domain/schema.h"

namespace lookout::domain {

namespace {

std::vector<std::string> SplitChoices(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

std::string Codes(const Vocabulary& v) {
  std::string out;
  for (const Term& t : v.terms) out += (out.empty() ? "" : ", ") + t.code;
  return out;
}

}  // namespace

std::string CheckAnswer(std::string_view kind, std::string_view options, std::string_view answer) {
  if (kind == "agreement" || kind == "yes_no") {
    const Vocabulary* v = FindVocabulary(kind == "agreement" ? "agreement" : "yes_no");
    if (v != nullptr && !v->Contains(answer)) {
      return "'" + std::string(answer) +
             "' is not an answer to this question; expected one of: " + Codes(*v);
    }
    return "";
  }
  if (kind == "single_choice" || kind == "multiple_choice") {
    const std::vector<std::string> allowed = SplitChoices(options);
    const std::vector<std::string> given = kind == "single_choice"
                                               ? std::vector<std::string>{std::string(answer)}
                                               : SplitChoices(answer);
    for (const std::string& g : given) {
      bool found = false;
      for (const std::string& a : allowed) found = found || a == g;
      if (!found) {
        return "'" + g + "' is not one of this question's choices: " + std::string(options);
      }
    }
  }
  return "";
}

}  // namespace lookout::domain
