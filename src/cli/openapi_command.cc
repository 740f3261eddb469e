// lookout openapi: prints the OpenAPI 3.1 description of the JSON API, byte for byte as
// `lookout serve` answers GET /api/v1/openapi.json: the same route table is built (over
// an empty in-memory database, which describing the routes never reads) and asked for
// the document through its own route. A hidden developer command:
// tests/http/openapi_lint.sh validates its output with Redocly CLI.
#include <CLI/CLI.hpp>

#include "app/accounts/accounts.h"
#include "cli/command.h"
#include "cli/version.h"
#include "http/api/api.h"
#include "http/api/openapi.h"

namespace lookout::cli {

namespace {

class OpenApiCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(std::string("Prints the OpenAPI description of the JSON API, as `lookout "
                                    "serve` answers GET ") +
                        http::api::kOpenApiPath + ". Needs no database."));
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::Open("sqlite::memory:", 1));
    app::Services services(*store, Clock::System());
    LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<app::Accounts> accounts,
                             app::Accounts::Create(*store, Clock::System()));
    auto router = http::BuildApiRouter(services, *accounts, {.version = std::string(Version()), .commit = std::string(Commit())});

    http::Request request;
    request.method = "GET";
    request.target = request.path = http::api::kOpenApiPath;
    for (size_t start = 1; start <= request.path.size();) {
      size_t end = request.path.find('/', start);
      if (end == std::string::npos) end = request.path.size();
      request.segments.push_back(request.path.substr(start, end - start));
      start = end + 1;
    }
    request.remote_address = "127.0.0.1";
    http::Response response = router->Handle(request);
    if (response.status != 200) {
      return Status(ErrorCode::kInternal, "GET " + request.path + " answered " +
                                              std::to_string(response.status) + ": " +
                                              response.body);
    }
    context.out() << response.body << "\n";
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Command> MakeOpenApiCommand() { return std::make_unique<OpenApiCommand>(); }

}  // namespace lookout::cli
