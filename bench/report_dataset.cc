#include "report_dataset.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>

#include "demo/text.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "core/time.h"
#include "domain/rules.h"
#include "domain/schema.h"
#include "report/format.h"
#include "store/store.h"

namespace lookout::bench {

namespace {

// ---- Random numbers ------------------------------------------------------------------------
// Our own generator and arithmetic (never a library distribution), so that a seed gives the
// same rows with every compiler and library.

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // An independent stream for one part of the dataset.
  Rng Fork(std::string_view name) const {
    uint64_t h = state_ ^ 0xCBF29CE484222325ull;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return Rng(SplitMix(h));
  }
  uint64_t Next() { return SplitMix(state_); }
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Unit() < p; }
  size_t Weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Unit() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Next() % items.size())];
  }

 private:
  uint64_t state_;
};

// ---- Rows and where they go ------------------------------------------------------------------

struct Cell {
  enum class Kind { kNull, kInt, kText } kind = Kind::kNull;
  int64_t i = 0;
  std::string s;
};

// One row's values, in the table's column order. Reused from row to row.
class Row {
 public:
  void Reset() { n_ = 0; }
  Row& Null() {
    Next().kind = Cell::Kind::kNull;
    return *this;
  }
  Row& Int(int64_t v) {
    Cell& c = Next();
    c.kind = Cell::Kind::kInt;
    c.i = v;
    return *this;
  }
  Row& Bool(bool v) { return Int(v ? 1 : 0); }
  Row& Text(std::string_view v) {
    Cell& c = Next();
    c.kind = Cell::Kind::kText;
    c.s.assign(v.data(), v.size());
    return *this;
  }
  Row& TextOrNull(std::string_view v) { return v.empty() ? Null() : Text(v); }
  Row& IdOrNull(int64_t v) { return v == 0 ? Null() : Int(v); }
  size_t size() const { return n_; }
  const Cell& operator[](size_t i) const { return cells_[i]; }

 private:
  Cell& Next() {
    if (n_ == cells_.size()) cells_.emplace_back();
    return cells_[n_++];
  }
  std::vector<Cell> cells_;
  size_t n_ = 0;
};

// Where the rows go: one table at a time, in chunks of one transaction each. Throws
// std::runtime_error on any database error.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Exec(const std::string& sql) = 0;
  // The first column of the first row of a query's answer, as a number.
  virtual int64_t QueryInt(const std::string& sql) = 0;
  virtual void Begin(const std::string& table, const std::vector<std::string>& columns) = 0;
  virtual void Put(const Row& row) = 0;
  virtual void End() = 0;
};

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

// Prepared INSERTs, 200,000 rows a transaction. Foreign keys are checked once at the end
// (PRAGMA foreign_key_check) rather than row by row.
class SqliteSink : public Sink {
 public:
  explicit SqliteSink(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw std::runtime_error("sqlite: " + path + ": " + message);
    }
    Exec("PRAGMA foreign_keys = OFF");
    // A fixture written into a fresh file that is renamed into place only once complete:
    // no journal is needed.
    Exec("PRAGMA journal_mode = OFF");
    Exec("PRAGMA synchronous = OFF");
    Exec("PRAGMA cache_size = -262144");
  }
  ~SqliteSink() override {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    sqlite3_close(db_);
  }

  void Exec(const std::string& sql) override {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + message + " in: " + sql.substr(0, 200));
    }
  }
  int64_t QueryInt(const std::string& sql) override {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) {
      throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
    const int rc = sqlite3_step(q);
    const int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
    return value;
  }
  void Begin(const std::string& table, const std::vector<std::string>& columns) override {
    std::string sql = "INSERT INTO " + Quoted(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + Quoted(columns[i]);
    sql += ") VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
    table_ = table;
    Exec("BEGIN");
    in_chunk_ = 0;
  }
  void Put(const Row& row) override {
    for (size_t i = 0; i < row.size(); ++i) {
      const Cell& c = row[i];
      const int at = static_cast<int>(i) + 1;
      switch (c.kind) {
        case Cell::Kind::kNull:
          sqlite3_bind_null(stmt_, at);
          break;
        case Cell::Kind::kInt:
          sqlite3_bind_int64(stmt_, at, c.i);
          break;
        case Cell::Kind::kText:
          sqlite3_bind_text(stmt_, at, c.s.data(), static_cast<int>(c.s.size()), SQLITE_STATIC);
          break;
      }
    }
    if (sqlite3_step(stmt_) != SQLITE_DONE) {
      throw std::runtime_error("sqlite: " + table_ + ": " + sqlite3_errmsg(db_));
    }
    sqlite3_reset(stmt_);
    if (++in_chunk_ == 200000) {
      Exec("COMMIT");
      Exec("BEGIN");
      in_chunk_ = 0;
    }
  }
  void End() override {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    Exec("COMMIT");
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string table_;
  int64_t in_chunk_ = 0;
};

// COPY ... FROM STDIN in text format, 500,000 rows a COPY (each its own transaction).
class PostgresSink : public Sink {
 public:
  explicit PostgresSink(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw std::runtime_error("postgresql: " + message);
    }
    Exec("SET synchronous_commit = off");
  }
  ~PostgresSink() override { PQfinish(conn_); }

  void Exec(const std::string& sql) override {
    PGresult* r = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error("postgresql: " + message + " in: " + sql.substr(0, 200));
    }
  }
  int64_t QueryInt(const std::string& sql) override {
    PGresult* r = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    std::string message = PQresultErrorMessage(r);
    const int64_t value = ok && PQntuples(r) > 0 ? std::stoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    if (!ok) throw std::runtime_error("postgresql: " + message + " in: " + sql.substr(0, 200));
    return value;
  }
  void Begin(const std::string& table, const std::vector<std::string>& columns) override {
    copy_ = "COPY " + Quoted(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) copy_ += (i ? ", " : "") + Quoted(columns[i]);
    copy_ += ") FROM STDIN";
    StartCopy();
  }
  void Put(const Row& row) override {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) buffer_ += '\t';
      const Cell& c = row[i];
      switch (c.kind) {
        case Cell::Kind::kNull:
          buffer_ += "\\N";
          break;
        case Cell::Kind::kInt:
          buffer_ += std::to_string(c.i);
          break;
        case Cell::Kind::kText:
          for (char ch : c.s) {
            switch (ch) {
              case '\\':
                buffer_ += "\\\\";
                break;
              case '\n':
                buffer_ += "\\n";
                break;
              case '\r':
                buffer_ += "\\r";
                break;
              case '\t':
                buffer_ += "\\t";
                break;
              default:
                buffer_ += ch;
            }
          }
          break;
      }
    }
    buffer_ += '\n';
    if (buffer_.size() >= (1u << 20)) Flush();
    if (++in_chunk_ == 500000) {
      EndCopy();
      StartCopy();
    }
  }
  void End() override { EndCopy(); }

 private:
  void StartCopy() {
    PGresult* r = PQexec(conn_, copy_.c_str());
    const ExecStatusType status = PQresultStatus(r);
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_COPY_IN)
      throw std::runtime_error("postgresql: " + message + " in: " + copy_);
    in_chunk_ = 0;
  }
  void Flush() {
    if (buffer_.empty()) return;
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      throw std::runtime_error("postgresql: " + std::string(PQerrorMessage(conn_)));
    }
    buffer_.clear();
  }
  void EndCopy() {
    Flush();
    if (PQputCopyEnd(conn_, nullptr) != 1) {
      throw std::runtime_error("postgresql: " + std::string(PQerrorMessage(conn_)));
    }
    std::string error;
    while (PGresult* r = PQgetResult(conn_)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
      PQclear(r);
    }
    if (!error.empty()) throw std::runtime_error("postgresql: " + error + " in: " + copy_);
  }

  PGconn* conn_ = nullptr;
  std::string copy_;
  std::string buffer_;
  int64_t in_chunk_ = 0;
};

// ---- Words ---------------------------------------------------------------------------------
// Invented names and plain sentences; none describes a real person or event.

const std::vector<std::string> kFirstNames = {
    "Alex",  "Sam",    "Jordan", "Priya", "Tom",  "Grace", "Owen",   "Fatima", "Rhys",  "Megan",
    "Imran", "Chloe",  "Daniel", "Aisha", "Liam", "Nadia", "Ben",    "Sophie", "Kwame", "Ella",
    "Joel",  "Hannah", "Marcus", "Leah",  "Ravi", "Zoe",   "Callum", "Amira",  "Ewan",  "Ruth"};
const std::vector<std::string> kLastNames = {
    "Ashworth", "Bennett",  "Carver",  "Dalton",  "Ellery",  "Fenwick", "Garside", "Holloway",
    "Iqbal",    "Jessop",   "Kendall", "Lister",  "Merrick", "Norbury", "Okafor",  "Pennant",
    "Quayle",   "Rowntree", "Selby",   "Thwaite", "Umber",   "Varley",  "Whitlow", "Yardley"};

const std::vector<std::string> kPlaces = {
    "Town hall",           "Community centre", "Railway station",
    "Coach station",       "Secondary school", "Further education college",
    "Police headquarters", "Online",           "Hotel conference room",
    "Shopping centre",     "Civic offices",    "Youth centre"};

const std::vector<std::string> kActivityNotes = {
    "Delivered jointly with the force's exploitation lead.",
    "Attendees asked for a follow-up session on the National Referral Mechanism.",
    "Register taken; feedback forms handed out at the end.",
    "The partner will cascade the materials to staff who could not attend.",
    "Good discussion of local referral routes; actions agreed with the partner.",
    "Attendance lower than planned; the partner will promote the next date again.",
    "Delivered online at the partner's request."};

