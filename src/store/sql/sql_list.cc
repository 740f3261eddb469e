// List queries: filters, search, sort and paging in SQL, then the page's sets and child
// rows in a few batched queries (one per set or children field), never one per record.
#include <algorithm>
#include <limits>
#include <unordered_map>

#include "store/sql/sql_transaction.h"

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

// Ids per batched query. Short lists are padded (by repeating an id) to one of a few
// sizes, so that the statement cache holds a handful of shapes rather than one per count.
constexpr size_t kIdBuckets[] = {1, 4, 16, 64, 200, 500};
constexpr size_t kMaxIdsPerQuery = 500;

std::vector<std::vector<Value>> IdChunks(const std::vector<int64_t>& ids) {
  std::vector<std::vector<Value>> chunks;
  for (size_t start = 0; start < ids.size(); start += kMaxIdsPerQuery) {
    size_t end = std::min(ids.size(), start + kMaxIdsPerQuery);
    size_t n = end - start;
    size_t padded = kMaxIdsPerQuery;
    for (size_t bucket : kIdBuckets) {
      if (bucket >= n) {
        padded = bucket;
        break;
      }
    }
    std::vector<Value> chunk;
    chunk.reserve(padded);
    for (size_t i = start; i < end; ++i) chunk.push_back(Value(ids[i]));
    while (chunk.size() < padded) chunk.push_back(Value(ids[end - 1]));
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

// `text` for LIKE: its own % and _ (and the escape character) match only themselves.
std::string LikeContains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// A column the list can filter or sort on: the id or a column field.
struct ListColumn {
  std::string name;
  Kind kind;
  const FieldDef* field;  // null for meta columns
  bool boolean;
};

// The column `name` names for a list of `entity` (`columns` its table's). The id and the
// other meta columns (version, created_at, ...) can be filtered and sorted on as well as the
// entity's own fields; a meta column wins over a field of the same name, as it does when
// records are read.
Result<ListColumn> ColumnOf(const EntityDef& entity, const std::vector<ColumnSpec>& columns,
                            const std::string& name) {
  if (!entity.child && domain::IsMetaColumn(name)) {
    for (const ColumnSpec& c : columns) {
      if (c.name == name) return ListColumn{c.name, c.kind, nullptr, c.boolean};
    }
  }
  const FieldDef* f = entity.Find(name);
  if (f == nullptr) return Status::Validation({{name, "is not a field of " + InSentence(entity.label)}});
  return ListColumn{f->name, f->IsColumn() ? ColumnKind(*f) : SetValueKind(*f), f,
                    f->type == FieldType::kBool};
}

// A condition's value for a meta column.
Result<Value> MetaParam(const ListColumn& column, const Value& value) {
  if (value.is_null()) return value;
  if (column.boolean) {
    if (value.is_bool()) return Value(int64_t{value.as_bool() ? 1 : 0});
    return Status::Validation({{column.name, "must be true or false"}});
  }
  if (column.kind == Kind::kInt) {
    if (value.is_int()) return value;
    return Status::Validation({{column.name, "must be a whole number"}});
  }
  if (value.is_text()) return value;
  return Status::Validation({{column.name, "must be text"}});
}

}  // namespace

void SqlTransaction::LoadDetails(const EntityDef& entity, std::vector<Record>& records) {
  if (records.empty()) return;
  std::vector<int64_t> ids;
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < records.size(); ++i) {
    ids.push_back(records[i].Id());
    index[records[i].Id()] = i;
  }
  std::vector<std::vector<Value>> chunks = IdChunks(ids);
  for (const FieldDef& f : entity.fields) {
    if (f.IsSet()) {
      for (Record& r : records) r.fields[f.name] = Value(Value::List{});
      Kind kind = SetValueKind(f);
      for (const std::vector<Value>& chunk : chunks) {
        SqlBuilder q;
        q << "SELECT owner_id, value FROM " << Id(f.LinkTable(entity)) << " WHERE owner_id IN ";
        q.ParamList(Kind::kInt, chunk);
        q << " ORDER BY owner_id, value"
          << (kind == Kind::kText ? lease_.dialect().TextOrder() : "");
        Run(q, {Kind::kInt, kind}, [&](const RowView& row) {
          records[index[row.Int(0)]].fields[f.name].as_list().push_back(row.Get(1));
        });
      }
    } else if (f.type == FieldType::kChildren) {
      for (Record& r : records) r.fields[f.name] = Value(Value::Rows{});
      const EntityDef& child = domain::ChildEntity(f);
      std::vector<ColumnSpec> columns = TableColumns(child);
      std::vector<Kind> kinds = {Kind::kInt};
      for (const ColumnSpec& c : columns) kinds.push_back(c.kind);
      for (const std::vector<Value>& chunk : chunks) {
        SqlBuilder q;
        q << "SELECT c.parent_id, " << SelectList(columns, "c") << " FROM " << Id(child.table)
          << " c WHERE c.parent_id IN ";
        q.ParamList(Kind::kInt, chunk);
        q << " ORDER BY c.parent_id, c.position";
        Run(q, kinds, [&](const RowView& row) {
          records[index[row.Int(0)]].fields[f.name].as_rows().push_back(
              ReadRecord(columns, row, 1));
        });
      }
    }
  }
}

