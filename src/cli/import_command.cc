// lookout import KIND FILE [--format csv|json] [--dry-run]
// lookout import all FOLDER [--format csv|json] [--dry-run]
// lookout import survey-responses --survey ID --preset NAME [--mapping FILE.json] [--dry-run] FILE
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "app/imports/survey_import.h"
#include "cli/command.h"
#include "domain/schema.h"
#include "io/files.h"
#include "io/record_file.h"

namespace lookout::cli {

namespace {

using io::DecodedFile;
using io::FileFormat;
using app::ImportIssue;
using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

struct ImportRequest {
  std::string kind;
  std::string path;
  std::string format;
  bool dry_run = false;
  // A file from a survey tool (survey-responses with --survey and --preset).
  int64_t survey = 0;
  std::string preset;
  std::string mapping_path;
  // Derived by Parse().
  const EntityDef* entity = nullptr;  // null for "all"
  std::optional<io::FileFormat> file_format;
};

// One file of an import: what it holds and what was found wrong with it.
struct FileJob {
  const EntityDef* entity = nullptr;
  std::string path;
  io::FileFormat format = io::FileFormat::kCsv;
  io::DecodedFile decoded;
  std::vector<ImportIssue> issues;  // decoding and validation problems, in line order
};

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string IssuePlace(io::FileFormat format, const ImportIssue& issue) {
  std::string out;
  if (issue.line > 0) {
    out = (format == io::FileFormat::kCsv ? "line " : "item ") + std::to_string(issue.line);
  }
  if (!issue.column.empty()) {
    if (!out.empty()) out += ", ";
    if (format == io::FileFormat::kCsv) {
      out += issue.column.rfind("column ", 0) == 0 ? issue.column : "column " + issue.column;
    } else {
      out += issue.column;
    }
  }
  return out;
}

// The field a column path starts with: "audience[2].count" -> "audience".
std::string ColumnRoot(const std::string& column) {
  return column.substr(0, column.find_first_of("[."));
}

// Decoding problems and the use case's problems as one list, in line order. A problem
// the use case reports about a value that could not be decoded (so it looked absent) is
// left out, as are "required" complaints about a column reported missing once.
std::vector<ImportIssue> Merge(const io::DecodedFile& decoded, const std::vector<ImportIssue>& found) {
  std::set<std::pair<int64_t, std::string>> undecoded;
  for (const ImportIssue& e : decoded.errors) undecoded.insert({e.line, ColumnRoot(e.column)});
  const std::set<std::string> missing(decoded.missing_required.begin(),
                                      decoded.missing_required.end());
  std::vector<ImportIssue> out = decoded.errors;
  for (const ImportIssue& e : found) {
    const std::string root = ColumnRoot(e.column);
    if (undecoded.count({e.line, root}) || missing.count(root)) continue;
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
  return out;
}

// `name_files`: prefix every problem with its file's name (a folder import).
Status Failure(const std::vector<FileJob*>& failed, bool name_files) {
  std::vector<FieldError> fields;
  size_t problems = 0;
  std::string files;
  for (const FileJob* job : failed) {
    problems += job->issues.size();
    files += (files.empty() ? "" : ", ") + FileName(job->path);
    for (const ImportIssue& issue : job->issues) {
      std::string place = IssuePlace(job->format, issue);
      if (name_files) place = FileName(job->path) + (place.empty() ? "" : ": " + place);
      fields.push_back({place, issue.message});
    }
  }
  std::set<std::pair<std::string, int64_t>> rows;
  bool header = false;
  for (const FileJob* job : failed) {
    for (const ImportIssue& issue : job->issues) {
      if (job->format == io::FileFormat::kCsv && issue.line == 1) {
        header = true;
      } else if (issue.line > 0) {
        rows.insert({job->path, issue.line});
      }
    }
  }
  std::string message = files + ": " + std::to_string(problems) +
                        (problems == 1 ? " problem" : " problems");
  if (!rows.empty() || header) {
    message += " in ";
    if (!rows.empty()) {
      message += std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows");
    }
    if (header) message += rows.empty() ? "the header" : " and the header";
  }
  message += "; nothing was written.";
  return Status(ErrorCode::kValidation, std::move(message), std::move(fields));
}

void PrintWarnings(Context& context, const FileJob& job, const std::vector<ImportIssue>& warnings) {
  for (const ImportIssue& w : warnings) {
    const std::string place = IssuePlace(job.format, w);
    context.err() << "lookout: warning: " << FileName(job.path) << (place.empty() ? "" : ", ")
                  << place << ": " << w.message << "\n";
  }
}

// The key a reference problem is about: the column path ("partners[1]",
// "answers[0].question") resolved in the row, as (target entity, key text).
std::optional<std::pair<std::string, std::string>> ReferenceAt(const EntityDef& entity,
                                                               const Record& record,
                                                               const std::string& column) {
  auto index_of = [](const std::string& text, size_t open) -> std::optional<size_t> {
    const size_t close = text.find(']', open);
    if (close == std::string::npos) return std::nullopt;
    try {
      return static_cast<size_t>(std::stoul(text.substr(open + 1, close - open - 1)));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  auto key_text = [](const Value& v) -> std::optional<std::string> {
    if (v.is_int()) return std::to_string(v.as_int());
    if (v.is_text()) return v.as_text();
    return std::nullopt;
  };
  const std::string root = ColumnRoot(column);
  const FieldDef* field = entity.Find(root);
  if (field == nullptr) return std::nullopt;
  const Value& value = record.Get(root);
  if (field->type == FieldType::kRef && column == root) {
    auto key = key_text(value);
    if (key) return std::make_pair(field->target, *key);
  } else if (field->type == FieldType::kRefSet && value.is_list()) {
    auto i = index_of(column, root.size());
    if (i && *i < value.as_list().size()) {
      auto key = key_text(value.as_list()[*i]);
      if (key) return std::make_pair(field->target, *key);
    }
  } else if (field->type == FieldType::kChildren && value.is_rows()) {
    auto i = index_of(column, root.size());
    const size_t dot = column.find("].");
    if (!i || *i >= value.as_rows().size() || dot == std::string::npos) return std::nullopt;
    const std::string child_field = column.substr(dot + 2);
    const FieldDef* cf = domain::ChildEntity(*field).Find(child_field);
    if (cf == nullptr || cf->type != FieldType::kRef) return std::nullopt;
    auto key = key_text(value.as_rows()[*i].Get(child_field));
    if (key) return std::make_pair(cf->target, *key);
  }
  return std::nullopt;
}

class ImportCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Imports FILE, a CSV or JSON file of KIND records (formats: docs/data-formats.md). "
        "All or nothing: every row is checked first, every problem is reported with its "
        "line and column, and nothing is written unless all rows are good. With KIND "
        "'all', FILE is a folder holding KIND.csv or KIND.json files (as `lookout export "
        "all` writes them); every file is checked before any is written. KIND is one of: " +
        KindList() + ". With KIND survey-responses, --survey ID and --preset NAME, FILE is a "
        "file of responses as a survey tool exported it (SurveyMonkey, Google Forms, "
        "Microsoft Forms, LimeSurvey, KoboToolbox, or any CSV read with --mapping): see "
        "docs/surveys.md. Responses already imported are skipped."));
    app.add_option("KIND", request_.kind, "The kind of record, or 'all'")->required();
    app.add_option("FILE", request_.path, "The file (or, for 'all', the folder)")->required();
    app.add_option("--format", request_.format,
                   "csv or json (default: from the file name's extension)")
        ->check(CLI::IsMember({"csv", "json"}, CLI::ignore_case));
    app.add_flag("--dry-run", request_.dry_run, "Check everything, write nothing");
    app.add_option("--survey", request_.survey,
                   "survey-responses from a survey tool: the survey's id");
    app.add_option("--preset", request_.preset,
                   "survey-responses from a survey tool: " + app::SurveyPresetNames() +
                       " (docs/surveys.md)");
    app.add_option("--mapping", request_.mapping_path,
                   "survey-responses from a survey tool: a JSON file saying which column holds "
                   "what (saved on the survey for the next import)");
  }

