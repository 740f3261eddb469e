// The web application: server-rendered pages for every role, beside the JSON API, on the
// same server and the same session. Pages call the use cases of app/ (which enforce the
// role matrix), render GOV.UK Frontend markup from mustache templates, and work without
// JavaScript. docs/web.md describes the pages.
//
//   auto server = http::ui::StartWebServer(services, accounts, server_options,
//                                          {.version = "0.1.0"}, {.assets_dir = "..."});
#ifndef LOOKOUT_HTTP_UI_UI_H_
#define LOOKOUT_HTTP_UI_UI_H_

#include <memory>
#include <string>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "core/status.h"
#include "http/api/api.h"
#include "http/router.h"
#include "http/server.h"

namespace lookout::http::ui {

struct UiOptions {
  // The folder of the built stylesheet, scripts and images, served under /assets/.
  std::string assets_dir;
  std::string version;  // shown in the footer and used to refresh cached assets
  // Lookout's address as people reach it ("https://lookout.example.org", no trailing
  // slash), the base of the links in downloaded and published reports; empty: the address
  // each request came by (PublicBaseUrl in page.h).
  std::string public_url;
};

// Adds every page route and /assets/ to `router`. `services` and `accounts` must outlive
// the router.
void AddPageRoutes(Router& router, app::Services& services, app::Accounts& accounts,
                   const UiOptions& options);

// A router with the API and the pages.
std::shared_ptr<const Router> BuildWebRouter(app::Services& services, app::Accounts& accounts,
                                             const ApiOptions& api_options,
                                             const UiOptions& ui_options);

// Creates and starts a server answering with the API and the pages. Errors as
// Server::Create and Server::Start; kBadRequest when the assets folder has no
// lookout.css (the front-end assets were not built).
Result<std::unique_ptr<Server>> StartWebServer(app::Services& services, app::Accounts& accounts,
                                               Server::Options server_options,
                                               const ApiOptions& api_options,
                                               const UiOptions& ui_options);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_UI_H_
