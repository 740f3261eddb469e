// Forms for records, driven by the entity definitions: one GOV.UK form control per field
// (text input, textarea, select, radios, checkboxes, the three-part date input), the
// submitted form read back into a Record, and the GOV.UK error pattern (an error summary
// linking to each field, the message beside the field, the input kept).
#ifndef LOOKOUT_HTTP_UI_FORMS_H_
#define LOOKOUT_HTTP_UI_FORMS_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
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

// `specs` with the choices of every reference control that names none: Names::Choices of
// the field's kind (what the actor may tie the record to), keeping every value `values`
// holds. A select of a kind that grows long (tasks, partners, campaigns, outcomes,
// forces...) is searchable with JavaScript (an accessible autocomplete over the select,
// which stays the control without it); checkboxes of such a kind get a search box that
// narrows them (see FieldControl's "searchable").
std::vector<ControlSpec> WithChoices(const domain::EntityDef& entity, std::vector<ControlSpec> specs,
                                     Names& names, const FormValues& values);

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

// ---- The one way through a form's POST -------------------------------------------
//
// Every form of Lookout answers a POST the same way (docs/web.md, "Forms"):
//   1. read the form into typed values; what cannot be read is a FormErrors::Add
//      (a type error: "Date received must be a real date");
//   2. ask the use case for every rule problem of the same input without writing
//      (Services::CheckCreate / CheckUpdate, or the page's own rules) and Take() them:
//      a field that already has a problem keeps its first, so a date that is not a date
//      is not also "required";
//   3. if there is any problem, render the form again with every value as given and every
//      message (status HttpStatus()); else save, Take() a refusal of the save the same way
//      (a stale copy, a locked period, a permission, a busy database: all keep the form)
//      and show the error page only when Take() says the refusal is not the form's (a
//      missing record, a bug);
//   4. on success, RedirectWithNotice(): the next page shows the success banner, once.
class FormErrors {
 public:
  // A problem the page found in the form.
  void Add(std::string field, std::string message);
  // Adds the problems `refusal` carries (worded for a page with PageErrors when `entity`
  // is given), each on its field, a whole-record refusal without fields on `field`.
  // Returns false, adding nothing, for a refusal a form cannot show: kNotFound, an
  // internal error, a signed-out or expired session. An OK status adds nothing and is
  // true.
  bool Take(const Status& refusal, const domain::EntityDef* entity = nullptr,
            const std::string& field = "");
  bool empty() const { return errors_.empty(); }
  const std::vector<FieldError>& list() const { return errors_; }
  // Whether any problem is on `field`.
  bool Has(std::string_view field) const;
  // Gives every problem on `field` the message `message` (one problem kept).
  void Reword(std::string_view field, const std::string& message);
  // Moves the problems on `from` (a whole-record refusal, a child row "audience[2].count")
  // to the control `to` that the summary must link to.
  void Move(std::string_view from, const std::string& to);
  void MoveWhere(const std::function<bool(const std::string&)>& from, const std::string& to);
  // Rewrites each problem (its field and message) with `rewrite`, keeping the status and
  // one problem a control, the first (child rows' problems put on their cells).
  void Rewrite(const std::function<FieldError(FieldError)>& rewrite);
  // Orders the problems as the form's controls are ordered (GOV.UK's rule): problems of
  // the whole form first, then those on `order`'s fields in that order. A problem on a
  // field that is not among `order` (the form has no control for it) becomes one of the
  // whole form: call it once every problem is on its control (see Move).
  void Order(const std::vector<std::string>& order);
  // The HTTP status of the form shown again: the first refusal's (403, 409, 429, 503),
  // else 422.
  int HttpStatus() const { return status_; }
  // The error summary's view (page.h ErrorSummaryView) with every problem not on a
  // control ("", "version") linked to `first_control`, the form's first control.
  nlohmann::json Summary(const std::string& first_control) const;

 private:
  std::vector<FieldError> errors_;
  int status_ = 422;
  bool status_set_ = false;
};

// The fields of `specs`, in order: the order of a FormErrors summary.
std::vector<std::string> FieldOrder(const std::vector<ControlSpec>& specs);

// A change saved on a stale copy: what the other person saved (`theirs`, the record as
// stored now) wherever it differs from what this person's form holds, as rows for the
// _stale partial: [{"label", "theirs"}], in the order of `specs`.
nlohmann::json ChangedByOthers(const domain::EntityDef& entity,
                               const std::vector<ControlSpec>& specs, const FormValues& mine,
                               const Record& theirs, Names& names);

// The POST of a record page's archive or restore form (an optional reason, the version the
// page showed), the way every form goes: a refusal (a stale copy, a locked period, a
// permission) shows the record's page again with the reason typed and why, through
// `page_again`; a success redirects to `next` with a banner naming the record.
Result<Response> ArchiveFromForm(
    PageRequest& page, const domain::EntityDef& entity, const Record& record, bool archive,
    const std::string& next, const std::function<Result<Response>(const FormErrors&)>& page_again);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_FORMS_H_
