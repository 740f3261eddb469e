#include "store/sql/sql_transaction.h"

#include <utility>

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

constexpr const char* kSavepoint = "lookout_write";

std::string Article(const std::string& word) {
  return !word.empty() && std::string("aeiouAEIOU").find(word[0]) != std::string::npos ? "An "
                                                                                       : "A ";
}

}  // namespace

SqlTransaction::~SqlTransaction() {
  if (finished_) return;
  try {
    lease_.Execute("ROLLBACK");
  } catch (const std::exception&) {
    // A connection that cannot roll back is in an unknown state: replace it.
    lease_.MarkBroken();
  }
}

Status SqlTransaction::CheckOpen() const {
  if (finished_)
    return Status::Internal("The transaction has already been committed or rolled back.");
  if (failed_) {
    return Status::Internal(
        "An earlier statement of this transaction failed; it can only be rolled back.");
  }
  return Status::Ok();
}

Status SqlTransaction::Translate(const std::exception& exception, const EntityDef* entity) {
  DbError error = lease_.dialect().Classify(exception);
  if (error.connection_lost) lease_.MarkBroken();
  if (error.code != ErrorCode::kDuplicate && error.code != ErrorCode::kInvalidReference &&
      error.code != ErrorCode::kValidation) {
    return StatusFromDbError(error);
  }
  // Name the field concerned, in the entity's terms, when the engine said which it was.
  std::string field = error.column;
  std::string label = field;
  std::string what = entity != nullptr ? InSentence(entity->label) : "record";
  if (entity != nullptr) {
    if (!error.table.empty() && error.table != entity->table) {
      for (const FieldDef& f : entity->fields) {
        if (f.IsSet() && f.LinkTable(*entity) == error.table) {
          field = f.name;
          label = InSentence(f.label);
        } else if (f.type == FieldType::kChildren && domain::ChildEntity(f).table == error.table) {
          const FieldDef* cf = domain::ChildEntity(f).Find(error.column);
          field = f.name + (error.column.empty() ? "" : "." + error.column);
          label = InSentence(f.label) + (cf != nullptr ? ": " + InSentence(cf->label) : "");
        }
      }
    } else if (const FieldDef* f = entity->Find(field); f != nullptr) {
      label = InSentence(f->label);
    }
  }
  switch (error.code) {
    case ErrorCode::kDuplicate:
      if (field.empty()) {
        return Status(ErrorCode::kDuplicate,
                      Article(what) + what + " with this key already exists.");
      }
      return Status(ErrorCode::kDuplicate,
                    Article(what) + what + " with this " + label + " already exists.",
                    {{field, "is already used by another " + what}});
    case ErrorCode::kInvalidReference:
      if (field.empty()) return StatusFromDbError(error);
      return Status(
          ErrorCode::kInvalidReference,
          "The " + label + " of this " + what + " refers to a record that does not exist.",
          {{field, "refers to a record that does not exist"}});
    default:
      if (field.empty()) return StatusFromDbError(error);
      return Status::Validation({{field, "is required or has a value the database refuses"}});
  }
}

Status SqlTransaction::Guard(const EntityDef* entity, const std::function<Status()>& body) {
  LOOKOUT_RETURN_IF_ERROR(CheckOpen());
  try {
    return body();
  } catch (const std::exception& e) {
    // Outside a savepoint a failed statement leaves PostgreSQL's transaction aborted (and
    // a later COMMIT would silently roll back): the transaction is spent on both engines.
    failed_ = true;
    return Translate(e, entity);
  }
}

Status SqlTransaction::GuardWrite(const EntityDef& entity, const std::function<Status()>& body) {
  LOOKOUT_RETURN_IF_ERROR(CheckOpen());
  if (!write_) {
    return Status::Internal(
        "A write was attempted in a read-only transaction; begin it with "
        "Begin(true).");
  }
  try {
    lease_.Execute(std::string("SAVEPOINT ") + kSavepoint);
  } catch (const std::exception& e) {
    failed_ = true;
    return Translate(e, &entity);
  }
  Status status;
  try {
    status = body();
  } catch (const std::exception& e) {
    status = Translate(e, &entity);
  }
  try {
    if (!status.ok()) lease_.Execute(std::string("ROLLBACK TO SAVEPOINT ") + kSavepoint);
    lease_.Execute(std::string("RELEASE SAVEPOINT ") + kSavepoint);
  } catch (const std::exception& e) {
    failed_ = true;
    if (status.ok()) status = Translate(e, &entity);
  }
  return status;
}

