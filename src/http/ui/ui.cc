#include "http/ui/ui.h"

#include <filesystem>

#include "http/ui/pages.h"

namespace lookout::http::ui {

void AddPageRoutes(Router& router, app::Services& services, app::Accounts& accounts,
                   const UiOptions& options) {
  auto env = std::make_shared<PageEnv>(PageEnv{services, accounts, options.version, options.public_url});
  AddAssetRoutes(router, options.assets_dir);
  AddAccountPages(router, env);
  AddHomePages(router, env);
  AddInsightPages(router, env);
  AddTaskPages(router, env);
  AddActivityPages(router, env);
  AddTaskingPages(router, env);
  AddSurveyPages(router, env);
  AddRecordPages(router, env);
  AddAdminPages(router, env);
  AddUserPages(router, env);
  AddReportPages(router, env);
}

std::shared_ptr<const Router> BuildWebRouter(app::Services& services, app::Accounts& accounts,
                                             const ApiOptions& api_options,
                                             const UiOptions& ui_options) {
  auto router = std::make_shared<Router>();
  AddApiRoutes(*router, services, accounts, api_options);
  AddPageRoutes(*router, services, accounts, ui_options);
  return router;
}

Result<std::unique_ptr<Server>> StartWebServer(app::Services& services, app::Accounts& accounts,
                                               Server::Options server_options,
                                               const ApiOptions& api_options,
                                               const UiOptions& ui_options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(
          std::filesystem::path(ui_options.assets_dir) / "lookout.css", ec)) {
    return Status::BadRequest("The web pages' assets are not in " + ui_options.assets_dir +
                              " (no lookout.css there): build them (cmake --build builds the "
                              "lookout_assets target) or name their folder with --assets-dir.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(
      std::unique_ptr<Server> server,
      Server::Create(std::move(server_options),
                     RouterHandler(BuildWebRouter(services, accounts, api_options, ui_options))));
  LOOKOUT_RETURN_IF_ERROR(server->Start());
  return server;
}

}  // namespace lookout::http::ui
