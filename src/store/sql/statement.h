// Prepared statements with typed, bound parameters and typed result columns.
//
// Every query the store runs goes through SqlBuilder (which appends ":pN" placeholders
// and remembers each parameter's value and kind) and Prepared (which binds those values
// to typed SOCI variables and reads result columns into typed vectors, a batch of rows
// per fetch). Typed variables make both engines read the same way: an INTEGER column is
// a 64-bit integer whether SQLite or PostgreSQL produced it.
#ifndef LOOKOUT_STORE_SQL_STATEMENT_H_
#define LOOKOUT_STORE_SQL_STATEMENT_H_

#include <soci/soci.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/value.h"

namespace lookout::store::sql {

// How a parameter or column travels: a 64-bit integer (also booleans as 0/1), a double,
// or text (also dates, codes and timestamps).
enum class Kind { kInt, kReal, kText };

// Builds one SQL statement. Table and column names come only from entity metadata and
// are quoted with Id(); every value goes through Param() and is bound, never spliced.
class SqlBuilder {
 public:
  SqlBuilder& operator<<(std::string_view text) {
    sql_.append(text);
    return *this;
  }
  // Appends a placeholder bound to `value`, sent as `kind`.
  SqlBuilder& Param(Kind kind, Value value);
  // Appends "(:p1, :p2, ...)" for `values`.
  SqlBuilder& ParamList(Kind kind, const std::vector<Value>& values);
  // Appends another builder's text and parameters (its placeholders renumbered).
  SqlBuilder& Append(const SqlBuilder& other);

  const std::string& sql() const { return sql_; }
  const std::vector<Kind>& kinds() const { return kinds_; }
  const std::vector<Value>& values() const { return values_; }

 private:
  std::string sql_;
  std::vector<Kind> kinds_;
  std::vector<Value> values_;
};

// A quoted identifier: "group". Names come from entity metadata only.
std::string Id(std::string_view name);

// One fetched row, valid only inside the row callback.
class RowView {
 public:
  bool IsNull(size_t column) const;
  int64_t Int(size_t column) const;              // REQUIRES: column kind kInt and not null
  double Real(size_t column) const;              // REQUIRES: column kind kReal and not null
  const std::string& Text(size_t column) const;  // REQUIRES: kind kText and not null
  // The column as a Value of its kind (null when null).
  Value Get(size_t column) const;

 private:
  friend class Prepared;
  struct Column;
  RowView(const std::vector<Column>* columns, size_t row) : columns_(columns), row_(row) {}
  const std::vector<Column>* columns_;
  size_t row_;
};

// A statement prepared once on one session and executed any number of times with new
// parameter values. Not thread-safe; belongs to the session it was prepared on.
// Throws soci::soci_error (callers translate it at the store boundary).
class Prepared {
 public:
  // `params` and `columns` give the kinds of the placeholders and of the result columns.
  Prepared(soci::session& session, const std::string& sql, const std::vector<Kind>& params,
           const std::vector<Kind>& columns);
  ~Prepared();
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  // Binds `values` (one per placeholder), executes, and calls `on_row` for every result
  // row in order. Returns the number of rows the statement changed (for writes).
  int64_t Run(const std::vector<Value>& values,
              const std::function<void(const RowView&)>& on_row = nullptr);

 private:
  struct Param {
    Kind kind;
    long long i = 0;
    double r = 0;
    std::string s;
    soci::indicator ind = soci::i_ok;
  };
  static constexpr size_t kBatch = 64;

  void ResizeColumns();

  soci::statement statement_;
  std::vector<Param> params_;  // fixed size: SOCI holds their addresses
  std::vector<RowView::Column> columns_;
};

struct RowView::Column {
  Kind kind;
  std::vector<long long> i;
  std::vector<double> r;
  std::vector<std::string> s;
  std::vector<soci::indicator> ind;
};

// The statements prepared on one session, by SQL text. Statements are prepared the first
// time a query shape is seen and reused afterwards, across transactions. A statement
// that failed is dropped (its state is unknown); past `max_entries` the least recently
// used statement is dropped, which only happens with many one-off query shapes.
class StatementCache {
 public:
  explicit StatementCache(size_t max_entries = 256) : max_entries_(max_entries) {}
  // Runs `query` (prepared on `session` if not cached) whose result columns have `columns`
  // kinds. See Prepared::Run.
  int64_t Run(soci::session& session, const SqlBuilder& query, const std::vector<Kind>& columns,
              const std::function<void(const RowView&)>& on_row = nullptr);
  void Clear() {
    entries_.clear();
    recent_.clear();
  }

 private:
  struct Entry {
    std::unique_ptr<Prepared> prepared;
    std::list<std::string>::iterator recent;  // its place in recent_
  };
  size_t max_entries_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recent_;  // SQL texts, most recently used first
};

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_STATEMENT_H_
