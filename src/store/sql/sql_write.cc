// Writes: inserts, updates and archiving, with their sets and child rows.
#include <algorithm>
#include <set>
#include <utility>

#include "store/sql/sql_transaction.h"

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

// How many rows one multi-row INSERT carries.
constexpr size_t kRowsPerInsert = 100;

}  // namespace

Status SqlTransaction::CheckKeys(const EntityDef& entity, const Record& record) const {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : record.fields) {
    if (domain::IsMetaColumn(key)) continue;
    const FieldDef* f = entity.Find(key);
    if (f == nullptr || (!entity.child && domain::IsMetaColumn(f->name))) {
      errors.push_back({key, "is not a field of " + InSentence(entity.label)});
    }
  }
  if (errors.empty()) return Status::Ok();
  return Status::Validation(std::move(errors));
}

void SqlTransaction::FlushIdentity(const std::string& table) {
  for (auto it = explicit_ids_.begin(); it != explicit_ids_.end();) {
    if (!table.empty() && *it != table) {
      ++it;
      continue;
    }
    std::string sql = lease_.dialect().ResetIdentity(*it);
    if (!sql.empty()) lease_.Execute(sql);
    it = explicit_ids_.erase(it);
  }
}

Result<int64_t> SqlTransaction::Insert(const EntityDef& entity, const Record& record,
                                       const WriteMeta& meta) {
  int64_t id = 0;
  LOOKOUT_RETURN_IF_ERROR(GuardWrite(entity, [&]() -> Status {
    LOOKOUT_RETURN_IF_ERROR(CheckKeys(entity, record));
    struct Column {
      std::string name;
      Kind kind;
      Value value;
    };
    std::vector<Column> columns;
    std::vector<FieldError> errors;
    const Value& explicit_id = record.Get("id");
    if (!explicit_id.is_null()) {
      if (!explicit_id.is_int() || explicit_id.as_int() <= 0) {
        errors.push_back({"id", "must be a whole number above 0"});
      } else {
        columns.push_back({"id", Kind::kInt, explicit_id});
      }
    }
    if (const Value& archived = record.Get("archived"); !archived.is_null()) {
      if (!archived.is_bool()) {
        errors.push_back({"archived", "must be true or false"});
      } else {
        columns.push_back({"archived", Kind::kInt, Value(int64_t{archived.as_bool() ? 1 : 0})});
      }
    }
    if (const Value& at = record.Get("archived_at"); !at.is_null()) {
      if (!at.is_text()) {
        errors.push_back({"archived_at", "must be a timestamp"});
      } else {
        columns.push_back({"archived_at", Kind::kText, at});
      }
    }
    if (!entity.child) {
      columns.push_back({"created_at", Kind::kText, meta.at});
      columns.push_back({"created_by", Kind::kText, meta.actor});
      columns.push_back({"updated_at", Kind::kText, meta.at});
      columns.push_back({"updated_by", Kind::kText, meta.actor});
    }
    for (const ColumnSpec& c : TableColumns(entity)) {
      if (c.field == nullptr) continue;
      const Value& v = record.Get(c.name);
      // Absent and null leave the column to its default (NULL, or false for booleans).
      if (v.is_null()) continue;
      Result<Value> param = ColumnParam(*c.field, v, c.name);
      if (!param.ok()) {
        for (const FieldError& e : param.status().fields()) errors.push_back(e);
        continue;
      }
      columns.push_back({c.name, c.kind, std::move(param).value()});
    }
    if (!errors.empty()) return Status::Validation(std::move(errors));

    if (explicit_id.is_null()) FlushIdentity(entity.table);
    SqlBuilder q;
    q << "INSERT INTO " << Id(entity.table) << " (";
    for (size_t i = 0; i < columns.size(); ++i) q << (i > 0 ? ", " : "") << Id(columns[i].name);
    q << ") VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) {
      q << (i > 0 ? ", " : "");
      q.Param(columns[i].kind, columns[i].value);
    }
    q << ") RETURNING id";
    Run(q, {Kind::kInt}, [&](const RowView& row) { id = row.Int(0); });
    if (!explicit_id.is_null()) explicit_ids_.insert(entity.table);
    return WriteDetails(entity, id, record, false);
  }));
  return id;
}

