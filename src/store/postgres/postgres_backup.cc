// Backup and restore of a PostgreSQL database with pg_dump and pg_restore.
#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/postgres/postgres_store.h"

extern char** environ;

namespace lookout::store::postgres {

namespace {

// What the client tools are given: the connection without its password, which travels
// in the environment instead (a command line is visible to every user of the machine).
struct ToolConnection {
  std::string conninfo;
  std::string password;  // empty: none in the URL (libpq may still find ~/.pgpass)
};

Result<ToolConnection> ForTools(const std::string& url) {
  LOOKOUT_ASSIGN_OR_RETURN(ConnectionParameters parameters, ParseConnection(url));
  ToolConnection out;
  ConnectionParameters kept;
  for (auto& [keyword, value] : parameters) {
    if (keyword == "password") {
      out.password = value;
    } else if (keyword == "sslpassword") {
      return Status::BadRequest(
          "The database URL carries sslpassword, which pg_dump and pg_restore could only be "
          "given on their command line, where others could read it: use a client key that "
          "needs no password (readable by Lookout's user alone) for backups.");
    } else {
      kept.emplace_back(keyword, value);
    }
  }
  out.conninfo = ConnectionText(kept);
  return out;
}

struct ProgramOutcome {
  int exit_code = -1;
  std::string errors;  // what it wrote to standard error, trimmed
};

// Runs `argv` (found on the PATH) with standard input and output on /dev/null, its
// standard error captured, and PGPASSWORD set to `password` when there is one. The
// password is masked in what is returned, should a tool ever echo it.
Result<ProgramOutcome> RunTool(const std::vector<std::string>& argv, const std::string& password) {
  std::vector<std::string> environment;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (!password.empty() && std::strncmp(*e, "PGPASSWORD=", 11) == 0) continue;
    environment.emplace_back(*e);
  }
  if (!password.empty()) environment.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (std::string& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> args_p;
  for (std::string& a : args) args_p.push_back(a.data());
  args_p.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return Status::Internal(std::string("Cannot start ") + argv[0] + ": pipe: " +
                            std::strerror(errno) + ".");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  pid_t pid = -1;
  const int spawned =
      posix_spawnp(&pid, args_p[0], &actions, nullptr, args_p.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    if (spawned == ENOENT) {
      return Status(ErrorCode::kUnavailable,
                    argv[0] + " was not found on the PATH: install the PostgreSQL client tools "
                              "(on Debian, postgresql-client) of the server's major version or "
                              "newer.");
    }
    return Status::Internal("Cannot start " + argv[0] + ": " + std::strerror(spawned) + ".");
  }
  ProgramOutcome out;
  constexpr size_t kKept = 16 * 1024;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) {
      if (out.errors.size() < kKept) out.errors.append(buffer, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Status::Internal("Lost track of " + argv[0] + ".");
  }
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status)
                  : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                        : -1;
  if (!password.empty()) {
    for (size_t at = out.errors.find(password); at != std::string::npos;
         at = out.errors.find(password, at)) {
      out.errors.replace(at, password.size(), "***");
    }
  }
  while (!out.errors.empty() && std::isspace(static_cast<unsigned char>(out.errors.back()))) {
    out.errors.pop_back();
  }
  return out;
}

std::string Said(const ProgramOutcome& outcome) {
  return outcome.errors.empty() ? "(it said nothing)" : outcome.errors;
}

// One libpq connection of our own, for the few questions asked around the tools.
class Session {
 public:
  Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() {
    if (conn_ != nullptr) PQfinish(conn_);
  }

  Status Connect(const std::string& url) {
    LOOKOUT_ASSIGN_OR_RETURN(std::string conninfo, ConnectionString(url));
    conn_ = PQconnectdb(conninfo.c_str());
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      return Status(ErrorCode::kUnavailable,
                    "Cannot connect to the PostgreSQL database: " + LastError() + ".");
    }
    return Status::Ok();
  }

  // The first column of every row, as text ("" for NULL). `param`, when given, is $1.
  Result<std::vector<std::string>> Column(const std::string& sql,
                                          const std::string* param = nullptr) {
    const char* values[1] = {param != nullptr ? param->c_str() : nullptr};
    PGresult* result =
        PQexecParams(conn_, sql.c_str(), param != nullptr ? 1 : 0, nullptr,
                     param != nullptr ? values : nullptr, nullptr, nullptr, 0);
    const ExecStatusType state = PQresultStatus(result);
    if (state != PGRES_TUPLES_OK && state != PGRES_COMMAND_OK) {
      PQclear(result);
      return Status::Internal("PostgreSQL refused `" + sql + "`: " + LastError() + ".");
    }
    std::vector<std::string> out;
    if (state == PGRES_TUPLES_OK) {
      for (int row = 0; row < PQntuples(result); ++row) {
        out.emplace_back(PQgetisnull(result, row, 0) ? "" : PQgetvalue(result, row, 0));
      }
    }
    PQclear(result);
    return out;
  }

