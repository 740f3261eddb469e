// Forms for records, driven by the entity definitions: one GOV.UK form control per field
// (text input, textarea, select, radios, checkboxes, the three-part date input), the
// submitted form read back into a Record, and the GOV.UK error pattern (an error summary
// linking to each field, the message beside the field, the input kept).
#ifndef LOOKOUT_HTTP_UI_FORMS_H_
#define LOOKOUT_HTTP_UI_FORMS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"
#include "http/ui/display.h"
#include "http/ui/page.h"

namespace lookout::http::ui {

// How one field is offered.
struct ControlSpec {
  std::string field;        // the entity's field
  std::string hint;         // shown under the label
  enum class Kind { kAuto, kSelect, kRadios, kCheckboxes, kTextarea, kInput } kind = Kind::kAuto;
  nlohmann::json options;   // for refs: [{"value","text"}]; null: the vocabulary's terms
  std::string width;        // GOV.UK input width class suffix ("10", "one-half")
  bool optional_label = false;  // "(optional)" after the label
};

// The values a form shows: what was submitted (after an error) or the record's.
class FormValues {
 public:
  static FormValues FromRecord(const domain::EntityDef& entity, const Record& record);
  static FormValues FromForm(const domain::EntityDef& entity, const Form& form);

  std::string Text(const std::string& field) const;        // first value or ""
  std::vector<std::string> All(const std::string& field) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// The view of one control for the _field partial.
nlohmann::json FieldControl(const domain::EntityDef& entity, const ControlSpec& spec,
                            const FormValues& values, const std::vector<FieldError>& errors);

// Reads the fields named in `specs` from a submitted form into a Record. A field left
// empty is absent (null). Values that cannot be read (a date that is not a date, a
// number that is not a number) are FieldErrors with messages for people; everything else
// is for the use case to validate.
Record ReadRecord(const domain::EntityDef& entity, const std::vector<ControlSpec>& specs,
                  const Form& form, std::vector<FieldError>& errors);

// The use case's field errors worded for a page: "Summary is required" rather than
// "summary: is required". Errors on child rows and unknown fields keep their name.
std::vector<FieldError> PageErrors(const domain::EntityDef& entity,
                                   const std::vector<FieldError>& errors);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_FORMS_H_
