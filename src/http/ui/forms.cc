#include "http/ui/forms.h"

#include <algorithm>

#include "domain/rules.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

using domain::FieldDef;
using domain::FieldType;
using json = nlohmann::json;

namespace {

// The three parts of a GOV.UK date input.
std::string DatePart(const std::string& iso, int part) {
  std::optional<Date> d = Date::Parse(iso);
  if (!d) return "";
  switch (part) {
    case 0: return std::to_string(d->day);
    case 1: return std::to_string(d->month);
    default: return std::to_string(d->year);
  }
}

std::string Trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

ControlSpec::Kind KindFor(const FieldDef& field, const ControlSpec& spec) {
  if (spec.kind != ControlSpec::Kind::kAuto) return spec.kind;
  switch (field.type) {
    case FieldType::kLongText: return ControlSpec::Kind::kTextarea;
    case FieldType::kEnum: return ControlSpec::Kind::kRadios;
    case FieldType::kEnumSet:
    case FieldType::kRefSet: return ControlSpec::Kind::kCheckboxes;
    case FieldType::kRef: return ControlSpec::Kind::kSelect;
    default: return ControlSpec::Kind::kInput;
  }
}

// Whether a reference control offers a kind whose list grows long enough to search: the
// programme's records and the police forces, not staff, regions or sectors.
bool Searchable(const FieldDef& field) {
  if (field.type != FieldType::kRef && field.type != FieldType::kRefSet) return false;
  return !RecordPagePath(field.target).empty() || field.target == "police_force";
}

}  // namespace

std::vector<ControlSpec> WithChoices(const domain::EntityDef& entity, std::vector<ControlSpec> specs,
                                     Names& names, const FormValues& values) {
  for (ControlSpec& s : specs) {
    const FieldDef* f = entity.Find(s.field);
    if (f == nullptr || s.options.is_array()) continue;
    // Typed in (ids in an input), or insight, which is never looked up in bulk: every read
    // of it is a recorded consultation.
    if (s.kind == ControlSpec::Kind::kInput || f->target == "insight") continue;
    if (f->type == FieldType::kRef || f->type == FieldType::kRefSet) {
      s.options = names.Choices(f->target, values.All(f->name));
    }
  }
  return specs;
}

FormValues FormValues::FromRecord(const domain::EntityDef& entity, const Record& record) {
  FormValues out;
  for (const FieldDef& field : entity.fields) {
    const Value& v = record.Get(field.name);
    if (v.is_null()) continue;
    auto& values = out.values_[field.name];
    if (v.is_list()) {
      for (const Value& item : v.as_list()) values.push_back(item.ToDisplay());
    } else if (field.type == FieldType::kBool) {
      values.push_back(v.is_bool() && v.as_bool() ? "true" : "false");
    } else if (!v.is_rows()) {
      values.push_back(domain::FormatFieldText(field, v));
    }
  }
  return out;
}

FormValues FormValues::FromForm(const domain::EntityDef& entity, const Form& form) {
  FormValues out;
  for (const FieldDef& field : entity.fields) {
    if (field.type == FieldType::kDate) {
      const std::string d = Trimmed(form.Get(field.name + "-day"));
      const std::string m = Trimmed(form.Get(field.name + "-month"));
      const std::string y = Trimmed(form.Get(field.name + "-year"));
      // Kept as typed, to be shown again.
      out.values_[field.name + "-day"] = {d};
      out.values_[field.name + "-month"] = {m};
      out.values_[field.name + "-year"] = {y};
      continue;
    }
    std::vector<std::string> all = form.All(field.name);
    if (!all.empty()) out.values_[field.name] = std::move(all);
  }
  return out;
}

std::string FormValues::Text(const std::string& field) const {
  auto it = values_.find(field);
  return it == values_.end() || it->second.empty() ? "" : it->second.front();
}