  // `name` quoted as an identifier.
  std::string Identifier(const std::string& name) {
    char* quoted = PQescapeIdentifier(conn_, name.c_str(), name.size());
    std::string out = quoted != nullptr ? quoted : "\"\"";
    PQfreemem(quoted);
    return out;
  }

 private:
  std::string LastError() const {
    std::string message = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return message;
  }

  PGconn* conn_ = nullptr;
};

}  // namespace

Result<std::string> CopyDatabase(const std::string& url, const std::string& file) {
  LOOKOUT_ASSIGN_OR_RETURN(ToolConnection tool, ForTools(url));
  std::string schema;
  {
    Session session;
    LOOKOUT_RETURN_IF_ERROR(session.Connect(url));
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> current,
                             session.Column("SELECT current_schema()"));
    if (current.empty() || current[0].empty()) {
      return Status::Conflict(
          "The database URL's search_path names no schema that exists, so there are no "
          "Lookout tables to back up.");
    }
    schema = current[0];
  }
  // --no-password: fail rather than ask on the terminal when no password was given.
  LOOKOUT_ASSIGN_OR_RETURN(
      ProgramOutcome dump,
      RunTool({"pg_dump", "--format=custom", "--no-password", "--file=" + file,
               "--dbname=" + tool.conninfo},
              tool.password));
  if (dump.exit_code != 0) {
    return Status(ErrorCode::kUnavailable, "pg_dump could not copy the database (exit code " +
                                               std::to_string(dump.exit_code) +
                                               "): " + Said(dump));
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return Status::Internal("pg_dump ended without error but wrote no file " + file + ".");
  }
  return schema;
}

Result<TableList> ListTables(const std::string& url, int limit) {
  Session session;
  LOOKOUT_RETURN_IF_ERROR(session.Connect(url));
  // Every relation a restore could collide with, in any schema but the system's.
  LOOKOUT_ASSIGN_OR_RETURN(
      std::vector<std::string> names,
      session.Column("SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c "
                     "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') "
                     "AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' "
                     "ORDER BY 1"));
  TableList out;
  out.count = static_cast<int64_t>(names.size());
  if (static_cast<int>(names.size()) > limit) names.resize(static_cast<size_t>(limit));
  out.names = std::move(names);
  return out;
}

Status LoadCopy(const std::string& url, const std::string& file, const std::string& schema) {
  LOOKOUT_ASSIGN_OR_RETURN(ToolConnection tool, ForTools(url));
  {
    // Which schema would Lookout use once the dump's schema exists? Asked in a
    // transaction that creates it if need be and is rolled back, so nothing is kept.
    Session session;
    LOOKOUT_RETURN_IF_ERROR(session.Connect(url));
    LOOKOUT_RETURN_IF_ERROR(session.Column("BEGIN").TakeStatus());
    LOOKOUT_ASSIGN_OR_RETURN(
        std::vector<std::string> exists,
        session.Column("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = $1",
                       &schema));
    if (exists.empty()) {
      LOOKOUT_RETURN_IF_ERROR(
          session.Column("CREATE SCHEMA " + session.Identifier(schema)).TakeStatus());
    }
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> current,
                             session.Column("SELECT current_schema()"));
    LOOKOUT_RETURN_IF_ERROR(session.Column("ROLLBACK").TakeStatus());
    const std::string resolved = current.empty() ? "" : current[0];
    if (resolved != schema) {
      return Status::Conflict(
          "The backup keeps Lookout's tables in schema '" + schema +
          "', but through this database URL Lookout would use " +
          (resolved.empty() ? std::string("no schema") : "schema '" + resolved + "'") +
          ": restore with a URL whose search_path starts with " + schema +
          " (options=-csearch_path%3D" + schema + "). Nothing was restored.");
    }
  }
  LOOKOUT_ASSIGN_OR_RETURN(
      ProgramOutcome restore,
      RunTool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
               "--single-transaction", "--no-password", "--dbname=" + tool.conninfo, file},
              tool.password));
  if (restore.exit_code != 0) {
    return Status(ErrorCode::kUnavailable,
                  "pg_restore could not load the backup (exit code " +
                      std::to_string(restore.exit_code) + "): " + Said(restore) +
                      "\nIt ran as one transaction, which was rolled back. Nothing was "
                      "restored.");
  }
  return Status::Ok();
}

}  // namespace lookout::store::postgres
