// The one translation unit that includes kainjow mustache.
#include "http/ui/templates.h"

#include <kainjow/mustache.hpp>

namespace lookout::http::ui {

namespace {

namespace mustache = kainjow::mustache;

const EmbeddedFile* FindTemplate(std::string_view name) {
  for (const EmbeddedFile& file : EmbeddedTemplates()) {
    std::string_view file_name = file.name;
    if (file_name.size() == name.size() + 9 && file_name.substr(0, name.size()) == name &&
        file_name.substr(name.size()) == ".mustache") {
      return &file;
    }
  }
  return nullptr;
}

mustache::data ToData(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out(mustache::data::type::object);
      for (const auto& [key, item] : value.items()) out.set(key, ToData(item));
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out(mustache::data::type::list);
      for (const nlohmann::json& item : value) out.push_back(ToData(item));
      return out;
    }
    case nlohmann::json::value_t::string:
      // An empty string is false, so {{#description}}...{{/description}} leaves out an
      // empty description (kainjow mustache treats every string as true).
      if (value.get_ref<const std::string&>().empty()) return mustache::data(false);
      return mustache::data(value.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return mustache::data(value.get<bool>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data(false);
    default:
      return mustache::data(value.dump());
  }
}

}  // namespace

Result<std::string> RenderTemplate(std::string_view name, const nlohmann::json& view) {
  const EmbeddedFile* file = FindTemplate(name);
  if (file == nullptr) {
    return Status(ErrorCode::kInternal, "There is no page template " + std::string(name) + ".");
  }
  mustache::mustache tmpl{std::string(file->contents)};
  if (!tmpl.is_valid()) {
    return Status(ErrorCode::kInternal, "The page template " + std::string(name) +
                                            " does not parse: " + tmpl.error_message());
  }
  mustache::data data = ToData(view);
  if (!data.is_object()) data = mustache::data(mustache::data::type::object);
  // Templates whose names start with '_' are partials. Views never use such keys, so a
  // partial's name cannot be shadowed by a value of the view.
  for (const EmbeddedFile& partial : EmbeddedTemplates()) {
    if (partial.name[0] != '_') continue;
    std::string partial_name = partial.name;
    partial_name.resize(partial_name.size() - 9);
    std::string_view contents = partial.contents;
    data.set(partial_name, mustache::partial([contents]() { return std::string(contents); }));
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    return Status(ErrorCode::kInternal,
                  "The page template " + std::string(name) + " failed: " + tmpl.error_message());
  }
  return out;
}

}  // namespace lookout::http::ui
