// The demo programme's words. Written to read like a real programme's records while
// holding nothing that could identify anyone: no names of children, no ages, no dates
// of birth, no contact details. Staff names are invented; partner organisations are
// public bodies named by place or invented businesses and charities.
#include "demo/text.h"

namespace lookout::demo {

const std::vector<SectorMatch>& SectorMatches() {
  static const std::vector<SectorMatch> kMatches = {
      {"police", "police", {"police"}, {"police"}, {"transport"}},
      {"btp",
       "British Transport Police",
       {"btp", "british_transport_police"},
       {"british transport police", "transport police"},
       {}},
      {"rocu",
       "regional organised crime unit",
       {"rocu", "regional_organised_crime_unit"},
       {"organised crime", "rocu"},
       {}},
      {"local_authority",
       "local authority",
       {"local_authority", "local_government", "la"},
       {"local authority", "local government", "council"},
       {}},
      {"health", "health", {"health", "nhs"}, {"health"}, {}},
      {"education", "education", {"education", "schools"}, {"education", "school"}, {}},
      {"transport",
       "transport operator",
       {"transport", "transport_operator", "transport_operators"},
       {"transport"},
       {"police"}},
      {"hospitality",
       "hospitality and hotels",
       {"hospitality", "hospitality_hotels", "hospitality_and_hotels", "hotels"},
       {"hospitality", "hotel"},
       {}},
      {"retail",
       "retail and fast food",
       {"retail", "retail_fast_food", "retail_and_fast_food", "fast_food"},
       {"retail", "fast food"},
       {}},
      {"vcs",
       "voluntary and community sector",
       {"vcs", "voluntary_community", "voluntary_and_community", "voluntary_community_sector",
        "voluntary", "charity"},
       {"voluntary", "community sector", "charity"},
       {}},
      {"national_government",
       "national government",
       {"national_government", "central_government", "government"},
       {"national government", "central government"},
       {}},
      {"business", "business", {"business"}, {"business"}, {}},
      {"other", "other", {"other"}, {"other"}, {}},
  };
  return kMatches;
}

const std::vector<RegionText>& ProgrammeRegions() {
  static const std::vector<RegionText> kRegions = {
      {"NE",
       "North East",
       "the North East",
       {{"Newcastle upon Tyne", "northumbria", "Newcastle upon Tyne City Council"},
        {"Sunderland", "northumbria", "Sunderland City Council"},
        {"Gateshead", "northumbria", "Gateshead Borough Council"},
        {"Durham", "durham", "Durham County Council"},
        {"Darlington", "durham", "Darlington Borough Council"},
        {"Middlesbrough", "cleveland", "Middlesbrough Borough Council"},
        {"Hartlepool", "cleveland", "Hartlepool Borough Council"},
        {"Stockton-on-Tees", "cleveland", "Stockton-on-Tees Borough Council"}},
       "North East Regional Organised Crime Unit (NEROCU)",
       "Tyneside Transit (Newcastle upon Tyne)",
       "Stopover Inns (Sunderland)",
       "Chicken Spot (Middlesbrough)",
       0.9},
      {"NW",
       "North West",
       "the North West",
       {{"Manchester", "greater-manchester", "Manchester City Council"},
        {"Liverpool", "merseyside", "Liverpool City Council"},
        {"Preston", "lancashire", "Preston City Council"},
        {"Blackpool", "lancashire", "Blackpool Borough Council"},
        {"Chester", "cheshire", "Cheshire West and Chester Council"},
        {"Warrington", "cheshire", "Warrington Borough Council"},
        {"Carlisle", "cumbria", "Cumberland Council"},
        {"Bolton", "greater-manchester", "Bolton Borough Council"},
        {"Wigan", "greater-manchester", "Wigan Borough Council"}},
       "North West Regional Organised Crime Unit (Titan)",
       "Mersey Coachways (Liverpool)",
       "CityStay Hotels (Manchester)",
       "Burger Stop (Bolton)",
       1.3},
      {"YH",
       "Yorkshire and the Humber",
       "Yorkshire and the Humber",
       {{"Leeds", "west-yorkshire", "Leeds City Council"},
        {"Bradford", "west-yorkshire", "Bradford City Council"},
        {"Wakefield", "west-yorkshire", "Wakefield City Council"},
        {"Sheffield", "south-yorkshire", "Sheffield City Council"},
        {"Doncaster", "south-yorkshire", "Doncaster Borough Council"},
        {"Rotherham", "south-yorkshire", "Rotherham Borough Council"},
        {"Hull", "humberside", "Hull City Council"},
        {"Scarborough", "north-yorkshire", "North Yorkshire Council"},
        {"York", "north-yorkshire", "City of York Council"}},
       "Yorkshire and Humber Regional Organised Crime Unit (YHROCU)",
       "Pennine Buses (Bradford)",
       "Greenway Hotels (Leeds)",
       "Waystop Roadside Services (Doncaster)",
       1.1},
      {"EM",
       "East Midlands",
       "the East Midlands",
       {{"Leicester", "leicestershire", "Leicester City Council"},
        {"Nottingham", "nottinghamshire", "Nottingham City Council"},
        {"Derby", "derbyshire", "Derby City Council"},
        {"Lincoln", "lincolnshire", "Lincoln City Council"},
        {"Northampton", "northamptonshire", "West Northamptonshire Council"},
        {"Mansfield", "nottinghamshire", "Mansfield District Council"},
        {"Loughborough", "leicestershire", "Charnwood Borough Council"},
        {"Chesterfield", "derbyshire", "Chesterfield Borough Council"},
        {"Kettering", "northamptonshire", "North Northamptonshire Council"},
        {"Grantham", "lincolnshire", "South Kesteven District Council"}},
       "East Midlands Special Operations Unit (EMSOU)",
       "Coachlink (Leicester)",
       "Redbrick Hotels (Northampton)",
       "Chicken Spot (Nottingham)",
       1.1},
      {"WM",
       "West Midlands",
       "the West Midlands",
       {{"Birmingham", "west-midlands", "Birmingham City Council"},
        {"Coventry", "west-midlands", "Coventry City Council"},
        {"Wolverhampton", "west-midlands", "Wolverhampton City Council"},
        {"Walsall", "west-midlands", "Walsall Borough Council"},
        {"Stoke-on-Trent", "staffordshire", "Stoke-on-Trent City Council"},
        {"Worcester", "west-mercia", "Worcestershire County Council"},
        {"Telford", "west-mercia", "Telford and Wrekin Council"},
        {"Nuneaton", "warwickshire", "Nuneaton and Bedworth Borough Council"}},
       "Regional Organised Crime Unit for the West Midlands (ROCUWM)",
       "Heartland Trains (Birmingham)",
       "Stopover Inns (Coventry)",
       "Burger Stop (Wolverhampton)",
       1.2},
      {"EE",
       "Eastern",
       "the East of England",
       {{"Norwich", "norfolk", "Norfolk County Council"},
        {"Ipswich", "suffolk", "Suffolk County Council"},
        {"Cambridge", "cambridgeshire", "Cambridge City Council"},
        {"Peterborough", "cambridgeshire", "Peterborough City Council"},
        {"Luton", "bedfordshire", "Luton Borough Council"},
        {"Chelmsford", "essex", "Essex County Council"},
        {"Southend-on-Sea", "essex", "Southend-on-Sea City Council"},
        {"Watford", "hertfordshire", "Hertfordshire County Council"},
        {"Maidstone", "kent", "Kent County Council"},
        {"Canterbury", "kent", "Canterbury City Council"}},
       "Eastern Region Special Operations Unit (ERSOU)",
       "Anglia Coach Station Services (Norwich)",
       "Harbour Lodge Hotels (Southend-on-Sea)",
       "Chicken Spot (Luton)",
       1.0},
      {"SE",
       "South East",
       "the South East",
       {{"Reading", "thames-valley", "Reading Borough Council"},
        {"Oxford", "thames-valley", "Oxford City Council"},
        {"Milton Keynes", "thames-valley", "Milton Keynes City Council"},
        {"Southampton", "hampshire", "Southampton City Council"},
        {"Portsmouth", "hampshire", "Portsmouth City Council"},
        {"Brighton", "sussex", "Brighton and Hove City Council"},
        {"Crawley", "sussex", "Crawley Borough Council"},
        {"Guildford", "surrey", "Surrey County Council"}},
       "South East Regional Organised Crime Unit (SEROCU)",
       "Solent Bus Company (Southampton)",
       "CityStay Hotels (Reading)",
       "Waystop Roadside Services (Crawley)",
       0.9},
      {"SW",
       "South West",
       "the South West",
       {{"Bristol", "avon-and-somerset", "Bristol City Council"},
        {"Plymouth", "devon-and-cornwall", "Plymouth City Council"},
        {"Exeter", "devon-and-cornwall", "Devon County Council"},
        {"Truro", "devon-and-cornwall", "Cornwall Council"},
        {"Bournemouth", "dorset", "Bournemouth, Christchurch and Poole Council"},
        {"Gloucester", "gloucestershire", "Gloucestershire County Council"},
        {"Swindon", "wiltshire", "Swindon Borough Council"},
        {"Taunton", "avon-and-somerset", "Somerset Council"}},
       "South West Regional Organised Crime Unit (SWROCU)",
       "Severn Coaches (Bristol)",
       "Harbour Lodge Hotels (Plymouth)",
       "Burger Stop (Swindon)",
       0.9},
      {"LDN",
       "London",
       "London",
       {{"Croydon", "metropolitan", "London Borough of Croydon"},
        {"Lewisham", "metropolitan", "London Borough of Lewisham"},
        {"Hackney", "metropolitan", "London Borough of Hackney"},
        {"Brent", "metropolitan", "London Borough of Brent"},
        {"Newham", "metropolitan", "London Borough of Newham"},
        {"Southwark", "metropolitan", "London Borough of Southwark"},
        {"Ealing", "metropolitan", "London Borough of Ealing"},
        {"Westminster", "metropolitan", "Westminster City Council"},
        {"City of London", "city-of-london", ""}},
       "",
       "Capital Coach Terminal (Westminster)",
       "Greenway Hotels (Newham)",
       "Chicken Spot (Lewisham)",
       1.3},
      {"WAL",
       "Wales",
       "Wales",
       {{"Cardiff", "south-wales", "Cardiff Council"},
        {"Swansea", "south-wales", "Swansea Council"},
        {"Newport", "gwent", "Newport City Council"},
        {"Merthyr Tydfil", "south-wales", "Merthyr Tydfil County Borough Council"},
        {"Wrexham", "north-wales", "Wrexham County Borough Council"},
        {"Bangor", "north-wales", "Gwynedd Council"},
        {"Carmarthen", "dyfed-powys", "Carmarthenshire County Council"},
        {"Aberystwyth", "dyfed-powys", "Ceredigion County Council"}},
       "Southern Wales Regional Organised Crime Unit (Tarian)",
       "Valleys Bus Company (Cardiff)",
       "Stopover Inns (Swansea)",
       "Burger Stop (Newport)",
       0.9},
  };
  return kRegions;
}

const std::vector<StaffText>& DemoStaff() {
  static const std::vector<StaffText> kStaff = {
      {"Helen Marsh", "helen.marsh@lookout.example", "manager", "", "programme manager"},
      {"David Okafor", "david.okafor@lookout.example", "manager", "",
       "national partnerships manager"},
      {"Priya Sandhu", "priya.sandhu@lookout.example", "manager", "",
       "tasking and evaluation manager"},
      {"Gemma Rowntree", "gemma.rowntree@lookout.example", "officer", "NE", ""},
      {"Liam Fairclough", "liam.fairclough@lookout.example", "officer", "NW", ""},
      {"Aisha Rahman", "aisha.rahman@lookout.example", "officer", "YH", ""},
      {"Tom Beckett", "tom.beckett@lookout.example", "officer", "EM", ""},
      {"Sunita Kaur", "sunita.kaur@lookout.example", "officer", "WM", ""},
      {"Rachel Dunmore", "rachel.dunmore@lookout.example", "officer", "EE", ""},
      {"Owen Pritchard", "owen.pritchard@lookout.example", "officer", "SE", ""},
      {"Claire Penrose", "claire.penrose@lookout.example", "officer", "SW", ""},
      {"Marcus Bello", "marcus.bello@lookout.example", "officer", "LDN",
       "seconded to British Transport Police"},
      {"Carys Llewellyn", "carys.llewellyn@lookout.example", "officer", "WAL", ""},
      {"Nadia Hussain", "nadia.hussain@lookout.example", "analyst", "", ""},
      {"Peter Lang", "peter.lang@lookout.example", "admin", "", ""},
      {"Joanne Whitfield", "joanne.whitfield@lookout.example", "funder", "",
       "grant manager's reader account"},
  };
  return kStaff;
}

const std::vector<NamedPartner>& NationalPartners() {
  static const std::vector<NamedPartner> kPartners = {
      {"Home Office Modern Slavery Unit", "national_government", "NAT"},
      {"Department for Education Safeguarding Policy Team", "national_government", "NAT"},
      {"Safe Passage Children's Trust", "vcs", "NAT"},
      {"National Youth Safety Network", "vcs", "NAT"},
      {"Stopover Inns Group", "hospitality", "NAT"},
      {"Rail Safeguarding Partnership", "transport", "NAT"},
      {"Roadside Services Association", "retail", "NAT"},
      {"National Schools Safeguarding Alliance", "education", "NAT"},
  };
  return kPartners;
}

const std::vector<PartnerPattern>& LocalPartnerPatterns() {
  static const std::vector<PartnerPattern> kPatterns = {
      {"education", "{town} College"},
      {"education", "{town} Academy Trust"},
      {"education", "{town} Sixth Form College"},
      {"health", "{town} Community Health NHS Trust"},
      {"health", "{town} Hospitals NHS Foundation Trust"},
      {"health", "{town} Sexual Health Service"},
      {"vcs", "{town} Youth Trust"},
      {"vcs", "{town} Young People's Project"},
      {"vcs", "{town} Runaways Service"},
      {"vcs", "{town} Community Safety Network"},
      {"business", "{town} Business Improvement District"},
      {"business", "{town} Chamber of Commerce"},
  };
  return kPatterns;
}

const std::vector<ObjectiveText>& Objectives() {
  static const std::vector<ObjectiveText> kObjectives = {
      {"everyones_responsibility", "Everyone's responsibility",
       "Make preventing the abuse and exploitation of children everyone's responsibility, "
       "including the sectors that see children in public spaces: transport, hospitality, "
       "retail and fast food."},
      {"reframing_narratives", "Reframing narratives",
       "Help professionals see exploited children as victims first and respond with a "
       "victim-informed approach, rather than treating them as offenders."},
      {"increasing_collaboration", "Increasing collaboration",
       "Bring police, local authorities, health, education, the voluntary sector and "
       "businesses together around shared insight and joint responses."},
      {"csae", "Prevent child sexual abuse and exploitation",
       "Reduce the sexual abuse and exploitation of children by helping partners identify "
       "risk earlier and act on it."},
      {"cce", "Prevent child criminal exploitation, including county lines",
       "Reduce the criminal exploitation of children, including drug supply across police "
       "areas, by disrupting the places and routes exploiters use."},
      {"msht", "Prevent modern slavery and human trafficking of children",
       "Improve the identification of child victims of trafficking and modern slavery and "
       "the use of the National Referral Mechanism."},
      {"online", "Reduce online harm",
       "Reduce the risk of children being groomed and exploited online, across every form "
       "of exploitation."},
  };
  return kObjectives;
}

const std::vector<FactorText>& ScoringFactors() {
  static const std::vector<FactorText> kFactors = {
      {"harm_physical", "Physical harm", "harm", 1.5,
       "1 = no physical harm known or expected; 2 = minor harm, unlikely to recur; "
       "3 = harm needing medical care, or a real risk of it; 4 = serious injury, or a lasting "
       "risk of it; 5 = a risk to life"},
      {"harm_psychological", "Psychological harm", "harm", 1.5,
       "1 = no lasting distress expected; 2 = distress that passes; 3 = distress that affects "
       "daily life or school; 4 = lasting trauma that needs specialist support; 5 = severe "
       "trauma or a risk of self-harm"},
      {"harm_financial", "Financial harm", "harm", 0.5,
       "1 = none; 2 = small sums lost or owed; 3 = debts or money taken again and again; "
       "4 = debt bondage, or a family's money controlled; 5 = organised financial "
       "exploitation of many"},
      {"harm_community", "Harm to the community", "harm", 1.0,
       "1 = no wider effect; 2 = concern at one place (a station, a shop); 3 = a neighbourhood "
       "affected; 4 = a town or several communities affected; 5 = widespread fear, or trust "
       "in services lost"},
      {"harm_geographic", "Geographic scope", "harm", 1.0,
       "1 = one place; 2 = several places in one town; 3 = across a police force area; "
       "4 = across the region; 5 = across regions or borders"},
      {"harm_vulnerability", "Vulnerability of the victims", "harm", 2.0,
       "1 = adults with no known vulnerability; 2 = older teenagers with support around them; "
       "3 = children, or young people with a known vulnerability; 4 = children with several "
       "vulnerabilities (in care, going missing, out of school); 5 = young children, or "
       "children with no protective adult"},
      {"likelihood", "Likelihood", "likelihood", 1.0,
       "1 = unlikely: one report, not corroborated; 2 = possible; 3 = likely: a second source "
       "agrees; 4 = very likely: a pattern across sources; 5 = almost certain: happening now"},
      {"position_capacity", "Our capacity to act", "position", 1.0,
       "1 = no officer time for this in the coming months; 3 = time can be found this "
       "quarter; 5 = the officer can act now"},
      {"position_capability", "Our capability to act", "position", 1.0,
       "1 = we lack the partners and the knowledge; 3 = we could act with a partner's help; "
       "5 = partners, material and training are ready"},
      {"position_ownership", "No other agency owns the problem", "position", 1.0,
       "1 = another agency is already acting on it; 3 = another agency knows of it but is not "
       "acting; 5 = no one else is acting on it"},
  };
  return kFactors;
}

const std::string& RiskBands() {
  static const std::string kBands =
      "2 = Low: keep it under review, no task needed now; "
      "8 = Moderate: weigh it at the next tasking meeting; "
      "14 = High: propose a task for the next tasking meeting; "
      "21 = Very high: tell a manager today and propose a task";
  return kBands;
}

const std::vector<Observation>& Observations() {
  using V = std::vector<std::string>;
  static const std::vector<Observation> kObservations = {
      // Criminal exploitation and county lines.
      {"young people travelling alone late in the evening from {place} with new phones and cash",
       V{"cce"}, V{"bus_or_coach_station", "train_station", "tram"}, true, V{}},
      {"groups of teenagers being met off trains by older males and driven away", V{"cce", "cse"},
       V{"train_station"}, true, V{}},
      {"children in school uniform spending school hours at {place} on several days in a row",
       V{"cce"}, V{"shopping_centre", "bus_or_coach_station", "fast_food_outlet"}, false, V{}},
      {"young people buying food for older adults at {place} late at night and handing over cash",
       V{"cce"}, V{"fast_food_outlet", "roadside_services"}, true, V{}},
      {"teenagers from outside the area staying in {place} and short-let flats while drugs are "
       "supplied locally",
       V{"cce", "msht"}, V{"hotel"}, true, V{"criminal"}},
      {"young people carrying several phones and large amounts of cash at {place}", V{"cce"},
       V{"train_station", "bus_or_coach_station", "shopping_centre"}, true, V{}},
      {"a rise in missing episodes among teenagers who are later found in other force areas",
       V{"cce"}, V{"other"}, true, V{}},
      {"adverts on {place} offering teenagers quick cash for delivery work", V{"cce", "online"},
       V{"online"}, true, V{}},
      {"younger children being drawn in to hold and move drugs around {place}", V{"cce"},
       V{"school_or_college", "shopping_centre"}, true, V{}},
      {"older teenagers being sent to {place} to collect parcels on behalf of adults", V{"cce"},
       V{"roadside_services", "bus_or_coach_station"}, true, V{}},
      {"young people with injuries they will not explain after trips out of the area", V{"cce"},
       V{"other", "school_or_college"}, true, V{}},
      {"pupils excluded from school being approached by older peers near {place}", V{"cce"},
       V{"school_or_college", "fast_food_outlet"}, false, V{}},
      {"young people travelling on {place} without tickets, with adults who pay for them in cash",
       V{"cce"}, V{"tram", "bus_or_coach_station"}, true, V{}},
      {"young people waiting at {place} for long periods with no clear reason to be there",
       V{"cce", "cse"}, V{"roadside_services", "train_station"}, true, V{}},
      // Sexual exploitation and abuse.
      {"teenage girls being collected by different vehicles from {place} late at night", V{"cse"},
       V{"fast_food_outlet", "shopping_centre", "bus_or_coach_station"}, false, V{}},
      {"adults booking rooms at {place} with young people arriving later without luggage",
       V{"cse", "msht"}, V{"hotel"}, false, V{"sexual"}},
      {"young people being given free food, alcohol and lifts by adults who are not family",
       V{"cse"}, V{"fast_food_outlet", "other"}, false, V{}},
      {"a young person seen repeatedly at {place} in the early hours with different older men",
       V{"cse"}, V{"roadside_services", "hotel", "train_station"}, false, V{}},
      {"young people being invited to parties in rented flats through messaging apps",
       V{"cse", "online"}, V{"online", "other"}, false, V{}},
      {"adults loitering near {place} and approaching pupils at the end of the school day",
       V{"cse", "csa"}, V{"school_or_college", "bus_or_coach_station"}, false, V{}},
      {"rooms paid for in cash by third parties and visited by a series of adults",
       V{"cse", "msht"}, V{"hotel"}, false, V{"sexual"}},
      {"young people being moved between towns by taxi late at night with adults paying in cash",
       V{"cse"}, V{"other", "roadside_services"}, false, V{}},
      {"adults seeking unsupervised time with children through informal coaching and tutoring "
       "offers",
       V{"csa"}, V{"other", "online"}, false, V{}},
      {"children describing sexual content sent to them by adults they met online",
       V{"csa", "online"}, V{"online"}, false, V{}},
      {"harmful sexual behaviour between pupils, linked to content they have seen online",
       V{"csa", "online"}, V{"school_or_college", "online"}, false, V{}},
      {"professionals unsure how to respond when a child discloses abuse in a public place such "
       "as {place}",
       V{"csa"}, V{"train_station", "shopping_centre", "fast_food_outlet"}, false, V{}},
      // Modern slavery and trafficking.
      {"young people working long hours in takeaways without pay and without identity documents",
       V{"msht"}, V{"fast_food_outlet"}, false, V{"labour"}},
      {"groups of young workers being driven in vans to car washes and nail bars", V{"msht"},
       V{"other", "roadside_services"}, false, V{"labour"}},
      {"young people arriving at {place} with an adult who holds their tickets and documents",
       V{"msht"}, V{"bus_or_coach_station", "train_station"}, false, V{"unknown", "labour"}},
      {"a young person living with a family, not attending school and doing the household's "
       "domestic work",
       V{"msht"}, V{"other"}, false, V{"domestic_servitude"}},
      {"young people new to the country being moved between hotels by adults who are not their "
       "carers",
       V{"msht"}, V{"hotel"}, false, V{"unknown", "sexual"}},
      {"young people being made to beg or sell goods near {place}", V{"msht", "cce"},
       V{"shopping_centre", "train_station"}, false, V{"criminal", "labour"}},
      {"few NRM referrals from first responders despite known exploitation concerns in the area",
       V{"msht"}, V{"other"}, false, V{"criminal", "sexual"}},
      {"care leavers being offered accommodation in exchange for work", V{"msht", "cce"},
       V{"other"}, false, V{"labour", "criminal"}},
      // Online harm.
      {"young people being contacted through gaming platforms and moved to encrypted apps",
       V{"online", "cse"}, V{"online"}, false, V{}},
      {"images shared by young people being used to pressure them into running errands",
       V{"online", "cce"}, V{"online"}, true, V{}},
      {"teenagers being targeted with sextortion messages demanding money", V{"online", "cse"},
       V{"online"}, false, V{}},
      {"young people joining group chats on {place} where drug runs are advertised",
       V{"online", "cce"}, V{"online"}, true, V{}},
      {"children receiving gifts and phone credit from online contacts their parents do not know",
       V{"online", "cse"}, V{"online"}, false, V{}},
      // Frontline staff who see but do not know what to do.
      {"station staff unsure who to contact about children travelling alone at night",
       V{"cce", "cse"}, V{"train_station", "tram"}, false, V{}},
      {"hotel staff unsure how to respond to bookings that do not feel right", V{"cse", "msht"},
       V{"hotel"}, false, V{"sexual"}},
  };
  return kObservations;
}

std::string PlacePhrase(const std::string& location_type, int variant) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kPhrases = {
      {"train_station", {"the train station", "the main railway station", "a railway station"}},
      {"bus_or_coach_station",
       {"the coach station", "the bus station", "the bus and coach interchange"}},
      {"tram", {"the tram network", "trams"}},
      {"fast_food_outlet", {"fast food outlets", "a chicken shop", "late-night takeaways"}},
      {"roadside_services", {"motorway services", "roadside services", "a service station"}},
      {"hotel", {"budget hotels", "a hotel near the ring road", "hotels close to the station"}},
      {"shopping_centre", {"the shopping centre", "a retail park", "the town centre arcade"}},
      {"online", {"social media", "online platforms"}},
      {"school_or_college", {"a local school", "the college", "schools in the area"}},
      {"other", {"the town centre", "parks and open spaces"}},
  };
  for (const auto& [code, phrases] : kPhrases) {
    if (code == location_type) return phrases[static_cast<size_t>(variant) % phrases.size()];
  }
  return "the area";
}

