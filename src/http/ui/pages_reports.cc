// Reports: choose a period (a financial year or a quarter) and a region or the whole
// programme, and see the headline figures the impact report is built from: people reached
// by group (with "approximately" where an estimate is part of a total) and tasks
// delivered. The downloadable report formats come with the impact report itself.
#include <map>

#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

}  // namespace

void AddReportPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/reports", "The headline figures of a period, by region or national.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            if (page.Role() == "admin" || page.Role() == "funder") {
              return ErrorPage(page, Status(ErrorCode::kForbidden,
                                            page.Role() == "funder"
                                                ? "Funders see the programme dashboard on the home page; reports are published to you when they are approved."
                                                : "Reports are for the programme's staff."));
            }
            auto month = page.env->services.FinancialYearStartMonth();
            if (!month.ok()) return ErrorPage(page, month.status());
            const domain::Period current = domain::Period::YearOf(page.env->services.clock().Today(), *month);
            std::string period_text = page.Query("period");
            if (period_text.empty()) period_text = current.ToString();
            std::optional<domain::Period> period = domain::Period::Parse(period_text);
            std::vector<FieldError> errors;
            if (!period) {
              errors.push_back({"period", "Choose a financial year or a quarter, written 2025-26 or 2025-26 Q3"});
              period = current;
            }
            Names reference(page.env->services, app::Actor::System());
            const std::string region = page.Query("region");
            json periods = json::array();
            for (int back = 0; back < 3; ++back) {
              for (int q = 0; q <= 4; ++q) {
                domain::Period p{current.start_year - back, q};
                periods.push_back({{"value", p.ToString()}, {"text", p.ToString()},
                                   {"selected", p.ToString() == period->ToString()}});
              }
            }
            json regions = json::array({{{"value", ""}, {"text", "The whole programme"}, {"selected", region.empty()}}});
            for (json o : reference.Options("region")) {
              o["selected"] = o["value"].get<std::string>() == region;
              regions.push_back(std::move(o));
            }
            const std::string first = period->First(*month).ToString();
            const std::string last = period->Last(*month).ToString();
            auto reach = page.env->services.Reach(page.actor, {first, last, region});
            if (!reach.ok()) {
              if (reach.status().code() != ErrorCode::kValidation) return ErrorPage(page, reach.status());
              for (const FieldError& e : reach.status().fields()) errors.push_back(e);
              reach = std::vector<store::ReachRow>{};
            }
            std::map<std::string, std::pair<int64_t, bool>> groups;
            std::map<std::string, std::pair<int64_t, bool>> sectors;
            for (const store::ReachRow& r : *reach) {
              auto& g = groups[r.group];
              g.first += r.count;
              g.second = g.second || r.any_estimated;
              if (r.group == "professionals") {
                auto& s = sectors[r.sector];
                s.first += r.count;
                s.second = s.second || r.any_estimated;
              }
            }
            auto figure = [](const std::pair<int64_t, bool>& v) {
              return (v.second ? "approximately " : "") + report::Thousands(v.first);
            };
            json reached = json::array();
            for (const domain::Term& t : domain::FindVocabulary("audience_group")->terms) {
              reached.push_back({{"group", t.label}, {"count", figure(groups[t.code])}});
            }
            json by_sector = json::array();
            for (const auto& [sector, v] : sectors) {
              by_sector.push_back({{"sector", reference.Of("sector", sector)}, {"count", figure(v)}});
            }
            auto delivered = page.env->services.TasksDelivered(page.actor, first, last, region);
            if (!delivered.ok()) return ErrorPage(page, delivered.status());
            json view = {{"periods", periods},
                         {"regions", regions},
                         {"scope", (region.empty() ? std::string("the whole programme") : reference.Of("region", region)) +
                                       ", " + period->ToString() + " (" + LongDate(first) + " to " + LongDate(last) + ")"},
                         {"reached", reached},
                         {"by_sector", by_sector},
                         {"has_sectors", !by_sector.empty()},
                         {"delivered", report::Thousands(delivered->tasks)},
                         {"partners", report::Thousands(delivered->partners)}};
            if (!errors.empty()) view["error_summary"] = ErrorSummaryView(errors);
            return RenderPage(page, "Reports", "reports", std::move(view), errors.empty() ? 200 : 422);
          });
}

}  // namespace lookout::http::ui