std::vector<std::string> FormValues::All(const std::string& field) const {
  auto it = values_.find(field);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

namespace {

// Every key the _field partial reads, present in every control's view: mustache looks a
// missing key up in the enclosing views, where another control's error or options would
// be found.
json Normalised(json view) {
  for (const char* key : {"error", "hint", "describedby", "input", "textarea", "select", "radios",
                          "checkboxes", "boolean", "date", "width", "numeric", "value",
                          "checked", "day", "month", "year", "input_type", "searchable"}) {
    if (!view.contains(key)) view[key] = false;
  }
  if (!view.contains("options")) view["options"] = json::array();
  for (json& option : view["options"]) {
    for (const char* key : {"checked", "selected", "id", "police", "hidden"}) {
      if (!option.contains(key)) option[key] = false;
    }
    if (!option.contains("grading")) option["grading"] = json::array();
  }
  return view;
}

json RawFieldControl(const domain::EntityDef& entity, const ControlSpec& spec,
                     const FormValues& values, const std::vector<FieldError>& errors);

}  // namespace

json FieldControl(const domain::EntityDef& entity, const ControlSpec& spec,
                  const FormValues& values, const std::vector<FieldError>& errors) {
  return Normalised(RawFieldControl(entity, spec, values, errors));
}

namespace {

json RawFieldControl(const domain::EntityDef& entity, const ControlSpec& spec,
                     const FormValues& values, const std::vector<FieldError>& errors) {
  const FieldDef* field = entity.Find(spec.field);
  if (field == nullptr) return json();
  const std::string id = FieldId(field->name);
  json view = {{"id", id}, {"name", field->name}, {"label", field->label}};
  if (spec.optional_label || (!field->required && field->type != FieldType::kBool)) {
    view["label"] = field->label + " (optional)";
  }
  if (!spec.hint.empty()) view["hint"] = spec.hint;
  for (const FieldError& e : errors) {
    if (e.field == field->name && !view.contains("error")) view["error"] = e.message;
  }
  std::string described;
  if (!spec.hint.empty()) described += id + "-hint";
  if (view.contains("error")) described += (described.empty() ? "" : " ") + id + "-error";
  if (!described.empty()) view["describedby"] = described;

  json options = spec.options.is_array() ? spec.options : VocabularyOptions(field->target);
  const ControlSpec::Kind kind = KindFor(*field, spec);
  if (Searchable(*field)) view["searchable"] = true;
  if (field->type == FieldType::kDate) {
    // A date from the form keeps the parts as typed; from a record, split the date.
    std::string day = values.Text(field->name + "-day");
    std::string month = values.Text(field->name + "-month");
    std::string year = values.Text(field->name + "-year");
    if (day.empty() && month.empty() && year.empty()) {
      const std::string iso = values.Text(field->name);
      day = DatePart(iso, 0);
      month = DatePart(iso, 1);
      year = DatePart(iso, 2);
    }
    view["date"] = true;
    view["day"] = day;
    view["month"] = month;
    view["year"] = year;
    if (spec.hint.empty()) {
      view["hint"] = "For example, 27 3 2026";
      view["describedby"] = id + "-hint" + (view.contains("error") ? " " + id + "-error" : "");
    }
    return view;
  }
  if (field->type == FieldType::kBool) {
    view["boolean"] = true;
    view["checked"] = values.Text(field->name) == "true";
    return view;
  }
  const std::vector<std::string> chosen = values.All(field->name);
  auto is_chosen = [&chosen](const std::string& v) {
    return std::find(chosen.begin(), chosen.end(), v) != chosen.end();
  };
  switch (kind) {
    case ControlSpec::Kind::kTextarea:
      view["textarea"] = true;
      view["value"] = values.Text(field->name);
      break;
    case ControlSpec::Kind::kSelect: {
      view["select"] = true;
      json opts = json::array({{{"value", ""}, {"text", "Choose"}, {"selected", chosen.empty()}}});
      for (json o : options) {
        o["selected"] = is_chosen(o["value"].get<std::string>());
        opts.push_back(std::move(o));
      }
      view["options"] = std::move(opts);
      break;
    }
    case ControlSpec::Kind::kRadios:
    case ControlSpec::Kind::kCheckboxes: {
      view[kind == ControlSpec::Kind::kRadios ? "radios" : "checkboxes"] = true;
      json opts = json::array();
      int i = 0;
      for (json o : options) {
        o["checked"] = is_chosen(o["value"].get<std::string>());
        // The first option carries the field's id, so the error summary's link lands on it.
        o["id"] = i == 0 ? id : id + "-" + std::to_string(i);
        ++i;
        opts.push_back(std::move(o));
      }
      view["options"] = std::move(opts);
      break;
    }
    default:
      view["input"] = true;
      view["value"] = values.Text(field->name);
      view["input_type"] = field->type == FieldType::kInt || field->type == FieldType::kReal
                               ? "text"
                               : (field->name == "email" ? "email" : "text");
      if (field->type == FieldType::kInt) view["numeric"] = true;
      if (!spec.width.empty()) view["width"] = spec.width;
  }
  return view;
}

}  // namespace

Record ReadRecord(const domain::EntityDef& entity, const std::vector<ControlSpec>& specs,
                  const Form& form, std::vector<FieldError>& errors) {
  Record record;
  for (const ControlSpec& spec : specs) {
    const FieldDef* field = entity.Find(spec.field);
    if (field == nullptr) continue;
    if (field->type == FieldType::kDate) {
      const std::string d = Trimmed(form.Get(field->name + "-day"));
      const std::string m = Trimmed(form.Get(field->name + "-month"));
      const std::string y = Trimmed(form.Get(field->name + "-year"));
      if (d.empty() && m.empty() && y.empty()) continue;
      std::optional<Date> date;
      if (AllDigits(d) && AllDigits(m) && AllDigits(y) && d.size() <= 2 && m.size() <= 2 &&
          y.size() == 4) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%s-%02d-%02d", y.c_str(), std::stoi(m), std::stoi(d));
        date = Date::Parse(buf);
      }
      if (!date) {
        errors.push_back({field->name, field->label + " must be a real date, for example 27 3 2026"});
        continue;
      }
      record.Set(field->name, date->ToString());
      continue;
    }
    if (field->type == FieldType::kBool) {
      record.Set(field->name, form.Get(field->name) == "true");
      continue;
    }
    if (field->IsSet()) {
      Value::List items;
      for (const std::string& text : form.All(field->name)) {
        if (text.empty()) continue;
        auto value = domain::ParseFieldText(*field, text);
        if (!value.ok()) {
          errors.push_back({field->name, field->label + ": choose from the list"});
          break;
        }
        for (const Value& v : value->as_list()) items.push_back(v);
      }
      record.Set(field->name, Value(std::move(items)));
      continue;
    }
    std::string text = form.Get(field->name);
    if (field->type != FieldType::kText && field->type != FieldType::kLongText) {
      text = Trimmed(text);
    }
    if (text.empty()) continue;
    auto value = domain::ParseFieldText(*field, text);
    if (!value.ok()) {
      errors.push_back({field->name, field->type == FieldType::kInt
                                         ? field->label + " must be a whole number"
                                         : field->label + ": " + value.status().message()});
      continue;
    }
    record.Set(field->name, *value);
  }
  return record;
}

