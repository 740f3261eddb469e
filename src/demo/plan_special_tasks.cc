// Planning the demo year's special tasks, written out rather than drawn from templates:
// British Transport Police's roadshows, county lines team training and custody review,
// the #LookCloser campaign in the East Midlands and two regional campaigns, with their
// activities. Part of the task plan (plan_tasks.cc), on its random stream.
#include <string>
#include <utility>
#include <vector>

#include "demo/loader.h"

namespace lookout::demo {

void Loader::PlanSpecialTasks(Rng& rng) {
  auto partner_id = [&](const std::string& name) {
    const LocalPartner* p = PartnerNamed(name);
    return p == nullptr ? int64_t{0} : p->id;
  };
  auto police_id = [&](const std::string& force) {
    const LocalPartner* p = PolicePartner(force);
    return p == nullptr ? int64_t{0} : p->id;
  };
  auto objective_ids = [&](std::vector<std::string> codes) {
    std::vector<int64_t> ids;
    for (const std::string& c : codes) ids.push_back(objective_ids_.at(c));
    return ids;
  };
  auto sector_codes = [&](std::vector<std::string> keys) {
    std::vector<std::string> codes;
    for (const std::string& k : keys) codes.push_back(Sector(k));
    return codes;
  };
  struct Special {
    std::string key;
    std::string title;
    std::string description;
    std::vector<std::string> regions;
    int lead;
    std::vector<int> staff;
    std::vector<int64_t> partners;
    std::vector<std::string> themes;
    bool county_lines;
    std::vector<std::string> objectives;
    std::vector<std::string> audiences;
    std::vector<std::string> audience_sectors;
    std::vector<std::string> insight_locations;
    Date proposed_on;
  };
  auto add_task = [&](const Special& s, std::vector<Date> dates) -> int {
    PlannedTask task;
    task.key = "special:" + s.key;
    task.regions = s.regions;
    task.lead = s.lead;
    for (int64_t p : s.partners) {
      if (p != 0) AddUnique(task.partners, p);
    }
    std::vector<int> picked =
        PickInsights(s.regions, s.themes, s.insight_locations, At(s.proposed_on, 9, 0), 3, rng);
    std::vector<int64_t> insight_indices(picked.begin(), picked.end());
    Record& r = task.record;
    r.Set("title", s.title);
    r.Set("description", s.description);
    r.Set("objectives", Ids(objective_ids(s.objectives)));
    r.Set("themes", Texts(s.themes));
    r.Set("county_lines", s.county_lines);
    r.Set("regions", Texts(s.regions));
    r.Set("lead", staff_ids_[static_cast<size_t>(s.lead)]);
    std::vector<int64_t> staff;
    for (int i : s.staff) staff.push_back(staff_ids_[static_cast<size_t>(i)]);
    r.Set("staff", Ids(staff));
    r.Set("partners", Ids(task.partners));
    r.Set("audiences", Texts(s.audiences));
    r.Set("audience_sectors", Texts(sector_codes(s.audience_sectors)));
    r.Set("insights", Ids(insight_indices));
    r.Set("priority", "high");
    r.Set("due_on", dates.back().AddDays(14).ToString());
    tasks_.push_back(std::move(task));
    PlanLifecycle(
        tasks_.back(), s.proposed_on, 7, [&](Date) { return dates; }, 0, rng);
    return static_cast<int>(tasks_.size()) - 1;
  };
  auto day = [&](int fy_month, int d) { return NextWorkingDay(FyDate(fy_month, d)); };
  const int btp_officer = OfficerOf("LDN");
  const int64_t btp = police_id("btp");

  // British Transport Police: vulnerability roadshows for the national workforce.
  {
    Special s{"btp_roadshows",
              "Vulnerability roadshows for British Transport Police staff",
              "Eight half-day roadshows in Liverpool, Leeds, Birmingham and London for British "
              "Transport Police response, intelligence, investigation and vulnerability teams, "
              "on child victimhood, county lines and effective use of the National Referral "
              "Mechanism.",
              {"NAT"},
              btp_officer,
              {kNationalManager},
              {btp},
              {"cce", "msht"},
              true,
              {"reframing_narratives", "msht"},
              {"professionals"},
              {"btp"},
              {"train_station"},
              FyDate(9, 8)};
    const std::vector<std::pair<Date, std::string>> shows = {
        {day(11, 3), "Liverpool"}, {day(11, 4), "Liverpool"},  {day(11, 17), "Leeds"},
        {day(11, 18), "Leeds"},    {day(12, 3), "Birmingham"}, {day(12, 4), "Birmingham"},
        {day(12, 17), "London"},   {day(12, 18), "London"}};
    std::vector<Date> dates;
    for (const auto& show : shows) dates.push_back(show.first);
    const int t = add_task(s, dates);
    std::vector<int64_t> counts = {24, 27, 22, 26, 25, 23, 28, 25};  // two hundred in all
    rng.Shuffle(counts);
    for (size_t i = 0; i < shows.size(); ++i) {
      AddActivity(t, shows[i].first, "roadshow_event", "Vulnerability roadshow, " + shows[i].second,
                  "NAT", "btp", shows[i].second + ": British Transport Police training venue",
                  {btp}, {{"professionals", "btp", counts[i], false}}, "");
    }
  }
  // British Transport Police: the new county lines team's induction.
  {
    Special s{"btp_county_lines",
              "Training for the British Transport Police county lines team",
              "Input during the induction of the new county lines team on a victim-informed "
              "approach, and on using the Modern Slavery Act and other disruption powers against "
              "those higher up the chain rather than the children exploited at the bottom.",
              {"NAT"},
              btp_officer,
              {},
              {btp},
              {"cce", "msht"},
              true,
              {"reframing_narratives", "cce"},
              {"professionals"},
              {"btp"},
              {"train_station", "bus_or_coach_station"},
              FyDate(6, 2)};
    const int t = add_task(s, {day(7, 14), day(8, 4)});
    AddActivity(t, day(7, 14), "training_session", "County lines team induction training, London",
                "NAT", "btp", "London: British Transport Police headquarters", {btp},
                {{"professionals", "btp", 14, false}}, "");
    AddActivity(t, day(8, 4), "training_session",
                "County lines team induction training, Birmingham", "NAT", "btp",
                "Birmingham: British Transport Police office", {btp},
                {{"professionals", "btp", 16, false}}, "");
  }
  // British Transport Police: custody suite shadowing and review.
  {
    Special s{"btp_custody",
              "Custody suite shadowing and review with British Transport Police",
              "Shadowing, feedback and tailored training in the London custody suite, to improve "
              "how children are assessed, recorded and safeguarded on entering and leaving "
              "custody.",
              {"NAT"},
              btp_officer,
              {kTaskingManager},
              {btp},
              {"cce", "cse"},
              false,
              {"increasing_collaboration", "cce"},
              {"professionals"},
              {"btp"},
              {"other"},
              FyDate(9, 15)};
    const std::vector<Date> dates = {day(10, 20), day(11, 10), day(11, 24), day(12, 10),
                                     day(12, 20)};
    const int t = add_task(s, dates);
    for (int i = 0; i < 3; ++i) {
      AddActivity(t, dates[static_cast<size_t>(i)], "shadowing_or_review",
                  "Custody suite shadowing", "NAT", "btp", "London: custody suite", {btp},
                  {{"professionals", "btp", rng.Between(4, 8), false}}, "");
    }
    AddActivity(t, dates[3], "training_session", "Training for custody officers", "NAT", "btp",
                "London: custody suite", {btp}, {{"professionals", "btp", 18, false}}, "");
    AddActivity(t, dates[4], "strategic_meeting", "Custody review feedback to force leads", "NAT",
                "btp", "London: British Transport Police headquarters", {btp},
                {{"professionals", "btp", 6, false}}, "");
  }

  // #LookCloser in the East Midlands.
  {
    std::vector<int64_t> partners = {partner_id("East Midlands Special Operations Unit (EMSOU)"),
                                     btp};
    for (const std::string f :
         {"derbyshire", "leicestershire", "lincolnshire", "northamptonshire", "nottinghamshire"}) {
      partners.push_back(police_id(f));
    }
    const int64_t coach = partner_id("Coachlink (Leicester)");
    const int64_t hotel = partner_id("Redbrick Hotels (Northampton)");
    partners.push_back(coach);
    partners.push_back(hotel);
    Special s{"lookcloser",
              "#LookCloser partnership campaign (East Midlands)",
              "A week of awareness raising in public spaces where young victims of exploitation "
              "may be visible: railway and coach stations, fast food outlets, roadside services "
              "and hotels, with training for coach station managers and hotel staff and a police "
              "intranet briefing, delivered with the regional organised crime unit, British "
              "Transport Police and the local forces.",
              {"EM"},
              OfficerOf("EM"),
              {kProgrammeManager, kNationalManager},
              partners,
              {"cce", "cse", "msht"},
              true,
              {"everyones_responsibility", "increasing_collaboration", "cce"},
              {"professionals", "public"},
              {"transport", "hospitality", "retail", "police", "btp"},
              {"train_station", "bus_or_coach_station", "hotel", "fast_food_outlet"},
              FyDate(10, 6)};
    const Date week = FyDate(12, 9);
    std::vector<Date> dates;
    for (int i = 0; i < 5; ++i) dates.push_back(week.AddDays(i));
    const int t = add_task(s, dates);
    PlannedCampaign c;
    c.task = t;
    for (const Step& st : tasks_[static_cast<size_t>(t)].steps) {
      if (st.status == "approved") c.at = st.at + 3 * kDay;
    }
    c.record.Set("name", "#LookCloser");
    c.record.Set("description",
                 "Partnership awareness week in the East Midlands on public spaces where young "
                 "victims of exploitation may be visible: stations, coaches, fast food outlets, "
                 "roadside services and hotels.");
    c.record.Set("start_on", week.ToString());
    c.record.Set("end_on", week.AddDays(4).ToString());
    c.record.Set("regions", Texts({"EM"}));
    c.record.Set("partners", Ids(tasks_[static_cast<size_t>(t)].partners));
    c.record.Set("themes", Texts({"cce", "cse", "msht"}));
    campaigns_.push_back(std::move(c));
    const int campaign = static_cast<int>(campaigns_.size()) - 1;
    struct Day {
      int offset;
      std::string town;
    };
    const std::vector<Day> stations = {{0, "Leicester"},   {0, "Nottingham"},  {1, "Derby"},
                                       {1, "Lincoln"},     {2, "Northampton"}, {3, "Chesterfield"},
                                       {4, "Loughborough"}};
    for (const Day& d : stations) {
      const Town* town = TownNamed("EM", d.town);
      AddActivity(t, week.AddDays(d.offset), "campaign_day",
                  "#LookCloser day of action at " + d.town + " railway station", "EM",
                  town != nullptr ? town->force : "", d.town + ": railway station",
                  {btp, police_id(town != nullptr ? town->force : "")},
                  {{"professionals", "transport", rng.Between(20, 45), true},
                   {"professionals", "retail", rng.Between(5, 15), true},
                   {"public", "", rng.Between(80, 220), true}},
                  "", campaign);
    }
    AddActivity(t, week.AddDays(2), "training_session",
                "#LookCloser training for coach station managers", "EM", "leicestershire",
                "Leicester: coach station", {coach}, {{"professionals", "transport", 12, false}},
                "", campaign);
    AddActivity(t, week.AddDays(3), "training_session", "#LookCloser training for hotel staff",
                "EM", "northamptonshire", "Northampton: hotel conference room", {hotel},
                {{"professionals", "hospitality", 16, false}}, "", campaign);
    AddActivity(t, week.AddDays(4), "campaign_day",
                "#LookCloser roadside services and fast food outlets", "EM", "leicestershire",
                "Leicester: roadside services", {police_id("leicestershire")},
                {{"professionals", "retail", rng.Between(10, 25), true},
                 {"public", "", rng.Between(60, 150), true}},
                "", campaign);
    AddActivity(t, week.AddDays(4), "briefing_or_resource", "#LookCloser police intranet briefing",
                "EM", "", "force intranets", {police_id("derbyshire"), police_id("leicestershire")},
                {{"professionals", "police", rng.Between(180, 260), true}},
                "Briefing on engaging young people, identifying victims and the National Referral "
                "Mechanism, published on the intranets of the region's forces.",
                campaign);
  }

  // Two regional campaigns.
  struct RegionalCampaign {
    std::string key, region, name, title, description, campaign_description;
    std::vector<std::string> towns;
    std::string sector;
    std::vector<std::string> themes;
    std::vector<std::string> locations;
    int fy_month, day;
  };
  const std::vector<RegionalCampaign> regional = {
      {"safe_journeys",
       "NW",
       "Safe Journeys",
       "Safe Journeys summer campaign (North West)",
       "A summer week of awareness raising at stations and coach stations in the North West, "
       "when young people travel more and are more exposed to exploitation through the "
       "transport network.",
       "Summer awareness week at stations and coach stations across the North West.",
       {"Manchester", "Liverpool", "Preston", "Blackpool", "Warrington"},
       "transport",
       {"cce", "cse"},
       {"train_station", "bus_or_coach_station"},
       4,
       21},
      {"behind_closed_doors",
       "SW",
       "Behind Closed Doors",
       "Behind Closed Doors hotel awareness week (South West)",
       "A week of visits and short briefings for hotel staff across the South West on sexual "
       "exploitation and trafficking in hotels and how to report concerns.",
       "Hotel awareness week across the South West.",
       {"Bristol", "Plymouth", "Exeter", "Bournemouth"},
       "hospitality",
       {"cse", "msht"},
       {"hotel"},
       8,
       10},
  };
  for (const RegionalCampaign& rc : regional) {
    const Date week = NextWorkingDay(FyDate(rc.fy_month, rc.day));
    std::vector<int64_t> partners = {FindPartner(rc.region, rc.sector, "", rng)->id};
    for (const std::string& town : rc.towns) {
      AddUnique(partners, police_id(TownNamed(rc.region, town)->force));
    }
    if (rc.sector == "transport") partners.push_back(btp);
    Special s{rc.key,
              rc.title,
              rc.description,
              {rc.region},
              OfficerOf(rc.region),
              {},
              partners,
              rc.themes,
              Contains(rc.themes, "cce"),
              {"everyones_responsibility", rc.themes.front() == "cce" ? "cce" : "csae"},
              {"professionals", "public"},
              {rc.sector},
              rc.locations,
              week.AddDays(-70)};
    std::vector<Date> dates;
    for (size_t i = 0; i < rc.towns.size(); ++i)
      dates.push_back(NextWorkingDay(week.AddDays(static_cast<int64_t>(i))));
    const int t = add_task(s, dates);
    PlannedCampaign c;
    c.task = t;
    for (const Step& st : tasks_[static_cast<size_t>(t)].steps) {
      if (st.status == "approved") c.at = st.at + 2 * kDay;
    }
    c.record.Set("name", rc.name);
    c.record.Set("description", rc.campaign_description);
    c.record.Set("start_on", dates.front().ToString());
    c.record.Set("end_on", dates.back().ToString());
    c.record.Set("regions", Texts({rc.region}));
    c.record.Set("partners", Ids(partners));
    c.record.Set("themes", Texts(rc.themes));
    campaigns_.push_back(std::move(c));
    const int campaign = static_cast<int>(campaigns_.size()) - 1;
    for (size_t i = 0; i < rc.towns.size(); ++i) {
      const Town* town = TownNamed(rc.region, rc.towns[i]);
      const bool transport = rc.sector == "transport";
      AddActivity(t, dates[i], "campaign_day",
                  rc.name + (transport ? " day at " : " hotel visits in ") + rc.towns[i], rc.region,
                  town->force,
                  rc.towns[i] + (transport ? ": railway and coach stations" : ": hotels"),
                  {partners.front()},
                  {{"professionals", rc.sector, rng.Between(15, 40), true},
                   {"public", "", transport ? rng.Between(60, 180) : rng.Between(0, 20), true}},
                  "", campaign);
    }
  }
}

}  // namespace lookout::demo
