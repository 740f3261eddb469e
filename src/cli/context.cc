#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "cli/command.h"
#include "core/time.h"
#include "domain/schema.h"

namespace lookout::cli {

namespace {

std::string CurrentUser() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return "uid" + std::to_string(::geteuid());
}

}  // namespace

std::string Context::database_label() const {
  std::string url = database_url_;
  const size_t scheme = url.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t at = url.find('@', start);
    const size_t slash = url.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const size_t colon = url.find(':', start);
      if (colon != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // A password given as a query parameter ("?password=...") is hidden too.
  for (size_t p = url.find("password="); p != std::string::npos; p = url.find("password=", p + 1)) {
    const size_t value = p + 9;
    const size_t end = url.find('&', value);
    url.replace(value, (end == std::string::npos ? url.size() : end) - value, "***");
  }
  return url;
}

Context::Context(std::string database_url, std::ostream& out, std::ostream& err,
                 bool err_is_terminal)
    : database_url_(std::move(database_url)),
      out_(out),
      err_(err),
      err_is_terminal_(err_is_terminal),
      actor_(app::Actor::Cli(CurrentUser())) {}

Context::~Context() = default;

std::string Context::SqlitePath() const {
  std::string_view url = database_url_;
  if (url.rfind("sqlite:", 0) == 0) {
    url.remove_prefix(7);
    return url == ":memory:" ? "" : std::string(url);
  }
  if (url.find("://") == std::string_view::npos && url.size() > 3 &&
      url.substr(url.size() - 3) == ".db") {
    return std::string(url);
  }
  return "";
}

Result<store::Store*> Context::OpenStore(OpenMode mode) {
  if (store_) return store_.get();
  const std::string path = SqlitePath();
  if (!path.empty()) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && (mode == OpenMode::kExisting || mode == OpenMode::kExistingAsIs)) {
      return Status::NotFound("There is no database at " + path +
                              ": create it with `lookout init` (or choose another with "
                              "--database).");
    }
    if (!exists) {
      const std::filesystem::path parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) {
        std::filesystem::create_directories(parent, ec);
        if (ec) {
          return Status::BadRequest("Cannot create the folder " + parent.string() + " for the " +
                                    "database: " + ec.message() + ".");
        }
      }
    }
  }
  LOOKOUT_ASSIGN_OR_RETURN(store_, store::Open(database_url_));
  if (mode != OpenMode::kAsIs && mode != OpenMode::kExistingAsIs) {
    LOOKOUT_ASSIGN_OR_RETURN(int version, store_->SchemaVersion());
    const int latest = store::LatestSchemaVersion();
    if (version == 0 && mode == OpenMode::kCreateIfNew) {
      LOOKOUT_ASSIGN_OR_RETURN(auto applied, store_->Migrate(/*dry_run=*/false));
      created_schema_ = !applied.empty();
    } else if (version == 0) {
      return Status::NotFound("The database " + database_label() +
                              " is empty: create its tables with `lookout init` or "
                              "`lookout migrate`.");
    } else if (version < latest) {
      return Status::Conflict("The database schema is at version " + std::to_string(version) +
                              " and this lookout needs version " + std::to_string(latest) +
                              ": run `lookout migrate` first.");
    } else if (version > latest) {
      return Status::Conflict("The database schema is at version " + std::to_string(version) +
                              ", newer than this lookout knows (" + std::to_string(latest) +
                              "): use a newer lookout.");
    }
  }
  return store_.get();
}

Result<app::Services*> Context::OpenServices(OpenMode mode) {
  if (services_) return services_.get();
  LOOKOUT_ASSIGN_OR_RETURN(store::Store * store, OpenStore(mode));
  services_ = std::make_unique<app::Services>(*store, Clock::System());
  return services_.get();
}

ProgressLine::ProgressLine(Context& context, std::string label)
    : context_(context), label_(std::move(label)) {}

ProgressLine::~ProgressLine() { Finish(); }

app::Progress ProgressLine::Callback() {
  return [this](int64_t done, int64_t total) { Update(done, total); };
}

void ProgressLine::Update(int64_t done, int64_t total) {
  if (!context_.interactive()) return;
  // "\r" and the erase-line sequence redraw the same line; only on a terminal.
  context_.err() << "\r\x1b[2K" << label_ << ": " << done;
  if (total > 0) context_.err() << "/" << total;
  context_.err().flush();
  drawn_ = true;
}

void ProgressLine::Finish() {
  if (!drawn_) return;
  context_.err() << "\r\x1b[2K";
  context_.err().flush();
  drawn_ = false;
}

std::string HelpText(std::string_view text) {
  constexpr size_t kWidth = 80;
  std::string out;
  size_t column = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    if (word.empty()) break;
    if (column > 0 && column + 1 + word.size() > kWidth) {
      out += '\n';
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    pos = end;
  }
  return out + "\n";
}

std::string KindList() {
  std::string out;
  for (const domain::EntityDef* e : domain::AllEntities()) {
    out += (out.empty() ? "" : ", ") + domain::KindName(*e);
  }
  return out;
}

}  // namespace lookout::cli
