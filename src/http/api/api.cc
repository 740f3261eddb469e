#include "http/api/api.h"

#include "http/api/routes.h"

namespace lookout::http {

app::Actor ResolveActor(const Request& request) {
  app::Actor actor;
  actor.id = "api:anonymous";
  actor.address = request.remote_address;
  actor.request_id = request.request_id;
  return actor;
}

void AddApiRoutes(Router& router, app::Services& services, const ApiOptions& options) {
  api::AddMetaRoutes(router, services, options.version);
  for (const domain::EntityDef* entity : domain::AllEntities()) {
    api::AddEntityRoutes(router, services, *entity);
    if (entity == &domain::TaskEntity()) api::AddTaskRoutes(router, services);
  }
}

std::shared_ptr<const Router> BuildApiRouter(app::Services& services, const ApiOptions& options) {
  auto router = std::make_shared<Router>();
  AddApiRoutes(*router, services, options);
  return router;
}

Result<std::unique_ptr<Server>> StartApiServer(app::Services& services,
                                               Server::Options server_options,
                                               const ApiOptions& api_options) {
  LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<Server> server,
                           Server::Create(std::move(server_options),
                                          RouterHandler(BuildApiRouter(services, api_options))));
  LOOKOUT_RETURN_IF_ERROR(server->Start());
  return server;
}

}  // namespace lookout::http
