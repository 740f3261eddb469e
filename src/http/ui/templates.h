// The page templates: mustache (kainjow mustache 4), compiled into the binary from
// http/ui/templates/*.mustache, rendered over views built as JSON. Every value is
// HTML-escaped unless a template asks otherwise with {{{name_html}}}, which only names
// ending in "_html" may do (tests/http/ui_templates_test.cc checks): those carry markup
// Lookout made itself (a rendered page body, an SVG chart), never text a person typed.
#ifndef LOOKOUT_HTTP_UI_TEMPLATES_H_
#define LOOKOUT_HTTP_UI_TEMPLATES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_file.h"
#include "core/status.h"

namespace lookout::http::ui {

// http/ui/templates/*.mustache, in name order.
const std::vector<EmbeddedFile>& EmbeddedTemplates();

// Renders the template `name` ("sign_in" for sign_in.mustache) over `view`. Templates
// whose names start with '_' are partials: {{> _error_summary}} (so view keys never start
// with '_'). JSON null, false and
// "" are false to mustache sections (and render as nothing); numbers are written as JSON
// writes them.
// Errors (programming errors the tests catch): kInternal naming the template when there
// is no such template or it does not parse.
Result<std::string> RenderTemplate(std::string_view name, const nlohmann::json& view);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_TEMPLATES_H_
