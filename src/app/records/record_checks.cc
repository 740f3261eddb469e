#include "app/records/record_checks.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/record_json.h"
#include "app/records/services.h"
#include "domain/rules.h"

namespace lookout::app::internal {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : hash) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

store::WriteMeta MetaFor(const Actor& actor, const Clock& clock) {
  return store::WriteMeta{actor.id, clock.NowTimestamp()};
}

store::AuditEntry AuditFor(const Actor& actor, const store::WriteMeta& meta, std::string action,
                           const domain::EntityDef& entity, int64_t id, std::string changes,
                           std::string reason) {
  store::AuditEntry e;
  e.at = meta.at;
  e.actor = actor.id;
  e.address = actor.address;
  e.request_id = actor.request_id;
  e.action = std::move(action);
  e.entity = entity.name;
  e.entity_id = id;
  e.changes = std::move(changes);
  e.reason = std::move(reason);
  return e;
}


using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

namespace {

std::string KeyText(const Value& v) {
  return v.is_int() ? std::to_string(v.as_int()) : v.ToDisplay();
}

}  // namespace

std::vector<FieldError> CheckWritableFields(const EntityDef& entity, const Record& input,
                                            bool allow_restore) {
  std::vector<FieldError> errors;
  for (const auto& [name, value] : input.fields) {
    if (domain::IsMetaColumn(name)) {
      const bool restorable = name == "id" || name == "archived" || name == "archived_at";
      if (!(allow_restore && restorable)) {
        errors.push_back({name, "is set by Lookout and cannot be written"});
      }
      continue;
    }
    const FieldDef* f = entity.Find(name);
    if (f != nullptr && f->system && !allow_restore) {
      std::string hint = entity.name == "task" && name == "status"
                             ? ": change a task's status with POST /api/v1/tasks/{id}/transitions"
                             : "";
      if (name == "approved" || name == "approved_by" || name == "approved_at") {
        hint = ": a manager who did not record it approves it (POST /api/v1/" + entity.plural +
               "/{id}/approve)";
      }
      errors.push_back({name, "is set by Lookout and cannot be written" + hint});
    }
  }
  return errors;
}

void ApplyDefaults(const EntityDef& entity, Record& record) {
  for (const FieldDef& f : entity.fields) {
    if (record.Has(f.name) && !record.Get(f.name).is_null()) continue;
    if (f.type == FieldType::kBool) {
      record.Set(f.name, f.name == "active");
    } else if (f.IsSet()) {
      record.Set(f.name, Value::List{});
    } else if (f.type == FieldType::kChildren) {
      record.Set(f.name, Value::Rows{});
    }
  }
  if (entity.name == "insight" && record.Get("status").is_null()) record.Set("status", "new");
  if (entity.name == "programme" && record.Get("fy_start_month").is_null()) {
    record.Set("fy_start_month", 4);
  }
  // Child rows: booleans default to false.
  for (const FieldDef& f : entity.fields) {
    if (f.type != FieldType::kChildren || !record.Get(f.name).is_rows()) continue;
    const EntityDef& child = domain::ChildEntity(f);
    for (Record& row : record.fields[f.name].as_rows()) {
      for (const FieldDef& cf : child.fields) {
        if (cf.type == FieldType::kBool && row.Get(cf.name).is_null()) row.Set(cf.name, false);
      }
    }
  }
}

Result<bool> ReferenceChecker::Exists(const std::string& target, const Value& key) {
  const std::string text = KeyText(key);
  auto& known = known_[target];
  if (known.count(text)) return true;
  const EntityDef* e = domain::FindEntity(target);
  if (e == nullptr) return Status::Internal("unknown reference target " + target);
  LOOKOUT_ASSIGN_OR_RETURN(bool found, tx_.Exists(*e, key));
  if (found) known.insert(text);
  return found;
}

Status ReferenceChecker::CheckValue(const FieldDef& field, const Value& value,
                                    const std::string& path, std::vector<FieldError>& errors) {
  if (value.is_null()) return Status::Ok();
  const EntityDef* target = domain::FindEntity(field.target);
  const std::string label = target ? target->label : field.target;
  auto check_one = [&](const Value& key, const std::string& where) -> Status {
    if (!(key.is_int() || key.is_text())) return Status::Ok();  // type errors reported elsewhere
    LOOKOUT_ASSIGN_OR_RETURN(bool found, Exists(field.target, key));
    if (!found) {
      const bool by_code = target != nullptr && target->IsReference();
      errors.push_back({where, "there is no " + label + " with " + (by_code ? "code '" : "id ") +
                                   KeyText(key) + (by_code ? "'" : "")});
    }
    return Status::Ok();
  };
  if (field.type == FieldType::kRef) return check_one(value, path);
  if (field.type == FieldType::kRefSet && value.is_list()) {
    const auto& list = value.as_list();
    for (size_t i = 0; i < list.size(); ++i) {
      LOOKOUT_RETURN_IF_ERROR(check_one(list[i], path + "[" + std::to_string(i) + "]"));
    }
  }
  return Status::Ok();
}

