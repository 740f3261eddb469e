#include "http/ui/scoring_view.h"

#include <charconv>
#include <cmath>

#include "domain/rules.h"

namespace lookout::http::ui {

using json = nlohmann::json;

namespace {

// 8, 7.5, 17.25: as few digits as the number needs.
std::string Number(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::round(v * 100.0) / 100.0);
  return ec == std::errc() ? std::string(buf, end) : "?";
}

std::vector<domain::ScalePoint> PointsOf(const Value& text) {
  if (!text.is_text()) return {};
  auto points = domain::ParseScale(text.as_text());
  return points.ok() ? *points : std::vector<domain::ScalePoint>{};
}

const Value::Rows& FactorsOf(const Record& scheme) {
  static const Value::Rows kNone;
  return scheme.Get("factors").is_rows() ? scheme.Get("factors").as_rows() : kNone;
}

bool ValidFactors(const Record& scheme) {
  return !FactorsOf(scheme).empty() && domain::ValidateScoringFactors(FactorsOf(scheme)).empty();
}

}  // namespace

json FactorScaleView(const Record& factor) {
  json out = json::array();
  for (const domain::ScalePoint& p : PointsOf(factor.Get("scale"))) {
    out.push_back({{"score", Number(p.value)}, {"meaning", p.meaning}});
  }
  return out;
}

json RiskBandsView(const Record& scheme) {
  json view = {{"range", ""}, {"bands", json::array()}, {"has_bands", false}};
  if (!ValidFactors(scheme)) return view;
  const auto [lowest, highest] = domain::RiskScoreRange(FactorsOf(scheme));
  view["range"] = Number(lowest) + " to " + Number(highest);
  const std::vector<domain::ScalePoint> bands = PointsOf(scheme.Get("bands"));
  for (size_t i = 0; i < bands.size(); ++i) {
    const std::string scores = i + 1 < bands.size()
                                   ? Number(bands[i].value) + " to under " + Number(bands[i + 1].value)
                                   : Number(bands[i].value) + " to " + Number(highest);
    view["bands"].push_back({{"scores", scores}, {"meaning", bands[i].meaning}});
  }
  view["has_bands"] = !bands.empty();
  return view;
}

std::string RiskScoreText(const Record& scheme, const Value& score) {
  if (!score.is_int() && !score.is_real()) return "";
  const double s = score.as_real();
  const std::vector<domain::ScalePoint> bands = PointsOf(scheme.Get("bands"));
  if (const domain::ScalePoint* band = domain::RiskBand(bands, s)) {
    return Number(s) + ": " + band->meaning;
  }
  if (!ValidFactors(scheme)) return Number(s);
  const auto [lowest, highest] = domain::RiskScoreRange(FactorsOf(scheme));
  return Number(s) + " (scores run from " + Number(lowest) + " to " + Number(highest) + ")";
}

}  // namespace lookout::http::ui