const std::map<std::string, std::vector<std::string>> kActivityTitles = {
    {"training_session",
     {"Exploitation awareness training", "Spotting the signs: exploitation training",
      "County lines and criminal exploitation training", "Modern slavery awareness training",
      "Safeguarding and exploitation refresher"}},
    {"workshop",
     {"Healthy relationships workshop", "Online safety workshop", "County lines workshop",
      "Consent and exploitation workshop"}},
    {"presentation",
     {"Assembly on exploitation and grooming", "Presentation to a safeguarding forum",
      "Briefing presentation to staff", "Exploitation awareness talk"}},
    {"roadshow_event", {"Station roadshow", "Vulnerability roadshow", "Community roadshow"}},
    {"campaign_day",
     {"Awareness day stand", "Campaign day at the station",
      "Awareness stand at the shopping centre"}},
    {"briefing_or_resource",
     {"Briefing note sent to partners", "Resource pack shared", "E-learning module shared"}},
    {"shadowing_or_review",
     {"Process review with a partner", "Shadowing shift with partner staff"}},
    {"strategic_meeting",
     {"Exploitation subgroup meeting", "Regional strategic partnership meeting",
      "Multi-agency planning meeting"}},
    {"other", {"Information stand", "Local radio interview"}}};

// The kinds of task the programme does, with the activities and audiences each brings.
struct TaskKind {
  std::string title;                // {region} and {sector} are filled in
  std::vector<std::string> themes;  // the first always, others by chance
  std::vector<std::string> objectives;
  std::vector<std::pair<std::string, double>> types;
  std::vector<std::string> sectors;  // professional audiences; empty: none
  bool young_people = false;
  bool parents = false;
  bool public_audience = false;
  double weight = 1;
};

const std::vector<TaskKind>& TaskKinds() {
  static const std::vector<TaskKind> kKinds = {
      {"Exploitation awareness training for {sector} staff, {region}",
       {"cse", "cce", "msht"},
       {"OBJ-PROF", "OBJ-AWARE"},
       {{"training_session", 5}, {"presentation", 2}, {"briefing_or_resource", 1}},
       {"local_authority", "health", "education", "police", "transport", "hospitality",
        "retail_fast_food", "vcs", "business"},
       false,
       false,
       false,
       30},
      {"Schools programme on exploitation and online harm, {region}",
       {"online", "cse", "cce"},
       {"OBJ-YP", "OBJ-AWARE"},
       {{"workshop", 5}, {"presentation", 3}},
       {"education"},
       true,
       false,
       false,
       15},
      {"Public awareness at stations and transport hubs, {region}",
       {"cce", "msht", "cse"},
       {"OBJ-TRANS", "OBJ-AWARE"},
       {{"roadshow_event", 4}, {"campaign_day", 4}},
       {"transport"},
       true,
       false,
       true,
       12},
      {"Sessions for parents and carers, {region}",
       {"online", "cse"},
       {"OBJ-YP"},
       {{"workshop", 3}, {"presentation", 3}},
       {"vcs", "education"},
       false,
       true,
       false,
       8},
      {"Multi-agency partnership work on exploitation, {region}",
       {"cce", "cse", "msht"},
       {"OBJ-SYS"},
       {{"strategic_meeting", 5}, {"shadowing_or_review", 2}},
       {"local_authority", "police", "health", "vcs"},
       false,
       false,
       false,
       12},
      {"Briefings and resources for {sector} partners, {region}",
       {"msht", "cse"},
       {"OBJ-AWARE", "OBJ-PROF"},
       {{"briefing_or_resource", 6}, {"other", 1}},
       {"local_authority", "health", "education", "transport", "vcs", "business"},
       false,
       false,
       false,
       10},
      {"Hotel and night-time economy awareness, {region}",
       {"cse", "msht"},
       {"OBJ-PROF", "OBJ-TRANS"},
       {{"training_session", 4}, {"roadshow_event", 1}},
       {"hospitality", "retail_fast_food", "business"},
       false,
       false,
       false,
       8},
      {"Modern slavery awareness for businesses, {region}",
       {"msht"},
       {"OBJ-MSHT"},
       {{"presentation", 3}, {"training_session", 3}, {"briefing_or_resource", 1}},
       {"business", "retail_fast_food", "transport"},
       false,
       false,
       false,
       5}};
  return kKinds;
}

struct ObjectiveText {
  std::string code, title, description;
};
const std::vector<ObjectiveText> kObjectives = {
    {"OBJ-AWARE", "Everyone's responsibility",
     "Raise awareness of exploitation among everyone who may see it."},
    {"OBJ-PROF", "Confident professionals",
     "Professionals recognise exploitation and know how to respond."},
    {"OBJ-TRANS", "Safer transport networks",
     "Transport staff and passengers spot and report exploitation."},
    {"OBJ-YP", "Young people's voice", "Young people understand risk and are heard."},
    {"OBJ-SYS", "Stronger systems", "Partners' processes identify and protect young people."},
    {"OBJ-MSHT", "Modern slavery response",
     "Businesses and partners respond to modern slavery and trafficking."}};

// The outcome framework is the demo programme's, so the bench reports on the same words.
using app::demo::IndicatorText;
using app::demo::OutcomeText;
const std::vector<OutcomeText>& kOutcomes = app::demo::Outcomes();
const std::vector<IndicatorText>& kIndicators = app::demo::Indicators();

struct QuestionText {
  std::string text, kind, options, indicator;
  double agree = 0;  // agreement questions: the chance of agreeing
};
const char* const kAgreement = "strongly_agree;agree;neither;disagree;strongly_disagree;dont_know";
const std::vector<QuestionText> kStakeholderQuestions = {
    {"Have you attended a training session, presentation or workshop delivered by the "
     "programme?",
     "yes_no", "yes;no", "", 0},
    {"The programme has increased my awareness of child abuse and exploitation.", "agreement",
     kAgreement, "PRO-KNOW-1", 0.94},
    {"The programme has increased my knowledge of how to identify a child at risk of "
     "exploitation.",
     "agreement", kAgreement, "PRO-KNOW-2", 0.92},
    {"I feel more confident in identifying and supporting young people at risk of abuse and "
     "exploitation.",
     "agreement", kAgreement, "PRO-CONF-1", 0.90},
    {"I have changed how I respond to young people at risk of abuse and exploitation.", "agreement",
     kAgreement, "PRO-PRAC-1", 0.86},
    {"I make better use of the National Referral Mechanism as a result of the programme.",
     "agreement", kAgreement, "PRO-PRAC-2", 0.83},
    {"My organisation is better able to identify young people at risk of abuse and "
     "exploitation.",
     "agreement", kAgreement, "SYS-RESP-1", 0.86},
    {"My organisation is better able to respond to young people at risk of abuse and "
     "exploitation.",
     "agreement", kAgreement, "SYS-RESP-2", 0.85},
    {"Children and young people have better access to services as a result of the programme.",
     "agreement", kAgreement, "CYP-SAFE-1", 0.82},
    {"What, if anything, do you do differently as a result of the programme's work?", "free_text",
     "", "", 0}};
const std::vector<QuestionText> kFeedbackQuestions = {
    {"The session increased my understanding of the signs of abuse and exploitation.", "agreement",
     kAgreement, "FB-KNOW", 0.95},
    {"I feel more confident to act on a concern about a young person after the session.",
     "agreement", kAgreement, "FB-CONF", 0.92},
    {"I know how to make a referral, including to the National Referral Mechanism.", "agreement",
     kAgreement, "FB-REF", 0.89},
    {"The trainer knew the subject well.", "agreement", kAgreement, "", 0.96},
    {"The materials will be useful in my role.", "agreement", kAgreement, "", 0.90},
    {"I would recommend the session to colleagues.", "agreement", kAgreement, "", 0.93},
    {"How would you rate the session overall?", "single_choice", "excellent;good;fair;poor", "", 0},
    {"Which parts of the session were most useful?", "multiple_choice",
     "signs;referrals;nrm;county_lines;online;case_examples", "", 0},
    {"Would you like a follow-up session for your team?", "yes_no", "yes;no", "", 0},
    {"What will you do differently after today?", "free_text", "", "", 0}};

const std::vector<std::string> kFreeText = {
    "I now ask more questions when I see a young person travelling alone late at night.",
    "I record what I see in more detail and pass it to our safeguarding lead the same day.",
    "We have added exploitation indicators to our staff induction.",
    "I think about the NRM at the start of a case rather than at the end.",
    "I speak to young people as victims first.",
    "Our team now shares concerns with the local exploitation panel.",
    "I know who to call and the contact details are on the staff noticeboard.",
    "Nothing yet, but I feel better prepared.",
    "I have cascaded the training to colleagues on the night shift.",
    "I make safeguarding referrals sooner instead of waiting for more evidence.",
    "Share the briefing with my team at our next meeting."};

const std::vector<std::string> kQuotes = {
    "The training changed how our front-line staff see the young people who wait around the "
    "station.",
    "We now have a clear route for reporting concerns, and staff use it.",
    "The session gave me the confidence to challenge colleagues who talk about young people "
    "making choices.",
    "Our safeguarding leads found the briefing pack practical and have built it into induction.",
    "Having the officer at our partnership meetings has joined up work that used to happen in "
    "silos.",
    "The roadshow reached people we would never have reached through our own channels.",
    "Hotel staff told us they finally understood what to look out for at check-in.",
    "Parents said they now know what questions to ask about who their children talk to online.",
    "The referral guidance is pinned up in every office and people use it.",
    "We changed our booking checks after the session and have already acted on a concern."};

const std::vector<std::string> kEventTexts[] = {
    // safeguarding_action
    {"Staff who had attended training recognised signs of exploitation and alerted police; "
     "safeguarding measures were put in place.",
     "A partner referred a concern about a young person seen repeatedly at a coach station; "
     "children's services followed it up.",
     "Hotel staff reported a concern at check-in; police attended and safeguarded a young "
     "person."},
    // nrm_referral
    {"A partner made a National Referral Mechanism referral after the training session.",
     "A first responder organisation submitted its first NRM referral following the briefing."},
    // process_change
    {"The partner added exploitation indicators to its safeguarding policy.",
     "The partner changed its booking checks for rooms paid for by a third party.",
     "The council introduced an exploitation screening tool for return home interviews."},
    // other
    {"A partner set up a staff network of exploitation champions.",
     "A partner nominated a named lead for exploitation concerns."}};
const std::vector<std::string> kEventKinds = {"safeguarding_action", "nrm_referral",
                                              "process_change", "other"};
const std::vector<std::string> kEventOutcomes = {"CYP-SAFE", "PRO-PRAC", "SYS-PROC", "SYS-RESP"};