const std::vector<std::string>& Openers(const std::string& source_type) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kOpeners = {
      {"police_intelligence",
       {"Intelligence reports", "Force intelligence describes", "Police reporting highlights",
        "Intelligence from the force's exploitation team points to",
        "Regional intelligence describes a pattern of"}},
      {"partner_observation",
       {"Partner reports", "A partner organisation reports",
        "Frontline staff at a partner organisation describe",
        "A safeguarding lead at a partner agency reports",
        "Partners at the local exploitation panel raised concerns about"}},
      {"officer_observation",
       {"Prevention officer observed", "During a partner visit the prevention officer noted",
        "The prevention officer identified", "A site visit by the prevention officer found"}},
      {"young_peoples_voice",
       {"Young people at a youth forum described", "A young people's panel highlighted",
        "Young people told youth workers about", "A group of young people raised concerns about"}},
      {"research_or_data",
       {"Local data shows a pattern of", "The local needs assessment highlights",
        "Community safety partnership data shows an increase in",
        "Analysis of missing episodes points to"}},
      {"survey",
       {"A partner staff survey highlighted", "Survey responses from frontline staff describe",
        "A school staff survey identified concerns about"}},
  };
  for (const auto& [code, openers] : kOpeners) {
    if (code == source_type) return openers;
  }
  return kOpeners[1].second;
}