Status ReferenceChecker::Check(const EntityDef& entity, const Record& record,
                               std::vector<FieldError>& errors, const std::set<std::string>& only) {
  for (const FieldDef& f : entity.fields) {
    if (!only.empty() && !only.count(f.name)) continue;
    const Value& v = record.Get(f.name);
    if (f.type == FieldType::kRef || f.type == FieldType::kRefSet) {
      LOOKOUT_RETURN_IF_ERROR(CheckValue(f, v, f.name, errors));
    } else if (f.type == FieldType::kChildren && v.is_rows()) {
      const EntityDef& child = domain::ChildEntity(f);
      const auto& rows = v.as_rows();
      for (size_t i = 0; i < rows.size(); ++i) {
        for (const FieldDef& cf : child.fields) {
          if (cf.type != FieldType::kRef && cf.type != FieldType::kRefSet) continue;
          LOOKOUT_RETURN_IF_ERROR(CheckValue(
              cf, rows[i].Get(cf.name), f.name + "[" + std::to_string(i) + "]." + cf.name, errors));
        }
      }
    }
  }
  return Status::Ok();
}

Result<int64_t> CountReferring(store::Transaction& tx, const EntityDef& entity,
                               const std::string& field, int64_t id) {
  store::ListQuery query;
  query.where.push_back({field, store::Condition::Op::kEq, {Value(id)}});
  query.archived = store::ListQuery::Archived::kInclude;
  query.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(entity, query));
  return page.total;
}

Status CheckUnique(store::Transaction& tx, const EntityDef& entity, const Record& record,
                   int64_t self_id, std::vector<FieldError>& errors) {
  for (const FieldDef& f : entity.fields) {
    if (!f.unique || !f.IsColumn()) continue;
    const Value& v = record.Get(f.name);
    if (v.is_null()) continue;
    // Archived records keep their unique values (the database's constraint covers them),
    // so the check looks at them too and answers with a field error, not a conflict.
    store::ListQuery query;
    query.where.push_back({f.name, store::Condition::Op::kEq, {v}});
    query.archived = store::ListQuery::Archived::kInclude;
    query.limit = 2;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(entity, query));
    int64_t other = 0;
    for (const Record& r : page.items) {
      if (r.Id() != self_id) other = r.Id();
    }
    if (other != 0) {
      errors.push_back({f.name, "'" + v.ToDisplay() + "' is already used by " + entity.label + " " +
                                    std::to_string(other)});
    }
  }
  return Status::Ok();
}

Status ComputeInsightScore(store::Transaction& tx, Record& insight,
                           std::vector<FieldError>& errors) {
  const Value& scores = insight.Get("factor_scores");
  const Value& scheme_id = insight.Get("scoring_scheme");
  if (!scores.is_rows() || scores.as_rows().empty() || !scheme_id.is_int()) {
    insight.Set("risk_score", Value());
    return Status::Ok();
  }
  auto scheme = tx.Get(*domain::FindEntity("scoring_scheme"), scheme_id.as_int());
  if (!scheme.ok()) {
    if (scheme.status().code() == ErrorCode::kNotFound)
      return Status::Ok();  // reported as a reference
    return scheme.TakeStatus();
  }
  auto score = domain::ComputeRiskScore(
      scheme->Get("factors").is_rows() ? scheme->Get("factors").as_rows() : Value::Rows{},
      scores.as_rows());
  if (!score.ok()) {
    for (const FieldError& e : score.status().fields()) errors.push_back(e);
    if (score.status().fields().empty())
      errors.push_back({"factor_scores", score.status().message()});
    return Status::Ok();
  }
  insight.Set("risk_score", *score);
  return Status::Ok();
}

namespace {
void ScreenInto(const EntityDef& entity, const Record& record, const std::string& prefix,
                std::vector<FieldError>& warnings) {
  for (const FieldDef& f : entity.fields) {
    const Value& v = record.Get(f.name);
    if (f.type == FieldType::kChildren && v.is_rows()) {
      const auto& rows = v.as_rows();
      for (size_t i = 0; i < rows.size(); ++i) {
        ScreenInto(domain::ChildEntity(f), rows[i],
                   prefix + f.name + "[" + std::to_string(i) + "].", warnings);
      }
      continue;
    }
    if (!f.free_text || !v.is_text()) continue;
    for (std::string& w : domain::ScreenFreeText(v.as_text())) {
      warnings.push_back({prefix + f.name, std::move(w)});
    }
  }
}

bool HasFreeText(const EntityDef& entity) {
  for (const FieldDef& f : entity.fields) {
    if (f.free_text) return true;
  }
  return false;
}
}  // namespace

std::vector<FieldError> ScreenFreeTextFields(const EntityDef& entity, const Record& record) {
  std::vector<FieldError> warnings;
  ScreenInto(entity, record, "", warnings);
  return warnings;
}