struct CaseStudyText {
  std::string title, summary, body;
};
const std::vector<CaseStudyText> kCaseStudies = {
    {"Joining up the response at the coach station",
     "Staff training and a shared reporting route helped a coach station spot young people at "
     "risk.",
     "## What we did\n\nThe regional officer trained station staff and agreed a reporting route "
     "with the transport police.\n\n## What changed\n\n- Staff report concerns the same day.\n- "
     "Concerns reach the right team within hours.\n"},
    {"A schools programme that listens",
     "Workshops in secondary schools gave young people the words to describe risk.",
     "## What we did\n\nWorkshops on healthy relationships and online safety, designed with "
     "young people.\n\n## What changed\n\nSchools report more disclosures handled through "
     "safeguarding leads.\n"},
    {"Hotels that check twice", "Hotel staff changed how they book rooms paid for by someone else.",
     "## What we did\n\nAwareness sessions for reception and housekeeping staff.\n\n## What "
     "changed\n\nBooking checks were changed across the group.\n"},
    {"Partnership work that stuck",
     "A multi-agency subgroup now meets monthly and shares intelligence on exploitation.",
     "## What we did\n\nThe officer convened partners and agreed terms of reference.\n\n## What "
     "changed\n\nPartners share concerns monthly and act on them together.\n"}};

const std::vector<std::string> kRejections = {
    "Duplicates work already planned by the partner.",
    "Outside the programme's remit; passed to the local safeguarding partnership."};
const std::vector<std::string> kCancellations = {
    "The partner withdrew after a restructure of its safeguarding team.",
    "Venue and dates could not be agreed.",
    "Superseded by a national task covering the same partners."};

// ---- Dates ---------------------------------------------------------------------------------

int Weekday(const Date& d) {
  return static_cast<int>(((d.DaysSinceEpoch() % 7) + 11) % 7);
}  // 0 Sunday
Date WorkingDay(Date d) {
  while (Weekday(d) == 0 || Weekday(d) == 6) d = d.AddDays(1);
  return d;
}
std::string At(const Date& d, int hour, int minute = 0) {
  return FormatTimestamp(d.DaysSinceEpoch() * 86400 + hour * 3600 + minute * 60);
}
std::string YearLabel(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d-%02d", year, (year + 1) % 100);
  return buf;
}
Date FyStart(int year) { return Date{year, 4, 1}; }
Date FyEnd(int year) { return Date{year + 1, 3, 31}; }
int QuarterOf(const Date& d, int year) {
  const int64_t months = (d.year - year) * 12 + d.month - 4;
  return static_cast<int>(months / 3) + 1;
}
std::string By(int64_t staff) { return "staff:" + std::to_string(staff); }

std::string Fill(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    text.replace(at, key.size(), value);
    at += value.size();
  }
  return text;
}

// ---- The dataset ---------------------------------------------------------------------------

const std::vector<std::string> kMetaColumns = {"id",          "version",    "archived",
                                               "archived_at", "created_at", "created_by",
                                               "updated_at",  "updated_by"};
std::vector<std::string> WithMeta(std::vector<std::string> fields) {
  std::vector<std::string> out = kMetaColumns;
  out.insert(out.end(), fields.begin(), fields.end());
  return out;
}

struct Reference {
  std::vector<std::string> regions;  // the ten programme regions' codes (not NAT)
  std::map<std::string, std::string> region_names;
  std::map<std::string, std::vector<std::string>> forces;  // region -> force codes
  std::map<std::string, std::vector<std::string>> force_names;
  std::map<std::string, std::string> sector_names;
};

struct Audience {
  std::string group;
  std::string sector;
  int64_t count = 0;
  bool estimated = false;
};

struct TaskPlan {
  int64_t id = 0;
  int year = 0;
  size_t kind = 0;
  std::string region;
  std::vector<std::string> themes;
  std::vector<int64_t> objectives;
  bool county_lines = false;
  int64_t lead = 0;
  std::vector<int64_t> staff;
  std::vector<int64_t> partners;
  std::vector<std::string> sectors;
  std::string priority;
  std::string reference;
  std::string title;
  Date created, approved, start, end;
  std::string status;
  std::optional<Date> delivered, evaluated, closed, stopped;  // stopped: rejected or cancelled
  int64_t activities = 0;                                     // planned
  int64_t campaign = 0;
  std::vector<int64_t> activity_sample;  // ids of its first activities, for case studies
};

struct ActivityPlan {
  int64_t id = 0;
  size_t task = 0;
  Date date;
  const std::string* type = nullptr;
  const std::string* title = nullptr;
  std::string region;
  std::string force;
  const std::string* place = nullptr;
  const std::string* notes = nullptr;
  int end_days = 0;
  int64_t partner = 0;
  std::vector<Audience> audience;
  bool archived = false;
};

// An activity feedback forms can come from.
struct Eligible {
  Date date;
  int region = 0;                                    // index into Reference::regions
  std::array<std::pair<int, int32_t>, 2> sectors{};  // sector index, professionals
  int32_t professionals = 0;
};

struct SurveyPlan {
  int64_t id = 0;
  int year = 0;
  int quarter = 0;  // 0: the stakeholder survey
  std::vector<int64_t> questions;
};

constexpr int64_t kAdmin = 1;

class Generator {
 public:
  Generator(Sink& sink, const Reference& ref, const DatasetOptions& options, const Log& log)
      : sink_(sink), ref_(ref), options_(options), log_(log), rng_(options.seed) {
    data_end_ = FyEnd(options.last_year);
    for (const auto& [code, name] : ref_.sector_names) sector_codes_.push_back(code);
  }

  void Run() {
    Staff();
    Objectives();
    Partners();
    Framework();
    PlanTasks();
    WriteTasks();
    Campaigns();
    Surveys();
    for (int year = options_.first_year; year <= options_.last_year; ++year) {
      Activities(year);
      Responses(year);
      Quotes(year);
      CaseStudies(year);
      OutcomeEvents(year);
      log_("  " + YearLabel(year) + " written");
    }
  }

  std::vector<std::pair<std::string, int64_t>> rows;
  std::vector<std::string> id_tables;

 private:
  class Table {
   public:
    Table(Generator& g, std::string name, std::vector<std::string> columns)
        : g_(g), name_(std::move(name)), columns_(columns.size()) {
      g_.sink_.Begin(name_, columns);
      if (columns[0] == "id" &&
          std::find(g_.id_tables.begin(), g_.id_tables.end(), name_) == g_.id_tables.end()) {
        g_.id_tables.push_back(name_);
      }
    }
    Row& Next() {
      row_.Reset();
      return row_;
    }
    void Put() {
      if (row_.size() != columns_) {
        throw std::logic_error(name_ + ": " + std::to_string(row_.size()) + " values for " +
                               std::to_string(columns_) + " columns");
      }
      g_.sink_.Put(row_);
      ++count_;
    }
    void Close() {
      g_.sink_.End();
      for (auto& [table, n] : g_.rows) {
        if (table == name_) {
          n += count_;
          return;
        }
      }
      g_.rows.emplace_back(name_, count_);
    }

   private:
    Generator& g_;
    std::string name_;
    size_t columns_;
    Row row_;
    int64_t count_ = 0;
  };

  // The meta columns of a live record written once at `at` by `by`.
  static Row& Meta(Row& r, int64_t id, const std::string& at, int64_t by) {
    return r.Int(id).Int(1).Int(0).Null().Text(at).Text(By(by)).Text(at).Text(By(by));
  }
  // Archived at `archived_at`: the archive bumped the version.
  static Row& ArchivedMeta(Row& r, int64_t id, const std::string& at, int64_t by,
                           const std::string& archived_at) {
    return r.Int(id)
        .Int(2)
        .Int(1)
        .Text(archived_at)
        .Text(at)
        .Text(By(by))
        .Text(archived_at)
        .Text(By(by));
  }

  const std::string& RegionName(const std::string& code) const {
    return ref_.region_names.at(code);
  }