std::vector<FieldError> PageErrors(const domain::EntityDef& entity,
                                   const std::vector<FieldError>& errors) {
  std::vector<FieldError> out;
  for (const FieldError& e : errors) {
    const FieldDef* field = entity.Find(e.field);
    if (field == nullptr || e.message.empty()) {
      out.push_back(e);
      continue;
    }
    // Messages already written for a page start with the label; whole sentences (a
    // policy's or a lock's refusal put on the field that caused it) start with a capital.
    if (e.message.rfind(field->label, 0) == 0 || std::isupper(static_cast<unsigned char>(e.message[0]))) {
      out.push_back(e);
    } else {
      out.push_back({e.field, field->label + " " + e.message});
    }
  }
  return out;
}

// ---- FormErrors ----------------------------------------------------------------------

namespace {

// Whether a form can show `code` beside its fields instead of an error page.
bool ShownOnTheForm(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
    case ErrorCode::kInvalidReference:
    case ErrorCode::kDuplicate:
    case ErrorCode::kForbidden:
    case ErrorCode::kConflict:
    case ErrorCode::kIllegalTransition:
    case ErrorCode::kTooManyRequests:
    case ErrorCode::kUnavailable:
    case ErrorCode::kBadRequest:
    case ErrorCode::kMethodNotAllowed:
      return true;
    default:
      return false;
  }
}

// Problems that belong to the form as a whole, not to one of its controls.
bool WholeForm(const std::string& field) { return field.empty() || field == "version"; }

}  // namespace

void FormErrors::Add(std::string field, std::string message) {
  // A control shows one message, the first; so does a stale copy ("version").
  if (!field.empty() && Has(field)) return;
  errors_.push_back({std::move(field), std::move(message)});
}

bool FormErrors::Take(const Status& refusal, const domain::EntityDef* entity,
                      const std::string& field) {
  if (refusal.ok()) return true;
  if (!ShownOnTheForm(refusal.code())) return false;
  if (!status_set_) {
    status_ = ErrorCodeHttpStatus(refusal.code());
    status_set_ = true;
  }
  if (refusal.code() == ErrorCode::kUnavailable) {
    // The store's words are for the log; a person is told what to do.
    Add(field, "Lookout's database is busy and nothing was saved. Your entries are kept "
               "below: save again in a minute.");
    return true;
  }
  std::vector<FieldError> problems = refusal.fields();
  if (entity != nullptr) problems = PageErrors(*entity, problems);
  if (problems.empty()) problems.push_back({field, refusal.message()});
  for (FieldError& e : problems) {
    if (e.message.empty()) e.message = refusal.message();
    Add(std::move(e.field), std::move(e.message));
  }
  return true;
}