Status SqlTransaction::ReadRecordById(const EntityDef& entity, int64_t id, Record& out,
                                      bool& found) {
  std::vector<ColumnSpec> columns = TableColumns(entity);
  std::vector<Kind> kinds;
  for (const ColumnSpec& c : columns) kinds.push_back(c.kind);
  SqlBuilder q;
  q << "SELECT " << SelectList(columns, "t") << " FROM " << Id(entity.table) << " t WHERE t.id = ";
  q.Param(Kind::kInt, id);
  found = false;
  Run(q, kinds, [&](const RowView& row) {
    out = ReadRecord(columns, row);
    found = true;
  });
  return Status::Ok();
}

Result<Record> SqlTransaction::Get(const EntityDef& entity, int64_t id) {
  Record record;
  bool found = false;
  LOOKOUT_RETURN_IF_ERROR(Guard(&entity, [&] {
    LOOKOUT_RETURN_IF_ERROR(ReadRecordById(entity, id, record, found));
    if (found) {
      std::vector<Record> one{std::move(record)};
      LoadDetails(entity, one);
      record = std::move(one[0]);
    }
    return Status::Ok();
  }));
  if (!found) {
    return Status::NotFound("There is no " + InSentence(entity.label) + " with id " +
                            std::to_string(id) + ".");
  }
  return record;
}

Result<Record> SqlTransaction::GetByCode(const EntityDef& entity, const std::string& code) {
  if (!entity.IsReference()) {
    return Status::BadRequest(entity.label + " records have no code to look them up by.");
  }
  int64_t id = 0;
  LOOKOUT_RETURN_IF_ERROR(Guard(&entity, [&] {
    SqlBuilder q;
    q << "SELECT id FROM " << Id(entity.table) << " WHERE " << Id(entity.code_field) << " = ";
    q.Param(Kind::kText, code);
    Run(q, {Kind::kInt}, [&](const RowView& row) { id = row.Int(0); });
    return Status::Ok();
  }));
  if (id == 0) {
    return Status::NotFound("There is no " + InSentence(entity.label) + " with code '" + code +
                            "'.");
  }
  return Get(entity, id);
}

Result<bool> SqlTransaction::Exists(const EntityDef& entity, const Value& key) {
  std::string column;
  Kind kind = Kind::kInt;
  if (key.is_int()) {
    column = "id";
  } else if (key.is_text() && entity.IsReference()) {
    column = entity.code_field;
    kind = Kind::kText;
  } else {
    return Status::BadRequest(entity.label + " records are identified by " +
                              (entity.IsReference() ? "a code or an id" : "an id") + ", not '" +
                              key.ToDisplay() + "'.");
  }
  bool found = false;
  LOOKOUT_RETURN_IF_ERROR(Guard(&entity, [&] {
    SqlBuilder q;
    q << "SELECT id FROM " << Id(entity.table) << " WHERE " << Id(column) << " = ";
    q.Param(kind, key);
    Run(q, {Kind::kInt}, [&](const RowView&) { found = true; });
    return Status::Ok();
  }));
  return found;
}

Result<int64_t> SqlTransaction::FindIdBy(const EntityDef& entity, const std::string& field,
                                         const Value& value) {
  const FieldDef* f = entity.Find(field);
  if (f == nullptr || !f->IsColumn()) {
    return Status::BadRequest("'" + field + "' is not a field of " + InSentence(entity.label) +
                              " that records can be found by.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(Value param, ColumnParam(*f, value, field));
  int64_t id = 0;
  LOOKOUT_RETURN_IF_ERROR(Guard(&entity, [&] {
    SqlBuilder q;
    q << "SELECT id FROM " << Id(entity.table) << " WHERE " << Id(field) << " = ";
    q.Param(ColumnKind(*f), param) << " AND archived = 0 ORDER BY id LIMIT 1";
    Run(q, {Kind::kInt}, [&](const RowView& row) { id = row.Int(0); });
    return Status::Ok();
  }));
  return id;
}

Status SqlTransaction::Commit() {
  LOOKOUT_RETURN_IF_ERROR(CheckOpen());
  try {
    FlushIdentity("");
    lease_.Execute("COMMIT");
    finished_ = true;
    return Status::Ok();
  } catch (const std::exception& e) {
    Status status = Translate(e, nullptr);
    try {
      lease_.Execute("ROLLBACK");
    } catch (const std::exception&) {
      lease_.MarkBroken();
    }
    finished_ = true;
    return status;
  }
}

}  // namespace lookout::store::sql