  void Staff() {
    Table t(*this, "staff", WithMeta({"name", "email", "role", "home_region", "active"}));
    Rng rng = rng_.Fork("staff");
    const std::string at = At(Date{options_.first_year, 3, 1}, 10);
    int64_t id = 0;
    std::set<std::string> emails;
    auto add = [&](const std::string& role, const std::string& region) {
      ++id;
      const std::string first = rng.Pick(kFirstNames);
      const std::string last = rng.Pick(kLastNames);
      std::string email = first + "." + last + "@lookout.example";
      for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!emails.insert(email).second) {
        email = email.substr(0, email.find('@')) + "." + std::to_string(id) + "@lookout.example";
        emails.insert(email);
      }
      Meta(t.Next(), id, at, kAdmin)
          .Text(first + " " + last)
          .Text(email)
          .Text(role)
          .TextOrNull(region)
          .Bool(true);
      t.Put();
      return id;
    };
    add("admin", "");  // kAdmin, who records everyone
    for (int i = 0; i < 3; ++i) managers_.push_back(add("manager", ""));
    for (int i = 0; i < 3; ++i) analysts_.push_back(add("analyst", ""));
    add("funder", "");
    for (const std::string& region : ref_.regions) {
      for (int i = 0; i < 3; ++i) officers_[region].push_back(add("officer", region));
    }
    for (int i = 0; i < 3; ++i) officers_["NAT"].push_back(add("officer", "NAT"));
    t.Close();
  }

  void Objectives() {
    Table t(*this, "objective", WithMeta({"code", "title", "description", "active"}));
    const std::string at = At(Date{options_.first_year, 3, 2}, 10);
    int64_t id = 0;
    for (const ObjectiveText& o : kObjectives) {
      Meta(t.Next(), ++id, at, managers_[0])
          .Text(o.code)
          .Text(o.title)
          .Text(o.description)
          .Bool(true);
      t.Put();
      objective_ids_[o.code] = id;
    }
    t.Close();
  }

  void Partners() {
    Table t(*this, "partner", WithMeta({"name", "sector", "region", "active"}));
    Rng rng = rng_.Fork("partners");
    const std::vector<std::pair<std::string, std::string>> local = {
        {"local_authority", "Council"},
        {"health", "NHS Trust"},
        {"education", "College"},
        {"transport", "Rail"},
        {"hospitality", "Hotels"},
        {"retail_fast_food", "Foods"},
        {"vcs", "Youth Trust"},
        {"business", "Logistics"},
        {"education", "Academy Trust"},
        {"vcs", "Children's Society"},
        {"local_authority", "Borough Council"},
        {"health", "Integrated Care Board"}};
    int64_t id = 0;
    // All recorded before the first year, when the programme set up its partnerships.
    auto add = [&](const std::string& name, const std::string& sector, const std::string& region,
                   const Date& on) {
      ++id;
      const bool active = rng.Chance(0.95);
      const int64_t by = managers_[static_cast<size_t>(rng.Between(0, 2))];
      Meta(t.Next(), id, At(on, 11), by).Text(name).Text(sector).Text(region).Bool(active);
      t.Put();
      partners_.push_back({id, sector, region});
      partners_by_region_[region].push_back(partners_.size() - 1);
    };
    const Date first{options_.first_year, 3, 10};
    for (const std::string& region : ref_.regions) {
      for (size_t f = 0; f < ref_.forces.at(region).size(); ++f) {
        add(ref_.force_names.at(region)[f], "police", region, first);
      }
      for (int n = 1; n <= 4; ++n) {
        for (const auto& [sector, noun] : local) {
          add(RegionName(region) + " " + noun + " " + std::to_string(n), sector, region, first);
        }
      }
    }
    const std::vector<std::pair<std::string, std::string>> national = {
        {"btp", "British Transport Police"},
        {"national_government", "Home Office"},
        {"national_government", "Department for Education"},
        {"transport", "National Rail Operators"},
        {"business", "National Hotel Group"},
        {"vcs", "National Children's Charity"},
        {"health", "National Health Network"},
        {"retail_fast_food", "National Food Chain"},
        {"rocu", "National ROCU Network"},
        {"other", "National Helpline"}};
    for (int n = 1; n <= 4; ++n) {
      for (const auto& [sector, name] : national) {
        add(n == 1 ? name : name + " " + std::to_string(n), sector, "NAT", first);
      }
    }
    t.Close();
  }

  void Framework() {
    const std::string at = At(Date{options_.first_year, 3, 3}, 10);
    {
      Table t(*this, "outcome", WithMeta({"code", "statement", "level", "description"}));
      int64_t id = 0;
      for (const OutcomeText& o : kOutcomes) {
        Meta(t.Next(), ++id, at, analysts_[0]).Text(o.code).Text(o.statement).Text(o.level).Null();
        t.Put();
        outcome_ids_[o.code] = id;
      }
      t.Close();
    }
    Table t(*this, "indicator",
            WithMeta({"code", "outcome", "statement", "positive_answers", "base"}));
    int64_t id = 0;
    for (const IndicatorText& i : kIndicators) {
      Meta(t.Next(), ++id, at, analysts_[0])
          .Text(i.code)
          .Int(outcome_ids_.at(i.outcome))
          .Text(i.statement)
          .Null()
          .Text(i.base);
      t.Put();
      indicator_ids_[i.code] = id;
    }
    t.Close();
  }

  // Tasks: about 400 a year, growing with the programme, each with its fate and timeline.
  void PlanTasks() {
    Rng rng = rng_.Fork("tasks");
    std::vector<double> kind_weights;
    for (const TaskKind& k : TaskKinds()) kind_weights.push_back(k.weight);
    std::vector<double> region_weights(ref_.regions.size(), 1.0);
    for (size_t i = 0; i < region_weights.size(); ++i) region_weights[i] = 0.7 + 0.6 * rng.Unit();
    std::map<int, int> numbers;  // calendar year -> last reference number
    const int years = options_.last_year - options_.first_year + 1;
    for (int year = options_.first_year; year <= options_.last_year; ++year) {
      const double growth =
          years > 1 ? 0.8 + 0.4 * (year - options_.first_year) / (years - 1) : 1.0;
      const int n = static_cast<int>(400 * growth) + static_cast<int>(rng.Between(-8, 8));
      std::vector<TaskPlan> plans;
      for (int i = 0; i < n; ++i) {
        TaskPlan t;
        t.year = year;
        t.kind = rng.Weighted(kind_weights);
        const TaskKind& kind = TaskKinds()[t.kind];
        t.region = rng.Chance(0.1) ? "NAT" : ref_.regions[rng.Weighted(region_weights)];
        t.themes.push_back(kind.themes[0]);
        for (size_t k = 1; k < kind.themes.size(); ++k) {
          if (rng.Chance(0.35)) t.themes.push_back(kind.themes[k]);
        }
        t.county_lines =
            std::find(t.themes.begin(), t.themes.end(), "cce") != t.themes.end() && rng.Chance(0.4);
        for (const std::string& o : kind.objectives) {
          if (t.objectives.empty() || rng.Chance(0.5)) t.objectives.push_back(objective_ids_.at(o));
        }
        const std::vector<int64_t>& officers = officers_.at(t.region);
        t.lead = rng.Pick(officers);
        if (rng.Chance(0.3)) {
          int64_t other = rng.Pick(officers);
          if (other != t.lead) t.staff.push_back(other);
        }
        if (!kind.sectors.empty()) {
          t.sectors.push_back(rng.Pick(kind.sectors));
          if (kind.sectors.size() > 1 && rng.Chance(0.4)) {
            const std::string s = rng.Pick(kind.sectors);
            if (s != t.sectors[0]) t.sectors.push_back(s);
          }
        }
        // Partners: of the task's sectors where the region has them, and one or two others.
        const std::vector<size_t>& local = partners_by_region_.at(t.region);
        std::set<int64_t> partners;
        for (const std::string& s : t.sectors) {
          std::vector<size_t> matching;
          for (size_t p : local) {
            if (partners_[p].sector == s) matching.push_back(p);
          }
          if (!matching.empty()) partners.insert(partners_[rng.Pick(matching)].id);
        }
        for (int64_t k = rng.Between(0, 2); k > 0; --k)
          partners.insert(partners_[rng.Pick(local)].id);
        t.partners.assign(partners.begin(), partners.end());
        t.priority = std::vector<std::string>{"high", "medium", "low"}[rng.Weighted({25, 55, 20})];

        // The timeline: proposed, approved, delivered over 3 weeks to 8 months, evaluated
        // and closed afterwards; or rejected, or cancelled on the way.
        const Date fy = FyStart(year);
        // Proposed through the year: those of its last weeks are still waiting for the
        // tasking meeting, or approved and not started, when the data ends.
        t.created = WorkingDay(fy.AddDays(rng.Between(-20, 355)));
        t.approved = WorkingDay(t.created.AddDays(rng.Between(7, 21)));
        t.start = std::max(t.approved.AddDays(rng.Between(1, 14)), fy);
        t.end = t.start.AddDays(rng.Between(20, 240));
        const double fate = rng.Unit();
        if (fate < 0.06) {
          t.stopped = t.approved;  // rejected at the tasking meeting
          t.status = "rejected";
        } else if (fate < 0.13) {
          t.stopped = t.start.AddDays(rng.Between(5, 60));
          t.status = "cancelled";
        } else {
          t.delivered = WorkingDay(t.end.AddDays(rng.Between(0, 10)));
          if (rng.Chance(0.7)) t.evaluated = WorkingDay(t.delivered->AddDays(rng.Between(20, 90)));
          if (t.evaluated && rng.Chance(0.75))
            t.closed = WorkingDay(t.evaluated->AddDays(rng.Between(10, 60)));
          t.status = "delivered";
        }
        // What had happened by the end of the data.
        auto by_end = [&](const std::optional<Date>& d) { return d && *d <= data_end_; };
        if (t.created > data_end_) continue;
        if (t.status == "rejected" || t.status == "cancelled") {
          if (!by_end(t.stopped)) {
            t.stopped.reset();
            t.status = t.status == "rejected"    ? "proposed"
                       : t.start <= data_end_    ? "in_progress"
                       : t.approved <= data_end_ ? "approved"
                                                 : "proposed";
          }
        } else {
          if (!by_end(t.closed)) t.closed.reset();
          if (!by_end(t.evaluated)) t.evaluated.reset(), t.closed.reset();
          if (!by_end(t.delivered)) t.delivered.reset(), t.evaluated.reset(), t.closed.reset();
          t.status = t.closed                  ? "closed"
                     : t.evaluated             ? "evaluated"
                     : t.delivered             ? "delivered"
                     : t.start <= data_end_    ? "in_progress"
                     : t.approved <= data_end_ ? "approved"
                                               : "proposed";
        }
        t.title = Fill(Fill(kind.title, "{region}", RegionName(t.region)), "{sector}",
                       t.sectors.empty() ? "partner" : ToLower(ref_.sector_names.at(t.sectors[0])));
        plans.push_back(std::move(t));
      }
      // Activities: a few tasks with thousands (briefings sent out, campaign days), most
      // with tens to hundreds; about 100,000 a year at scale 1, growing with the programme.
      std::vector<double> weights(plans.size(), 0);
      double total = 0;
      for (size_t i = 0; i < plans.size(); ++i) {
        const TaskPlan& t = plans[i];
        if (t.status == "proposed" || t.status == "approved" || t.status == "rejected") continue;
        const double bucket = rng.Unit();
        weights[i] = bucket < 0.4    ? static_cast<double>(rng.Between(10, 60))
                     : bucket < 0.8  ? static_cast<double>(rng.Between(60, 300))
                     : bucket < 0.95 ? static_cast<double>(rng.Between(300, 1000))
                                     : static_cast<double>(rng.Between(1000, 3000));
        if (t.status == "cancelled") weights[i] = static_cast<double>(rng.Between(0, 4));
        total += weights[i];
      }
      const double target = 100000.0 * growth * options_.scale;
      for (size_t i = 0; i < plans.size(); ++i) {
        if (weights[i] == 0) continue;
        plans[i].activities =
            std::max<int64_t>(1, static_cast<int64_t>(weights[i] * target / total + 0.5));
        if (plans[i].status == "cancelled") plans[i].activities = static_cast<int64_t>(weights[i]);
      }
      std::stable_sort(plans.begin(), plans.end(),
                       [](const TaskPlan& a, const TaskPlan& b) { return a.created < b.created; });
      for (TaskPlan& t : plans) tasks_.push_back(std::move(t));
    }
    // Ids in the order the tasks were proposed.
    std::stable_sort(tasks_.begin(), tasks_.end(),
                     [](const TaskPlan& a, const TaskPlan& b) { return a.created < b.created; });
    for (size_t i = 0; i < tasks_.size(); ++i) {
      TaskPlan& t = tasks_[i];
      t.id = static_cast<int64_t>(i) + 1;
      char reference[32];
      std::snprintf(reference, sizeof reference, "T-%d-%04d", t.created.year,
                    ++numbers[t.created.year]);
      t.reference = reference;
    }
  }

  static std::string ToLower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  // A task's status changes after it was proposed: to what, when, by whom and why.
  struct Move {
    std::string to;
    std::string at;
    int64_t by;
    std::string reason;
  };
  std::vector<Move> MovesOf(const TaskPlan& p) const {
    Rng rng = rng_.Fork("moves " + std::to_string(p.id));
    const int64_t manager = managers_[static_cast<size_t>(p.id % 3)];
    const int64_t analyst = analysts_[static_cast<size_t>(p.id % 3)];
    std::vector<Move> moves;
    auto move = [&](const std::string& to, const Date& on, int64_t by, std::string reason) {
      const int hour = 9 + static_cast<int>(rng.Between(0, 8));  // one draw at a time: the
      const int minute = static_cast<int>(rng.Between(0, 59));   // order is then the same
      moves.push_back({to, At(on, hour, minute), by, std::move(reason)});
    };
    if (p.status == "proposed") return moves;
    if (p.status == "rejected") {
      move("rejected", *p.stopped, manager, rng.Pick(kRejections));
      return moves;
    }
    move("approved", p.approved, manager, "");
    if (p.status == "approved") return moves;
    move("in_progress", p.start, p.lead, "");
    if (p.status == "cancelled") {
      move("cancelled", *p.stopped, manager, rng.Pick(kCancellations));
      return moves;
    }
    if (p.delivered) move("delivered", *p.delivered, p.lead, "");
    if (p.evaluated) move("evaluated", *p.evaluated, analyst, "");
    if (p.closed) move("closed", *p.closed, manager, "");
    return moves;
  }

  template <typename Owner, typename ValuesOf>
  void Links(const std::string& table, const std::vector<Owner>& owners, ValuesOf&& values_of) {
    Table t(*this, table, {"owner_id", "value"});
    for (const Owner& owner : owners) {
      auto values = values_of(owner);
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      for (const auto& v : values) {
        Row& r = t.Next();
        r.Int(owner.id);
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
          r.Text(v);
        } else {
          r.Int(v);
        }
        t.Put();
      }
    }
    t.Close();
  }

  void WriteTasks() {
    {
      Table t(*this, "task",
              WithMeta({"reference", "title", "description", "county_lines", "lead", "priority",
                        "due_on", "status", "delivered_on"}));
      for (const TaskPlan& p : tasks_) {
        // Each transition bumped the version and stamped the update.
        const std::vector<Move> moves = MovesOf(p);
        const std::string created = At(p.created, 10);
        const std::string updated = moves.empty() ? created : moves.back().at;
        const int64_t updated_by = moves.empty() ? p.lead : moves.back().by;
        Row& r = t.Next();
        r.Int(p.id)
            .Int(1 + static_cast<int64_t>(moves.size()))
            .Int(0)
            .Null()
            .Text(created)
            .Text(By(p.lead))
            .Text(updated)
            .Text(By(updated_by));
        r.Text(p.reference)
            .Text(p.title)
            .Text(
                "Work agreed at the tasking meeting in answer to regional insight; see the "
                "activities for what was delivered.")
            .Bool(p.county_lines)
            .Int(p.lead)
            .Text(p.priority)
            .Text(p.end.AddDays(14).ToString())
            .Text(p.status)
            .TextOrNull(p.delivered ? p.delivered->ToString() : "");
        t.Put();
      }
      t.Close();
    }
    Links("task_objectives", tasks_, [](const TaskPlan& p) { return p.objectives; });
    Links("task_themes", tasks_, [](const TaskPlan& p) { return p.themes; });
    Links("task_regions", tasks_,
          [](const TaskPlan& p) { return std::vector<std::string>{p.region}; });
    Links("task_staff", tasks_, [](const TaskPlan& p) { return p.staff; });
    Links("task_partners", tasks_, [](const TaskPlan& p) { return p.partners; });
    Links("task_audiences", tasks_, [](const TaskPlan& p) {
      const TaskKind& k = TaskKinds()[p.kind];
      std::vector<std::string> groups;
      if (!p.sectors.empty()) groups.push_back("professionals");
      if (k.young_people) groups.push_back("young_people");
      if (k.parents) groups.push_back("parents_carers");
      if (k.public_audience) groups.push_back("public");
      return groups;
    });
    Links("task_audience_sectors", tasks_, [](const TaskPlan& p) { return p.sectors; });

    Table t(*this, "task_transition",
            WithMeta({"task", "from_status", "to_status", "at", "by", "reason"}));
    int64_t id = 0;
    for (const TaskPlan& p : tasks_) {
      std::string from = "proposed";
      for (const Move& m : MovesOf(p)) {
        Meta(t.Next(), ++id, m.at, m.by)
            .Int(p.id)
            .Text(from)
            .Text(m.to)
            .Text(m.at)
            .Int(m.by)
            .TextOrNull(m.reason);
        t.Put();
        from = m.to;
      }
    }
    t.Close();
  }

  // Two national campaigns a year, each run by a public awareness task of the year.
  void Campaigns() {
    Rng rng = rng_.Fork("campaigns");
    struct Plan {
      int64_t id;
      size_t task;
      std::vector<std::string> regions;
      std::vector<int64_t> partners;
    };
    std::vector<Plan> plans;
    for (int year = options_.first_year; year <= options_.last_year; ++year) {
      std::vector<size_t> candidates;
      for (size_t i = 0; i < tasks_.size(); ++i) {
        const TaskPlan& t = tasks_[i];
        if (t.year == year && t.kind == 2 && t.activities > 0 && t.status != "cancelled")
          candidates.push_back(i);
      }
      for (int k = 0; k < 2 && !candidates.empty(); ++k) {
        const size_t task = candidates[static_cast<size_t>(
            rng.Between(0, static_cast<int64_t>(candidates.size()) - 1))];
        candidates.erase(std::find(candidates.begin(), candidates.end(), task));
        Plan p{static_cast<int64_t>(plans.size()) + 1, task, {}, tasks_[task].partners};
        for (const std::string& r : ref_.regions) {
          if (r == tasks_[task].region || tasks_[task].region == "NAT" || rng.Chance(0.3))
            p.regions.push_back(r);
        }
        std::sort(p.regions.begin(), p.regions.end());
        tasks_[task].campaign = p.id;
        plans.push_back(std::move(p));
      }
    }
    {
      Table t(*this, "campaign", WithMeta({"name", "description", "start_on", "end_on", "task"}));
      for (const Plan& p : plans) {
        const TaskPlan& task = tasks_[p.task];
        Meta(t.Next(), p.id, At(task.approved, 12), task.lead)
            .Text("#LookCloser " + YearLabel(task.year) + (p.id % 2 ? "" : " (winter)"))
            .Text("Awareness campaign at stations and transport hubs.")
            .Text(task.start.ToString())
            .Text(std::min(task.end, data_end_).ToString())
            .Int(task.id);
        t.Put();
      }
      t.Close();
    }
    Links("campaign_regions", plans, [](const Plan& p) { return p.regions; });
    Links("campaign_partners", plans, [](const Plan& p) { return p.partners; });
    Links("campaign_themes", plans, [&](const Plan& p) { return tasks_[p.task].themes; });
  }

  // Each year: the stakeholder survey and four quarterly feedback forms, ten questions each.
  void Surveys() {
    {
      Table t(*this, "survey",
              WithMeta({"title", "kind", "period", "task", "activity", "description"}));
      int64_t id = 0;
      for (int year = options_.first_year; year <= options_.last_year; ++year) {
        for (int q = 1; q <= 4; ++q) {
          SurveyPlan s{++id, year, q, {}};
          Meta(t.Next(), s.id, At(FyStart(year).AddMonths((q - 1) * 3).AddDays(-7), 10),
               analysts_[0])
              .Text("Post-session feedback " + YearLabel(year) + " Q" + std::to_string(q))
              .Text("post_session_feedback")
              .Text(YearLabel(year) + " Q" + std::to_string(q))
              .Null()
              .Null()
              .Text(
                  "Feedback form handed out at the end of training sessions, workshops and "
                  "presentations.");
          t.Put();
          surveys_.push_back(s);
        }
        SurveyPlan s{++id, year, 0, {}};
        Meta(t.Next(), s.id, At(WorkingDay(Date{year + 1, 1, 10}), 10), analysts_[0])
            .Text("Stakeholder survey " + YearLabel(year))
            .Text("stakeholder_survey")
            .Text(YearLabel(year))
            .Null()
            .Null()
            .Text(
                "Annual survey of external stakeholders: partners the programme worked with or "
                "delivered to during the year.");
        t.Put();
        surveys_.push_back(s);
      }
      t.Close();
    }
    Table t(*this, "survey_question",
            WithMeta({"survey", "position", "text", "kind", "options", "indicator"}));
    int64_t id = 0;
    for (SurveyPlan& s : surveys_) {
      const std::vector<QuestionText>& questions =
          s.quarter == 0 ? kStakeholderQuestions : kFeedbackQuestions;
      const std::string at =
          s.quarter == 0 ? At(WorkingDay(Date{s.year + 1, 1, 10}), 11)
                         : At(FyStart(s.year).AddMonths((s.quarter - 1) * 3).AddDays(-7), 11);
      int position = 0;
      for (const QuestionText& q : questions) {
        Meta(t.Next(), ++id, at, analysts_[0])
            .Int(s.id)
            .Int(++position)
            .Text(q.text)
            .Text(q.kind)
            .TextOrNull(q.options)
            .IdOrNull(q.indicator.empty() ? 0 : indicator_ids_.at(q.indicator));
        t.Put();
        s.questions.push_back(id);
      }
    }
    t.Close();
  }

  Audience Count(Rng& rng, const std::string& group, const std::string& sector, int64_t lo,
                 int64_t hi, bool estimated) {
    return {group, sector, rng.Between(lo, hi), estimated};
  }

  // The activities of the tasks proposed in `year`, in date order, with their audience.
  void Activities(int year) {
    Rng rng = rng_.Fork("activities " + std::to_string(year));
    std::vector<ActivityPlan> plans;
    for (size_t ti = 0; ti < tasks_.size(); ++ti) {
      const TaskPlan& task = tasks_[ti];
      if (task.year != year || task.activities == 0) continue;
      const TaskKind& kind = TaskKinds()[task.kind];
      std::vector<double> type_weights;
      for (const auto& [type, w] : kind.types) type_weights.push_back(w);
      Date last = std::min(task.end, data_end_);
      if (task.stopped) last = std::min(last, *task.stopped);
      if (last < task.start) last = task.start;
      const int64_t span = last.DaysSinceEpoch() - task.start.DaysSinceEpoch();
      for (int64_t k = 0; k < task.activities; ++k) {
        ActivityPlan a;
        a.task = ti;
        a.type = &kind.types[rng.Weighted(type_weights)].first;
        a.date = task.start.AddDays(rng.Between(0, span));
        const bool weekend_ok = *a.type == "roadshow_event" || *a.type == "campaign_day";
        if (!weekend_ok && (Weekday(a.date) == 0 || Weekday(a.date) == 6)) {
          const Date friday = a.date.AddDays(Weekday(a.date) == 0 ? -2 : -1);
          a.date = friday >= task.start ? friday : WorkingDay(a.date);
          if (a.date > last) a.date = last;
        }
        a.title = &rng.Pick(kActivityTitles.at(*a.type));
        a.region = task.region == "NAT" && rng.Chance(0.5)
                       ? ref_.regions[static_cast<size_t>(
                             rng.Between(0, static_cast<int64_t>(ref_.regions.size()) - 1))]
                       : task.region;
        if (a.region != "NAT" && rng.Chance(0.6)) a.force = rng.Pick(ref_.forces.at(a.region));
        if (rng.Chance(0.4)) a.place = &rng.Pick(kPlaces);
        if (rng.Chance(0.15)) a.notes = &rng.Pick(kActivityNotes);
        if (weekend_ok && rng.Chance(0.1)) a.end_days = static_cast<int>(rng.Between(1, 2));
        if (!task.partners.empty() && rng.Chance(0.4)) a.partner = rng.Pick(task.partners);
        a.archived = rng.Chance(0.003);
        // Who it reached.
        const std::string& type = *a.type;
        const bool mass = type == "roadshow_event" || type == "campaign_day";
        if (!task.sectors.empty() && (!mass || rng.Chance(0.5))) {
          const bool briefing = type == "briefing_or_resource";
          auto professionals = [&](const std::string& sector) {
            if (type == "training_session")
              return Count(rng, "professionals", sector, 6, 30, false);
            if (type == "workshop") return Count(rng, "professionals", sector, 2, 12, false);
            if (type == "presentation")
              return Count(rng, "professionals", sector, 10, 80, rng.Chance(0.2));
            if (briefing) return Count(rng, "professionals", sector, 15, 150, rng.Chance(0.5));
            if (type == "strategic_meeting")
              return Count(rng, "professionals", sector, 4, 16, false);
            if (mass) return Count(rng, "professionals", sector, 3, 15, false);
            return Count(rng, "professionals", sector, 2, 10, false);
          };
          a.audience.push_back(professionals(task.sectors[0]));
          if (task.sectors.size() > 1 && rng.Chance(0.5))
            a.audience.push_back(professionals(task.sectors[1]));
        }
        if (kind.young_people && !(mass && rng.Chance(0.4))) {
          a.audience.push_back(type == "workshop" ? Count(rng, "young_people", "", 12, 60, false)
                               : type == "presentation"
                                   ? Count(rng, "young_people", "", 80, 300, true)
                                   : Count(rng, "young_people", "", 20, 200, true));
        }
        if (kind.parents) a.audience.push_back(Count(rng, "parents_carers", "", 4, 40, false));
        if (kind.public_audience && mass)
          a.audience.push_back(Count(rng, "public", "", 50, 600, true));
        if (a.audience.empty())
          a.audience.push_back(Count(rng, "professionals",
                                     task.sectors.empty() ? "other" : task.sectors[0], 2, 20,
                                     false));
        if (a.audience.size() > 3) a.audience.resize(3);
        plans.push_back(std::move(a));
      }
    }
    // Recorded as they happened: ids in date order.
    std::stable_sort(plans.begin(), plans.end(),
                     [](const ActivityPlan& a, const ActivityPlan& b) { return a.date < b.date; });
    for (ActivityPlan& a : plans) {
      a.id = ++activity_id_;
      TaskPlan& task = tasks_[a.task];
      if (task.activity_sample.size() < 12) task.activity_sample.push_back(a.id);
    }
    {
      Table t(*this, "activity",
              WithMeta({"task", "campaign", "type", "title", "start_on", "end_on", "region",
                        "force", "place", "notes"}));
      for (const ActivityPlan& a : plans) {
        const TaskPlan& task = tasks_[a.task];
        Date recorded = std::min(a.date.AddDays(rng.Between(0, 6)), data_end_);
        const std::string at = At(recorded, 16, static_cast<int>(a.id % 60));
        Row& r = t.Next();
        if (a.archived) {
          ArchivedMeta(r, a.id, at, task.lead, At(std::min(recorded.AddDays(30), data_end_), 17));
        } else {
          Meta(r, a.id, at, task.lead);
        }
        const bool in_campaign =
            task.campaign != 0 && (*a.type == "campaign_day" || *a.type == "roadshow_event");
        r.Int(task.id)
            .IdOrNull(in_campaign ? task.campaign : 0)
            .Text(*a.type)
            .Text(*a.title)
            .Text(a.date.ToString())
            .TextOrNull(a.end_days ? a.date.AddDays(a.end_days).ToString() : "")
            .Text(a.region)
            .TextOrNull(a.force)
            .TextOrNull(a.place ? *a.place : "")
            .TextOrNull(a.notes ? *a.notes : "");
        t.Put();
      }
      t.Close();
    }
    {
      Table t(*this, "activity_partners", {"owner_id", "value"});
      for (const ActivityPlan& a : plans) {
        if (a.partner == 0) continue;
        t.Next().Int(a.id).Int(a.partner);
        t.Put();
      }
      t.Close();
    }
    {
      Table t(*this, "activity_audience",
              {"id", "parent_id", "position", "group", "sector", "count", "estimated"});
      for (const ActivityPlan& a : plans) {
        int position = 0;
        for (const Audience& au : a.audience) {
          t.Next()
              .Int(++audience_id_)
              .Int(a.id)
              .Int(++position)
              .Text(au.group)
              .TextOrNull(au.sector)
              .Int(au.count)
              .Bool(au.estimated);
          t.Put();
        }
      }
      t.Close();
    }
    // What feedback forms can come from, by the financial year of their date.
    for (const ActivityPlan& a : plans) {
      if (a.archived || a.region == "NAT") continue;
      if (*a.type != "training_session" && *a.type != "workshop" && *a.type != "presentation")
        continue;
      Eligible e;
      e.date = a.date;
      e.region = static_cast<int>(std::find(ref_.regions.begin(), ref_.regions.end(), a.region) -
                                  ref_.regions.begin());
      int n = 0;
      for (const Audience& au : a.audience) {
        if (au.group != "professionals" || au.estimated || n == 2) continue;
        e.sectors[static_cast<size_t>(n++)] = {SectorIndex(au.sector),
                                               static_cast<int32_t>(au.count)};
        e.professionals += static_cast<int32_t>(au.count);
      }
      if (e.professionals == 0) continue;
      int fy = a.date.month >= 4 ? a.date.year : a.date.year - 1;
      if (fy > options_.last_year) continue;
      eligible_[fy].push_back(e);
    }
  }

  int SectorIndex(const std::string& code) const {
    return static_cast<int>(std::find(sector_codes_.begin(), sector_codes_.end(), code) -
                            sector_codes_.begin());
  }

  static constexpr const char* kQuarters[] = {"", "Q1", "Q2", "Q3", "Q4"};

  struct ResponsePlan {
    size_t survey = 0;  // index into surveys_
    Date on;
    std::string sector;
    std::string region;
    std::string attended;
    std::vector<std::pair<int64_t, std::string>> answers;  // question id, answer
    bool archived = false;
  };

  // One answer to `q`, empty for none. `attended_question`: the question whether the
  // respondent attended training, answered as their response says.
  static std::string Answer(Rng& rng, const QuestionText& q, bool attended_question,
                            const std::string& attended, double lean) {
    if (q.kind == "yes_no") {
      if (attended_question) return attended == "unknown" ? "" : attended;
      if (rng.Chance(0.05)) return "";
      return rng.Chance(0.55) ? "yes" : rng.Chance(0.9) ? "no" : "dont_know";
    }
    if (q.kind == "free_text") return rng.Chance(0.35) ? rng.Pick(kFreeText) : "";
    if (q.kind == "single_choice") {
      if (rng.Chance(0.03)) return "";
      static const std::vector<std::string> kRatings = {"excellent", "good", "fair", "poor"};
      return kRatings[rng.Weighted({0.45, 0.42, 0.11, 0.02})];
    }
    if (q.kind == "multiple_choice") {
      if (rng.Chance(0.1)) return "";
      static const std::vector<std::string> kParts = {"signs",        "referrals", "nrm",
                                                      "county_lines", "online",    "case_examples"};
      std::string out;
      for (const std::string& part : kParts) {
        if (rng.Chance(0.35)) out += (out.empty() ? "" : ";") + part;
      }
      return out.empty() ? kParts[static_cast<size_t>(rng.Between(0, 5))] : out;
    }
    if (rng.Chance(0.015)) return "";
    if (rng.Chance(0.03)) return "dont_know";
    if (rng.Chance(std::clamp(q.agree + lean, 0.0, 1.0)))
      return rng.Chance(0.45) ? "strongly_agree" : "agree";
    static const std::vector<std::string> kOther = {"neither", "disagree", "strongly_disagree"};
    return kOther[rng.Weighted({0.55, 0.35, 0.10})];
  }

  // The year's feedback forms (from its training sessions, workshops and presentations)
  // and stakeholder survey responses: about 55,000 a year at scale 1, ten questions each.
  void Responses(int year) {
    Rng rng = rng_.Fork("responses " + std::to_string(year));
    const int years = options_.last_year - options_.first_year + 1;
    const double growth = years > 1 ? 0.8 + 0.4 * (year - options_.first_year) / (years - 1) : 1.0;
    std::vector<ResponsePlan> plans;
    size_t stakeholder = 0;
    std::array<size_t, 5> feedback{};
    for (size_t i = 0; i < surveys_.size(); ++i) {
      if (surveys_[i].year != year) continue;
      if (surveys_[i].quarter == 0)
        stakeholder = i;
      else
        feedback[static_cast<size_t>(surveys_[i].quarter)] = i;
    }
    // Feedback forms, from activities weighted by the professionals in the room.
    std::vector<Eligible>& eligible = eligible_[year];
    if (!eligible.empty()) {
      std::vector<double> cumulative;
      double sum = 0;
      for (const Eligible& e : eligible) cumulative.push_back(sum += e.professionals);
      std::vector<int32_t> taken(eligible.size(), 0);
      const int64_t wanted = static_cast<int64_t>(49000 * growth * options_.scale);
      for (int64_t k = 0; k < wanted; ++k) {
        const double x = rng.Unit() * sum;
        const size_t pick = static_cast<size_t>(
            std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
        const Eligible& e = eligible[std::min(pick, eligible.size() - 1)];
        int32_t& used = taken[std::min(pick, eligible.size() - 1)];
        if (used >= e.professionals) continue;  // no more forms than people in the room
        ++used;
        ResponsePlan r;
        r.survey = feedback[static_cast<size_t>(QuarterOf(e.date, year))];
        r.on = e.date;
        const bool second =
            e.sectors[1].second > 0 && rng.Between(1, e.professionals) > e.sectors[0].second;
        r.sector = sector_codes_[static_cast<size_t>(e.sectors[second ? 1 : 0].first)];
        r.region = ref_.regions[static_cast<size_t>(e.region)];
        r.attended = "yes";
        const SurveyPlan& s = surveys_[r.survey];
        for (size_t q = 0; q < kFeedbackQuestions.size(); ++q) {
          std::string a = Answer(rng, kFeedbackQuestions[q], false, r.attended, 0);
          if (!a.empty()) r.answers.emplace_back(s.questions[q], std::move(a));
        }
        r.archived = rng.Chance(0.002);
        plans.push_back(std::move(r));
      }
    }
    // The stakeholder survey, open for the last two months of the year.
    {
      static const std::vector<std::string> kSectors = {"local_authority",
                                                        "police",
                                                        "education",
                                                        "vcs",
                                                        "health",
                                                        "transport",
                                                        "hospitality",
                                                        "retail_fast_food",
                                                        "national_government",
                                                        "btp",
                                                        "business"};
      static const std::vector<double> kWeights = {25, 17, 14, 14, 9, 6, 4, 3, 3, 3, 2};
      const int64_t n = static_cast<int64_t>(6000 * growth * options_.scale);
      const Date open = WorkingDay(Date{year + 1, 2, 1});
      const SurveyPlan& s = surveys_[stakeholder];
      std::vector<ResponsePlan> survey;
      for (int64_t k = 0; k < n; ++k) {
        ResponsePlan r;
        r.survey = stakeholder;
        r.on = open.AddDays(rng.Between(0, 55));
        r.sector = kSectors[rng.Weighted(kWeights)];
        r.region = r.sector == "national_government" || r.sector == "btp" || rng.Chance(0.04)
                       ? "NAT"
                       : ref_.regions[static_cast<size_t>(
                             rng.Between(0, static_cast<int64_t>(ref_.regions.size()) - 1))];
        r.attended =
            std::vector<std::string>{"yes", "no", "unknown"}[rng.Weighted({0.62, 0.29, 0.09})];
        const double lean = r.attended == "yes" ? 0.03 : r.attended == "no" ? -0.07 : 0;
        for (size_t q = 0; q < kStakeholderQuestions.size(); ++q) {
          std::string a = Answer(rng, kStakeholderQuestions[q], q == 0, r.attended, lean);
          if (!a.empty()) r.answers.emplace_back(s.questions[q], std::move(a));
        }
        r.archived = rng.Chance(0.002);
        survey.push_back(std::move(r));
      }
      std::stable_sort(survey.begin(), survey.end(),
                       [](const ResponsePlan& a, const ResponsePlan& b) { return a.on < b.on; });
      // Feedback forms are entered quarter by quarter; the survey's responses at the end.
      std::stable_sort(plans.begin(), plans.end(),
                       [](const ResponsePlan& a, const ResponsePlan& b) {
                         return a.survey != b.survey ? a.survey < b.survey : a.on < b.on;
                       });
      for (ResponsePlan& r : survey) plans.push_back(std::move(r));
    }
    const int64_t first_id = response_id_ + 1;
    {
      Table t(*this, "survey_response",
              WithMeta({"survey", "external_id", "stakeholder_type", "region", "attended_training",
                        "responded_on"}));
      std::map<size_t, int64_t> numbers;
      for (const ResponsePlan& r : plans) {
        const SurveyPlan& s = surveys_[r.survey];
        const Date entered =
            s.quarter == 0 ? Date{year + 1, 3, 31}
                           : std::min(FyStart(year).AddMonths(s.quarter * 3).AddDays(5), data_end_);
        const std::string at = At(entered, 11);
        const int64_t by = analysts_[static_cast<size_t>(s.quarter % 3)];
        Row& row = t.Next();
        if (r.archived)
          ArchivedMeta(row, ++response_id_, at, by, At(entered, 15));
        else
          Meta(row, ++response_id_, at, by);
        // The survey tool's response id: "SS26-000123", "FB26Q3-004567".
        char external[48];
        std::snprintf(external, sizeof external, "%s%02d%s-%06lld", s.quarter == 0 ? "SS" : "FB",
                      (year + 1) % 100, s.quarter == 0 ? "" : kQuarters[s.quarter],
                      static_cast<long long>(++numbers[r.survey]));
        row.Int(s.id)
            .Text(external)
            .Text(r.sector)
            .Text(r.region)
            .Text(r.attended)
            .Text(r.on.ToString());
        t.Put();
      }
      t.Close();
    }
    Table t(*this, "survey_answer", {"id", "parent_id", "position", "question", "answer"});
    int64_t id = first_id;
    for (const ResponsePlan& r : plans) {
      int position = 0;
      for (const auto& [question, answer] : r.answers) {
        t.Next().Int(++answer_id_).Int(id).Int(++position).Int(question).Text(answer);
        t.Put();
      }
      ++id;
    }
    t.Close();
  }

  void Quotes(int year) {
    Rng rng = rng_.Fork("quotes " + std::to_string(year));
    Table t(*this, "quote",
            WithMeta({"text", "stakeholder_type", "region", "source", "consent_given", "consent_on",
                      "approved", "outcome", "task", "collected_on"}));
    static const std::vector<std::string> kSources = {"survey", "feedback_form", "interview",
                                                      "email", "event"};
    std::vector<size_t> delivered = DeliveredIn(year);
    for (int k = 0; k < 80 && !delivered.empty(); ++k) {
      const TaskPlan& task = tasks_[rng.Pick(delivered)];
      const Date collected =
          std::min(WorkingDay(task.start.AddDays(rng.Between(7, 60))), FyEnd(year).AddDays(-3));
      const Date on = std::max(collected, FyStart(year));
      const Date consent = std::min(on.AddDays(rng.Between(0, 4)), FyEnd(year));
      const bool consented = rng.Chance(0.95);
      const bool approved = consented && rng.Chance(0.8);
      const std::string sector = task.sectors.empty() ? "other" : task.sectors[0];
      Meta(t.Next(), ++quote_id_, At(consent, 12), task.lead)
          .Text(rng.Pick(kQuotes))
          .Text(sector)
          .Text(task.region)
          .Text(rng.Pick(kSources))
          .Bool(consented)
          .TextOrNull(consented ? consent.ToString() : "")
          .Bool(approved)
          .Int(outcome_ids_.at(kOutcomes[static_cast<size_t>(rng.Between(
                                             0, static_cast<int64_t>(kOutcomes.size()) - 1))]
                                   .code))
          .Int(task.id)
          .Text(on.ToString());
      t.Put();
    }
    t.Close();
  }

  // Tasks delivered in the financial year `year`, with activities.
  std::vector<size_t> DeliveredIn(int year) const {
    std::vector<size_t> out;
    for (size_t i = 0; i < tasks_.size(); ++i) {
      const TaskPlan& t = tasks_[i];
      if (t.delivered && *t.delivered >= FyStart(year) && *t.delivered <= FyEnd(year) &&
          !t.activity_sample.empty()) {
        out.push_back(i);
      }
    }
    return out;
  }

  void CaseStudies(int year) {
    Rng rng = rng_.Fork("case studies " + std::to_string(year));
    std::vector<size_t> delivered = DeliveredIn(year);
    struct Plan {
      int64_t id;
      std::vector<size_t> tasks;
      bool approved;
    };
    std::vector<Plan> plans;
    for (int k = 0; k < 8 && !delivered.empty(); ++k) {
      Plan p{++case_study_id_, {rng.Pick(delivered)}, k < 5};
      if (rng.Chance(0.3)) {
        const size_t other = rng.Pick(delivered);
        if (other != p.tasks[0]) p.tasks.push_back(other);
      }
      plans.push_back(std::move(p));
    }
    {
      Table t(*this, "case_study", WithMeta({"title", "summary", "body", "period", "approved"}));
      for (const Plan& p : plans) {
        const CaseStudyText& text = kCaseStudies[static_cast<size_t>(p.id) % kCaseStudies.size()];
        const TaskPlan& task = tasks_[p.tasks[0]];
        Meta(t.Next(), p.id, At(FyEnd(year).AddDays(-10), 10), analysts_[1])
            .Text(text.title + " (" + RegionName(task.region) + ", " + YearLabel(year) + ")")
            .Text(text.summary)
            .Text(text.body)
            .Text(YearLabel(year))
            .Bool(p.approved);
        t.Put();
      }
      t.Close();
    }
    Links("case_study_tasks", plans, [&](const Plan& p) {
      std::vector<int64_t> ids;
      for (size_t i : p.tasks) ids.push_back(tasks_[i].id);
      return ids;
    });
    Links("case_study_activities", plans, [&](const Plan& p) {
      std::vector<int64_t> ids;
      for (size_t i : p.tasks)
        ids.insert(ids.end(), tasks_[i].activity_sample.begin(), tasks_[i].activity_sample.end());
      return ids;
    });
    Links("case_study_partners", plans, [&](const Plan& p) {
      std::vector<int64_t> ids;
      for (size_t i : p.tasks)
        ids.insert(ids.end(), tasks_[i].partners.begin(), tasks_[i].partners.end());
      return ids;
    });
    Links("case_study_outcomes", plans, [&](const Plan& p) {
      return std::vector<int64_t>{
          outcome_ids_.at(kOutcomes[static_cast<size_t>(p.id) % kOutcomes.size()].code)};
    });
    Links("case_study_regions", plans, [&](const Plan& p) {
      std::vector<std::string> regions;
      for (size_t i : p.tasks) regions.push_back(tasks_[i].region);
      return regions;
    });
  }

  void OutcomeEvents(int year) {
    Rng rng = rng_.Fork("outcome events " + std::to_string(year));
    Table t(
        *this, "outcome_event",
        WithMeta({"kind", "occurred_on", "region", "partner", "task", "outcome", "description"}));
    std::vector<size_t> delivered = DeliveredIn(year);
    for (int k = 0; k < 300 && !delivered.empty(); ++k) {
      const TaskPlan& task = tasks_[rng.Pick(delivered)];
      const size_t kind = rng.Weighted({3.2, 3.0, 2.0, 1.0});
      const Date on = std::min(WorkingDay(task.start.AddDays(rng.Between(3, 90))), FyEnd(year));
      const Date occurred = std::max(on, FyStart(year));
      Meta(t.Next(), ++event_id_, At(std::min(occurred.AddDays(rng.Between(1, 5)), data_end_), 14),
           task.lead)
          .Text(kEventKinds[kind])
          .Text(occurred.ToString())
          .Text(task.region)
          .IdOrNull(task.partners.empty() ? 0 : rng.Pick(task.partners))
          .Int(task.id)
          .Int(outcome_ids_.at(kEventOutcomes[kind]))
          .Text(rng.Pick(kEventTexts[kind]));
      t.Put();
    }
    t.Close();
  }

  struct PartnerPlan {
    int64_t id;
    std::string sector;
    std::string region;
  };

  Sink& sink_;
  const Reference& ref_;
  const DatasetOptions& options_;
  const Log& log_;
  Rng rng_;
  Date data_end_;
  std::vector<std::string> sector_codes_;
  std::vector<int64_t> managers_, analysts_;
  std::map<std::string, std::vector<int64_t>> officers_;
  std::map<std::string, int64_t> objective_ids_, outcome_ids_, indicator_ids_;
  std::vector<PartnerPlan> partners_;
  std::map<std::string, std::vector<size_t>> partners_by_region_;
  std::vector<TaskPlan> tasks_;
  std::vector<SurveyPlan> surveys_;
  std::map<int, std::vector<Eligible>> eligible_;
  int64_t activity_id_ = 0, audience_id_ = 0, response_id_ = 0, answer_id_ = 0, quote_id_ = 0,
          case_study_id_ = 0, event_id_ = 0;
};