const std::vector<std::string>& InsightTimes() {
  static const std::vector<std::string> kTimes = {
      "",
      "",
      "",
      " over recent weeks",
      " at weekends",
      " over the past month",
      " in the last fortnight",
      " in the evenings",
  };
  return kTimes;
}

const std::vector<std::string>& InsightEndings(const std::string& source_type) {
  static const std::vector<std::string> kGeneral = {
      "Staff said they were not sure who to tell.",
      "Partners have asked for awareness training for frontline staff.",
      "This has been seen on several occasions.",
      "No referral had been made at the time.",
      "Neighbouring areas have raised similar concerns.",
      "The concern has been shared with the local exploitation panel.",
      "The concern has been passed to the force's exploitation team.",
      "Staff were not aware of the National Referral Mechanism.",
  };
  static const std::vector<std::string> kYoungPeople = {
      "Young people said they would not know where to get help.",
      "Young people said the adults around them did not seem to notice.",
      "Young people asked for more honest conversations about risk in school.",
  };
  static const std::vector<std::string> kResearch = {
      "The figures are higher than for the same period last year.",
      "The picture is consistent with regional intelligence.",
      "The data suggests the concern is under-reported by frontline staff.",
  };
  if (source_type == "young_peoples_voice") return kYoungPeople;
  if (source_type == "research_or_data" || source_type == "survey") return kResearch;
  return kGeneral;
}