Status SqlTransaction::ListWhere(const EntityDef& entity, const ListQuery& query, SqlBuilder& where) {
  const std::vector<ColumnSpec> columns = TableColumns(entity);
  auto column_of = [&](const std::string& name) { return ColumnOf(entity, columns, name); };

  std::vector<FieldError> errors;
  where << " WHERE ";
  switch (query.archived) {
    case ListQuery::Archived::kExclude:
      where << "t.archived = 0";
      break;
    case ListQuery::Archived::kOnly:
      where << "t.archived = 1";
      break;
    case ListQuery::Archived::kInclude:
      where << "1 = 1";
      break;
  }
  // One condition as SQL, without a leading AND; false when it was refused.
  auto emit = [&](const Condition& c, SqlBuilder& out) -> bool {
    const size_t errors_before = errors.size();
    Result<ListColumn> column = column_of(c.field);
    if (!column.ok()) {
      for (const FieldError& e : column.status().fields()) errors.push_back(e);
      return false;
    }
    const FieldDef* f = column->field;
    if (f != nullptr && f->type == FieldType::kChildren) {
      // A condition on the rows: the record matches when any of its rows does.
      const EntityDef& child = domain::ChildEntity(*f);
      const FieldDef* cf = c.child_field.empty() ? nullptr : child.Find(c.child_field);
      if (cf == nullptr || !cf->IsColumn() ||
          (c.op != Condition::Op::kEq && c.op != Condition::Op::kIn && c.op != Condition::Op::kHasAny)) {
        errors.push_back({c.field, "holds rows: filter on one of their fields, by value"});
        return false;
      }
      std::vector<Value> params;
      for (const Value& v : c.values) {
        Result<Value> p = ColumnParam(*cf, v, c.field + "." + c.child_field);
        if (!p.ok()) {
          for (const FieldError& e : p.status().fields()) errors.push_back(e);
          return false;
        }
        params.push_back(std::move(p).value());
      }
      if (params.empty()) {
        out << "1 = 0";
      } else {
        out << "EXISTS (SELECT 1 FROM " << Id(child.table) << " c WHERE c.parent_id = t.id AND c."
            << Id(cf->name) << " IN ";
        out.ParamList(ColumnKind(*cf), params);
        out << ")";
      }
      return errors.size() == errors_before;
    }
    bool is_set = f != nullptr && f->IsSet();
    std::vector<Value> params;
    for (size_t i = 0; i < c.values.size(); ++i) {
      Result<Value> p = f == nullptr ? MetaParam(*column, c.values[i])
                        : is_set     ? SetElementParam(*f, c.values[i], c.field)
                                     : ColumnParam(*f, c.values[i], c.field);
      if (!p.ok()) {
        for (const FieldError& e : p.status().fields()) errors.push_back(e);
        return false;
      }
      params.push_back(std::move(p).value());
    }
    if (params.size() != c.values.size()) return false;
    Condition::Op op = c.op;
    if (is_set && (op == Condition::Op::kEq || op == Condition::Op::kIn))
      op = Condition::Op::kHasAny;
    switch (op) {
      case Condition::Op::kEq:
        if (params.size() != 1) {
          errors.push_back({c.field, "needs exactly one value"});
        } else if (params[0].is_null()) {
          out << "t." << Id(column->name) << " IS NULL";
        } else {
          out << "t." << Id(column->name) << " = ";
          out.Param(column->kind, params[0]);
        }
        break;
      case Condition::Op::kIn:
        if (params.empty()) {
          out << "1 = 0";
        } else {
          out << "t." << Id(column->name) << " IN ";
          out.ParamList(column->kind, params);
        }
        break;
      case Condition::Op::kHasAny:
        if (!is_set) {
          errors.push_back({c.field, "is not a list field"});
        } else if (params.empty()) {
          out << "1 = 0";
        } else {
          out << "EXISTS (SELECT 1 FROM " << Id(f->LinkTable(entity))
              << " l WHERE l.owner_id = t.id AND l.value IN ";
          out.ParamList(column->kind, params);
          out << ")";
        }
        break;
      case Condition::Op::kOnOrAfter:
      case Condition::Op::kOnOrBefore:
        if (is_set || params.size() != 1 || params[0].is_null()) {
          errors.push_back({c.field, "needs exactly one value to compare with"});
        } else {
          out << "t." << Id(column->name) << (op == Condition::Op::kOnOrAfter ? " >= " : " <= ");
          out.Param(column->kind, params[0]);
        }
        break;
    }
    return errors.size() == errors_before;
  };
  for (const Condition& c : query.where) {
    SqlBuilder one;
    if (emit(c, one)) {
      where << " AND ";
      where.Append(one);
    }
  }
  // Scope: a record must match at least one of these (what the actor may see).
  if (!query.scope_any.empty()) {
    where << " AND (";
    bool first = true;
    for (const Condition& c : query.scope_any) {
      SqlBuilder one;
      if (!emit(c, one)) continue;
      where << (first ? "" : " OR ");
      where.Append(one);
      first = false;
    }
    where << (first ? "1 = 0)" : ")");
  }
  if (!query.search.empty()) {
    std::string pattern = LikeContains(query.search);
    std::vector<const FieldDef*> searchable;
    for (const FieldDef& f : entity.fields) {
      if (f.search && f.IsColumn() && ColumnKind(f) == Kind::kText) searchable.push_back(&f);
    }
    if (searchable.empty()) {
      // Nothing of this entity can contain the text.
      where << " AND 1 = 0";
    } else {
      where << " AND (";
      for (size_t i = 0; i < searchable.size(); ++i) {
        where << (i > 0 ? " OR " : "") << "LOWER(t." << Id(searchable[i]->name) << ") LIKE LOWER(";
        where.Param(Kind::kText, pattern) << ") ESCAPE '\\'";
      }
      where << ")";
    }
  }

  if (!errors.empty()) return Status::Validation(std::move(errors));
  return Status::Ok();
}