bool FormErrors::Has(std::string_view field) const {
  return std::any_of(errors_.begin(), errors_.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

void FormErrors::Reword(std::string_view field, const std::string& message) {
  bool kept = false;
  std::vector<FieldError> out;
  for (FieldError& e : errors_) {
    if (e.field != field) {
      out.push_back(std::move(e));
    } else if (!kept) {
      out.push_back({e.field, message});
      kept = true;
    }
  }
  errors_ = std::move(out);
}

void FormErrors::Move(std::string_view from, const std::string& to) {
  MoveWhere([&](const std::string& f) { return f == from; }, to);
}

void FormErrors::MoveWhere(const std::function<bool(const std::string&)>& from,
                           const std::string& to) {
  Rewrite([&](FieldError e) {
    if (from(e.field)) e.field = to;
    return e;
  });
}

void FormErrors::Rewrite(const std::function<FieldError(FieldError)>& rewrite) {
  std::vector<FieldError> out;
  for (FieldError& original : errors_) {
    FieldError e = rewrite(std::move(original));
    // A control shows one message: the first that landed on it.
    const bool repeated = !WholeForm(e.field) &&
                          std::any_of(out.begin(), out.end(), [&](const FieldError& o) {
                            return o.field == e.field;
                          });
    if (!repeated) out.push_back(std::move(e));
  }
  errors_ = std::move(out);
}

void FormErrors::Order(const std::vector<std::string>& order) {
  // A problem on a field the form has no control for is the form's as a whole.
  for (FieldError& e : errors_) {
    if (!WholeForm(e.field) && std::find(order.begin(), order.end(), e.field) == order.end()) {
      e.field.clear();
    }
  }
  auto rank = [&](const FieldError& e) -> size_t {
    if (WholeForm(e.field)) return 0;  // what refuses the whole form comes first
    const auto it = std::find(order.begin(), order.end(), e.field);
    return it == order.end() ? order.size() + 1 : static_cast<size_t>(it - order.begin()) + 1;
  };
  std::stable_sort(errors_.begin(), errors_.end(),
                   [&](const FieldError& a, const FieldError& b) { return rank(a) < rank(b); });
}

json FormErrors::Summary(const std::string& first_control) const {
  std::vector<FieldError> linked = errors_;
  for (FieldError& e : linked) {
    if (WholeForm(e.field)) e.field = first_control;
  }
  return ErrorSummaryView(linked);
}

std::vector<std::string> FieldOrder(const std::vector<ControlSpec>& specs) {
  std::vector<std::string> out;
  for (const ControlSpec& s : specs) out.push_back(s.field);
  return out;
}

json ChangedByOthers(const domain::EntityDef& entity, const std::vector<ControlSpec>& specs,
                     const FormValues& mine, const Record& theirs, Names& names) {
  const FormValues stored = FormValues::FromRecord(entity, theirs);
  json changes = json::array();
  for (const ControlSpec& s : specs) {
    const FieldDef* f = entity.Find(s.field);
    if (f == nullptr) continue;
    std::string typed = mine.Text(s.field);
    if (f->type == FieldType::kDate) {
      // The form keeps a date in its three parts.
      typed = mine.Text(s.field + "-year").empty() ? "" : "(as you typed it)";
    }
    if (f->IsSet() ? mine.All(s.field) != stored.All(s.field) : typed != stored.Text(s.field)) {
      changes.push_back({{"label", f->label}, {"theirs", DisplayValue(*f, theirs, names)}});
    }
  }
  return changes;
}

Result<Response> ArchiveFromForm(
    PageRequest& page, const domain::EntityDef& entity, const Record& record, bool archive,
    const std::string& next, const std::function<Result<Response>(const FormErrors&)>& page_again) {
  int64_t version = 0;
  if (!ParseId(page.form.Get("version"), &version)) {
    FormErrors errors;
    errors.Add("reason", "The form has no version: reload the page and try again.");
    return page_again(errors);
  }
  auto done = page.env->services.Archive(page.actor, entity, record.Id(), version, archive,
                                         page.form.Get("reason"));
  if (!done.ok()) {
    // A refusal (a locked period, a stale copy, a permission) keeps the page and the
    // reason typed, with why beside the form.
    FormErrors errors;
    if (!errors.Take(done.status(), nullptr, "reason")) return done.status();
    return page_again(errors);
  }
  return RedirectWithNotice(page, next,
                            entity.label + " \"" + Shortened(RecordName(entity, *done), 80) +
                                (archive ? "\" has been archived." : "\" has been restored."));
}

}  // namespace lookout::http::ui