const std::vector<std::string>& HandlingConditions() {
  static const std::vector<std::string> kConditions = {
      "Not to be shared outside safeguarding partners.",
      "Share only with the local authority exploitation lead; no onward disclosure.",
      "For tasking purposes only; do not disclose the source or the detail to partners.",
      "Not to be shared with commercial partners without the force's agreement.",
  };
  return kConditions;
}

const std::vector<TaskTemplate>& RegionalTaskTemplates() {
  static const std::vector<TaskTemplate> kTemplates = {
      {.key = "transport_training",
       .title = "Exploitation awareness training for transport staff ({town})",
       .description =
           "Training for bus, coach and rail staff in {town} on the signs of criminal and sexual "
           "exploitation of children travelling through transport hubs, how to respond and who "
           "to tell.",
       .themes = {"cce", "cse"},
       .theme_objective = "cce",
       .priorities = {"everyones_responsibility", "increasing_collaboration"},
       .locations = {"train_station", "bus_or_coach_station", "tram"},
       .audience_sectors = {"transport"},
       .partner_sectors = {"transport", "police"},
       .activities = {{"training_session", "Awareness training for transport staff", 3},
                      {"presentation", "Briefing for station and depot supervisors", 1}},
       .venues = {"coach station", "railway station staff room", "bus depot"},
       .min_activities = 1,
       .max_activities = 5,
       .min_count = 6,
       .max_count = 16,
       .duration_weeks = 6,
       .weight = 1.4},
      {.key = "hotel_training",
       .title = "Hotel and hospitality staff training on signs of exploitation ({town})",
       .description =
           "Training for hotel reception, housekeeping and security staff in {town} on "
           "recognising exploitation and trafficking behind closed doors, and on reporting "
           "concerns to police.",
       .themes = {"cse", "msht"},
       .theme_objective = "csae",
       .priorities = {"everyones_responsibility"},
       .locations = {"hotel"},
       .audience_sectors = {"hospitality"},
       .partner_sectors = {"hospitality", "police"},
       .activities = {{"training_session", "Training for hotel staff", 3},
                      {"presentation", "Presentation to hotel managers", 1}},
       .venues = {"hotel conference room", "hotel staff room"},
       .min_activities = 1,
       .max_activities = 4,
       .min_count = 5,
       .max_count = 16,
       .duration_weeks = 5,
       .weight = 1.0},
      {.key = "fastfood_briefing",
       .title = "Fast food and roadside services staff briefings ({town})",
       .description =
           "Short briefings for staff of fast food outlets and roadside services in {town}, "
           "where exploiters and the young people they exploit stop for food and amenities, on "
           "what to look out for and how to report it.",
       .themes = {"cce", "cse"},
       .theme_objective = "cce",
       .priorities = {"everyones_responsibility"},
       .locations = {"fast_food_outlet", "roadside_services"},
       .audience_sectors = {"retail"},
       .partner_sectors = {"retail", "police"},
       .activities = {{"presentation", "Briefing for fast food and services staff", 2},
                      {"briefing_or_resource", "Staff briefing pack and awareness posters", 1}},
       .venues = {"restaurant", "service station"},
       .min_activities = 2,
       .max_activities = 4,
       .min_count = 4,
       .max_count = 14,
       .duration_weeks = 4,
       .weight = 0.9},
      {.key = "schools_workshops",
       .title = "Workshops for pupils on grooming, exploitation and online safety ({town})",
       .description =
           "Interactive workshops for secondary pupils in {town} on healthy relationships, "
           "grooming and exploitation online and offline, with a briefing for staff on "
           "referral routes.",
       .themes = {"cse", "online", "cce"},
       .theme_objective = "online",
       .priorities = {"reframing_narratives"},
       .locations = {"school_or_college", "online"},
       .audience_sectors = {"education"},
       .partner_sectors = {"education"},
       .activities = {{"workshop", "Pupil workshop on grooming and exploitation", 3},
                      {"presentation", "Staff briefing on exploitation referral routes", 1}},
       .venues = {"secondary school", "college"},
       .min_activities = 2,
       .max_activities = 6,
       .min_count = 2,
       .max_count = 8,
       .young_chance = 0.75,
       .young_min = 8,
       .young_max = 22,
       .duration_weeks = 6,
       .weight = 0.9},
      {.key = "practitioner_training",
       .title = "Child exploitation and NRM training for practitioners ({council})",
       .description =
           "Training for social workers, early help and youth justice practitioners of "
           "{council} on child criminal and sexual exploitation, trafficking, and making "
           "effective use of the National Referral Mechanism.",
       .themes = {"cce", "msht", "cse"},
       .theme_objective = "msht",
       .priorities = {"reframing_narratives", "increasing_collaboration"},
       .locations = {"other"},
       .audience_sectors = {"local_authority", "vcs"},
       .partner_sectors = {"local_authority"},
       .activities = {{"training_session", "Exploitation and NRM training for practitioners", 3},
                      {"workshop", "Case discussion workshop", 1}},
       .venues = {"council offices", "civic centre"},
       .min_activities = 2,
       .max_activities = 5,
       .min_count = 8,
       .max_count = 20,
       .duration_weeks = 8,
       .weight = 1.4},
      {.key = "police_input",
       .title = "NRM and Modern Slavery Act input for {force} officers",
       .description =
           "Input for response, neighbourhood and investigation officers of {force} on "
           "identifying child victims of exploitation, the National Referral Mechanism, the "
           "Modern Slavery Act defence for children and a victim-first approach.",
       .themes = {"msht", "cce"},
       .theme_objective = "msht",
       .priorities = {"reframing_narratives"},
       .locations = {"other", "train_station"},
       .audience_sectors = {"police"},
       .partner_sectors = {"police"},
       .activities = {{"training_session", "Training input for officers", 2},
                      {"presentation", "Briefing at a team meeting", 2}},
       .venues = {"police station training suite", "force training centre"},
       .min_activities = 1,
       .max_activities = 5,
       .min_count = 8,
       .max_count = 22,
       .duration_weeks = 8,
       .weight = 1.3},
      {.key = "health_training",
       .title = "Exploitation and trafficking indicators for health staff ({town})",
       .description =
           "Sessions for emergency department, sexual health and school nursing staff in "
           "{town} on the indicators of exploitation and trafficking and on safeguarding "
           "referral routes.",
       .themes = {"msht", "cse"},
       .theme_objective = "csae",
       .priorities = {"everyones_responsibility"},
       .locations = {"other"},
       .audience_sectors = {"health"},
       .partner_sectors = {"health"},
       .activities = {{"training_session", "Training for health staff", 2},
                      {"presentation", "Presentation at a safeguarding forum", 1}},
       .venues = {"hospital education centre", "health centre"},
       .min_activities = 1,
       .max_activities = 4,
       .min_count = 7,
       .max_count = 20,
       .duration_weeks = 6,
       .weight = 0.8},
      {.key = "youthwork_workshop",
       .title = "Criminal exploitation workshop for youth and community workers ({town})",
       .description =
           "Workshops for youth workers and community organisations in {town} on spotting "
           "criminal exploitation early, talking with young people about risk, and referral "
           "routes, with a session co-run for young people.",
       .themes = {"cce", "online"},
       .theme_objective = "cce",
       .priorities = {"reframing_narratives", "increasing_collaboration"},
       .locations = {"other", "online", "shopping_centre"},
       .audience_sectors = {"vcs"},
       .partner_sectors = {"vcs"},
       .activities = {{"workshop", "Workshop for youth and community workers", 3},
                      {"workshop", "Session with young people at a youth club", 1}},
       .venues = {"youth centre", "community centre"},
       .min_activities = 1,
       .max_activities = 4,
       .min_count = 5,
       .max_count = 15,
       .young_chance = 0.3,
       .young_min = 5,
       .young_max = 14,
       .duration_weeks = 6,
       .weight = 1.0},
      {.key = "pathway_review",
       .title = "Review of the child exploitation screening pathway with {council}",
       .description =
           "Shadowing and a joint review of how {council} and its partners screen exploitation "
           "concerns, share intelligence and decide on referrals, with recommendations for "
           "change.",
       .themes = {"cce", "cse"},
       .theme_objective = "cce",
       .priorities = {"increasing_collaboration"},
       .locations = {"other"},
       .audience_sectors = {"local_authority", "police"},
       .partner_sectors = {"local_authority", "police"},
       .activities = {{"shadowing_or_review", "Shadowing the screening team", 2},
                      {"strategic_meeting", "Pathway review meeting with partners", 2}},
       .venues = {"council offices"},
       .min_activities = 2,
       .max_activities = 5,
       .min_count = 3,
       .max_count = 10,
       .duration_weeks = 10,
       .weight = 0.7},
      {.key = "panel_support",
       .title = "Support to the multi-agency child exploitation panel ({town})",
       .description =
           "Attendance at and support to the multi-agency child exploitation panel for {town}: "
           "bringing programme insight, sharing good practice and agreeing joint prevention "
           "activity.",
       .themes = {"cce", "cse", "msht"},
       .theme_objective = "cce",
       .priorities = {"increasing_collaboration"},
       .locations = {"other"},
       .audience_sectors = {"local_authority", "police", "health", "education", "vcs"},
       .partner_sectors = {"local_authority", "police"},
       .activities = {{"strategic_meeting", "Multi-agency exploitation panel", 1}},
       .venues = {"council offices", "online meeting"},
       .min_activities = 2,
       .max_activities = 4,
       .min_count = 3,
       .max_count = 9,
       .duration_weeks = 12,
       .weight = 0.8},
      {.key = "parents_session",
       .title = "Awareness session for parents and carers on online grooming ({town})",
       .description =
           "Evening sessions for parents and carers in {town} on how children are groomed "
           "online and offline, the signs to look out for, keeping a record, and where to get "
           "help.",
       .themes = {"online", "cse"},
       .theme_objective = "online",
       .priorities = {"everyones_responsibility"},
       .locations = {"online"},
       .audience_sectors = {"education"},
       .partner_sectors = {"education", "vcs"},
       .activities = {{"presentation", "Parents and carers awareness session", 1}},
       .venues = {"school hall", "community centre"},
       .min_activities = 1,
       .max_activities = 3,
       .min_count = 1,
       .max_count = 4,
       .parents_chance = 0.95,
       .parents_min = 8,
       .parents_max = 35,
       .duration_weeks = 4,
       .weight = 0.5},
      {.key = "intranet_briefing",
       .title = "Briefing on engaging young people at risk for the {force} intranet",
       .description =
           "A written briefing and short video for officers of {force}, published on the force "
           "intranet, on engaging young people, identifying victims of exploitation and using "
           "the National Referral Mechanism.",
       .themes = {"cce", "msht"},
       .theme_objective = "msht",
       .priorities = {"reframing_narratives"},
       .locations = {"other"},
       .audience_sectors = {"police"},
       .partner_sectors = {"police"},
       .activities = {{"briefing_or_resource", "Intranet briefing for officers", 1}},
       .venues = {"force intranet"},
       .min_activities = 1,
       .max_activities = 1,
       .min_count = 30,
       .max_count = 120,
       .estimated = true,
       .duration_weeks = 4,
       .weight = 0.5},
      {.key = "business_awareness",
       .title = "Awareness presentation for local businesses and night-time economy staff ({town})",
       .description =
           "Presentations for businesses, licensed premises, security and shopping centre staff "
           "in {town} on the signs of exploitation in public spaces and how to report concerns.",
       .themes = {"cce", "cse", "msht"},
       .theme_objective = "csae",
       .priorities = {"everyones_responsibility"},
       .locations = {"shopping_centre", "other", "fast_food_outlet"},
       .audience_sectors = {"business", "retail"},
       .partner_sectors = {"business", "local_authority"},
       .activities = {{"presentation", "Presentation to local businesses", 2},
                      {"training_session", "Training for security and retail staff", 1}},
       .venues = {"town hall", "shopping centre management suite"},
       .min_activities = 1,
       .max_activities = 4,
       .min_count = 7,
       .max_count = 20,
       .duration_weeks = 6,
       .weight = 0.7},
      {.key = "taxi_licensing",
       .title = "Safeguarding training for licensed taxi and private hire drivers ({council})",
       .description =
           "Safeguarding input for taxi and private hire drivers licensed by {council} on "
           "recognising children at risk of exploitation during journeys and how to report.",
       .themes = {"cse", "cce"},
       .theme_objective = "csae",
       .priorities = {"everyones_responsibility"},
       .locations = {"other", "roadside_services"},
       .audience_sectors = {"transport"},
       .partner_sectors = {"local_authority"},
       .activities = {{"training_session", "Driver safeguarding training", 1}},
       .venues = {"licensing office", "council chamber"},
       .min_activities = 1,
       .max_activities = 4,
       .min_count = 8,
       .max_count = 26,
       .duration_weeks = 8,
       .weight = 0.6},
  };
  return kTemplates;
}