Result<Page> SqlTransaction::List(const EntityDef& entity, const ListQuery& query) {
  if (query.limit < 0 || query.offset < 0) {
    return Status::BadRequest("limit and offset must be 0 or more.");
  }
  const std::string what = InSentence(entity.label);
  const std::vector<ColumnSpec> columns = TableColumns(entity);
  auto column_of = [&](const std::string& name) { return ColumnOf(entity, columns, name); };
  // WHERE, shared by the count and the page query.
  SqlBuilder where;
  Status where_ok = ListWhere(entity, query, where);
  std::vector<FieldError> errors;
  if (!where_ok.ok()) {
    if (where_ok.code() != ErrorCode::kValidation) return where_ok;
    errors = where_ok.fields();
  }

  // ORDER BY: the requested or default field, nulls last on both engines, then id.
  std::string sort_name = query.sort_field.empty() ? entity.sort_field : query.sort_field;
  bool descending = query.sort_field.empty() ? entity.sort_descending : query.descending;
  if (sort_name.empty()) sort_name = "id";
  Result<ListColumn> sort = column_of(sort_name);
  if (!sort.ok() || (sort->field != nullptr && !sort->field->IsColumn())) {
    errors.push_back(
        {"sort", "'" + sort_name + "' is not a field " + what + " records can be sorted by"});
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));

  // Nulls sort last on both engines (they differ by default); the term is left out for
  // columns that cannot be null so that an index on the sort column can serve the order.
  // Text that people read is ordered by bytes on both engines; dates and periods are in
  // fixed formats that every collation orders the same, which keeps their indexes usable.
  std::string order = " ORDER BY ";
  if (sort->name != "id") {
    const FieldDef* f = sort->field;
    bool nullable =
        f != nullptr ? !f->required && f->type != FieldType::kBool : sort->name == "archived_at";
    bool by_bytes =
        sort->kind == Kind::kText &&
        (f == nullptr || (f->type != FieldType::kDate && f->type != FieldType::kPeriod));
    std::string col = "t." + Id(sort->name);
    if (nullable) order += col + " IS NULL, ";
    order += col + (by_bytes ? lease_.dialect().TextOrder() : "") + (descending ? " DESC, " : ", ");
  }
  order += std::string("t.id") + (descending ? " DESC" : "");

  Page page;
  std::vector<Kind> kinds;
  for (const ColumnSpec& c : columns) kinds.push_back(c.kind);
  LOOKOUT_RETURN_IF_ERROR(Guard(&entity, [&] {
    SqlBuilder page_query;
    page_query << "SELECT " << SelectList(columns, "t") << " FROM " << Id(entity.table) << " t";
    page_query.Append(where);
    page_query << order << " LIMIT ";
    page_query.Param(Kind::kInt,
                     query.limit == 0 ? std::numeric_limits<int64_t>::max() : query.limit);
    page_query << " OFFSET ";
    page_query.Param(Kind::kInt, query.offset);
    Run(page_query, kinds,
        [&](const RowView& row) { page.items.push_back(ReadRecord(columns, row)); });

    int64_t n = static_cast<int64_t>(page.items.size());
    if ((query.offset == 0 || n > 0) && (query.limit == 0 || n < query.limit)) {
      // The page ends before the limit: it holds the last matching record.
      page.total = query.offset + n;
    } else {
      SqlBuilder count;
      count << "SELECT COUNT(*) FROM " << Id(entity.table) << " t";
      count.Append(where);
      Run(count, {Kind::kInt}, [&](const RowView& row) { page.total = row.Int(0); });
    }
    LoadDetails(entity, page.items);
    return Status::Ok();
  }));
  return page;
}

}  // namespace lookout::store::sql
