#include "store/sql/statement.h"

#include <stdexcept>
#include <utility>

namespace lookout::store::sql {

SqlBuilder& SqlBuilder::Param(Kind kind, Value value) {
  kinds_.push_back(kind);
  values_.push_back(std::move(value));
  sql_ += ":p";
  sql_ += std::to_string(values_.size());
  return *this;
}

SqlBuilder& SqlBuilder::ParamList(Kind kind, const std::vector<Value>& values) {
  sql_ += "(";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) sql_ += ", ";
    Param(kind, values[i]);
  }
  sql_ += ")";
  return *this;
}

SqlBuilder& SqlBuilder::Append(const SqlBuilder& other) {
  const std::string& text = other.sql_;
  size_t pos = 0;
  size_t next = 0;
  while (pos < text.size()) {
    size_t at = text.find(":p", pos);
    if (at == std::string::npos) {
      sql_.append(text, pos, std::string::npos);
      break;
    }
    sql_.append(text, pos, at - pos);
    size_t end = at + 2;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    // Placeholders appear in the other builder's text in the order they were added.
    Param(other.kinds_[next], other.values_[next]);
    ++next;
    pos = end;
  }
  return *this;
}

std::string Id(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  out.append(name);
  out += '"';
  return out;
}

bool RowView::IsNull(size_t column) const { return (*columns_)[column].ind[row_] == soci::i_null; }
int64_t RowView::Int(size_t column) const { return (*columns_)[column].i[row_]; }
double RowView::Real(size_t column) const { return (*columns_)[column].r[row_]; }
const std::string& RowView::Text(size_t column) const { return (*columns_)[column].s[row_]; }

Value RowView::Get(size_t column) const {
  if (IsNull(column)) return Value();
  switch ((*columns_)[column].kind) {
    case Kind::kInt:
      return Value(static_cast<int64_t>(Int(column)));
    case Kind::kReal:
      return Value(Real(column));
    case Kind::kText:
      return Value(Text(column));
  }
  return Value();
}

Prepared::Prepared(soci::session& session, const std::string& sql, const std::vector<Kind>& params,
                   const std::vector<Kind>& columns)
    : statement_(session) {
  params_.resize(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    Param& p = params_[i];
    p.kind = params[i];
    switch (p.kind) {
      case Kind::kInt:
        statement_.exchange(soci::use(p.i, p.ind));
        break;
      case Kind::kReal:
        statement_.exchange(soci::use(p.r, p.ind));
        break;
      case Kind::kText:
        statement_.exchange(soci::use(p.s, p.ind));
        break;
    }
  }
  columns_.resize(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) columns_[i].kind = columns[i];
  ResizeColumns();
  for (RowView::Column& c : columns_) {
    switch (c.kind) {
      case Kind::kInt:
        statement_.exchange(soci::into(c.i, c.ind));
        break;
      case Kind::kReal:
        statement_.exchange(soci::into(c.r, c.ind));
        break;
      case Kind::kText:
        statement_.exchange(soci::into(c.s, c.ind));
        break;
    }
  }
  statement_.alloc();
  statement_.prepare(sql);
  statement_.define_and_bind();
}

Prepared::~Prepared() = default;

void Prepared::ResizeColumns() {
  for (RowView::Column& c : columns_) {
    c.ind.resize(kBatch);
    switch (c.kind) {
      case Kind::kInt:
        c.i.resize(kBatch);
        break;
      case Kind::kReal:
        c.r.resize(kBatch);
        break;
      case Kind::kText:
        c.s.resize(kBatch);
        break;
    }
  }
}

namespace {

// The parameter's value in its slot's kind. A value of another kind is a bug in the
// caller (kinds come from the same metadata as the values), reported as a SOCI error so
// that the store boundary turns it into an internal Status.
[[noreturn]] void WrongKind(size_t index) {
  throw soci::soci_error("parameter " + std::to_string(index + 1) +
                         " has a value of the wrong type");
}

}  // namespace

int64_t Prepared::Run(const std::vector<Value>& values,
                      const std::function<void(const RowView&)>& on_row) {
  if (values.size() != params_.size()) {
    throw soci::soci_error("statement expects " + std::to_string(params_.size()) +
                           " parameters, got " + std::to_string(values.size()));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const Value& v = values[i];
    Param& p = params_[i];
    if (v.is_null()) {
      p.ind = soci::i_null;
      continue;
    }
    p.ind = soci::i_ok;
    switch (p.kind) {
      case Kind::kInt:
        if (v.is_int()) {
          p.i = v.as_int();
        } else if (v.is_bool()) {
          p.i = v.as_bool() ? 1 : 0;
        } else {
          WrongKind(i);
        }
        break;
      case Kind::kReal:
        if (!v.is_int() && !v.is_real()) WrongKind(i);
        p.r = v.as_real();
        break;
      case Kind::kText:
        if (!v.is_text()) WrongKind(i);
        p.s = v.as_text();
        break;
    }
  }
  if (columns_.empty()) {
    statement_.execute(true);
    return statement_.get_affected_rows();
  }
  ResizeColumns();
  statement_.execute(false);
  while (statement_.fetch()) {
    const RowView::Column& first = columns_[0];
    size_t rows = first.kind == Kind::kInt    ? first.i.size()
                  : first.kind == Kind::kReal ? first.r.size()
                                              : first.s.size();
    if (on_row) {
      for (size_t r = 0; r < rows; ++r) on_row(RowView(&columns_, r));
    }
    ResizeColumns();
  }
  return 0;
}

int64_t StatementCache::Run(soci::session& session, const SqlBuilder& query,
                            const std::vector<Kind>& columns,
                            const std::function<void(const RowView&)>& on_row) {
  auto it = entries_.find(query.sql());
  if (it == entries_.end()) {
    if (entries_.size() >= max_entries_ && !recent_.empty()) {
      entries_.erase(recent_.back());
      recent_.pop_back();
    }
    auto prepared = std::make_unique<Prepared>(session, query.sql(), query.kinds(), columns);
    recent_.push_front(query.sql());
    it = entries_.emplace(query.sql(), Entry{std::move(prepared), recent_.begin()}).first;
  } else {
    recent_.splice(recent_.begin(), recent_, it->second.recent);
  }
  try {
    return it->second.prepared->Run(query.values(), on_row);
  } catch (...) {
    recent_.erase(it->second.recent);
    entries_.erase(it);
    throw;
  }
}

}  // namespace lookout::store::sql