const std::vector<TaskTemplate>& NationalTaskTemplates() {
  static const std::vector<TaskTemplate> kTemplates = {
      {.key = "national_hotel",
       .title = "Safeguarding training for a national hotel group",
       .description =
           "Training for regional managers and reception leads of a national hotel group on "
           "exploitation and trafficking in hotels, and support to update the group's "
           "safeguarding guidance.",
       .themes = {"cse", "msht"},
       .theme_objective = "csae",
       .priorities = {"everyones_responsibility"},
       .locations = {"hotel"},
       .audience_sectors = {"hospitality"},
       .partner_sectors = {"hospitality"},
       .activities = {{"training_session", "Online training for hotel managers", 2},
                      {"presentation", "Input to the group's safeguarding conference", 1}},
       .venues = {"online session", "hotel group head office"},
       .min_activities = 1,
       .max_activities = 3,
       .min_count = 15,
       .max_count = 45,
       .duration_weeks = 8,
       .weight = 1.0},
      {.key = "home_office_policy",
       .title = "Strategic input to Home Office modern slavery policy leads",
       .description =
           "Regular strategic meetings with Home Office policy leads to share the programme's "
           "insight on child exploitation and trafficking trends and on the use of the "
           "National Referral Mechanism.",
       .themes = {"msht"},
       .theme_objective = "msht",
       .priorities = {"increasing_collaboration"},
       .locations = {"other"},
       .audience_sectors = {"national_government"},
       .partner_sectors = {"national_government"},
       .activities = {{"strategic_meeting", "Strategic meeting with policy leads", 1}},
       .venues = {"online meeting", "government offices"},
       .min_activities = 1,
       .max_activities = 3,
       .min_count = 3,
       .max_count = 8,
       .duration_weeks = 16,
       .weight = 0.8},
      {.key = "transport_forum",
       .title = "National transport operators' safeguarding forum",
       .description =
           "Co-ordination of a forum where rail, coach and bus operators share insight on "
           "children exploited through the transport network and agree joint awareness "
           "activity.",
       .themes = {"cce", "cse"},
       .theme_objective = "cce",
       .priorities = {"increasing_collaboration", "everyones_responsibility"},
       .locations = {"train_station", "bus_or_coach_station"},
       .audience_sectors = {"transport"},
       .partner_sectors = {"transport", "btp"},
       .activities = {{"strategic_meeting", "Transport operators' safeguarding forum", 1}},
       .venues = {"online meeting"},
       .min_activities = 1,
       .max_activities = 2,
       .min_count = 8,
       .max_count = 20,
       .duration_weeks = 12,
       .weight = 0.6},
      {.key = "education_resource",
       .title = "Lesson resources on exploitation for secondary schools",
       .description =
           "Lesson plans and a staff briefing on exploitation for secondary schools, shared "
           "nationally through safeguarding networks for schools.",
       .themes = {"cse", "cce", "online"},
       .theme_objective = "online",
       .priorities = {"reframing_narratives"},
       .locations = {"school_or_college", "online"},
       .audience_sectors = {"education"},
       .partner_sectors = {"education", "national_government"},
       .activities = {{"briefing_or_resource", "Lesson resource pack published", 1},
                      {"presentation", "Webinar for designated safeguarding leads", 1}},
       .venues = {"online"},
       .min_activities = 1,
       .max_activities = 2,
       .min_count = 30,
       .max_count = 110,
       .estimated = true,
       .duration_weeks = 10,
       .weight = 0.5},
  };
  return kTemplates;
}

