// The demo programme: a realistic, entirely synthetic programme year (staff, partners,
// insight, tasks and their lifecycle, campaigns, activities and reach, the outcome
// framework, surveys, quotes, case studies and outcome events) for trying Lookout out,
// for demonstrations and for tests that need data of a real programme's size.
//
// Everything is written through app::Services (Create, TransitionTask, Import), so the
// demo data is validated and audited exactly like real data. Nothing in it describes a
// real person: names are invented, free text never holds identifying details.
#ifndef LOOKOUT_DEMO_DEMO_H_
#define LOOKOUT_DEMO_DEMO_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "core/status.h"

namespace lookout::demo {

struct DemoOptions {
  // The same seed always gives the same records, field for field (timestamps included):
  // the generator uses its own random numbers, never a library distribution.
  uint64_t seed = 2026;
  // The financial year the demo programme runs in, "YYYY-YY". Insight from the quarter
  // before it is included, as a programme starting its year would hold it.
  std::string financial_year = "2025-26";
};

struct DemoSummary {
  // Records created, by entity name ("task", "activity", ...), in the order of
  // domain::AllEntities(); kinds with nothing created are left out.
  std::vector<std::pair<std::string, int64_t>> created;
  // Reach of the activities loaded: professionals and young people (sums of counts).
  int64_t professionals_reached = 0;
  int64_t young_people_reached = 0;
  // Tasks that reached 'delivered' within the financial year.
  int64_t tasks_delivered = 0;
  std::string first_day;  // of the financial year, YYYY-MM-DD
  std::string last_day;

  // The count for one entity name, 0 when none.
  int64_t Created(std::string_view entity) const;
  // "1,012 activities, 372 tasks, ...": one line for people.
  std::string ToString() const;
};

// Loads the demo programme into the database behind `services`.
//
// REQUIRES: the reference data (the ten programme regions and NAT, the police forces with
// British Transport Police, the sectors) is loaded, as `lookout init` does; without it,
// kNotFound naming what is missing, and nothing is written. The programme record is
// created only when none exists (the existing programme's first month of the financial
// year is then used). Refuses, writing nothing, when the database already holds tasks,
// insight, activities or the demo staff (kConflict), or when `options` are malformed
// (kValidation, field "financial_year").
//
// The records are written with their own timeline: each is stamped (created_at,
// transitions, audit entries) at a plausible moment of the demo year, from a clock of the
// generator's own rather than the services' clock, so that the data reads like a year
// of work and is identical for the same seed (on SQLite and PostgreSQL alike). Bulk kinds
// are imported, one transaction per batch: the partners at once, insight and activities
// week by week as they would be recorded, survey responses per survey (feedback forms per
// quarter); imported records carry ids chosen in advance so that later records can refer
// to them. Tasks are created and moved through their lifecycle one use case at a time.
// `actor` is recorded for the programme, the staff and the batch imports; the rest of the
// year's work (objectives, the scoring scheme, the outcome framework, tasks and their
// transitions, campaigns, surveys, quotes, case studies, outcome events) is recorded as
// done by the demo staff member who would have done it.
//
// Not atomic as a whole: on an error midway, what was written so far stays (each step is
// its own transaction). `progress` is called with (steps done, steps in all).
// The demo programme's name, funder and financial year start, for `lookout demo` to
// record when it initialises a new database.
app::ProgrammeSettings DemoProgrammeSettings();

Result<DemoSummary> LoadDemo(app::Services& services, const app::Actor& actor,
                             const DemoOptions& options = DemoOptions{},
                             const app::Progress& progress = nullptr);

}  // namespace lookout::demo

#endif  // LOOKOUT_DEMO_DEMO_H_
