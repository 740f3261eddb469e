// Reading the audit trail back (the chain for verification, filtered pages for browsing)
// and the one real deletion of a record, which the retention policy uses.
#include <limits>

#include "store/sql/sha256.h"
#include "store/sql/sql_transaction.h"

namespace lookout::store {

std::string AuditHash(const std::string& prev_hash, const AuditEntry& e) {
  // SqlTransaction::AppendAudit stores this and verification recomputes it: the previous
  // hash, then each field as "length:value", one per line. A change here breaks every
  // stored chain.
  std::string text = prev_hash + "\n";
  auto add = [&text](const std::string& field) {
    text += std::to_string(field.size()) + ":" + field + "\n";
  };
  for (const std::string* field :
       {&e.at, &e.actor, &e.address, &e.request_id, &e.action, &e.entity}) {
    add(*field);
  }
  add(std::to_string(e.entity_id));
  add(e.changes);
  add(e.reason);
  return sql::Sha256Hex(text);
}

}  // namespace lookout::store

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

const EntityDef& AuditTable() {
  static const EntityDef kAudit{
      .name = "audit_entry", .table = "audit_entry", .label = "Audit entry"};
  return kAudit;
}

constexpr const char* kStoredColumns =
    "id, at, actor, address, request_id, action, entity, entity_id, changes, reason, "
    "prev_hash, hash";

std::vector<Kind> StoredKinds() {
  std::vector<Kind> kinds(12, Kind::kText);
  kinds[0] = Kind::kInt;
  kinds[7] = Kind::kInt;
  return kinds;
}

// A row selected with kStoredColumns. NULL text reads as "", as AppendAudit stores "" as
// NULL: the hash is over the empty string either way.
StoredAuditEntry ReadStored(const RowView& row) {
  auto text = [&](size_t i) { return row.IsNull(i) ? std::string() : row.Text(i); };
  StoredAuditEntry s;
  s.id = row.Int(0);
  s.entry.at = text(1);
  s.entry.actor = text(2);
  s.entry.address = text(3);
  s.entry.request_id = text(4);
  s.entry.action = text(5);
  s.entry.entity = text(6);
  s.entry.entity_id = row.IsNull(7) ? 0 : row.Int(7);
  s.entry.changes = text(8);
  s.entry.reason = text(9);
  s.prev_hash = text(10);
  s.hash = text(11);
  return s;
}

// Where a record of `target` may be referred to from: a column, a link table or a child
// table, and the column holding the reference.
struct Referrer {
  const EntityDef* owner;  // the entity whose records refer
  const FieldDef* field;   // the field that refers (in the owner, or in its child rows)
  std::string table;
  std::string column;        // the referring column
  std::string owner_column;  // the column naming the referring record
};

std::vector<Referrer> ReferrersOf(const EntityDef& target) {
  std::vector<const EntityDef*> owners = domain::AllEntities();
  for (const EntityDef* e : domain::InternalEntities()) owners.push_back(e);
  std::vector<Referrer> out;
  for (const EntityDef* owner : owners) {
    for (const FieldDef& f : owner->fields) {
      if (f.type == FieldType::kRef && f.target == target.name) {
        out.push_back({owner, &f, owner->table, f.name, "id"});
      } else if (f.type == FieldType::kRefSet && f.target == target.name) {
        out.push_back({owner, &f, f.LinkTable(*owner), "value", "owner_id"});
      } else if (f.type == FieldType::kChildren) {
        const EntityDef& child = domain::ChildEntity(f);
        for (const FieldDef& cf : child.fields) {
          if (cf.type == FieldType::kRef && cf.target == target.name) {
            out.push_back({owner, &f, child.table, cf.name, "parent_id"});
          }
        }
      }
    }
  }
  return out;
}

}  // namespace

Result<std::vector<StoredAuditEntry>> SqlTransaction::ReadAuditChain(int64_t after_id,
                                                                     int64_t limit) {
  if (limit <= 0) return Status::BadRequest("limit must be 1 or more.");
  std::vector<StoredAuditEntry> out;
  LOOKOUT_RETURN_IF_ERROR(Guard(&AuditTable(), [&] {
    SqlBuilder q;
    q << "SELECT " << kStoredColumns << " FROM audit_entry WHERE id > ";
    q.Param(Kind::kInt, after_id) << " ORDER BY id LIMIT ";
    q.Param(Kind::kInt, limit);
    Run(q, StoredKinds(), [&](const RowView& row) { out.push_back(ReadStored(row)); });
    return Status::Ok();
  }));
  return out;
}