const std::vector<std::string>& RejectionReasons() {
  static const std::vector<std::string> kReasons = {
      "Duplicates work already tasked to the regional partnership; the officer will join that "
      "work instead.",
      "Not enough evidence of need in the area at present; revisit when the next local "
      "profile is published.",
      "Another agency already owns this problem and is funded to deliver it.",
      "Outside the programme's objectives for this year.",
      "The region's delivery plan is full for this quarter; propose it again next quarter.",
  };
  return kReasons;
}

const std::vector<std::string>& CancellationReasons() {
  static const std::vector<std::string> kReasons = {
      "The partner withdrew after a restructure of its safeguarding team.",
      "Venue and dates could not be agreed before the end of term.",
      "Superseded by a national task covering the same partners.",
      "The partner asked to postpone until new staff are in post.",
      "Delivery paused while the regional officer post was vacant; work moved to a later task.",
  };
  return kReasons;
}

const std::vector<std::string>& ActivityNotes() {
  static const std::vector<std::string> kNotes = {
      "Session delivered jointly with the force's exploitation lead.",
      "Attendees asked for a follow-up session on the National Referral Mechanism.",
      "Register taken; feedback forms handed out at the end.",
      "The partner will cascade the materials to staff who could not attend.",
      "Good discussion of local referral routes; actions agreed with the partner.",
      "Attendance lower than planned; the partner will promote the next date again.",
      "Delivered online at the partner's request.",
  };
  return kNotes;
}

const std::vector<OutcomeText>& Outcomes() {
  static const std::vector<OutcomeText> kOutcomes = {
      {"PRO-CONF", "professionals",
       "Professionals feel more confident in identifying and supporting young people at risk "
       "of abuse and exploitation.",
       "Evidenced by stakeholder survey and post-session feedback agreement."},
      {"PRO-KNOW", "professionals",
       "Professionals have increased awareness and knowledge of abuse and exploitation.",
       "Evidenced by stakeholder survey and post-session feedback agreement."},
      {"PRO-PRAC", "professionals",
       "Professionals have changed how they respond to young people at risk of abuse and "
       "exploitation.",
       "Evidenced among respondents who attended a training session, presentation or "
       "workshop, by quotes and by NRM referrals."},
      {"SYS-RESP", "systems",
       "Systems are improving their ability to identify and better respond to young people at "
       "risk of abuse and exploitation.",
       "Evidenced by stakeholder survey agreement and partners' accounts."},
      {"SYS-PROC", "systems",
       "Partners have changed processes and policies so that young people at risk are "
       "identified and protected.",
       "Evidenced by recorded process and policy changes and case studies."},
      {"CYP-SAFE", "children_young_people",
       "Children and young people are identified sooner, referred to support, heard, have "
       "better access to services and are safer.",
       "Evidenced by safeguarding actions, NRM referrals and stakeholder survey agreement."},
  };
  return kOutcomes;
}

const std::vector<IndicatorText>& Indicators() {
  static const std::vector<IndicatorText> kIndicators = {
      {"PRO-CONF-1", "PRO-CONF",
       "Respondents who agree they feel more confident identifying and supporting young people "
       "at risk",
       "all_respondents"},
      {"PRO-KNOW-1", "PRO-KNOW",
       "Respondents who agree the programme increased their awareness of abuse and "
       "exploitation",
       "all_respondents"},
      {"PRO-KNOW-2", "PRO-KNOW",
       "Respondents who agree the programme increased their knowledge of how to identify a "
       "child at risk",
       "all_respondents"},
      {"PRO-PRAC-1", "PRO-PRAC",
       "Respondents who attended training and agree they have changed how they respond to "
       "young people at risk",
       "attended_training"},
      {"PRO-PRAC-2", "PRO-PRAC",
       "Respondents who attended training and agree they make better use of the National "
       "Referral Mechanism",
       "attended_training"},
      {"SYS-RESP-1", "SYS-RESP",
       "Respondents who agree their organisation is better able to identify young people at "
       "risk",
       "all_respondents"},
      {"SYS-RESP-2", "SYS-RESP",
       "Respondents who agree their organisation is better able to respond to young people at "
       "risk",
       "all_respondents"},
      {"CYP-SAFE-1", "CYP-SAFE",
       "Respondents who agree children and young people have better access to services as a "
       "result of the programme",
       "all_respondents"},
      {"FB-KNOW", "PRO-KNOW",
       "Session attendees who agree the session increased their understanding of the signs of "
       "exploitation",
       "attended_training"},
      {"FB-CONF", "PRO-CONF",
       "Session attendees who agree they are more confident to act on a concern",
       "attended_training"},
      {"FB-REF", "PRO-PRAC",
       "Session attendees who agree they know how to make a referral, including to the NRM",
       "attended_training"},
  };
  return kIndicators;
}

namespace {
constexpr const char* kAgreementOptions =
    "strongly_agree;agree;neither;disagree;strongly_disagree;dont_know";
}

const std::vector<QuestionText>& StakeholderSurveyQuestions() {
  static const std::vector<QuestionText> kQuestions = {
      {"Have you attended a training session, presentation or workshop delivered by the "
       "programme?",
       "yes_no", "yes;no", "", 0},
      {"The programme has increased my awareness of child abuse and exploitation.", "agreement",
       kAgreementOptions, "PRO-KNOW-1", 0.94},
      {"The programme has increased my knowledge of how to identify a child at risk of "
       "exploitation.",
       "agreement", kAgreementOptions, "PRO-KNOW-2", 0.92},
      {"I feel more confident in identifying and supporting young people at risk of abuse and "
       "exploitation.",
       "agreement", kAgreementOptions, "PRO-CONF-1", 0.90},
      {"I have changed how I respond to young people at risk of abuse and exploitation.",
       "agreement", kAgreementOptions, "PRO-PRAC-1", 0.86},
      {"I make better use of the National Referral Mechanism as a result of the programme.",
       "agreement", kAgreementOptions, "PRO-PRAC-2", 0.83},
      {"My organisation is better able to identify young people at risk of abuse and "
       "exploitation.",
       "agreement", kAgreementOptions, "SYS-RESP-1", 0.86},
      {"My organisation is better able to respond to young people at risk of abuse and "
       "exploitation.",
       "agreement", kAgreementOptions, "SYS-RESP-2", 0.85},
      {"Children and young people have better access to services as a result of the programme.",
       "agreement", kAgreementOptions, "CYP-SAFE-1", 0.82},
      {"What, if anything, do you do differently as a result of the programme's work?", "free_text",
       "", "", 0},
  };
  return kQuestions;
}

const std::vector<QuestionText>& FeedbackSurveyQuestions() {
  static const std::vector<QuestionText> kQuestions = {
      {"The session increased my understanding of the signs of abuse and exploitation.",
       "agreement", kAgreementOptions, "FB-KNOW", 0.95},
      {"I feel more confident to act on a concern about a young person after the session.",
       "agreement", kAgreementOptions, "FB-CONF", 0.92},
      {"I know how to make a referral, including to the National Referral Mechanism.", "agreement",
       kAgreementOptions, "FB-REF", 0.89},
      {"How would you rate the session overall?", "single_choice", "excellent;good;fair;poor", "",
       0},
      {"What will you do differently after today?", "free_text", "", "", 0},
  };
  return kQuestions;
}

