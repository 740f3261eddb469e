#include "app/ops/audit_trail.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "core/time.h"
#include "domain/schema.h"
#include "io/csv.h"
#include "io/record_file.h"

namespace lookout::app {

namespace {

constexpr int64_t kDefaultLimit = 50;
constexpr int64_t kMaxLimit = 500;
constexpr size_t kMaxFilterLength = 200;

bool ParseInt(const std::string& text, int64_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// A from/to bound as the timestamp the trail's `at` is compared with: a date covers its
// whole day, so "to=2026-03-01" includes everything written on the 1st.
std::optional<std::string> Bound(const std::string& text, bool end_of_day) {
  if (ParseTimestamp(text)) return text;
  if (auto date = Date::Parse(text)) {
    return date->ToString() + (end_of_day ? "T23:59:59Z" : "T00:00:00Z");
  }
  return std::nullopt;
}

// The command line and the system: the database's operator.
bool IsOperatorActor(const Actor& actor) {
  return actor.id.rfind("cli:", 0) == 0 || actor.id == "system" || actor.id.rfind("system:", 0) == 0;
}

// The entry recording that `actor` read ("consult") or exported the trail itself.
store::AuditEntry TrailEntry(Services& services, const Actor& actor, std::string action,
                             const nlohmann::ordered_json& changes, std::string reason) {
  store::AuditEntry record;
  record.at = services.clock().NowTimestamp();
  record.actor = actor.id;
  record.address = actor.address;
  record.request_id = actor.request_id;
  record.action = std::move(action);
  record.entity = "audit";
  record.changes = changes.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  record.reason = std::move(reason);
  return record;
}

struct ParsedQuery {
  store::AuditQuery query;
  std::string reason;
  nlohmann::ordered_json filters = nlohmann::ordered_json::object();  // as given, for the record
};

// The audit parameters of ListAudit and ExportAudit, as ParseAuditParams reads them.
std::vector<ParamDoc> AuditParams(bool paging, bool with_reason) {
  auto text = [](const char* name, std::string description) {
    ParamDoc p;
    p.name = name;
    p.description = std::move(description) + " (at most " + std::to_string(kMaxFilterLength) +
                    " characters).";
    return p;
  };
  std::vector<ParamDoc> out;
  out.push_back(text("actor", "Who acted, as the trail names them: staff:<id>, cli:<user>, system"));
  out.push_back(text("action", "What was done, e.g. create, update, transition, consult, export or sign_in"));
  out.push_back(text("entity", "The kind of record, by name or as the command line spells it "
                               "(task_transition or task-transition)"));
  ParamDoc id;
  id.name = "entity_id";
  id.description = "The record's id; needs entity, since ids are numbered per kind.";
  id.type = "integer";
  id.minimum = 1;
  out.push_back(std::move(id));
  for (const char* bound : {"from", "to"}) {
    ParamDoc p;
    p.name = bound;
    p.description = std::string("Entries written ") +
                    (std::string_view(bound) == "from" ? "at or after" : "at or before") +
                    " this moment: a date YYYY-MM-DD (its whole day) or a UTC timestamp "
                    "YYYY-MM-DDTHH:MM:SSZ.";
    out.push_back(std::move(p));
  }
  if (paging) {
    for (ParamDoc& p : PagingParameters("entries", kDefaultLimit, kMaxLimit)) {
      out.push_back(std::move(p));
    }
  }
  if (with_reason) {
    ParamDoc reason;
    reason.name = "reason";
    reason.description = "Why the trail is exported (at most 2000 characters).";
    out.push_back(std::move(reason));
  }
  return out;
}

// The audit parameters of ListAudit and ExportAudit. `paging` accepts limit and offset;
// `with_reason` accepts reason (an export's purpose).
Result<ParsedQuery> ParseAuditParams(const Params& params, bool paging, bool with_reason) {
  ParsedQuery out;
  out.query.limit = paging ? kDefaultLimit : 0;
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (const auto& [key, value] : params) {
    if (!seen.insert(key).second) {
      errors.push_back({key, "is given more than once"});
      continue;
    }
    if (key == "actor" || key == "action" || key == "entity") {
      if (value.size() > kMaxFilterLength) {
        errors.push_back(
            {key, "is longer than " + std::to_string(kMaxFilterLength) + " characters"});
        continue;
      }
      if (value.empty()) continue;
      std::string v = value;
      // The trail names entities as the data model does ("task_transition"); accept the
      // spelling of the command line and the API too.
      if (key == "entity") {
        if (const domain::EntityDef* e = domain::FindEntity(value)) v = e->name;
      }
      (key == "actor"    ? out.query.actor
       : key == "action" ? out.query.action
                         : out.query.entity) = v;
      out.filters[key] = v;
    } else if (key == "entity_id") {
      int64_t id = 0;
      if (!ParseInt(value, id) || id <= 0) {
        errors.push_back({key, "must be a record id, a whole number above 0"});
        continue;
      }
      out.query.entity_id = id;
      out.filters[key] = id;
    } else if (key == "from" || key == "to") {
      if (value.empty()) continue;
      std::optional<std::string> bound = Bound(value, key == "to");
      if (!bound) {
        errors.push_back({key,
                          "expected a date as YYYY-MM-DD or a UTC timestamp as "
                          "YYYY-MM-DDTHH:MM:SSZ"});
        continue;
      }
      (key == "from" ? out.query.from : out.query.to) = *bound;
      out.filters[key] = *bound;
    } else if (paging && key == "limit") {
      int64_t n = 0;
      if (!ParseInt(value, n) || n < 1 || n > kMaxLimit) {
        errors.push_back({key, "must be a whole number from 1 to " + std::to_string(kMaxLimit)});
        continue;
      }
      out.query.limit = n;
    } else if (paging && key == "offset") {
      int64_t n = 0;
      if (!ParseInt(value, n) || n < 0) {
        errors.push_back({key, "must be a whole number, 0 or more"});
        continue;
      }
      out.query.offset = n;
    } else if (with_reason && key == "reason") {
      if (value.size() > 2000) {
        errors.push_back({key, "is longer than 2000 characters"});
        continue;
      }
      out.reason = value;
    } else {
      std::string accepted;
      for (const ParamDoc& p : AuditParams(paging, with_reason)) {
        accepted += (accepted.empty() ? "" : ", ") + p.name;
      }
      errors.push_back(
          {key, "is not a parameter of the audit trail; the parameters are: " + accepted});
    }
  }
  if (out.query.entity_id != 0 && out.query.entity.empty()) {
    errors.push_back({"entity_id", "needs entity: ids are numbered per kind of record"});
  }
  if (!out.query.from.empty() && !out.query.to.empty() && out.query.from > out.query.to) {
    errors.push_back({"to", "is before from"});
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  return out;
}

nlohmann::ordered_json TextOrNull(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

}  // namespace

std::vector<ParamDoc> ListAuditParameters() { return AuditParams(true, false); }

Result<AuditVerification> VerifyAuditTrail(store::Store& store, int64_t batch_size) {
  if (batch_size < 1) return Status::BadRequest("The batch size must be 1 or more.");
  // One read transaction: every batch sees the same committed trail (entries appended
  // meanwhile are simply not reached, or reached whole).
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store.Begin(false));
  AuditVerification result;
  std::string prev_hash;
  int64_t prev_id = 0;
  while (true) {
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::StoredAuditEntry> batch,
                             tx->ReadAuditChain(prev_id, batch_size));
    if (batch.empty()) break;
    for (const store::StoredAuditEntry& e : batch) {
      ++result.checked;
      if (e.prev_hash != prev_hash) {
        // The link to the entry before is broken. With ids skipped too, the entries in
        // between were most likely deleted; otherwise this entry's prev_hash (or the
        // previous entry's hash) was changed.
        AuditBreak b{e.id, AuditBreak::Kind::kLink, ""};
        if (prev_id == 0 && !e.prev_hash.empty()) {
          b.kind = AuditBreak::Kind::kMissing;
          b.detail = e.id > 1 ? "the entries before it (ids 1 to " + std::to_string(e.id - 1) +
                                    ") are missing: it is chained to an entry that is not in "
                                    "the trail"
                              : "it is the first entry but is chained to an earlier one";
        } else if (e.id > prev_id + 1 && prev_id != 0) {
          b.kind = AuditBreak::Kind::kMissing;
          b.detail = (e.id == prev_id + 2 ? "entry " + std::to_string(prev_id + 1) + " is"
                                          : "entries " + std::to_string(prev_id + 1) + " to " +
                                                std::to_string(e.id - 1) + " are") +
                     " missing: its prev_hash does not match the hash of entry " +
                     std::to_string(prev_id);
        } else if (prev_id == 0) {
          b.detail = "it is the first entry but its prev_hash is not empty";
        } else {
          b.detail = "its prev_hash does not match the hash of entry " + std::to_string(prev_id) +
                     " before it";
        }
        result.broken = std::move(b);
        return result;
      }
      if (store::AuditHash(e.prev_hash, e.entry) != e.hash) {
        result.broken = AuditBreak{e.id, AuditBreak::Kind::kContents,
                                   "its hash does not match its contents (the entry was changed "
                                   "after it was written)"};
        return result;
      }
      prev_hash = e.hash;
      prev_id = e.id;
      result.last_id = e.id;
      result.last_hash = e.hash;
    }
    if (static_cast<int64_t>(batch.size()) < batch_size) break;
  }
  return result;
}

std::string DescribeVerification(const AuditVerification& v) {
  if (v.intact()) {
    return "audit trail intact: " + std::to_string(v.checked) +
           (v.checked == 1 ? " entry" : " entries");
  }
  return "audit trail broken at entry " + std::to_string(v.broken->entry_id) + ": " +
         v.broken->detail;
}

Status AuthorizeAuditAccess(const Actor& actor) {
  // The lead's policy (app/policy) will subsume this check; until then it is kept here,
  // in the one place the trail's tools ask.
  if (IsOperatorActor(actor) || actor.role == "admin") return Status::Ok();
  if (!actor.signed_in) {
    return Status(ErrorCode::kUnauthenticated,
                  "Sign in as an administrator to see the audit trail.");
  }
  return Status(ErrorCode::kForbidden, "Only administrators may see the audit trail.");
}

Result<store::AuditPage> ListAudit(Services& services, const Actor& actor, const Params& params) {
  LOOKOUT_RETURN_IF_ERROR(AuthorizeAuditAccess(actor));
  LOOKOUT_ASSIGN_OR_RETURN(ParsedQuery parsed, ParseAuditParams(params, true, false));
  // The trail names who did what to which record: reading it is a consultation too, on
  // record with the filters and what was shown (the command line's operator holds the
  // database itself, as for insight).
  const bool consult = !IsOperatorActor(actor);
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(consult));
  LOOKOUT_ASSIGN_OR_RETURN(store::AuditPage page, tx->QueryAudit(parsed.query));
  if (consult) {
    nlohmann::ordered_json changes = nlohmann::ordered_json::object();
    changes["entries"] = static_cast<int64_t>(page.items.size());
    changes["total"] = page.total;
    if (!page.items.empty()) {
      changes["ids"] = {page.items.back().id, page.items.front().id};
    }
    changes["filters"] = parsed.filters;
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(TrailEntry(services, actor, "consult", changes, "")));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  }
  return page;
}

