// What a scoring scheme's numbers mean, as pages show them: each factor's scale beside its
// box on the assessment form, and the bands of the risk score (on the form, and beside an
// assessed item's score). The scheme holds the words (domain::ParseScale reads them); a
// scheme without them still shows the range of its scores.
#ifndef LOOKOUT_HTTP_UI_SCORING_VIEW_H_
#define LOOKOUT_HTTP_UI_SCORING_VIEW_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/value.h"

namespace lookout::http::ui {

// A factor row's scale: [{"score": "1", "meaning": "no known harm"}, ...], empty when the
// scheme does not describe it (or its words do not read).
nlohmann::json FactorScaleView(const Record& factor);

// The scheme's risk score explained, for the _risk_bands partial:
//   "range"      "2 to 30", the scores its factors allow ("" when they are not valid)
//   "bands"      [{"scores": "2 to under 8", "meaning": "Low: ..."}], empty without bands
//   "has_bands"  whether there are any
nlohmann::json RiskBandsView(const Record& scheme);

// "17.25: High: propose a task" for a risk score under `scheme`: the score, and the band it
// falls in when the scheme has bands; "17.25 (scores run from 2 to 30)" without them; ""
// when `score` is not a number.
std::string RiskScoreText(const Record& scheme, const Value& score);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_SCORING_VIEW_H_
