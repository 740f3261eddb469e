#include <string>
#include <vector>

#include "domain/rules.h"
#include "domain/schema.h"
#include "domain/survey_stats.h"

namespace lookout::domain {

namespace {

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