Result<int64_t> AccountOwner(Services& services, const Actor& actor, int64_t account_id) {
  LOOKOUT_RETURN_IF_ERROR(AuthorizeAuditAccess(actor));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  auto account = tx->Get(domain::AccountEntity(), account_id);
  if (!account.ok()) {
    if (account.status().code() == ErrorCode::kNotFound) return int64_t{0};
    return account.TakeStatus();
  }
  const Value& staff = account->Get("staff");
  return staff.is_int() ? staff.as_int() : int64_t{0};
}

nlohmann::ordered_json AuditEntryToJson(const store::StoredAuditEntry& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["id"] = s.id;
  j["at"] = s.entry.at;
  j["actor"] = s.entry.actor;
  j["address"] = TextOrNull(s.entry.address);
  j["request_id"] = TextOrNull(s.entry.request_id);
  j["action"] = s.entry.action;
  j["entity"] = s.entry.entity;
  j["entity_id"] = s.entry.entity_id == 0 ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(s.entry.entity_id);
  if (s.entry.changes.empty()) {
    j["changes"] = nullptr;
  } else {
    nlohmann::ordered_json changes =
        nlohmann::ordered_json::parse(s.entry.changes, nullptr, /*allow_exceptions=*/false);
    j["changes"] = changes.is_discarded() ? nlohmann::ordered_json(s.entry.changes) : changes;
  }
  j["reason"] = TextOrNull(s.entry.reason);
  j["prev_hash"] = TextOrNull(s.prev_hash);
  j["hash"] = s.hash;
  return j;
}