Result<AuditPage> SqlTransaction::QueryAudit(const AuditQuery& query) {
  if (query.limit < 0 || query.offset < 0) {
    return Status::BadRequest("limit and offset must be 0 or more.");
  }
  SqlBuilder where;
  where << " WHERE 1 = 1";
  auto text_equals = [&where](const char* column, const std::string& value) {
    if (value.empty()) return;
    where << " AND " << column << " = ";
    where.Param(Kind::kText, value);
  };
  text_equals("actor", query.actor);
  text_equals("action", query.action);
  text_equals("entity", query.entity);
  if (query.entity_id != 0) {
    where << " AND entity_id = ";
    where.Param(Kind::kInt, query.entity_id);
  }
  if (!query.from.empty()) {
    where << " AND at >= ";
    where.Param(Kind::kText, query.from);
  }
  if (!query.to.empty()) {
    where << " AND at <= ";
    where.Param(Kind::kText, query.to);
  }

  AuditPage page;
  LOOKOUT_RETURN_IF_ERROR(Guard(&AuditTable(), [&] {
    SqlBuilder q;
    q << "SELECT " << kStoredColumns << " FROM audit_entry";
    q.Append(where);
    // Ids grow with every append, so id order is the order entries were written, even
    // when two share a second (or a clock was set back).
    q << " ORDER BY id" << (query.oldest_first ? "" : " DESC") << " LIMIT ";
    q.Param(Kind::kInt, query.limit == 0 ? std::numeric_limits<int64_t>::max() : query.limit);
    q << " OFFSET ";
    q.Param(Kind::kInt, query.offset);
    Run(q, StoredKinds(), [&](const RowView& row) { page.items.push_back(ReadStored(row)); });

    const int64_t n = static_cast<int64_t>(page.items.size());
    if ((query.offset == 0 || n > 0) && (query.limit == 0 || n < query.limit)) {
      page.total = query.offset + n;  // this page holds the last match
    } else {
      SqlBuilder count;
      count << "SELECT COUNT(*) FROM audit_entry";
      count.Append(where);
      Run(count, {Kind::kInt}, [&](const RowView& row) { page.total = row.Int(0); });
    }
    return Status::Ok();
  }));
  return page;
}

Status SqlTransaction::Delete(const EntityDef& entity, int64_t id, int64_t expected_version) {
  if (entity.child) {
    return Status::BadRequest(entity.label + " rows are deleted with their parent record.");
  }
  return GuardWrite(entity, [&]() -> Status {
    Record current;
    bool found = false;
    LOOKOUT_RETURN_IF_ERROR(ReadRecordById(entity, id, current, found));
    if (!found || current.Get("version") != Value(expected_version)) {
      return MissingOrStale(entity, id, expected_version);
    }

    // Refuse while anything still refers to the record, naming it: the foreign keys would
    // refuse too, but with a message about a missing reference that misleads here.
    Value key = Value(id);
    Kind key_kind = Kind::kInt;
    if (entity.IsReference()) {
      key = current.Get(entity.code_field);
      key_kind = Kind::kText;
    }
    for (const Referrer& r : ReferrersOf(entity)) {
      SqlBuilder q;
      q << "SELECT " << Id(r.owner_column) << " FROM " << Id(r.table) << " WHERE " << Id(r.column)
        << " = ";
      q.Param(key_kind, key);
      if (r.owner == &entity && r.owner_column == "id") {
        q << " AND id <> ";
        q.Param(Kind::kInt, id);
      }
      q << " LIMIT 1";
      int64_t referrer = 0;
      Run(q, {Kind::kInt}, [&](const RowView& row) { referrer = row.Int(0); });
      if (referrer != 0) {
        return Status::Conflict("This " + InSentence(entity.label) + " cannot be deleted: " +
                                InSentence(r.owner->label) + " " + std::to_string(referrer) +
                                " still refers to it (" + InSentence(r.field->label) + ").");
      }
    }

    for (const FieldDef& f : entity.fields) {
      if (f.IsSet()) {
        SqlBuilder del;
        del << "DELETE FROM " << Id(f.LinkTable(entity)) << " WHERE owner_id = ";
        del.Param(Kind::kInt, id);
        Run(del);
      } else if (f.type == FieldType::kChildren) {
        SqlBuilder del;
        del << "DELETE FROM " << Id(domain::ChildEntity(f).table) << " WHERE parent_id = ";
        del.Param(Kind::kInt, id);
        Run(del);
      }
    }
    SqlBuilder del;
    del << "DELETE FROM " << Id(entity.table) << " WHERE id = ";
    del.Param(Kind::kInt, id) << " AND version = ";
    del.Param(Kind::kInt, expected_version);
    if (Run(del) == 0) return MissingOrStale(entity, id, expected_version);
    return Status::Ok();
  });
}

}  // namespace lookout::store::sql
