// The impact report's builder, shared by the files that write its sections:
// impact_report.cc (the request, reference data, headlines), impact_outcomes.cc (outcomes
// with their survey evidence, quotes, case studies) and impact_breakdowns.cc (reach tables,
// observed outcomes, methods). Internal to app/reports/.
#ifndef LOOKOUT_APP_REPORTS_IMPACT_BUILDER_H_
#define LOOKOUT_APP_REPORTS_IMPACT_BUILDER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/records/services.h"
#include "app/reports/impact_report.h"
#include "core/status.h"
#include "domain/rules.h"
#include "report/doc.h"
#include "report/format.h"
#include "store/store.h"

namespace lookout::app::impact {

using report::Block;
using report::DocTable;
using report::Figure;
using report::Inline;
using report::Span;

// A sum of counts and whether an estimate is part of it.
struct Tally {
  int64_t count = 0;
  bool approximate = false;
  void Add(int64_t n, bool estimated) {
    count += n;
    approximate = approximate || estimated;
  }
};
using GroupTallies = std::map<std::string, Tally>;  // audience group -> tally

// The terms of a vocabulary, and the label of one of them (the code when unknown).
const std::vector<domain::Term>& Terms(const char* vocabulary);
std::string TermLabel(const char* vocabulary, const std::string& code);

// Spans and blocks of the report document.
Span Text(std::string text);
Span Strong(std::string text);
Span FigureRef(std::string id);
Span FootnoteRef(int n);
Block Paragraph(Inline text);
Block Heading(std::string text);
Block Bullets(std::vector<Inline> items);

// The region of work with national bodies, which no attribution names as a place.
inline constexpr const char* kNationalRegion = "NAT";

// "1 response", "1,204 responses".
std::string Plural(int64_t n, const std::string& one, const std::string& many);

class Builder {
 public:
  Builder(Services& services, const Actor& actor, const ImpactReportRequest& request,
          store::Transaction& tx)
      : services_(services), actor_(actor), request_(request), tx_(tx) {}

  Result<report::ReportDoc> Build();

 private:
  Status LoadReference();
  Status Headlines();
  std::vector<Inline> HeadlineSentences() const;
  Status Outcomes();
  // The framework's outcomes in the order it reads them, their indicators, and the
  // questions of the period's surveys (each survey named as a source: "title (period)").
  struct Evidence {
    std::vector<Record> outcomes;
    std::vector<Record> indicators;
    std::vector<Record> questions;
    std::map<int64_t, std::string> survey_source;
  };
  Result<Evidence> LoadEvidence();
  // One bullet of an outcome: an indicator's figure, the text of its footnote, and whether
  // its base is those who attended training.
  struct Statement {
    Inline text;
    std::string note;
    bool trained = false;
  };
  // The indicator's statement from the answers to its questions; none when no question of
  // the period asks it or no answer counts as positive.
  Result<std::optional<Statement>> IndicatorStatement(const Record& indicator,
                                                      const Evidence& evidence);
  // The outcome events recorded against `outcome`, by kind, as bullets of figures.
  void PlaceObserved(report::Section& section, const Record& outcome,
                     const std::map<std::string, int64_t>& event_counts);
  Status OtherQuotes();
  Status CaseStudies();
  Status Breakdowns();
  Status ObservedOutcomes();
  void Methods();

