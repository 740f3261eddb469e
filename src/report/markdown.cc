#include "report/markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace lookout::report {

namespace {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

// Every heading of the parsed document `levels` deeper (at most level 6). With
// `drop_html`, raw HTML is taken out (what safe HTML rendering leaves out too).
void Demote(cmark_node* document, int levels, bool drop_html = false) {
  std::vector<cmark_node*> html;
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(node) + levels;
      cmark_node_set_heading_level(node, level > 6 ? 6 : level);
    } else if (drop_html && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE)) {
      html.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* node : html) cmark_node_free(node);  // unlinks it first
}

}  // namespace

std::string DemoteHeadings(std::string_view markdown, int levels) {
  NodePtr doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  if (!doc) return std::string();
  Demote(doc.get(), levels, /*drop_html=*/true);
  std::unique_ptr<char, decltype(&std::free)> text(
      cmark_render_commonmark(doc.get(), CMARK_OPT_DEFAULT, 0), &std::free);
  return text ? std::string(text.get()) : std::string();
}

std::string MarkdownToHtml(std::string_view markdown, int demote_headings) {
  if (demote_headings > 0) {
    NodePtr doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
    if (!doc) return std::string();
    Demote(doc.get(), demote_headings);
    std::unique_ptr<char, decltype(&std::free)> html(
        cmark_render_html(doc.get(), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE), &std::free);
    return html ? std::string(html.get()) : std::string();
  }
  // CMARK_OPT_DEFAULT is safe in libcmark 0.30 (raw HTML and dangerous links omitted);
  // the flag below says so explicitly should the default ever change.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace lookout::report