const std::vector<QuestionText>& RoadshowSurveyQuestions() {
  static const std::vector<QuestionText> kQuestions = {
      {"The roadshow improved my knowledge of the National Referral Mechanism.", "agreement",
       kAgreementOptions, "FB-REF", 0.91},
      {"I am more confident to identify a child who may be being exploited.", "agreement",
       kAgreementOptions, "FB-CONF", 0.90},
      {"The roadshow increased my understanding of children as victims of exploitation.",
       "agreement", kAgreementOptions, "FB-KNOW", 0.93},
      {"What will you do differently in your role?", "free_text", "", "", 0},
  };
  return kQuestions;
}

const std::vector<std::string>& FreeTextAnswers() {
  static const std::vector<std::string> kAnswers = {
      "I now ask more questions when I see a young person travelling alone late at night.",
      "I record what I see in more detail and pass it to our safeguarding lead the same day.",
      "We have added exploitation indicators to our staff induction.",
      "I think about the NRM at the start of a case rather than at the end.",
      "I speak to young people as victims first, even when they are found with drugs.",
      "Our team now shares concerns with the local exploitation panel.",
      "I know who to call and the contact details are on the staff noticeboard.",
      "I look out for train tickets and new phones when a young person returns from being "
      "missing.",
      "We changed our booking checks for rooms paid for in cash by someone else.",
      "Nothing yet, but I feel better prepared.",
      "I have cascaded the training to colleagues on the night shift.",
      "I challenge colleagues who describe exploited children as making choices.",
      "We now check in with young people who wait around the station after school.",
      "I make safeguarding referrals sooner instead of waiting for more evidence.",
      "Our drivers know how to report concerns through the control room.",
      "I use the screening tool with every young person who goes missing more than once.",
      "I feel able to talk to parents about online grooming.",
      "We put the awareness posters up in the staff room and by the tills.",
      "I understand the difference between a safeguarding concern and a crime report.",
      "I am more confident to ask for a strategy discussion when I am worried.",
      "Share the briefing with my team at our next meeting.",
      "Ask the young person about their journey before deciding what to do.",
  };
  return kAnswers;
}

const std::vector<QuoteText>& Quotes() {
  static const std::vector<QuoteText> kQuotes = {
      {"Staff are much more alert to the signs now. They understand what grooming looks like "
       "and where the National Referral Mechanism fits in.",
       "national_government", "NAT", "PRO-KNOW", ""},
      {"Before the training our reception team would not have thought twice about a room paid "
       "for in cash by someone else. Now they ask questions and they know who to call.",
       "hospitality", "EM", "PRO-PRAC", "hotel_training"},
      {"The session made me look again at young people I had written off as trouble. They are "
       "children first.",
       "police", "NW", "PRO-PRAC", "police_input"},
      {"Having someone who understands both policing and children's services in the room has "
       "changed how our panel works.",
       "local_authority", "YH", "SYS-RESP", "panel_support"},
      {"The resources have become the backbone of the exploitation lessons in our schools.",
       "education", "WM", "SYS-PROC", "schools_workshops"},
      {"Our drivers see a lot of young people on late services. They now know what to look for "
       "and how to report it through control.",
       "transport", "NE", "PRO-CONF", "transport_training"},
      {"I was not confident about the NRM before. I have made referrals since and I know they "
       "were the right thing to do.",
       "vcs", "LDN", "PRO-PRAC", "practitioner_training"},
      {"We have rewritten our return interview questions with the programme's help, so we now "
       "ask about journeys, tickets and phones.",
       "local_authority", "EE", "SYS-PROC", "pathway_review"},
      {"Young people told us the workshop was the first time anyone had explained grooming in a "
       "way that made sense to them.",
       "vcs", "WAL", "CYP-SAFE", "youthwork_workshop"},
      {"The roadshow changed the conversation in our teams. Officers talk about victims, not "
       "just offenders.",
       "btp", "NAT", "PRO-PRAC", "btp_roadshows"},
      {"The more people who can spot the signs, the better our chances of keeping young people "
       "safe. This support has made the signs, and the routes to help, much clearer for our "
       "staff.",
       "vcs", "WAL", "PRO-CONF", "youthwork_workshop"},
      {"Knowing what to ask a young person about their journey, and noticing things like "
       "tickets and new phones, has changed how we assess risk.",
       "local_authority", "YH", "PRO-PRAC", "practitioner_training"},
      {"The expertise and materials have shaped our council's approach to exploitation, and I "
       "can point colleagues to guidance they trust.",
       "local_authority", "EE", "SYS-RESP", "practitioner_training"},
      {"We have seen more NRM referrals from our officers and I believe this work is part of the "
       "reason. It means more children get into the system and get the support they need.",
       "btp", "NAT", "CYP-SAFE", "btp_custody"},
      {"Counter staff were worried about teenagers being sent in for food late every night. "
       "After the briefing they knew it was worth reporting.",
       "retail", "WM", "PRO-CONF", "fastfood_briefing"},
      {"It helped our emergency department staff see that a young person with unexplained "
       "injuries and cash may be being exploited.",
       "health", "SW", "PRO-KNOW", "health_training"},
      {"We now have a named contact in the force for hotel concerns, and we use it.", "hospitality",
       "SW", "SYS-RESP", "hotel_training"},
      {"The college has added exploitation to the safeguarding induction for every new member "
       "of staff.",
       "education", "SE", "SYS-PROC", "schools_workshops"},
      {"Officers who attended are already using the guidance on the Modern Slavery Act defence "
       "when they speak with young people.",
       "police", "EM", "PRO-PRAC", "police_input"},
      {"The panel now looks at transport hubs in every exploitation mapping exercise.",
       "local_authority", "NW", "SYS-RESP", "panel_support"},
      {"Our youth workers feel able to start conversations about criminal exploitation without "
       "putting young people off.",
       "vcs", "NE", "PRO-CONF", "youthwork_workshop"},
      {"The station team spotted a pattern we had missed and shared it with police the same "
       "day.",
       "transport", "EM", "CYP-SAFE", "lookcloser"},
      {"The training was pitched at the right level for security staff who had never had "
       "safeguarding input before.",
       "business", "LDN", "PRO-KNOW", "business_awareness"},
      {"We have changed how we record concerns about children in our outlets so they reach the "
       "right team quickly.",
       "retail", "EE", "SYS-PROC", "fastfood_briefing"},
      {"This work has given us a shared language with the police and children's services.", "vcs",
       "YH", "SYS-RESP", "practitioner_training"},
      {"Drivers told us they had seen things before and did not know it mattered. Now they "
       "report it.",
       "local_authority", "SE", "PRO-PRAC", "taxi_licensing"},
      {"Pupils asked questions they had never asked in a lesson before, and some spoke to staff "
       "afterwards.",
       "education", "NW", "CYP-SAFE", "schools_workshops"},
      {"It has made the NRM feel like a way of protecting children rather than paperwork.",
       "police", "WAL", "PRO-KNOW", "police_input"},
      {"The hotel training has now been rolled out to every site in the group.", "hospitality",
       "NAT", "SYS-PROC", "national_hotel"},
      {"With the programme's support we can now show our board what we are doing about "
       "exploitation.",
       "local_authority", "WM", "SYS-PROC", "pathway_review"},
      {"Officers leading our county lines response now start from the young person's "
       "vulnerability.",
       "btp", "NAT", "PRO-PRAC", "btp_county_lines"},
  };
  return kQuotes;
}