// ---- Before and after ----------------------------------------------------------------------

Result<Reference> ReadReference(app::Services& services, const app::Actor& actor) {
  Reference ref;
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> regions,
                           services.ExportAll(actor, domain::RegionEntity()));
  for (const Record& r : regions) {
    const std::string code = r.Get("code").as_text();
    ref.region_names[code] = r.Get("name").as_text();
    if (code != "NAT") ref.regions.push_back(code);
  }
  std::sort(ref.regions.begin(), ref.regions.end());
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> forces,
                           services.ExportAll(actor, domain::PoliceForceEntity()));
  for (const Record& f : forces) {
    const std::string region = f.Get("region").as_text();
    ref.forces[region].push_back(f.Get("code").as_text());
    ref.force_names[region].push_back(f.Get("name").as_text());
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> sectors,
                           services.ExportAll(actor, domain::SectorEntity()));
  for (const Record& s : sectors)
    ref.sector_names[s.Get("code").as_text()] = s.Get("name").as_text();
  if (ref.regions.size() != 10 || !ref.region_names.count("NAT") || ref.forces.size() < 10) {
    return Status::Internal("the reference data is not the ten regions, National and their forces");
  }
  for (const char* code :
       {"police", "btp", "rocu", "local_authority", "health", "education", "transport",
        "hospitality", "retail_fast_food", "vcs", "national_government", "business", "other"}) {
    if (!ref.sector_names.count(code))
      return Status::Internal(std::string("no sector '") + code + "'");
  }
  return ref;
}

