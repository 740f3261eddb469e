#include "http/ui/paging.h"

#include <algorithm>
#include <cctype>

namespace lookout::http::ui {

using json = nlohmann::json;

std::string ListRequest::Value(const std::string& name) const {
  for (const auto& [key, value] : filters) {
    if (key == name) return value;
  }
  return "";
}

ListRequest ReadListRequest(const PageRequest& page, const std::vector<std::string>& filter_names) {
  ListRequest list;
  for (const std::string& name : filter_names) {
    const std::string value = page.Query(name);
    if (value.empty()) continue;
    list.filters.emplace_back(name, value);
    list.params.emplace_back(name, value);
  }
  const std::string number = page.Query("page");
  if (!number.empty()) {
    int64_t n = 0;
    if (!ParseId(number, &n) || n > 1000000) {
      list.errors.push_back({"page", "The page number must be a whole number from 1"});
    } else {
      list.page_number = n;
    }
  }
  list.params.emplace_back("limit", std::to_string(kRowsPerPage));
  list.params.emplace_back("offset", std::to_string((list.page_number - 1) * kRowsPerPage));
  return list;
}

json FilterSelect(const std::string& name, const std::string& label, const json& options,
                  const ListRequest& list) {
  const std::string chosen = list.Value(name);
  json opts = json::array({{{"value", ""}, {"text", "Any"}, {"selected", chosen.empty()}}});
  for (json o : options) {
    o["selected"] = o["value"].get<std::string>() == chosen;
    opts.push_back(std::move(o));
  }
  return {{"name", name}, {"id", "filter-" + name}, {"label", label}, {"options", opts}};
}

json PagingView(const PageRequest& page, const ListRequest& list, int64_t total) {
  const int64_t pages = std::max<int64_t>(1, (total + kRowsPerPage - 1) / kRowsPerPage);
  const int64_t current = std::min(list.page_number, pages);
  auto href = [&](int64_t n) {
    auto params = list.filters;
    if (n > 1) params.emplace_back("page", std::to_string(n));
    return PathWithQuery(page.http.path, params);
  };
  json view = {{"total", total}};
  if (total > 0) {
    const int64_t first = (current - 1) * kRowsPerPage + 1;
    const int64_t last = std::min(total, current * kRowsPerPage);
    view["showing"] = "Showing " + std::to_string(first) + " to " + std::to_string(last) +
                      " of " + std::to_string(total);
  }
  if (pages > 1) {
    json items = json::array();
    for (int64_t n = 1; n <= pages; ++n) {
      const bool near = n == 1 || n == pages || (n >= current - 2 && n <= current + 2);
      if (!near) {
        if (items.empty() || !items.back().contains("ellipsis")) items.push_back({{"ellipsis", true}});
        continue;
      }
      items.push_back({{"number", n}, {"href", href(n)}, {"current", n == current}});
    }
    view["items"] = items;
    if (current > 1) view["previous"] = href(current - 1);
    if (current < pages) view["next"] = href(current + 1);
    view["paged"] = true;
  }
  return view;
}

Result<store::Page> ListForPage(const PageRequest& page, const domain::EntityDef& entity,
                                ListRequest& list) {
  auto found = page.env->services.List(page.actor, entity, list.params);
  if (found.ok()) return found;
  if (found.status().code() != ErrorCode::kValidation) return found.status();
  for (const FieldError& e : found.status().fields()) list.errors.push_back(e);
  return store::Page{};
}

Response RenderListPage(const PageRequest& page, const std::string& title,
                        std::string_view body_template, json view, const ListRequest& list,
                        int64_t total) {
  view["paging"] = PagingView(page, list, total);
  view["none"] = total == 0;
  if (!list.errors.empty()) view["error_summary"] = ErrorSummaryView(list.errors);
  return RenderPage(page, title, body_template, std::move(view), list.errors.empty() ? 200 : 422);
}

Result<Record> RecordOfPath(const PageRequest& page, const domain::EntityDef& entity) {
  int64_t id = 0;
  if (!ParseId(page.params.Get("id"), &id)) {
    std::string label = entity.label;
    if (!label.empty()) label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    return Status::NotFound("There is no such " + label + ".");
  }
  return page.env->services.Get(page.actor, entity, id);
}

bool ParseId(const std::string& text, int64_t* id) {
  if (text.empty() || text.size() > 18) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return false;
  *id = v;
  return true;
}

}  // namespace lookout::http::ui
