#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "core/text.h"
#include "domain/rules.h"

namespace lookout::domain {

namespace {

std::string Indexed(std::string_view list, size_t i, std::string_view field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(field);
}

bool IsNumber(const Value& v) { return v.is_int() || (v.is_real() && std::isfinite(v.as_real())); }

bool IsBlankText(const Value& v) {
  if (!v.is_text()) return true;
  for (char c : v.as_text()) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

struct Factor {
  std::string group;
  double weight = 0;
  int64_t min_score = 0;
  int64_t max_score = 0;
  bool scored = false;
};

std::string FormatScore(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// The weighted mean of one group's lowest (or highest) scores: what ComputeRiskScore gives
// that group when every factor of it is scored at that end.
double GroupMean(const Value::Rows& factors, const std::string& group, const char* end) {
  double weighted = 0;
  double total = 0;
  for (const Record& row : factors) {
    if (!row.Get("group").is_text() || row.Get("group").as_text() != group) continue;
    weighted += row.Get("weight").as_real() * static_cast<double>(row.Get(end).as_int());
    total += row.Get("weight").as_real();
  }
  return total <= 0 ? 0.0 : weighted / total;
}

}  // namespace

Result<std::vector<ScalePoint>> ParseScale(std::string_view text) {
  std::vector<ScalePoint> points;
  auto refuse = [](const std::string& message) {
    return Status::Validation({{"", message}}, message);
  };
  if (TrimSpace(text).empty()) return points;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = TrimSpace(text.substr(start, end - start));
    start = end + 1;
    if (part.empty()) {
      if (end == text.size()) break;  // a ';' at the very end
      return refuse("has an empty part between two ';'");
    }
    const size_t eq = part.find('=');
    const std::string quoted = "'" + std::string(part) + "'";
    if (eq == std::string_view::npos) {
      return refuse(quoted + " is not a score and its meaning: write it as '3 = what 3 means'");
    }
    const std::string_view number = TrimSpace(part.substr(0, eq));
    const std::string_view meaning = TrimSpace(part.substr(eq + 1));
    double value = 0;
    auto [at, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || ec != std::errc() || at != number.data() + number.size() ||
        !std::isfinite(value)) {
      return refuse(quoted + " does not start with a number: write it as '3 = what 3 means'");
    }
    if (meaning.empty()) return refuse(quoted + " says nothing after '='");
    if (!points.empty() && value <= points.back().value) {
      return refuse(quoted + " comes after " + FormatScore(points.back().value) +
                    ": list the scores from the lowest up, each once");
    }
    points.push_back({value, std::string(meaning)});
  }
  return points;
}

std::pair<double, double> RiskScoreRange(const Value::Rows& factors) {
  auto score = [&factors](const char* end) {
    return std::round((GroupMean(factors, "harm", end) * GroupMean(factors, "likelihood", end) +
                       GroupMean(factors, "position", end)) * 100.0) / 100.0;
  };
  return {score("min_score"), score("max_score")};
}

std::vector<FieldError> ValidateRiskBands(const Value::Rows& factors, std::string_view bands) {
  if (TrimSpace(bands).empty()) return {};
  auto points = ParseScale(bands);
  if (!points.ok()) return {{"bands", points.status().message()}};
  // The range needs the factors' groups, weights and ranges; their scales' words do not
  // matter to it (a mistake there is reported on its own).
  Value::Rows unscaled = factors;
  for (Record& row : unscaled) row.Set("scale", Value());
  if (!ValidateScoringFactors(unscaled).empty()) return {};
  const auto [lowest, highest] = RiskScoreRange(factors);
  std::vector<FieldError> errors;
  if (points->front().value > lowest) {
    errors.push_back({"bands", "starts at " + FormatScore(points->front().value) +
                                   ", above " + FormatScore(lowest) +
                                   ", the lowest score the factors allow: start the first band "
                                   "there or lower, so that every score has a band"});
  }
  for (const ScalePoint& p : *points) {
    if (p.value > highest) {
      errors.push_back({"bands", "has a band from " + FormatScore(p.value) + ", above " +
                                     FormatScore(highest) +
                                     ", the highest score the factors allow: no score reaches it"});
      break;
    }
  }
  return errors;
}

const ScalePoint* RiskBand(const std::vector<ScalePoint>& bands, double score) {
  const ScalePoint* found = nullptr;
  for (const ScalePoint& p : bands) {
    if (p.value <= score) found = &p;
  }
  return found;
}

std::vector<FieldError> ValidateScoringFactors(const Value::Rows& factors) {
  std::vector<FieldError> errors;
  std::set<std::string> codes;
  bool has_harm = false;
  bool has_likelihood = false;
  const Vocabulary* groups = FindVocabulary("factor_group");
  for (size_t i = 0; i < factors.size(); ++i) {
    const Record& row = factors[i];
    const Value& code = row.Get("code");
    if (IsBlankText(code)) {
      errors.push_back({Indexed("factors", i, "code"), "is required"});
    } else if (!codes.insert(code.as_text()).second) {
      errors.push_back({Indexed("factors", i, "code"),
                        "'" + code.as_text() + "' is already the code of another factor"});
    }
    const Value& group = row.Get("group");
    if (!group.is_text() || groups == nullptr || !groups->Contains(group.as_text())) {
      errors.push_back(
          {Indexed("factors", i, "group"), "must be one of: harm, likelihood, position"});
    } else {
      has_harm = has_harm || group.as_text() == "harm";
      has_likelihood = has_likelihood || group.as_text() == "likelihood";
    }
    const Value& weight = row.Get("weight");
    if (!IsNumber(weight) || weight.as_real() <= 0) {
      errors.push_back({Indexed("factors", i, "weight"), "must be a number greater than 0"});
    }
    const Value& lo = row.Get("min_score");
    const Value& hi = row.Get("max_score");
    if (!lo.is_int())
      errors.push_back({Indexed("factors", i, "min_score"), "must be a whole number"});
    if (!hi.is_int())
      errors.push_back({Indexed("factors", i, "max_score"), "must be a whole number"});
    if (lo.is_int() && hi.is_int() && lo.as_int() > hi.as_int()) {
      errors.push_back(
          {Indexed("factors", i, "max_score"),
           "must not be less than the lowest score (" + std::to_string(lo.as_int()) + ")"});
    }
    if (const Value& scale = row.Get("scale"); scale.is_text()) {
      auto points = ParseScale(scale.as_text());
      if (!points.ok()) {
        errors.push_back({Indexed("factors", i, "scale"), points.status().message()});
      } else if (lo.is_int() && hi.is_int()) {
        for (const ScalePoint& p : *points) {
          if (p.value != std::floor(p.value) || p.value < static_cast<double>(lo.as_int()) ||
              p.value > static_cast<double>(hi.as_int())) {
            errors.push_back({Indexed("factors", i, "scale"),
                              "describes " + FormatScore(p.value) + ", which is not a score of " +
                                  "this factor (whole numbers from " +
                                  std::to_string(lo.as_int()) + " to " +
                                  std::to_string(hi.as_int()) + ")"});
            break;
          }
        }
      }
    }
  }
  if (!has_harm) errors.push_back({"factors", "needs at least one harm factor"});
  if (!has_likelihood) errors.push_back({"factors", "needs at least one likelihood factor"});
  return errors;
}

bool ScoreAlike(const Value::Rows& a, const Value::Rows& b) {
  auto scoring = [](const Value::Rows& rows) {
    std::map<std::string, std::tuple<std::string, double, std::string, std::string>> out;
    for (const Record& r : rows) {
      const Value& weight = r.Get("weight");
      out[r.Get("code").ToDisplay()] = {r.Get("group").ToDisplay(),
                                        IsNumber(weight) ? weight.as_real() : -1.0,
                                        r.Get("min_score").ToDisplay(), r.Get("max_score").ToDisplay()};
    }
    return out;
  };
  return a.size() == b.size() && scoring(a) == scoring(b);
}

Result<double> ComputeRiskScore(const Value::Rows& scheme_factors, const Value::Rows& scores) {
  std::vector<FieldError> scheme_errors = ValidateScoringFactors(scheme_factors);
  if (!scheme_errors.empty()) {
    return Status::Validation(std::move(scheme_errors),
                              "The scoring scheme's factors are not valid, so no risk score "
                              "can be computed.");
  }
  std::map<std::string, Factor> factors;
  for (const Record& row : scheme_factors) {
    Factor f;
    f.group = row.Get("group").as_text();
    f.weight = row.Get("weight").as_real();
    f.min_score = row.Get("min_score").as_int();
    f.max_score = row.Get("max_score").as_int();
    factors.emplace(row.Get("code").as_text(), f);
  }

  std::vector<FieldError> errors;
  // Weighted sums and total weights per group.
  std::map<std::string, std::pair<double, double>> sums;
  for (size_t i = 0; i < scores.size(); ++i) {
    const Value& code = scores[i].Get("factor");
    if (IsBlankText(code)) {
      errors.push_back({Indexed("factor_scores", i, "factor"), "is required"});
      continue;
    }
    auto it = factors.find(code.as_text());
    if (it == factors.end()) {
      errors.push_back({Indexed("factor_scores", i, "factor"),
                        "'" + code.as_text() + "' is not a factor of the scoring scheme"});
      continue;
    }
    Factor& f = it->second;
    if (f.scored) {
      errors.push_back({Indexed("factor_scores", i, "factor"),
                        "'" + code.as_text() + "' is scored more than once"});
      continue;
    }
    f.scored = true;
    const Value& score = scores[i].Get("score");
    if (!IsNumber(score)) {
      errors.push_back({Indexed("factor_scores", i, "score"), "must be a whole number"});
      continue;
    }
    const double s = score.as_real();
    if (s < static_cast<double>(f.min_score) || s > static_cast<double>(f.max_score)) {
      errors.push_back({Indexed("factor_scores", i, "score"),
                        "must be between " + std::to_string(f.min_score) + " and " +
                            std::to_string(f.max_score) + " for factor '" + code.as_text() +
                            "' (it is " + FormatScore(s) + ")"});
      continue;
    }
    auto& [weighted, total] = sums[f.group];
    weighted += f.weight * s;
    total += f.weight;
  }
  for (const Record& row : scheme_factors) {
    const std::string& code = row.Get("code").as_text();
    if (!factors[code].scored) {
      errors.push_back({"factor_scores", "has no score for factor '" + code + "'"});
    }
  }
  if (!errors.empty()) {
    return Status::Validation(std::move(errors),
                              "The factor scores do not fit the scoring scheme.");
  }
  auto mean = [&](const std::string& group) {
    auto it = sums.find(group);
    return it == sums.end() || it->second.second <= 0 ? 0.0 : it->second.first / it->second.second;
  };
  const double raw = mean("harm") * mean("likelihood") + mean("position");
  return std::round(raw * 100.0) / 100.0;
}

}  // namespace lookout::domain