  Status Parse() override {
    if (!request_.format.empty()) request_.file_format = io::ParseFileFormat(request_.format);
    const bool survey_file =
        request_.survey != 0 || !request_.preset.empty() || !request_.mapping_path.empty();
    if (survey_file) return ParseSurveyFile();
    if (request_.kind == "all") return Status::Ok();
    request_.entity = domain::FindEntity(request_.kind);
    if (request_.entity == nullptr) {
      return Status::Validation({{"KIND", "the kinds are: " + KindList() + ", or all"}},
                                "There is no kind of record called '" + request_.kind + "'.");
    }
    if (!request_.file_format) {
      request_.file_format = io::FormatFromPath(request_.path);
      if (!request_.file_format) {
        return Status::Validation(
            {{"--format", "name the format with --format csv or --format json"}},
            "Cannot tell the format of " + request_.path + " from its name.");
      }
    }
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(services_, context.OpenServices(OpenMode::kExisting));
    if (survey_file_) return ImportSurveyFile(context);
    if (request_.entity != nullptr) {
      FileJob job{request_.entity, request_.path, *request_.file_format, {}, {}};
      return ImportOne(context, job);
    }
    return ImportAll(context);
  }

 private:
  Status Decode(FileJob& job) {
    LOOKOUT_ASSIGN_OR_RETURN(std::string bytes, io::ReadWholeFile(job.path));
    job.decoded = io::DecodeFile(*job.entity, job.format, bytes);
    return Status::Ok();
  }

