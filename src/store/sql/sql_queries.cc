// The audit trail, reference numbering and the reach aggregate.
#include <cctype>

#include "store/sql/sql_transaction.h"

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

Value TextOrNull(const std::string& text) { return text.empty() ? Value() : Value(text); }

}  // namespace

Status SqlTransaction::AppendAudit(const AuditEntry& entry) {
  static const EntityDef kAudit{
      .name = "audit_entry", .table = "audit_entry", .label = "Audit entry"};
  return GuardWrite(kAudit, [&]() -> Status {
    if (std::string lock = lease_.dialect().Lock("lookout:audit"); !lock.empty()) {
      lease_.Execute(lock);
    }
    std::string prev_hash;
    SqlBuilder last;
    last << "SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1";
    Run(last, {Kind::kText}, [&](const RowView& row) {
      if (!row.IsNull(0)) prev_hash = row.Text(0);
    });
    std::string hash = AuditHash(prev_hash, entry);
    SqlBuilder q;
    q << "INSERT INTO audit_entry (at, actor, address, request_id, action, entity, entity_id, "
         "changes, reason, prev_hash, hash) VALUES (";
    q.Param(Kind::kText, entry.at) << ", ";
    q.Param(Kind::kText, entry.actor) << ", ";
    q.Param(Kind::kText, TextOrNull(entry.address)) << ", ";
    q.Param(Kind::kText, TextOrNull(entry.request_id)) << ", ";
    q.Param(Kind::kText, entry.action) << ", ";
    q.Param(Kind::kText, entry.entity) << ", ";
    q.Param(Kind::kInt, entry.entity_id) << ", ";
    q.Param(Kind::kText, TextOrNull(entry.changes)) << ", ";
    q.Param(Kind::kText, TextOrNull(entry.reason)) << ", ";
    q.Param(Kind::kText, TextOrNull(prev_hash)) << ", ";
    q.Param(Kind::kText, hash) << ")";
    Run(q);
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> SqlTransaction::ListAudit(const std::string& entity,
                                                          int64_t entity_id, int64_t limit) {
  if (limit < 0) return Status::BadRequest("limit must be 0 or more.");
  std::vector<AuditEntry> out;
  LOOKOUT_RETURN_IF_ERROR(Guard(nullptr, [&] {
    SqlBuilder q;
    q << "SELECT at, actor, address, request_id, action, entity, entity_id, changes, reason "
         "FROM audit_entry WHERE 1 = 1";
    if (!entity.empty()) {
      q << " AND entity = ";
      q.Param(Kind::kText, entity);
      if (entity_id != 0) {
        q << " AND entity_id = ";
        q.Param(Kind::kInt, entity_id);
      }
    }
    q << " ORDER BY id DESC";
    if (limit > 0) {
      q << " LIMIT ";
      q.Param(Kind::kInt, limit);
    }
    std::vector<Kind> kinds(9, Kind::kText);
    kinds[6] = Kind::kInt;
    Run(q, kinds, [&](const RowView& row) {
      auto text = [&](size_t i) { return row.IsNull(i) ? std::string() : row.Text(i); };
      AuditEntry e;
      e.at = text(0);
      e.actor = text(1);
      e.address = text(2);
      e.request_id = text(3);
      e.action = text(4);
      e.entity = text(5);
      e.entity_id = row.IsNull(6) ? 0 : row.Int(6);
      e.changes = text(7);
      e.reason = text(8);
      out.push_back(std::move(e));
    });
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> SqlTransaction::NextSequence(const EntityDef& entity, const std::string& field,
                                             const std::string& prefix) {
  const FieldDef* f = entity.Find(field);
  if (f == nullptr || !f->IsColumn() || ColumnKind(*f) != Kind::kText) {
    return Status::BadRequest("'" + field + "' is not a text field of " + entity.label + ".");
  }
  int64_t highest = 0;
  LOOKOUT_RETURN_IF_ERROR(Guard(&entity, [&] {
    // Two transactions numbering the same kind of record take turns, so that the second
    // sees the first one's number once it commits.
    if (std::string lock = lease_.dialect().Lock("lookout:sequence:" + entity.table + "." + field);
        !lock.empty() && write_) {
      lease_.Execute(lock);
    }
    std::string pattern;
    for (char c : prefix) {
      if (c == '\\' || c == '%' || c == '_') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    SqlBuilder q;
    q << "SELECT " << Id(field) << " FROM " << Id(entity.table) << " WHERE " << Id(field)
      << " LIKE ";
    q.Param(Kind::kText, pattern) << " ESCAPE '\\'";
    // LIKE ignores case on SQLite, and a suffix may not be a number: both are checked here,
    // the same way on both engines.
    Run(q, {Kind::kText}, [&](const RowView& row) {
      if (row.IsNull(0)) return;
      const std::string& value = row.Text(0);
      if (value.compare(0, prefix.size(), prefix) != 0 || value.size() == prefix.size()) return;
      int64_t number = 0;
      for (size_t i = prefix.size(); i < value.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(value[i]))) return;
        if (number > (INT64_MAX - 9) / 10) return;
        number = number * 10 + (value[i] - '0');
      }
      if (number > highest) highest = number;
    });
    return Status::Ok();
  }));
  return highest + 1;
}

Result<std::vector<ReachRow>> SqlTransaction::AggregateReach(const ReachQuery& query) {
  const EntityDef& activity = domain::ActivityEntity();
  const FieldDef* audience = nullptr;
  for (const FieldDef& f : activity.fields) {
    if (f.type == FieldType::kChildren) {
      const EntityDef& child = domain::ChildEntity(f);
      if (child.Find("group") && child.Find("sector") && child.Find("count") &&
          child.Find("estimated")) {
        audience = &f;
      }
    }
  }
  if (audience == nullptr || activity.date_field.empty() || activity.region_field.empty()) {
    return Status::Internal("The activity definition has no audience counts to sum.");
  }
  const std::string child = domain::ChildEntity(*audience).table;
  const std::string region = "a." + Id(activity.region_field);
  const std::string date = "a." + Id(activity.date_field);
  const std::string text_order = lease_.dialect().TextOrder();
  std::vector<ReachRow> out;
  LOOKOUT_RETURN_IF_ERROR(Guard(&activity, [&] {
    SqlBuilder q;
    q << "SELECT " << region << ", c.\"group\", COALESCE(c.sector, ''), SUM(c.count), "
      << "MAX(c.estimated), COUNT(DISTINCT a.id) FROM " << Id(activity.table) << " a JOIN "
      << Id(child) << " c ON c.parent_id = a.id WHERE a.archived = 0";
    if (!query.from.empty()) {
      q << " AND " << date << " >= ";
      q.Param(Kind::kText, query.from);
    }
    if (!query.to.empty()) {
      q << " AND " << date << " <= ";
      q.Param(Kind::kText, query.to);
    }
    if (!query.region.empty()) {
      q << " AND " << region << " = ";
      q.Param(Kind::kText, query.region);
    }
    q << " GROUP BY " << region << ", c.\"group\", COALESCE(c.sector, '')"
      << " ORDER BY " << region << text_order << ", c.\"group\"" << text_order
      << ", COALESCE(c.sector, '')" << text_order;
    Run(q, {Kind::kText, Kind::kText, Kind::kText, Kind::kInt, Kind::kInt, Kind::kInt},
        [&](const RowView& row) {
          ReachRow r;
          r.region = row.IsNull(0) ? "" : row.Text(0);
          r.group = row.IsNull(1) ? "" : row.Text(1);
          r.sector = row.IsNull(2) ? "" : row.Text(2);
          r.count = row.IsNull(3) ? 0 : row.Int(3);
          r.any_estimated = !row.IsNull(4) && row.Int(4) != 0;
          r.activities = row.IsNull(5) ? 0 : row.Int(5);
          out.push_back(std::move(r));
        });
    return Status::Ok();
  }));
  return out;
}

}  // namespace lookout::store::sql
