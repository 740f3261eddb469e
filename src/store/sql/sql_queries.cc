// The audit trail, reference numbering and the aggregates reports use: reach, and survey
// answers and responses counted.
#include <sodium.h>

#include <cctype>
#include <cstring>

#include "store/sql/sql_transaction.h"

namespace lookout::store::sql {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

Value TextOrNull(const std::string& text) { return text.empty() ? Value() : Value(text); }

// A row of reach sums: region, group, sector, count, any estimated, activities.
ReachRow ReadReachRow(const RowView& row) {
  ReachRow r;
  r.region = row.IsNull(0) ? "" : row.Text(0);
  r.group = row.IsNull(1) ? "" : row.Text(1);
  r.sector = row.IsNull(2) ? "" : row.Text(2);
  r.count = row.IsNull(3) ? 0 : row.Int(3);
  r.any_estimated = !row.IsNull(4) && row.Int(4) != 0;
  r.activities = row.IsNull(5) ? 0 : row.Int(5);
  return r;
}

// The activities a reach or activity count takes: dated in [from, to], in the region.
void ActivityFilters(SqlBuilder& q, const ReachQuery& query, const std::string& date,
                     const std::string& region) {
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
}

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
    // Detailed rows also carry the activities' type and task.
    const std::string detail = query.detailed ? ", a.type, a.task" : "";
    q << "SELECT " << region << ", c.\"group\", COALESCE(c.sector, ''), SUM(c.count), "
      << "MAX(c.estimated), COUNT(DISTINCT a.id)" << detail << " FROM " << Id(activity.table)
      << " a JOIN " << Id(child) << " c ON c.parent_id = a.id WHERE a.archived = 0";
    ActivityFilters(q, query, date, region);
    q << " GROUP BY " << region << ", c.\"group\", COALESCE(c.sector, '')" << detail
      << " ORDER BY " << region << text_order << ", c.\"group\"" << text_order
      << ", COALESCE(c.sector, '')" << text_order;
    if (query.detailed) q << ", a.type" << text_order << ", a.task";
    std::vector<Kind> kinds = {Kind::kText, Kind::kText, Kind::kText, Kind::kInt, Kind::kInt, Kind::kInt};
    if (query.detailed) {
      kinds.push_back(Kind::kText);
      kinds.push_back(Kind::kInt);
    }
    Run(q, kinds, [&](const RowView& row) {
          ReachRow r = ReadReachRow(row);
          if (query.detailed) {
            r.type = row.IsNull(6) ? "" : row.Text(6);
            r.task = row.IsNull(7) ? 0 : row.Int(7);
          }
          out.push_back(std::move(r));
        });
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ReachRow>> SqlTransaction::AggregateReachOf(const ListQuery& query) {
  const EntityDef& activity = domain::ActivityEntity();
  const FieldDef* audience = activity.Find("audience");
  if (audience == nullptr || audience->type != FieldType::kChildren) {
    return Status::Internal("The activity definition has no audience counts to sum.");
  }
  SqlBuilder where;
  LOOKOUT_RETURN_IF_ERROR(ListWhere(activity, query, where));
  const std::string region = "t." + Id(activity.region_field);
  const std::string text_order = lease_.dialect().TextOrder();
  std::vector<ReachRow> out;
  LOOKOUT_RETURN_IF_ERROR(Guard(&activity, [&] {
    SqlBuilder q;
    q << "SELECT " << region << ", c.\"group\", COALESCE(c.sector, ''), SUM(c.count), "
      << "MAX(c.estimated), COUNT(DISTINCT t.id) FROM " << Id(activity.table) << " t JOIN "
      << Id(domain::ChildEntity(*audience).table) << " c ON c.parent_id = t.id";
    q.Append(where);
    q << " GROUP BY " << region << ", c.\"group\", COALESCE(c.sector, '')"
      << " ORDER BY " << region << text_order << ", c.\"group\"" << text_order
      << ", COALESCE(c.sector, '')" << text_order;
    Run(q, {Kind::kText, Kind::kText, Kind::kText, Kind::kInt, Kind::kInt, Kind::kInt},
        [&](const RowView& row) { out.push_back(ReadReachRow(row)); });
    return Status::Ok();
  }));
  return out;
}

namespace {

// The conditions on survey_response shared by the answer and response counts.
void ResponseFilters(SqlBuilder& q, const AnswerCountQuery& query) {
  q << " WHERE r.archived = 0";
  struct Bound {
    const char* column;
    const char* op;
    const std::string& value;
  };
  for (const Bound& b : {Bound{"region", " = ", query.region},
                         Bound{"attended_training", " = ", query.attended_training},
                         Bound{"stakeholder_type", " = ", query.stakeholder_type},
                         Bound{"responded_on", " >= ", query.responded_from},
                         Bound{"responded_on", " <= ", query.responded_to}}) {
    if (b.value.empty()) continue;
    q << " AND r." << b.column << b.op;
    q.Param(Kind::kText, Value(b.value));
  }
}

std::vector<Value> Ids(const std::vector<int64_t>& ids) {
  std::vector<Value> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.emplace_back(id);
  return out;
}

}  // namespace

Result<std::vector<AnswerCountRow>> SqlTransaction::CountAnswers(const AnswerCountQuery& query) {
  std::vector<AnswerCountRow> out;
  if (query.questions.empty()) return out;
  const domain::EntityDef& response = domain::SurveyResponseEntity();
  LOOKOUT_RETURN_IF_ERROR(Guard(&response, [&] {
    SqlBuilder q;
    q << "SELECT s.question, s.answer, COUNT(*) FROM survey_answer s JOIN survey_response r "
         "ON s.parent_id = r.id";
    ResponseFilters(q, query);
    q << " AND s.question IN ";
    q.ParamList(Kind::kInt, Ids(query.questions));
    // Only the responses of the questions' surveys: lets PostgreSQL start from the
    // survey index instead of reading every response.
    q << " AND r.survey IN (SELECT sq.survey FROM survey_question sq WHERE sq.id IN ";
    q.ParamList(Kind::kInt, Ids(query.questions));
    q << ")";
    q << " AND s.answer IS NOT NULL AND s.answer <> '' GROUP BY s.question, s.answer"
      << " ORDER BY s.question, s.answer" << lease_.dialect().TextOrder();
    Run(q, {Kind::kInt, Kind::kText, Kind::kInt}, [&](const RowView& row) {
      out.push_back({row.Int(0), row.IsNull(1) ? "" : row.Text(1), row.Int(2)});
    });
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ResponseCountRow>> SqlTransaction::CountResponses(
    const std::vector<int64_t>& surveys, const AnswerCountQuery& query) {
  std::vector<ResponseCountRow> out;
  if (surveys.empty()) return out;
  const domain::EntityDef& response = domain::SurveyResponseEntity();
  LOOKOUT_RETURN_IF_ERROR(Guard(&response, [&] {
    SqlBuilder q;
    q << "SELECT r.survey, COUNT(*) FROM survey_response r";
    ResponseFilters(q, query);
    q << " AND r.survey IN ";
    q.ParamList(Kind::kInt, Ids(surveys));
    q << " GROUP BY r.survey ORDER BY r.survey";
    Run(q, {Kind::kInt, Kind::kInt}, [&](const RowView& row) {
      out.push_back({row.Int(0), row.Int(1)});
    });
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ActivityCountRow>> SqlTransaction::CountActivities(const ReachQuery& query) {
  const EntityDef& activity = domain::ActivityEntity();
  std::vector<ActivityCountRow> out;
  const std::string region = "a." + Id(activity.region_field);
  const std::string date = "a." + Id(activity.date_field);
  LOOKOUT_RETURN_IF_ERROR(Guard(&activity, [&] {
    SqlBuilder q;
    q << "SELECT " << region << ", a.task, COUNT(*) FROM " << Id(activity.table)
      << " a WHERE a.archived = 0";
    ActivityFilters(q, query, date, region);
    q << " GROUP BY " << region << ", a.task ORDER BY " << region << lease_.dialect().TextOrder()
      << ", a.task";
    Run(q, {Kind::kText, Kind::kInt, Kind::kInt}, [&](const RowView& row) {
      out.push_back({row.IsNull(0) ? "" : row.Text(0), row.IsNull(1) ? 0 : row.Int(1), row.Int(2)});
    });
    return Status::Ok();
  }));
  return out;
}

Status SqlTransaction::TakeTurn(const std::string& key) {
  // Turns are taken between writers: a read-only transaction (a check before a write)
  // writes nothing another could interleave with.
  if (!write_) return Status::Ok();
  const std::string lock = lease_.dialect().Lock(key);
  if (lock.empty()) return Status::Ok();
  const domain::EntityDef& report = domain::PublishedReportEntity();
  return GuardWrite(report, [&]() -> Status {
    lease_.Execute(lock);
    return Status::Ok();
  });
}

Status SqlTransaction::PutReportFile(const ReportFile& file) {
  const domain::EntityDef& report = domain::PublishedReportEntity();
  // Base64 keeps the bytes of a PDF or XLSX intact in a text column on both engines.
  std::string encoded(sodium_base64_ENCODED_LEN(file.bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(file.bytes.data()), file.bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(std::strlen(encoded.c_str()));
  return GuardWrite(report, [&]() -> Status {
    SqlBuilder q;
    q << "INSERT INTO published_report_file (report_id, format, content_type, file_name, sha256, "
         "body_base64) VALUES (";
    q.Param(Kind::kInt, Value(file.report_id)) << ", ";
    q.Param(Kind::kText, Value(file.format)) << ", ";
    q.Param(Kind::kText, Value(file.content_type)) << ", ";
    q.Param(Kind::kText, Value(file.file_name)) << ", ";
    q.Param(Kind::kText, Value(file.sha256)) << ", ";
    q.Param(Kind::kText, Value(encoded)) << ")";
    Run(q);
    return Status::Ok();
  });
}

Result<ReportFile> SqlTransaction::GetReportFile(int64_t report_id, const std::string& format) {
  const domain::EntityDef& report = domain::PublishedReportEntity();
  ReportFile out;
  bool found = false;
  std::string encoded;
  LOOKOUT_RETURN_IF_ERROR(Guard(&report, [&] {
    SqlBuilder q;
    q << "SELECT content_type, file_name, sha256, body_base64 FROM published_report_file "
         "WHERE report_id = ";
    q.Param(Kind::kInt, Value(report_id)) << " AND format = ";
    q.Param(Kind::kText, Value(format));
    Run(q, {Kind::kText, Kind::kText, Kind::kText, Kind::kText}, [&](const RowView& row) {
      found = true;
      out.content_type = row.Text(0);
      out.file_name = row.Text(1);
      out.sha256 = row.Text(2);
      encoded = row.Text(3);
    });
    return Status::Ok();
  }));
  if (!found) {
    return Status(ErrorCode::kNotFound, "Published report " + std::to_string(report_id) +
                                            " has no " + format + " file.");
  }
  out.report_id = report_id;
  out.format = format;
  out.bytes.resize(encoded.size());
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.bytes.data()), out.bytes.size(),
                        encoded.data(), encoded.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Status::Internal("The stored " + format + " file of published report " +
                            std::to_string(report_id) + " is damaged.");
  }
  out.bytes.resize(length);
  return out;
}

}  // namespace lookout::store::sql