const std::vector<CaseStudyText>& CaseStudies() {
  static const std::vector<CaseStudyText> kStudies = {
      {"lookcloser",
       "#LookCloser: seeing exploitation in public spaces",
       "A week of partnership activity in the East Midlands helped transport, hotel and food "
       "outlet staff, and the public, to notice young people at risk in public spaces and to "
       "act.",
       "## Why public spaces\n\n"
       "Insight gathered by the programme showed young people being moved by train, coach, tram "
       "and bus, with exploiters using fast food outlets and roadside services for food and "
       "rest, and hotels as places where abuse happens out of sight. The people who work in "
       "these places are often the adults most likely to see a child at risk, yet few had been "
       "told what to look for.\n\n"
       "## What we did\n\n"
       "With the East Midlands Special Operations Unit, British Transport Police and the local "
       "forces, the programme co-ordinated a week of #LookCloser activity:\n\n"
       "- campaign days at railway stations across the region, talking with commuters, cafe "
       "and station staff, coach drivers and the public;\n"
       "- training for coach station managers in Leicester and for hotel staff in "
       "Northamptonshire;\n"
       "- a briefing for police officers, published on force intranets, on engaging young "
       "people, identifying victims and using the National Referral Mechanism and the Modern "
       "Slavery Act.\n\n"
       "## What changed\n\n"
       "On the launch day, railway staff told the team about young people they had been worried "
       "about for some time. When those young people came through the station later that day, "
       "staff alerted British Transport Police and safeguarding measures followed. Partners "
       "have since asked for #LookCloser materials for their own staff induction.\n",
       {"PRO-CONF", "CYP-SAFE"}},
      {"btp",
       "British Transport Police: child victimhood and the NRM",
       "Roadshows, training for a new county lines team and a custody suite review helped "
       "British Transport Police respond to exploited children as victims first.",
       "## The challenge\n\n"
       "British Transport Police officers are often the first to meet a child being moved along "
       "the rail network for exploitation. Many knew the National Referral Mechanism existed "
       "but not when or how to use it, and some still saw children carrying drugs as offenders "
       "first.\n\n"
       "## What we did\n\n"
       "- Eight vulnerability roadshows in Liverpool, Leeds, Birmingham and London for around "
       "two hundred staff from response, intelligence, investigation and vulnerability "
       "teams.\n"
       "- Training for the new county lines team during its induction, on a victim-informed "
       "approach and on using modern slavery and disruption powers against those higher up the "
       "chain.\n"
       "- Shadowing in the custody suite in London, with feedback and tailored training.\n\n"
       "## What changed\n\n"
       "The custody review identified changes that the force has taken forward: a review of the "
       "risk assessment used when children enter and leave custody, and a clearer process for "
       "custody officers to record and share vulnerability concerns. These matched the areas a "
       "national inspection later highlighted, showing the work was in step with national good "
       "practice. Colleagues report more NRM referrals from officers who attended.\n",
       {"PRO-PRAC", "SYS-PROC", "CYP-SAFE"}},
      {"hotel_training",
       "Hotel staff in {region_name} learn to see behind closed doors",
       "Hotel staff in {town} learned to recognise and report exploitation, and hotels changed "
       "how they check bookings.",
       "## The concern\n\n"
       "Partners in {region_name} reported rooms booked and paid for in cash by third parties, "
       "with young people arriving later without luggage. Hotel staff said they had noticed "
       "bookings that did not feel right but did not know whether to act.\n\n"
       "## What we did\n\n"
       "The regional prevention officer worked with hotel managers in {town} and the local "
       "force to train reception, housekeeping and security staff on the signs of sexual "
       "exploitation and trafficking, and on a simple route for reporting concerns.\n\n"
       "## What changed\n\n"
       "Hotels added a check for third-party cash bookings to their procedures and now have a "
       "named police contact. Staff describe feeling able to ask questions at check-in and to "
       "report what they see.\n",
       {"PRO-PRAC", "SYS-PROC"}},
      {"pathway_review",
       "Rethinking the exploitation pathway in {region_name}",
       "A joint review with a local authority in {region_name} changed how exploitation "
       "concerns are screened and shared.",
       "## The concern\n\n"
       "Practitioners told the programme that concerns about exploitation were often screened "
       "as behaviour problems, and that information from transport hubs and businesses rarely "
       "reached the people deciding on a referral.\n\n"
       "## What we did\n\n"
       "The prevention officer shadowed the screening team in {town}, sat in on pathway "
       "meetings and reviewed anonymised case decisions with managers, then ran a workshop "
       "with police, health and education partners to agree changes.\n\n"
       "## What changed\n\n"
       "- Screening questions now ask about travel, tickets, new phones and cash.\n"
       "- Return interviews after missing episodes include questions about exploitation.\n"
       "- Transport hubs and hotels are part of the partnership's exploitation mapping.\n",
       {"SYS-RESP", "SYS-PROC"}},
      {"schools_workshops",
       "Talking with pupils about grooming in {region_name}",
       "Workshops for pupils in {town} opened conversations about grooming and exploitation, "
       "and schools strengthened their own safeguarding.",
       "## The need\n\n"
       "Young people's voice work in {region_name} showed pupils unsure what grooming looks "
       "like, particularly online, and unlikely to tell an adult.\n\n"
       "## What we did\n\n"
       "The programme ran interactive workshops with secondary pupils in {town}, built around "
       "realistic scenarios, alongside a short briefing for staff on referral routes.\n\n"
       "## What changed\n\n"
       "Pupils asked questions they had not raised before, and several spoke to staff after the "
       "sessions. Schools added exploitation to their staff safeguarding induction and asked "
       "for the materials to use in lessons.\n",
       {"PRO-KNOW", "CYP-SAFE"}},
      {"fastfood_briefing",
       "Fast food outlets and county lines in {region_name}",
       "Briefings for fast food and roadside services staff in {town} turned everyday "
       "observations into reports that police could act on.",
       "## The concern\n\n"
       "Intelligence in {region_name} showed young people being sent into fast food outlets "
       "late at night to buy food for older adults, and waiting at roadside services with no "
       "clear reason to be there.\n\n"
       "## What we did\n\n"
       "The prevention officer briefed counter and security staff in {town}, left a simple "
       "briefing pack and posters, and agreed a reporting route with the local force.\n\n"
       "## What changed\n\n"
       "Staff began reporting what they saw, and the franchise added the briefing to its "
       "induction for new staff across the area.\n",
       {"PRO-CONF", "SYS-PROC"}},
  };
  return kStudies;
}

const std::vector<EventText>& OutcomeEventTexts() {
  static const std::vector<EventText> kEvents = {
      {"safeguarding_action", "CYP-SAFE", "transport",
       "Station staff who had attended the awareness training reported concerns about a young "
       "person travelling alone late at night; police attended and safeguarding measures were "
       "put in place."},
      {"safeguarding_action", "CYP-SAFE", "hospitality",
       "Hotel reception staff trained by the programme raised a concern about a booking paid "
       "for in cash by a third party; police attended and a young person was safeguarded."},
      {"safeguarding_action", "CYP-SAFE", "retail",
       "Staff at a fast food outlet reported teenagers being sent in by older males; the "
       "concern went to the force's exploitation team and the young people were offered "
       "support."},
      {"safeguarding_action", "CYP-SAFE", "education",
       "After a pupil workshop a young person spoke to a member of staff about pressure to "
       "carry items for older peers; a safeguarding referral was made the same day."},
      {"safeguarding_action", "CYP-SAFE", "transport",
       "A coach driver reported a young person travelling with an adult who held the young "
       "person's documents; police and children's services met the coach at its destination."},
      {"safeguarding_action", "CYP-SAFE", "vcs",
       "A youth worker recognised signs of criminal exploitation discussed in the workshop and "
       "made a referral to the local exploitation team."},
      {"safeguarding_action", "CYP-SAFE", "health",
       "Emergency department staff recognised possible exploitation from unexplained injuries "
       "and cash, and made a safeguarding referral."},
      {"nrm_referral", "CYP-SAFE", "police",
       "Officers who attended the training made an NRM referral for a young person found with "
       "drugs away from home, treating the young person as a potential victim."},
      {"nrm_referral", "CYP-SAFE", "local_authority",
       "Children's services made an NRM referral for a young person at risk of criminal "
       "exploitation, citing the programme's training as the prompt."},
      {"nrm_referral", "CYP-SAFE", "btp",
       "British Transport Police made an NRM referral after identifying a child on the network "
       "as a potential victim of county lines exploitation."},
      {"nrm_referral", "PRO-PRAC", "vcs",
       "A voluntary sector partner supported children's services to make an NRM referral for a "
       "young person it had been working with."},
      {"nrm_referral", "CYP-SAFE", "hospitality",
       "Concerns raised by hotel staff led to an NRM referral for a young person suspected of "
       "being sexually exploited."},
      {"process_change", "SYS-PROC", "local_authority",
       "The council added transport hubs and hotels to its exploitation mapping and its "
       "screening questions."},
      {"process_change", "SYS-PROC", "local_authority",
       "Return interview questions after missing episodes were revised to ask about travel, "
       "tickets and new phones."},
      {"process_change", "SYS-PROC", "education",
       "The college added exploitation indicators to its safeguarding induction for all "
       "staff."},
      {"process_change", "SYS-PROC", "hospitality",
       "The hotel introduced a check for rooms booked and paid for by third parties, with an "
       "escalation route to police."},
      {"process_change", "SYS-PROC", "transport",
       "The operator added a reporting route for children travelling alone at night to its "
       "control room procedures."},
      {"process_change", "SYS-PROC", "police",
       "The force updated its intranet guidance on NRM referrals and the Modern Slavery Act "
       "defence for children."},
      {"process_change", "SYS-PROC", "health",
       "The trust added a prompt about exploitation to its emergency department safeguarding "
       "form."},
      {"process_change", "SYS-PROC", "retail",
       "The franchise added an exploitation briefing to its staff induction across its outlets "
       "in the area."},
      {"other", "SYS-RESP", "",
       "Partners agreed a joint protocol for sharing concerns from transport hubs with the "
       "exploitation panel."},
      {"other", "PRO-PRAC", "",
       "A partner set up a network of safeguarding champions trained by the programme to "
       "cascade the learning."},
  };
  return kEvents;
}

}  // namespace lookout::demo
