#include "report/pdf_text.h"

#include <cmark.h>
#include <glib.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include "core/time.h"

namespace lookout::report::pdf {

// ---------------------------------------------------------------------------------------
// Text from people: valid UTF-8 without control characters, and escaped for pango markup.

std::string CleanText(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u == '\n' || u == '\t') {
      plain += c;
    } else if (u < 0x20 || u == 0x7f) {
      plain += ' ';
    } else {
      plain += c;
    }
  }
  std::unique_ptr<gchar, decltype(&g_free)> valid(
      g_utf8_make_valid(plain.data(), static_cast<gssize>(plain.size())), &g_free);
  return valid ? std::string(valid.get()) : std::string();
}

std::string Escape(std::string_view text) {
  const std::string clean = CleanText(text);
  std::unique_ptr<gchar, decltype(&g_free)> escaped(
      g_markup_escape_text(clean.data(), static_cast<gssize>(clean.size())), &g_free);
  return escaped ? std::string(escaped.get()) : std::string();
}

// ---------------------------------------------------------------------------------------
// Markdown (a case study's body) as blocks of pango markup, from libcmark's tree. Raw HTML
// is left out; links are written as their text.


std::vector<MdBlock> MarkdownBlocks(std::string_view markdown) {
  std::vector<MdBlock> blocks;
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
      cmark_parse_document(markdown.data(), markdown.size(),
                           CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8),
      &cmark_node_free);
  if (!root) return blocks;
  struct List {
    bool ordered;
    int next;
    bool tight;
  };
  std::vector<List> lists;
  int quotes = 0;
  std::string pending_marker;
  MdBlock current;
  const auto start = [&](MdBlock::Kind kind) {
    current = MdBlock{};
    current.kind = kind;
    current.indent = static_cast<int>(lists.size()) + quotes;
    current.marker = std::exchange(pending_marker, "");
    current.quote = quotes > 0;
    current.tight = !lists.empty() && lists.back().tight;
  };
  const auto literal = [](cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text ? Escape(text) : std::string();
  };

  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root.get()),
                                                               &cmark_iter_free);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const bool enter = event == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        if (enter) {
          start(MdBlock::Kind::kParagraph);
        } else {
          blocks.push_back(std::move(current));
        }
        break;
      case CMARK_NODE_HEADING:
        if (enter) {
          start(MdBlock::Kind::kHeading);
          current.level = cmark_node_get_heading_level(node);
        } else {
          blocks.push_back(std::move(current));
        }
        break;
      case CMARK_NODE_LIST:
        if (enter) {
          lists.push_back({cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                           cmark_node_get_list_start(node), cmark_node_get_list_tight(node) != 0});
        } else if (!lists.empty()) {
          lists.pop_back();
        }
        break;
      case CMARK_NODE_ITEM:
        if (enter && !lists.empty()) {
          List& list = lists.back();
          pending_marker = list.ordered ? std::to_string(list.next++) + "." : "\u2022";
        } else {
          pending_marker.clear();
        }
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        quotes += enter ? 1 : -1;
        break;
      case CMARK_NODE_CODE_BLOCK: {
        start(MdBlock::Kind::kCode);
        std::string code = literal(node);
        while (!code.empty() && code.back() == '\n') code.pop_back();
        current.markup = std::move(code);
        blocks.push_back(std::move(current));
        break;
      }
      case CMARK_NODE_THEMATIC_BREAK:
        start(MdBlock::Kind::kRule);
        blocks.push_back(std::move(current));
        break;
      case CMARK_NODE_TEXT:
        current.markup += literal(node);
        break;
      case CMARK_NODE_CODE:
        current.markup += "<tt>" + literal(node) + "</tt>";
        break;
      case CMARK_NODE_SOFTBREAK:
        current.markup += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        current.markup += '\n';
        break;
      case CMARK_NODE_EMPH:
        current.markup += enter ? "<i>" : "</i>";
        break;
      case CMARK_NODE_STRONG:
        current.markup += enter ? "<b>" : "</b>";
        break;
      default:  // the document, raw HTML (left out), links and images (their text only)
        break;
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Dates as people write them.

namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};

std::string LongDate(const Date& d) {
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

}  // namespace

// "1 April 2025" from "2025-04-01"; anything else as it is.
std::string LongDate(const std::string& iso) {
  const std::optional<Date> date = Date::Parse(iso);
  return date ? LongDate(*date) : iso;
}

// "3 April 2026, 09:15 UTC" from "2026-04-03T09:15:00Z"; anything else as it is.
std::string LongTimestamp(const std::string& text) {
  const std::optional<int64_t> t = ParseTimestamp(text);
  if (!t) return text;
  const int64_t seconds = ((*t % 86400) + 86400) % 86400;
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60));
  return LongDate(Date::FromDays((*t - seconds) / 86400)) + ", " + time + " UTC";
}

}  // namespace lookout::report::pdf