  Status ImportOne(Context& context, FileJob& job) {
    LOOKOUT_RETURN_IF_ERROR(Decode(job));
    const bool write = job.decoded.errors.empty() && !request_.dry_run;
    ProgressLine progress(context, (request_.dry_run ? "checking " : "importing ") +
                                       FileName(job.path));
    LOOKOUT_ASSIGN_OR_RETURN(
        app::ImportReport report,
        services_->Import(context.actor(), *job.entity, job.decoded.rows, !write,
                          progress.Callback()));
    progress.Finish();
    job.issues = Merge(job.decoded, report.errors);
    PrintWarnings(context, job, report.warnings);
    if (!job.issues.empty()) return Failure({&job}, false);
    Summarise(context, job, report.rows);
    return Status::Ok();
  }

  void Summarise(Context& context, const FileJob& job, int64_t rows) {
    const std::string kind = domain::KindName(*job.entity);
    if (request_.dry_run) {
      context.out() << "dry run: " << rows << " " << kind << " record" << (rows == 1 ? "" : "s")
                    << " in " << FileName(job.path) << " are valid; nothing was written\n";
    } else {
      context.out() << "imported " << rows << " " << kind << " record" << (rows == 1 ? "" : "s")
                    << "\n";
    }
  }

  // Finds the files of a folder import, in the order of domain::AllEntities().
  Result<std::vector<FileJob>> FolderFiles() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(request_.path, ec)) {
      return Status::NotFound("There is no folder " + request_.path +
                              " (import all reads a folder of KIND.csv or KIND.json files).");
    }
    std::map<const EntityDef*, std::vector<fs::path>> found;
    std::vector<FieldError> problems;
    for (const fs::directory_entry& entry : fs::directory_iterator(request_.path, ec)) {
      if (!entry.is_regular_file()) continue;
      const fs::path& p = entry.path();
      auto format = io::FormatFromPath(p.filename().string());
      if (!format || (request_.file_format && *format != *request_.file_format)) continue;
      const std::string stem = p.stem().string();
      const EntityDef* entity = domain::FindEntity(stem);
      if (entity == nullptr || (stem != domain::KindName(*entity) && stem != entity->name)) {
        problems.push_back({p.filename().string(), "is not named after a kind of record (" +
                                                       KindList() + ")"});
        continue;
      }
      found[entity].push_back(p);
    }
    if (ec) return Status::BadRequest("Cannot read the folder " + request_.path + ": " + ec.message());
    std::vector<FileJob> jobs;
    for (const EntityDef* entity : domain::AllEntities()) {
      auto it = found.find(entity);
      if (it == found.end()) continue;
      if (it->second.size() > 1) {
        problems.push_back({domain::KindName(*entity),
                            "has more than one file; keep one, or choose with --format"});
        continue;
      }
      const std::string path = it->second.front().string();
      jobs.push_back({entity, path, *io::FormatFromPath(path), {}, {}});
    }
    if (!problems.empty()) {
      return Status::Validation(std::move(problems),
                                "The folder " + request_.path + " holds files that cannot be "
                                "imported; nothing was written.");
    }
    if (jobs.empty()) {
      return Status::NotFound("The folder " + request_.path +
                              " holds no KIND.csv or KIND.json file to import.");
    }
    return jobs;
  }

  // Whether a record with this key is in the database (so a file need not provide it).
  Result<bool> InDatabase(Context& context, const std::string& target, const std::string& key) {
    const EntityDef* entity = domain::FindEntity(target);
    if (entity == nullptr) return false;
    if (entity->IsReference()) {
      LOOKOUT_ASSIGN_OR_RETURN(
          store::Page page,
          services_->List(context.actor(), *entity,
                          {{entity->code_field, key}, {"archived", "include"}, {"limit", "1"}}));
      return page.total > 0;
    }
    int64_t id = 0;
    try {
      id = std::stoll(key);
    } catch (const std::exception&) {
      return false;
    }
    auto record = services_->Get(context.actor(), *entity, id);
    if (record.ok()) return true;
    if (record.status().code() == ErrorCode::kNotFound) return false;
    return record.status();
  }

  Status ImportAll(Context& context) {
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<FileJob> jobs, FolderFiles());

    // Phase 1: check every file before writing any. A file is checked with a dry run of
    // the import, which sees the database but not the files before it; a reference the
    // dry run cannot find is therefore accepted when an earlier file of the folder
    // provides that record, and reported otherwise.
    std::map<std::string, std::set<std::string>> provided;  // entity -> keys in files
    std::vector<FileJob*> failed;
    for (FileJob& job : jobs) {
      LOOKOUT_RETURN_IF_ERROR(Decode(job));
      ProgressLine progress(context, "checking " + FileName(job.path));
      LOOKOUT_ASSIGN_OR_RETURN(app::ImportReport report,
                               services_->Import(context.actor(), *job.entity, job.decoded.rows,
                                                 /*dry_run=*/true, progress.Callback()));
      progress.Finish();
      std::map<int64_t, const Record*> by_line;
      for (const app::ImportRow& row : job.decoded.rows) by_line[row.line] = &row.record;
      std::vector<ImportIssue> kept;
      for (const ImportIssue& issue : report.errors) {
        auto row = by_line.find(issue.line);
        if (row != by_line.end()) {
          auto ref = ReferenceAt(*job.entity, *row->second, issue.column);
          if (ref && provided[ref->first].count(ref->second)) continue;
        }
        kept.push_back(issue);
      }
      job.issues = Merge(job.decoded, kept);
      if (!job.issues.empty()) failed.push_back(&job);
      for (const app::ImportRow& row : job.decoded.rows) {
        const Value& key = job.entity->IsReference() ? row.record.Get(job.entity->code_field)
                                                     : row.record.Get("id");
        if (key.is_int() || key.is_text()) provided[job.entity->name].insert(key.ToDisplay());
      }
    }
    if (!failed.empty()) return Failure(failed, true);
    if (request_.dry_run) {
      int64_t rows = 0;
      for (const FileJob& job : jobs) {
        Summarise(context, job, static_cast<int64_t>(job.decoded.rows.size()));
        rows += static_cast<int64_t>(job.decoded.rows.size());
      }
      context.out() << "dry run: " << rows << " records in " << jobs.size()
                    << " files are valid; nothing was written\n";
      return Status::Ok();
    }

    // Phase 2: write, one all-or-nothing import per file, in dependency order.
    int64_t total = 0;
    std::vector<std::string> done;
    for (FileJob& job : jobs) {
      ProgressLine progress(context, "importing " + FileName(job.path));
      auto report = services_->Import(context.actor(), *job.entity, job.decoded.rows,
                                      /*dry_run=*/false, progress.Callback());
      progress.Finish();
      Status status = report.ok() ? Status::Ok() : report.status();
      if (report.ok() && !report->errors.empty()) {
        job.issues = Merge(job.decoded, report->errors);
        status = Failure({&job}, true);
      }
      if (!status.ok()) {
        std::vector<FieldError> fields = status.fields();
        fields.push_back({"", done.empty() ? "no file was imported"
                                           : "already imported: " + Join(done)});
        return Status(status.code(), status.message(), std::move(fields));
      }
      PrintWarnings(context, job, report->warnings);
      Summarise(context, job, report->rows);
      total += report->rows;
      done.push_back(FileName(job.path));
    }
    context.out() << "imported " << total << " records from " << jobs.size() << " files\n";
    return Status::Ok();
  }

  // survey-responses FILE --survey ID --preset NAME: the file as a survey tool wrote it.
  Status ParseSurveyFile() {
    const EntityDef* entity = domain::FindEntity(request_.kind);
    if (entity == nullptr || entity->name != "survey_response") {
      return Status::Validation(
          {{"KIND", "--survey, --preset and --mapping import survey-responses"}},
          "Files from survey tools are imported as survey-responses, not '" + request_.kind + "'.");
    }
    std::vector<FieldError> problems;
    if (request_.survey <= 0) problems.push_back({"--survey", "give the id of the survey"});
    if (request_.preset.empty()) {
      problems.push_back({"--preset", "name the tool the file came from: " + app::SurveyPresetNames()});
    } else if (!app::ParseSurveyPreset(request_.preset)) {
      problems.push_back({"--preset", "is one of: " + app::SurveyPresetNames()});
    }
    if (!request_.format.empty()) {
      problems.push_back({"--format", "the preset says how the file is read"});
    }
    if (!problems.empty()) {
      return Status::Validation(std::move(problems),
                                "Importing a file from a survey tool needs --survey and --preset.");
    }
    survey_file_ = true;
    request_.entity = entity;
    return Status::Ok();
  }

  Status ImportSurveyFile(Context& context) {
    app::SurveyFileImport import;
    import.survey = request_.survey;
    import.preset = request_.preset;
    import.dry_run = request_.dry_run;
    LOOKOUT_ASSIGN_OR_RETURN(import.bytes, io::ReadWholeFile(request_.path));
    if (!request_.mapping_path.empty()) {
      LOOKOUT_ASSIGN_OR_RETURN(import.mapping_json, io::ReadWholeFile(request_.mapping_path));
      if (import.mapping_json.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Status::Validation({{"--mapping", request_.mapping_path + " is empty"}},
                                  "The column mapping file is empty.");
      }
    }
    LOOKOUT_ASSIGN_OR_RETURN(app::SurveyFileReport report,
                             services_->ImportSurveyFile(context.actor(), import));
    const std::string file = FileName(request_.path);
    for (const ImportIssue& w : report.import.warnings) {
      context.err() << "lookout: warning: " << file << ", line " << w.line
                    << (w.column.empty() ? "" : ", " + w.column) << ": " << w.message << "\n";
    }
    if (!report.problems.empty()) {
      const size_t n = report.problems.size();
      return Status(ErrorCode::kValidation,
                    file + ": " + std::to_string(n) + (n == 1 ? " problem" : " problems") +
                        "; nothing was written.",
                    report.problems);
    }
    const int64_t read = report.import.rows;
    const int64_t skipped = report.import.skipped;
    const std::string responses = read == 1 ? " survey response" : " survey responses";
    if (request_.dry_run) {
      context.out() << "dry run: " << read << responses << " in " << file << " are valid";
      if (skipped > 0) context.out() << " (" << skipped << " already imported would be skipped)";
      context.out() << "; nothing was written\n";
    } else {
      context.out() << "imported " << report.import.written
                    << (report.import.written == 1 ? " survey response" : " survey responses")
                    << " into survey " << request_.survey << " from " << file;
      if (skipped > 0) {
        context.out() << "; skipped " << skipped << " already imported";
      }
      context.out() << "\n";
    }
    if (!report.ignored_columns.empty()) {
      context.out() << "ignored " << report.ignored_columns.size()
                    << (report.ignored_columns.size() == 1 ? " column" : " columns")
                    << ", never stored: " << Join(report.ignored_columns) << "\n";
    }
    if (!report.personal_columns.empty()) {
      context.out() << "personal data left out: " << Join(report.personal_columns) << "\n";
    }
    for (const std::string& note : report.notes) context.out() << "note: " << note << "\n";
    if (report.mapping_saved) {
      context.out() << "saved the column mapping on survey " << request_.survey
                    << " for its next import\n";
    }
    return Status::Ok();
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  ImportRequest request_;
  bool survey_file_ = false;
  app::Services* services_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> MakeImportCommand() { return std::make_unique<ImportCommand>(); }

}  // namespace lookout::cli