  // Every live record of `entity` matching `where`, in the entity's order.
  Result<std::vector<Record>> All(const domain::EntityDef& entity, std::vector<store::Condition> where,
                                  const std::string& sort = "", bool archived_too = false) {
    store::ListQuery q;
    q.where = std::move(where);
    q.limit = 0;
    q.sort_field = sort;
    if (archived_too) q.archived = store::ListQuery::Archived::kInclude;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx_.List(entity, q));
    return std::move(page.items);
  }
  Result<int64_t> Count(const domain::EntityDef& entity, std::vector<store::Condition> where) {
    store::ListQuery q;
    q.where = std::move(where);
    q.limit = 1;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx_.List(entity, q));
    return page.total;
  }

  // The filters every reach figure shares: the period's dates and the region.
  std::vector<std::pair<std::string, std::string>> PeriodFilters() const {
    std::vector<std::pair<std::string, std::string>> f = {{"from", doc_.from}, {"to", doc_.to}};
    if (!request_.region.empty()) f.emplace_back("region", request_.region);
    return f;
  }
  std::string Where() const {
    return request_.region.empty() ? "" : ", in " + InRegion(request_.region);
  }
  std::string RegionName(const std::string& code) const {
    auto it = region_names_.find(code);
    return it == region_names_.end() ? code : it->second;
  }
  // The region as a sentence names it after "in": its prose name ("the North East"), else
  // its name.
  std::string InRegion(const std::string& code) const {
    auto it = region_prose_.find(code);
    return it == region_prose_.end() || it->second.empty() ? RegionName(code) : it->second;
  }
  // Whether the figure counts anything: a number above zero, shown or withheld.
  bool Recorded(const std::string& id) const {
    const Figure* f = doc_.FindFigure(id);
    return f != nullptr && (f->suppressed || f->value.value_or(0) > 0);
  }
  // "the figure and its noun": "fewer than 5 parents and carers", "1 young person".
  Inline Counted(const std::string& id, const std::string& one, const std::string& many) const {
    const Figure* f = doc_.FindFigure(id);
    const bool single = f != nullptr && !f->suppressed && f->value == 1;
    return {FigureRef(id), Text(" " + (single ? one : many))};
  }
  // A quote's attribution: its stakeholder type and where it was said, "Local Government
  // Stakeholder in the North East". Work with national bodies has no place to name: its
  // quotes are attributed by stakeholder type alone.
  std::string Attribution(const Record& quote) {
    const SectorInfo& sector = sectors_[quote.Get("stakeholder_type").ToDisplay()];
    std::string who = sector.stakeholder_label.empty() ? sector.name + " stakeholder" : sector.stakeholder_label;
    const std::string region = quote.Get("region").ToDisplay();
    if (region != kNationalRegion) who += " in " + InRegion(region);
    return who;
  }

  // Remembers an input of the figures for the inputs hash.
  void Note(const std::string& line) {
    inputs_ += line;
    inputs_ += '\n';
  }
  void NoteRecords(const std::string& kind, const std::vector<Record>& records) {
    for (const Record& r : records) {
      Note(kind + " " + std::to_string(r.Id()) + " v" + r.Get("version").ToDisplay());
    }
  }

  Figure& AddFigure(Figure f) {
    f.link = report::PathWithQuery(f.link, f.filters);
    doc_.figures.push_back(std::move(f));
    return doc_.figures.back();
  }
  int AddFootnote(std::string text) {
    const int n = static_cast<int>(doc_.footnotes.size()) + 1;
    doc_.footnotes.push_back({n, std::move(text)});
    return n;
  }
  // A count of people, suppressed when small.
  Figure ReachFigure(std::string id, std::string label, const Tally& t, std::string definition,
                     std::vector<std::pair<std::string, std::string>> filters) const {
    Figure f;
    f.id = std::move(id);
    f.label = std::move(label);
    f.value = t.count;
    f.approximate = t.approximate;
    f.definition = std::move(definition);
    f.records = "activity";
    f.filters = std::move(filters);
    f.link = "/activities";
    if (t.count > 0 && t.count < request_.threshold) {
      f.suppressed = true;
      f.value.reset();
    }
    return f;
  }

  // A breakdown of reach: rows (code, label) by the audience groups, suppressed as
  // domain/disclosure.h says, each cell a figure.
  DocTable ReachTable(const std::string& id, const std::string& title, const std::string& row_header,
                      const std::string& figure_prefix,
                      const std::vector<std::pair<std::string, std::string>>& rows,
                      const std::map<std::string, GroupTallies>& data,
                      const std::string& filter_name, const std::string& what);

  Services& services_;
  const Actor& actor_;
  const ImpactReportRequest& request_;
  store::Transaction& tx_;
  report::ReportDoc doc_;
  domain::Period period_;
  std::map<std::string, std::string> region_names_;
  std::map<std::string, std::string> region_prose_;  // code -> the name in sentences
  std::vector<std::pair<std::string, std::string>> regions_;  // (code, name) in code order
  struct SectorInfo {
    std::string name;
    std::string stakeholder_label;
  };
  std::map<std::string, SectorInfo> sectors_;
  std::vector<std::string> sector_order_;
  std::vector<Record> quotes_;  // approved, consented, in the period and region
  std::set<int64_t> quotes_used_;
  std::string inputs_;  // every aggregate row and record the figures come from (Note)
  std::vector<store::ReachRow> reach_;  // by region, type, task, group and sector
  // Outcome events of the period counted by (outcome id, 0 for none) and kind, and what
  // the disclosure rule withholds: the outcomes' bullets and the table by kind (whose rows
  // are the bullets' totals) are one table, protected together.
  std::map<std::pair<int64_t, std::string>, int64_t> event_counts_;
  std::set<std::pair<int64_t, std::string>> event_hidden_;
  std::set<std::string> event_kind_hidden_;
  Status CountEvents();
};

}  // namespace lookout::app::impact

#endif  // LOOKOUT_APP_REPORTS_IMPACT_BUILDER_H_