Status SqlTransaction::WriteDetails(const EntityDef& entity, int64_t owner_id, const Record& record,
                                    bool replace) {
  for (const FieldDef& f : entity.fields) {
    if (!record.Has(f.name)) continue;
    const Value& v = record.Get(f.name);
    if (f.IsSet()) {
      if (!v.is_null() && !v.is_list()) {
        return Status::Validation({{f.name, "must be a list of codes or ids"}});
      }
      std::string table = f.LinkTable(entity);
      if (replace) {
        SqlBuilder del;
        del << "DELETE FROM " << Id(table) << " WHERE owner_id = ";
        del.Param(Kind::kInt, owner_id);
        Run(del);
      }
      if (v.is_null()) continue;
      // Sets hold each element once, whatever the input repeated.
      std::vector<Value> elements;
      std::set<int64_t> seen_ids;
      std::set<std::string> seen_codes;
      const Value::List& list = v.as_list();
      for (size_t i = 0; i < list.size(); ++i) {
        LOOKOUT_ASSIGN_OR_RETURN(
            Value element, SetElementParam(f, list[i], f.name + "[" + std::to_string(i) + "]"));
        bool fresh = element.is_int() ? seen_ids.insert(element.as_int()).second
                                      : seen_codes.insert(element.as_text()).second;
        if (fresh) elements.push_back(std::move(element));
      }
      Kind kind = SetValueKind(f);
      for (size_t start = 0; start < elements.size(); start += kRowsPerInsert) {
        size_t end = std::min(elements.size(), start + kRowsPerInsert);
        SqlBuilder q;
        q << "INSERT INTO " << Id(table) << " (owner_id, value) VALUES ";
        for (size_t i = start; i < end; ++i) {
          q << (i > start ? ", (" : "(");
          q.Param(Kind::kInt, owner_id) << ", ";
          q.Param(kind, elements[i]) << ")";
        }
        Run(q);
      }
    } else if (f.type == FieldType::kChildren) {
      if (!v.is_null() && !v.is_rows()) {
        return Status::Validation({{f.name, "must be a list of rows"}});
      }
      const EntityDef& child = domain::ChildEntity(f);
      if (replace) {
        SqlBuilder del;
        del << "DELETE FROM " << Id(child.table) << " WHERE parent_id = ";
        del.Param(Kind::kInt, owner_id);
        Run(del);
      }
      if (v.is_null()) continue;
      std::vector<ColumnSpec> columns = TableColumns(child);
      const Value::Rows& rows = v.as_rows();
      std::vector<FieldError> errors;
      std::vector<std::vector<Value>> params(rows.size());
      for (size_t r = 0; r < rows.size(); ++r) {
        std::string where = f.name + "[" + std::to_string(r) + "]";
        for (const auto& [key, ignored] : rows[r].fields) {
          if (key == "id" || key == "position" || key == "parent_id") continue;
          if (child.Find(key) == nullptr) {
            errors.push_back({where + "." + key, "is not a field of " + InSentence(child.label)});
          }
        }
        for (const ColumnSpec& c : columns) {
          const Value& cell = rows[r].Get(c.name);
          if (cell.is_null() && c.boolean) {
            params[r].push_back(Value(int64_t{0}));
            continue;
          }
          Result<Value> param = ColumnParam(*c.field, cell, where + "." + c.name);
          if (!param.ok()) {
            for (const FieldError& e : param.status().fields()) errors.push_back(e);
            params[r].push_back(Value());
          } else {
            params[r].push_back(std::move(param).value());
          }
        }
      }
      if (!errors.empty()) return Status::Validation(std::move(errors));
      size_t per_insert = std::max<size_t>(1, kRowsPerInsert / (columns.size() + 2));
      for (size_t start = 0; start < rows.size(); start += per_insert) {
        size_t end = std::min(rows.size(), start + per_insert);
        SqlBuilder q;
        q << "INSERT INTO " << Id(child.table) << " (parent_id, position";
        for (const ColumnSpec& c : columns) q << ", " << Id(c.name);
        q << ") VALUES ";
        for (size_t r = start; r < end; ++r) {
          q << (r > start ? ", (" : "(");
          q.Param(Kind::kInt, owner_id) << ", ";
          q.Param(Kind::kInt, static_cast<int64_t>(r + 1));
          for (size_t c = 0; c < columns.size(); ++c) {
            q << ", ";
            q.Param(columns[c].kind, params[r][c]);
          }
          q << ")";
        }
        Run(q);
      }
    }
  }
  return Status::Ok();
}

