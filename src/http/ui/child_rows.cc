#include "http/ui/child_rows.h"

#include <algorithm>
#include <cctype>

#include "http/ui/display.h"

namespace lookout::http::ui {

namespace {

using domain::FieldDef;
using domain::FieldType;
using json = nlohmann::json;

std::string Trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string Lowered(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// How a cell is offered: a select for a code, narrow inputs for numbers and codes.
ControlSpec CellSpec(const FieldDef& f, const std::string& name) {
  ControlSpec spec{.field = name};
  if (f.type == FieldType::kEnum || f.type == FieldType::kRef) spec.kind = ControlSpec::Kind::kSelect;
  if (f.type == FieldType::kInt || f.type == FieldType::kReal) spec.width = "4";
  if (f.type == FieldType::kText) spec.width = f.name == "code" ? "10" : "20";
  return spec;
}

// "factors[3].weight" -> 3 and "weight"; false for anything else.
bool ParseCell(const std::string& field, const std::string& name, size_t* index, std::string* cell) {
  const std::string prefix = name + "[";
  if (field.rfind(prefix, 0) != 0) return false;
  const size_t close = field.find(']', prefix.size());
  if (close == std::string::npos || close == prefix.size()) return false;
  const std::string digits = field.substr(prefix.size(), close - prefix.size());
  if (digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return false;
  *index = static_cast<size_t>(std::stoul(digits));
  *cell = close + 1 < field.size() && field[close + 1] == '.' ? field.substr(close + 2) : "";
  return true;
}

}  // namespace

ChildRowsForm::ChildRowsForm(const domain::EntityDef& parent, std::string field, std::string row_label)
    : child_(domain::ChildEntity(*parent.Find(field))), field_(std::move(field)),
      row_label_(std::move(row_label)) {}

std::string ChildRowsForm::Cell(size_t index, const std::string& child_field) const {
  return field_ + "[" + std::to_string(index) + "]." + child_field;
}

domain::EntityDef ChildRowsForm::RowDef(size_t index) const {
  domain::EntityDef def = child_;
  for (FieldDef& f : def.fields) f.name = Cell(index, f.name);
  return def;
}

size_t ChildRowsForm::RowsIn(const Form& form) const {
  const std::string text = form.Get(field_ + "-rows");
  if (text.empty() || text.size() > 3 || !std::all_of(text.begin(), text.end(), ::isdigit)) return 0;
  return std::min(static_cast<size_t>(std::stoul(text)), kMaxRows);
}

bool ChildRowsForm::AddRowAsked(const Form& form) { return form.Get("action") == "add-row"; }

Value::Rows ChildRowsForm::Read(const Form& form) {
  Value::Rows rows;
  form_row_of_.clear();
  unreadable_.clear();
  const size_t count = RowsIn(form);
  for (size_t i = 0; i < count; ++i) {
    if (form.Get(Cell(i, "remove")) == "true") continue;
    const domain::EntityDef def = RowDef(i);
    bool empty = true;
    for (const FieldDef& f : def.fields) {
      if (f.type != FieldType::kBool && !Trimmed(form.Get(f.name)).empty()) empty = false;
    }
    if (empty) continue;
    std::vector<ControlSpec> specs;
    for (const FieldDef& f : def.fields) specs.push_back(CellSpec(f, f.name));
    std::vector<FieldError> unreadable;
    const Record read = ReadRecord(def, specs, form, unreadable);
    for (FieldError& e : unreadable) {
      unreadable_.push_back({e.field, row_label_ + " " + std::to_string(i + 1) + ": " + e.message});
    }
    Record row;
    for (const FieldDef& f : child_.fields) {
      const Value& v = read.Get(Cell(i, f.name));
      if (!v.is_null()) row.Set(f.name, v);
    }
    rows.push_back(std::move(row));
    form_row_of_.push_back(i);
  }
  return rows;
}

void ChildRowsForm::PlaceErrors(FormErrors& errors) const {
  errors.Rewrite([this](FieldError e) {
    size_t index = 0;
    std::string cell;
    if (!ParseCell(e.field, field_, &index, &cell) || index >= form_row_of_.size()) return e;
    const FieldDef* f = child_.Find(cell);
    const size_t row = form_row_of_[index];
    // A problem of the row as a whole goes on its first cell.
    if (f == nullptr) f = &child_.fields.front();
    const bool sentence = !e.message.empty() && std::isupper(static_cast<unsigned char>(e.message[0]));
    return FieldError{Cell(row, f->name),
                      row_label_ + " " + std::to_string(row + 1) + ": " +
                          (sentence || e.message.rfind(f->label, 0) == 0
                               ? e.message
                               : Lowered(f->label) + " " + e.message)};
  });
  // A cell that could not be read says so, rather than that it is missing.
  for (const FieldError& e : unreadable_) {
    if (errors.Has(e.field)) {
      errors.Reword(e.field, e.message);
    } else {
      errors.Add(e.field, e.message);
    }
  }
}

std::vector<std::string> ChildRowsForm::Order(size_t rows) const {
  std::vector<std::string> out = {field_};
  for (size_t i = 0; i < rows; ++i) {
    for (const FieldDef& f : child_.fields) out.push_back(Cell(i, f.name));
  }
  return out;
}

json ChildRowsForm::View(const Value& stored, const Form* submitted, const FormErrors& errors,
                         bool add_row) const {
  size_t count = 0;
  if (submitted != nullptr) {
    count = RowsIn(*submitted) + (add_row ? 1 : 0);
  } else {
    const size_t kept = stored.is_rows() ? stored.as_rows().size() : 0;
    count = kept == 0 ? 3 : kept + 1;
  }
  count = std::max<size_t>(std::min(count, kMaxRows), 1);
  json rows = json::array();
  for (size_t i = 0; i < count; ++i) {
    const domain::EntityDef def = RowDef(i);
    FormValues values;
    if (submitted != nullptr) {
      values = FormValues::FromForm(def, *submitted);
    } else if (stored.is_rows() && i < stored.as_rows().size()) {
      Record prefixed;
      for (const auto& [name, value] : stored.as_rows()[i].fields) prefixed.Set(Cell(i, name), value);
      values = FormValues::FromRecord(def, prefixed);
    }
    json cells = json::array();
    for (const FieldDef& f : def.fields) {
      cells.push_back(FieldControl(def, CellSpec(f, f.name), values, errors.list()));
    }
    const std::string number = std::to_string(i + 1);
    rows.push_back({{"legend", row_label_ + " " + number},
                    {"cells", cells},
                    {"remove_name", Cell(i, "remove")},
                    {"remove_id", FieldId(Cell(i, "remove"))},
                    {"remove_checked", submitted != nullptr && submitted->Get(Cell(i, "remove")) == "true"},
                    {"remove_label", "Remove " + Lowered(row_label_) + " " + number}});
  }
  json view = {{"name", field_},
               {"id", FieldId(field_)},
               {"rows_name", field_ + "-rows"},
               {"count", std::to_string(count)},
               {"rows", rows},
               {"error", false},
               {"add_label", "Add another " + Lowered(row_label_)}};
  for (const FieldError& e : errors.list()) {
    if (e.field == field_ && view["error"] == false) view["error"] = e.message;
  }
  return view;
}

}  // namespace lookout::http::ui
