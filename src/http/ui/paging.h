// List pages: filters and paging in the query string (so every list view can be
// bookmarked and shared), the filter controls and the GOV.UK pagination.
#ifndef LOOKOUT_HTTP_UI_PAGING_H_
#define LOOKOUT_HTTP_UI_PAGING_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "domain/schema.h"
#include "http/ui/page.h"
#include "store/store.h"

namespace lookout::http::ui {

constexpr int64_t kRowsPerPage = 25;

struct ListRequest {
  app::Params params;  // for Services::List: the filters given, limit and offset
  std::vector<std::pair<std::string, std::string>> filters;  // the filters given, for links
  std::vector<FieldError> errors;  // a bad page number; the use case adds bad filters
  int64_t page_number = 1;
  std::string Value(const std::string& name) const;  // a filter's value, "" when not given
};

// Reads the filters named in `filter_names` and `page` from the query string. Empty
// values are left out; so is anything not named.
ListRequest ReadListRequest(const PageRequest& page, const std::vector<std::string>& filter_names);

// A filter's select control: {"name", "label", "options": [{"value","text","selected"}]},
// with "Any" first.
nlohmann::json FilterSelect(const std::string& name, const std::string& label,
                            const nlohmann::json& options, const ListRequest& list);

// The GOV.UK pagination's view: "showing" text, previous and next links keeping the
// filters, and numbered pages around the current one.
nlohmann::json PagingView(const PageRequest& page, const ListRequest& list, int64_t total);

// Lists `entity` for a list page with `list.params`. A bad filter (kValidation) becomes
// `list.errors` and an empty page, to be shown with the error summary; other errors are
// returned.
Result<store::Page> ListForPage(const PageRequest& page, const domain::EntityDef& entity,
                                ListRequest& list);

// Renders a list page: `view` gets "paging", "none" (no rows) and the error summary of
// `list.errors`, and the status is 422 when there are errors.
Response RenderListPage(const PageRequest& page, const std::string& title,
                        std::string_view body_template, nlohmann::json view,
                        const ListRequest& list, int64_t total);

// The record the path's {id} names, read as the page's actor (kNotFound for an id that is
// not a number, "There is no such <label>.").
Result<Record> RecordOfPath(const PageRequest& page, const domain::EntityDef& entity);

// A record id from a path segment: digits only, more than 0.
bool ParseId(const std::string& text, int64_t* id);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_PAGING_H_
