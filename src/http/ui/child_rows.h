// The child rows of a record (a scoring scheme's factors) in a page form, driven by the
// child entity's fields: one group of controls a row ("Factor 2": its code, label, group,
// weight, lowest and highest score), an empty row to add one, "Add another" for more, and
// a "Remove" box a row; without JavaScript. A cell is named "factors[2].weight", as the use
// case names the problems of a row, so every problem of every row lands on its cell.
#ifndef LOOKOUT_HTTP_UI_CHILD_ROWS_H_
#define LOOKOUT_HTTP_UI_CHILD_ROWS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/value.h"
#include "domain/schema.h"
#include "http/ui/forms.h"
#include "http/ui/page.h"

namespace lookout::http::ui {

class ChildRowsForm {
 public:
  // The most rows a form offers and reads (a scheme has a handful of factors).
  static constexpr size_t kMaxRows = 60;

  // The rows of `parent`'s children field `field`, each called `row_label` and its number
  // ("Factor 2"). REQUIRES: `field` is a kChildren field of `parent`.
  ChildRowsForm(const domain::EntityDef& parent, std::string field, std::string row_label);

  // Reads the rows of a submitted form into child records, each cell by its type; a row
  // ticked for removal, and a row left empty, are left out. A cell that cannot be read is
  // left out of its row, and its problem kept for PlaceErrors.
  Value::Rows Read(const Form& form);

  // Puts the use case's problems with the rows Read returned ("factors[1].weight") on the
  // cells of the form's rows, worded for a page ("Factor 2: weight must be a number
  // greater than 0"), and adds the problems of cells Read could not read ("Factor 2:
  // Weight must be a number"), which replace the use case's word for them ("required").
  // Call after Read, once every problem of the use case is in `errors`.
  void PlaceErrors(FormErrors& errors) const;

  // The form's cells in order (for FormErrors::Order), for a form of `rows` rows; the
  // problems of the rows as a whole ("needs at least one harm factor") come first.
  std::vector<std::string> Order(size_t rows) const;

  // The view of the _child_rows partial: the rows of `stored` (a record's rows) with one
  // empty row after them (three empty rows when it has none), or, with `submitted`, the rows as submitted (and one more
  // empty row when `add_row`), with `errors` beside their cells.
  nlohmann::json View(const Value& stored, const Form* submitted, const FormErrors& errors,
                      bool add_row) const;

  // The first cell of the first row: where the summary links a problem of the rows as a
  // whole ("needs at least one harm factor").
  std::string FirstCell() const { return Cell(0, child_.fields.front().name); }

  // Whether the person asked for another empty row rather than to save.
  static bool AddRowAsked(const Form& form);

 private:
  // The child entity with its fields named as the cells of form row `index`.
  domain::EntityDef RowDef(size_t index) const;
  std::string Cell(size_t index, const std::string& child_field) const;
  size_t RowsIn(const Form& form) const;

  const domain::EntityDef& child_;
  std::string field_;
  std::string row_label_;
  std::vector<size_t> form_row_of_;  // Read's row i came from form row form_row_of_[i]
  std::vector<FieldError> unreadable_;  // the cells Read could not read
};

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_CHILD_ROWS_H_