Status SqlTransaction::MissingOrStale(const EntityDef& entity, int64_t id,
                                      int64_t expected_version) {
  SqlBuilder q;
  q << "SELECT version FROM " << Id(entity.table) << " WHERE id = ";
  q.Param(Kind::kInt, id);
  int64_t version = 0;
  bool found = false;
  Run(q, {Kind::kInt}, [&](const RowView& row) {
    version = row.Int(0);
    found = true;
  });
  if (!found) {
    return Status::NotFound("There is no " + InSentence(entity.label) + " with id " +
                            std::to_string(id) + ".");
  }
  return Status::Conflict("This " + InSentence(entity.label) + " is at version " +
                          std::to_string(version) + ", not " + std::to_string(expected_version) +
                          ": someone changed it after you loaded it. Reload it and apply your "
                          "change again.");
}

Status SqlTransaction::Update(const EntityDef& entity, int64_t id, int64_t expected_version,
                              const Record& changes, const WriteMeta& meta) {
  return GuardWrite(entity, [&]() -> Status {
    LOOKOUT_RETURN_IF_ERROR(CheckKeys(entity, changes));
    SqlBuilder q;
    q << "UPDATE " << Id(entity.table) << " SET version = version + 1, updated_at = ";
    q.Param(Kind::kText, meta.at) << ", updated_by = ";
    q.Param(Kind::kText, meta.actor);
    std::vector<FieldError> errors;
    for (const auto& [name, value] : changes.fields) {
      if (domain::IsMetaColumn(name)) continue;
      const FieldDef* f = entity.Find(name);
      if (!f->IsColumn()) continue;
      Result<Value> param = ColumnParam(*f, value, name);
      if (!param.ok()) {
        for (const FieldError& e : param.status().fields()) errors.push_back(e);
        continue;
      }
      Value bound = std::move(param).value();
      // Booleans are never null: clearing one makes it false.
      if (bound.is_null() && f->type == FieldType::kBool) bound = Value(int64_t{0});
      q << ", " << Id(name) << " = ";
      q.Param(ColumnKind(*f), std::move(bound));
    }
    if (!errors.empty()) return Status::Validation(std::move(errors));
    q << " WHERE id = ";
    q.Param(Kind::kInt, id) << " AND version = ";
    q.Param(Kind::kInt, expected_version);
    if (Run(q) == 0) return MissingOrStale(entity, id, expected_version);
    return WriteDetails(entity, id, changes, true);
  });
}

Status SqlTransaction::SetArchived(const EntityDef& entity, int64_t id, int64_t expected_version,
                                   bool archived, const WriteMeta& meta) {
  return GuardWrite(entity, [&]() -> Status {
    SqlBuilder q;
    q << "UPDATE " << Id(entity.table) << " SET archived = ";
    q.Param(Kind::kInt, int64_t{archived ? 1 : 0}) << ", archived_at = ";
    q.Param(Kind::kText, archived ? Value(meta.at) : Value())
        << ", version = version + 1, updated_at = ";
    q.Param(Kind::kText, meta.at) << ", updated_by = ";
    q.Param(Kind::kText, meta.actor) << " WHERE id = ";
    q.Param(Kind::kInt, id) << " AND version = ";
    q.Param(Kind::kInt, expected_version);
    if (Run(q) == 0) return MissingOrStale(entity, id, expected_version);
    return Status::Ok();
  });
}

}  // namespace lookout::store::sql