// Reads a sample of every kind back through the store and checks it with the domain's
// rules: the data is what the app itself would have accepted.
Status CheckSample(store::Store& store) {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store.Begin(false));
  std::map<int64_t, std::pair<std::string, std::string>> questions;  // id -> kind, options
  {
    store::ListQuery q;
    q.limit = 0;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(*domain::FindEntity("survey_question"), q));
    for (const Record& r : page.items) {
      questions[r.Id()] = {r.Get("kind").as_text(),
                           r.Get("options").is_null() ? "" : r.Get("options").as_text()};
    }
  }
  for (const domain::EntityDef* entity : domain::AllEntities()) {
    for (int64_t offset : {int64_t{0}, int64_t{1000}, int64_t{100000}, int64_t{500000}}) {
      store::ListQuery q;
      q.archived = store::ListQuery::Archived::kInclude;
      q.sort_field = "id";
      q.limit = 100;
      q.offset = offset;
      LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(*entity, q));
      for (const Record& r : page.items) {
        std::vector<FieldError> errors =
            domain::ValidateRecord(*entity, r, domain::ValidationMode::kImport);
        if (entity->name == "survey_response" && r.Get("answers").is_rows()) {
          for (const Record& a : r.Get("answers").as_rows()) {
            const auto& [kind, options] = questions.at(a.Get("question").as_int());
            std::string why = domain::CheckAnswer(kind, options, a.Get("answer").as_text());
            if (!why.empty()) errors.push_back({"answers", why});
          }
        }
        if (!errors.empty()) {
          return Status::Internal(entity->name + " " + std::to_string(r.Id()) + ": " +
                                  Status::Validation(errors).ToString());
        }
      }
      if (page.items.size() < 100) break;
    }
  }
  return Status::Ok();
}

}  // namespace