Result<AuditExport> ExportAudit(Services& services, const Actor& actor, const Params& params,
                                io::FileFormat format) {
  LOOKOUT_RETURN_IF_ERROR(AuthorizeAuditAccess(actor));
  LOOKOUT_ASSIGN_OR_RETURN(ParsedQuery parsed, ParseAuditParams(params, false, true));
  parsed.query.oldest_first = true;
  parsed.query.limit = 0;

  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(store::AuditPage page, tx->QueryAudit(parsed.query));

  AuditExport out;
  out.count = static_cast<int64_t>(page.items.size());
  if (format == io::FileFormat::kCsv) {
    io::AppendCsvRecord(
        out.bytes, {"id", "at", "actor", "address", "request_id", "action", "entity", "entity_id",
                    "changes", "reason", "prev_hash", "hash"});
    for (const store::StoredAuditEntry& s : page.items) {
      const store::AuditEntry& e = s.entry;
      io::AppendCsvRecord(
          out.bytes, {std::to_string(s.id), e.at, e.actor, e.address, e.request_id, e.action,
                      e.entity, e.entity_id == 0 ? "" : std::to_string(e.entity_id), e.changes,
                      e.reason, s.prev_hash, s.hash});
    }
  } else {
    // One entry per line, as the record exports write JSON.
    out.bytes = "[";
    for (size_t i = 0; i < page.items.size(); ++i) {
      out.bytes += (i == 0 ? "\n" : ",\n");
      out.bytes += AuditEntryToJson(page.items[i])
                       .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    out.bytes += page.items.empty() ? "]\n" : "\n]\n";
  }

  nlohmann::ordered_json changes = nlohmann::ordered_json::object();
  changes["format"] = std::string(io::FileFormatName(format));
  changes["entries"] = out.count;
  changes["filters"] = parsed.filters;
  LOOKOUT_RETURN_IF_ERROR(
      tx->AppendAudit(TrailEntry(services, actor, "export", changes, parsed.reason)));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace lookout::app
