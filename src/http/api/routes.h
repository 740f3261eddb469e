// The groups of API routes, each in its own file; api.cc puts them together. Internal to
// http/api/.
#ifndef LOOKOUT_HTTP_API_ROUTES_H_
#define LOOKOUT_HTTP_API_ROUTES_H_

#include <string>

#include "app/services.h"
#include "domain/schema.h"
#include "http/router.h"

namespace lookout::http::api {

// GET/POST /api/v1/{plural}, GET/PATCH /api/v1/{plural}/{id}, POST .../archive and
// .../restore; reads only for an entity that is not api_writable.
void AddEntityRoutes(Router& router, app::Services& services, const domain::EntityDef& entity);

// GET and POST /api/v1/tasks/{id}/transitions.
void AddTaskRoutes(Router& router, app::Services& services);

// GET /api/v1/schema, /api/v1/vocabularies, /api/v1/reach, /healthz, /readyz.
void AddMetaRoutes(Router& router, app::Services& services, const std::string& version);

}  // namespace lookout::http::api

#endif  // LOOKOUT_HTTP_API_ROUTES_H_
