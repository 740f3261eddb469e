// The rules of scoring schemes that need the store: a scheme that has scored insight
// keeps its factors scoring alike and its version number; a change to them makes a new
// version of the scheme (Services::ChangeScoringScheme). Internal to app/.
#ifndef LOOKOUT_APP_RECORDS_SCORING_SCHEMES_H_
#define LOOKOUT_APP_RECORDS_SCORING_SCHEMES_H_

#include <cstdint>
#include <string>

#include "core/status.h"
#include "core/value.h"
#include "store/store.h"

namespace lookout::app::internal {

// How many insight items were scored under scheme `scheme_id`, archived ones included.
Result<int64_t> AssessmentsUnder(store::Transaction& tx, int64_t scheme_id);

// Whether `changes` to `scheme` (as stored) change how it scores: its version number, or
// factors that do not score alike (domain::ScoreAlike).
bool ChangesScoring(const Record& scheme, const Record& changes);

// The refusal (kConflict) of `changes` that change how `scheme` scores once it has scored
// insight, naming the field ("factors" or "scheme_version") in `field`; kOk otherwise.
Status CheckSchemeChange(store::Transaction& tx, const Record& scheme, const Record& changes,
                         std::string* field);

// The version number after the highest of every scheme, archived ones included.
Result<int64_t> NextSchemeVersion(store::Transaction& tx);

}  // namespace lookout::app::internal

#endif  // LOOKOUT_APP_RECORDS_SCORING_SCHEMES_H_