std::string DescribeChanges(const EntityDef& entity, const Record& before, const Record& after) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const FieldDef& f : entity.fields) {
    if (!after.Has(f.name)) continue;
    const Value& old_value = before.Get(f.name);
    const Value& new_value = after.Get(f.name);
    if (old_value == new_value) continue;
    if (f.free_text) {
      const size_t len = new_value.is_text() ? new_value.as_text().size() : 0;
      out[f.name] = {{"changed", true}, {"length", len}};
    } else if (f.type == FieldType::kChildren && HasFreeText(domain::ChildEntity(f))) {
      const size_t rows = new_value.is_rows() ? new_value.as_rows().size() : 0;
      out[f.name] = {{"changed", true}, {"rows", rows}};
    } else {
      out[f.name] = nlohmann::ordered_json::array({io::ValueToJson(old_value), io::ValueToJson(new_value)});
    }
  }
  for (const char* meta : {"id", "archived", "archived_at"}) {
    if (after.Has(meta) && before.Get(meta) != after.Get(meta)) {
      out[meta] = nlohmann::ordered_json::array(
          {io::ValueToJson(before.Get(meta)), io::ValueToJson(after.Get(meta))});
    }
  }
  return out.dump();
}

void CanonicaliseSets(const EntityDef& entity, Record& record) {
  for (const FieldDef& f : entity.fields) {
    if (!f.IsSet() || !record.Get(f.name).is_list()) continue;
    Value::List& list = record.fields[f.name].as_list();
    std::stable_sort(list.begin(), list.end(), [](const Value& a, const Value& b) {
      if (a.is_int() && b.is_int()) return a.as_int() < b.as_int();
      if (a.is_text() && b.is_text()) return a.as_text() < b.as_text();
      return false;
    });
  }
}

Status CheckSurveyAnswers(store::Transaction& tx, const Record& response,
                          std::vector<FieldError>& errors) {
  const Value& survey = response.Get("survey");
  const Value& answers = response.Get("answers");
  if (!survey.is_int() || !answers.is_rows()) return Status::Ok();
  const EntityDef& questions = *domain::FindEntity("survey_question");
  const auto& rows = answers.as_rows();
  for (size_t i = 0; i < rows.size(); ++i) {
    const Value& qid = rows[i].Get("question");
    if (!qid.is_int()) continue;
    auto question = tx.Get(questions, qid.as_int());
    if (!question.ok()) {
      if (question.status().code() == ErrorCode::kNotFound) continue;  // a reference error
      return question.TakeStatus();
    }
    const std::string where = "answers[" + std::to_string(i) + "]";
    if (!(question->Get("survey") == survey)) {
      errors.push_back({where + ".question",
                        "question " + std::to_string(qid.as_int()) + " belongs to another survey"});
      continue;
    }
    const Value& answer = rows[i].Get("answer");
    if (!answer.is_text() || answer.as_text().empty()) continue;  // left blank
    const std::string kind = question->Get("kind").is_text() ? question->Get("kind").as_text() : "";
    std::string problem = domain::CheckAnswer(
        kind,
        question->Get("options").is_text() ? question->Get("options").as_text() : std::string(),
        answer.as_text());
    if (!problem.empty()) errors.push_back({where + ".answer", problem});
  }
  return Status::Ok();
}

Status CheckReason(const std::string& reason) {
  constexpr size_t kMaxReason = 2000;
  if (!domain::IsWellFormedUtf8(reason)) {
    return Status::Validation({{"reason", "is not valid UTF-8 text"}});
  }
  if (reason.size() > kMaxReason * 4 ||
      static_cast<size_t>(std::count_if(reason.begin(), reason.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      })) > kMaxReason) {
    return Status::Validation({{"reason", "is too long: give at most 2000 characters"}});
  }
  std::vector<FieldError> problems;
  for (std::string& w : domain::ScreenFreeText(reason))
    problems.push_back({"reason", std::move(w)});
  if (!problems.empty()) return Status::Validation(std::move(problems));
  return Status::Ok();
}

// The refusal of an update made on a stale copy (kOk when `version` is the stored one).
Status CheckVersion(const EntityDef& entity, int64_t id, const Record& current, int64_t version) {
  if (current.Get("version") == Value(version)) return Status::Ok();
  return Status::Conflict(entity.label + " " + std::to_string(id) + " is at version " +
                          current.Get("version").ToDisplay() + ", not " +
                          std::to_string(version) +
                          ": someone else saved it after you loaded it. Reload it and apply "
                          "your change again.");
}

Record EffectiveChanges(const Record& current, const Record& changes) {
  Record out;
  for (const auto& [name, value] : changes.fields) {
    if (!(current.Get(name) == value)) out.Set(name, value);
  }
  return out;
}

void Problems::Add(const Status& refusal, const std::string& field) {
  if (refusal.ok()) return;
  if (code_ == ErrorCode::kOk) {
    code_ = refusal.code();
    message_ = refusal.message();
  }
  if (refusal.fields().empty()) {
    fields_.push_back({field, refusal.message()});
  } else {
    for (const FieldError& e : refusal.fields()) fields_.push_back(e);
  }
}

void Problems::Add(std::vector<FieldError> errors) {
  if (!errors.empty()) Add(Status::Validation(std::move(errors)), "");
}

Status Problems::ToStatus() const {
  if (code_ == ErrorCode::kOk) return Status::Ok();
  return Status(code_, message_, fields_);
}

}  // namespace lookout::app::internal
