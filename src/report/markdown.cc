#include "report/markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace lookout::report {

std::string MarkdownToHtml(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe in libcmark 0.30 (raw HTML and dangerous links omitted);
  // the flag below says so explicitly should the default ever change.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace lookout::report
