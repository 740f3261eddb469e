#include "report/doc.h"

#include <cmath>

#include "report/format.h"

namespace lookout::report {

const Figure* ReportDoc::FindFigure(const std::string& id) const {
  for (const Figure& f : figures) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::optional<int64_t> PercentOf(const Figure& figure) {
  if (!figure.value || !figure.base || *figure.base <= 0) return std::nullopt;
  return static_cast<int64_t>(std::floor(static_cast<double>(*figure.value) * 100.0 /
                                             static_cast<double>(*figure.base) + 0.5));
}

std::string FigureText(const Figure& figure, int threshold) {
  if (figure.suppressed || !figure.value) {
    // A proportion is withheld for its small base, a count for being small.
    if (figure.IsProportion()) return "not shown (fewer than " + std::to_string(threshold) + " respondents)";
    return "fewer than " + std::to_string(threshold);
  }
  if (figure.IsProportion()) {
    std::string text =
        Thousands(*figure.value) + " out of " + Thousands(*figure.base) + " respondents";
    if (auto percent = PercentOf(figure)) text += " (" + std::to_string(*percent) + "%)";
    return text;
  }
  return (figure.approximate ? "approximately " : "") + Thousands(*figure.value);
}

std::string FigureUrl(const ReportDoc& doc, const Figure& figure) {
  if (doc.base_url.empty() || figure.link.empty()) return "";
  return doc.base_url + figure.link;
}

Inline JoinList(std::vector<Inline> items) {
  Inline out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back({Span::Kind::kText, i + 1 == items.size() ? " and " : ", ", "", 0});
    for (Span& span : items[i]) out.push_back(std::move(span));
  }
  return out;
}

std::string InlineText(const ReportDoc& doc, const Inline& text) {
  std::string out;
  for (const Span& span : text) {
    switch (span.kind) {
      case Span::Kind::kText:
      case Span::Kind::kStrong:
        out += span.text;
        break;
      case Span::Kind::kFigure:
        if (const Figure* f = doc.FindFigure(span.figure)) out += FigureText(*f, doc.threshold);
        break;
      case Span::Kind::kFootnote:
        out += "[" + std::to_string(span.footnote) + "]";
        break;
    }
  }
  return out;
}

}  // namespace lookout::report