int64_t DatasetSummary::Rows(const std::string& table) const {
  for (const auto& [name, n] : rows) {
    if (name == table) return n;
  }
  return 0;
}

std::string DatasetSummary::ToString() const {
  std::string out;
  for (const auto& [name, n] : rows) {
    if (!out.empty()) out += "; ";
    out += name + " " + report::Thousands(n);
  }
  return out;
}

Result<DatasetSummary> GenerateDataset(const std::string& url, const DatasetOptions& options,
                                       const Log& log) {
  const auto started = std::chrono::steady_clock::now();
  const bool sqlite = url.rfind("sqlite:", 0) == 0;
  const app::Actor actor = app::Actor::Cli("bench");
  // Reference rows are stamped as loaded just before the programme's first year.
  FixedClock clock(Date{options.first_year, 3, 1}.DaysSinceEpoch() * 86400 + 9 * 3600);
  Reference ref;
  {
    LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::Open(url, 2));
    LOOKOUT_RETURN_IF_ERROR(store->Migrate(false).TakeStatus());
    app::Services services(*store, clock);
    {
      LOOKOUT_ASSIGN_OR_RETURN(auto tx, store->Begin(false));
      store::ListQuery q;
      q.limit = 1;
      LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(domain::ActivityEntity(), q));
      if (page.total > 0) return Status::Conflict("the database already holds activities");
    }
    LOOKOUT_RETURN_IF_ERROR(app::LoadReferenceData(services, actor).TakeStatus());
    LOOKOUT_RETURN_IF_ERROR(
        app::EnsureProgramme(services, actor,
                             {"National Prevention Programme", "Benchmark Funder", 4})
            .TakeStatus());
    LOOKOUT_ASSIGN_OR_RETURN(ref, ReadReference(services, actor));
  }
  DatasetSummary summary;
  try {
    std::unique_ptr<Sink> sink;
    if (sqlite) {
      sink = std::make_unique<SqliteSink>(url.substr(7));
    } else {
      sink = std::make_unique<PostgresSink>(url);
    }
    Generator generator(*sink, ref, options, log);
    generator.Run();
    summary.rows = generator.rows;
    if (sqlite) {
      log("  checking every foreign key");
      const int64_t broken = sink->QueryInt("SELECT COUNT(*) FROM pragma_foreign_key_check");
      if (broken > 0) {
        throw std::runtime_error(std::to_string(broken) + " rows refer to rows that do not exist");
      }
      // One file, no journal beside it, until the store opens it in WAL mode again.
      sink->Exec("PRAGMA journal_mode = DELETE");
    } else {
      // Identity columns do not notice explicit ids: move each sequence past them, as the
      // store does after imports with ids.
      for (const std::string& table : generator.id_tables) {
        sink->Exec("SELECT setval(pg_get_serial_sequence('" + table +
                   "', 'id'), (SELECT MAX(id) FROM \"" + table + "\"))");
      }
      log("  VACUUM ANALYZE");
      sink->Exec("VACUUM ANALYZE");
    }
  } catch (const std::exception& e) {
    return Status::Internal(e.what());
  }
  {
    log("  checking a sample of every kind of record against the domain's rules");
    LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::Open(url, 1));
    LOOKOUT_RETURN_IF_ERROR(CheckSample(*store));
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace lookout::bench
