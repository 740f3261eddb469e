#include "domain/survey_stats.h"

#include <algorithm>
#include <cmath>

#include "domain/disclosure.h"
#include "domain/schema.h"

namespace lookout::domain {

namespace {

AnswerCount* Find(std::vector<AnswerCount>& distribution, const std::string& code) {
  for (AnswerCount& a : distribution) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

}  // namespace

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

QuestionResult TallyQuestion(std::string_view kind, std::string_view options,
                             const std::vector<std::string>& answers) {
  std::vector<std::pair<std::string, int64_t>> counts;
  for (const std::string& answer : answers) {
    if (answer.empty()) continue;
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& c) { return c.first == answer; });
    if (it == counts.end()) {
      counts.emplace_back(answer, 1);
    } else {
      ++it->second;
    }
  }
  return TallyCounts(kind, options, counts, static_cast<int64_t>(answers.size()));
}

QuestionResult TallyCounts(std::string_view kind, std::string_view options,
                           const std::vector<std::pair<std::string, int64_t>>& counts,
                           int64_t respondents, const std::vector<std::string>& positive) {
  QuestionResult r;
  r.respondents = respondents;
  const bool scaled = kind == "agreement" || kind == "yes_no";
  const bool choices = kind == "single_choice" || kind == "multiple_choice";
  if (scaled) {
    for (const Term& t : FindVocabulary(kind == "agreement" ? "agreement" : "yes_no")->terms) {
      r.distribution.push_back({t.code, t.label, 0});
    }
  } else if (choices) {
    for (const std::string& choice : SplitChoices(options)) r.distribution.push_back({choice, choice, 0});
  }
  std::vector<std::string> positives = positive;
  if (positives.empty() && kind == "agreement") positives = {"strongly_agree", "agree"};
  if (positives.empty() && kind == "yes_no") positives = {"yes"};
  r.has_positive = !positives.empty() && kind != "free_text";
  auto is_positive = [&](const std::string& answer) {
    return std::find(positives.begin(), positives.end(), answer) != positives.end();
  };
  int64_t answered = 0;
  for (AnswerCount& a : r.distribution) a.positive = r.has_positive && is_positive(a.code);
  for (const auto& [answer, count] : counts) {
    if (answer.empty() || count <= 0) continue;
    answered += count;
    if (kind == "free_text") {
      r.written += count;
      continue;
    }
    if (answer == kDontKnow) {
      r.dont_know += count;
      if (AnswerCount* a = Find(r.distribution, answer)) a->count += count;
      continue;
    }
    const std::vector<std::string> given =
        kind == "multiple_choice" ? SplitChoices(answer) : std::vector<std::string>{answer};
    bool any_positive = false;
    for (const std::string& g : given) {
      AnswerCount* a = Find(r.distribution, g);
      if (a == nullptr) {
        r.distribution.push_back({g, g, 0, r.has_positive && is_positive(g)});
        a = &r.distribution.back();
      }
      a->count += count;
      any_positive = any_positive || is_positive(g);
    }
    if (r.has_positive && any_positive) r.positive += count;
  }
  r.blank = std::max<int64_t>(0, respondents - answered);
  r.base = respondents - r.blank - r.dont_know;
  if (kind == "free_text") r.base = r.written;
  if (r.has_positive) r.interval = WilsonInterval(r.positive, r.base);
  return r;
}

ResultDisclosure ProtectResult(const QuestionResult& result, std::string_view kind, int threshold) {
  ResultDisclosure out;
  out.withheld.assign(result.distribution.size(), false);
  if (threshold < 1) return out;
  out.base_too_small = result.base < threshold;
  out.written_withheld = IsSmallCount(result.written, threshold);
  // Each group of counts whose total the page states, protected as a breakdown of it.
  auto protect = [&](const std::vector<size_t>& rows) {
    std::vector<std::vector<int64_t>> cells;
    for (size_t i : rows) cells.push_back({result.distribution[i].count});
    const SuppressedTable t = Suppress(cells, threshold, false, true);
    for (size_t k = 0; k < rows.size(); ++k) out.withheld[rows[k]] = t.Suppressed(k, 0);
  };
  std::vector<size_t> positive, other;
  for (size_t i = 0; i < result.distribution.size(); ++i) {
    if (result.distribution[i].code == kDontKnow) continue;
    if (kind == "multiple_choice") {
      out.withheld[i] = IsSmallCount(result.distribution[i].count, threshold);
      continue;
    }
    (result.distribution[i].positive ? positive : other).push_back(i);
  }
  protect(positive);
  protect(other);
  const SuppressedTable outside =
      Suppress({{result.dont_know}, {result.blank}}, threshold, false, true);
  out.dont_know_withheld = outside.Suppressed(0, 0);
  out.blank_withheld = outside.Suppressed(1, 0);
  for (size_t i = 0; i < result.distribution.size(); ++i) {
    if (result.distribution[i].code == kDontKnow) out.withheld[i] = out.dont_know_withheld;
  }
  return out;
}

Interval WilsonInterval(int64_t positive, int64_t base, double z) {
  if (base <= 0) return {0, 0};
  positive = std::clamp<int64_t>(positive, 0, base);  // never a root of a negative number
  const double n = static_cast<double>(base);
  const double p = static_cast<double>(positive) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::string Percent(double proportion) {
  return std::to_string(static_cast<int64_t>(std::floor(proportion * 100 + 0.5))) + "%";
}

std::string PercentOneDecimal(double proportion) {
  const int64_t tenths = static_cast<int64_t>(std::floor(proportion * 1000 + 0.5));
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

}  // namespace lookout::domain
