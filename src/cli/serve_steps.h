// Serving the API and the web pages until SIGINT or SIGTERM, shared by `lookout serve` and `lookout demo
// --serve`.
#ifndef LOOKOUT_CLI_SERVE_STEPS_H_
#define LOOKOUT_CLI_SERVE_STEPS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cli/command.h"

namespace lookout::cli {

struct ServeRequest {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int workers = 4;
  std::string tls_cert;                      // PEM certificate chain; with tls_key: HTTPS
  std::string tls_key;                       // PEM private key, unencrypted
  std::vector<std::string> trusted_proxies;  // IP addresses of reverse proxies
  std::string assets_dir;                    // the web pages' built stylesheet and scripts
  std::string metrics_token;                 // lets clients off this machine read /metrics
  std::string public_url;  // where people reach Lookout: the base of reports' links
};

// Declares --public-url (LOOKOUT_PUBLIC_URL) on `app`, storing it in `url`: Lookout's
// address as people reach it, e.g. https://lookout.example.org, checked with
// report::PublicUrlProblem. `serve`, `demo` and `report` take it.
// `names` may add another name to the option's ("--public-url,--base-url").
CLI::Option* AddPublicUrlOption(CLI::App& app, std::string& url,
                                const std::string& names = "--public-url");

// Declares --bind, --port, --workers, --tls-cert, --tls-key, --trusted-proxy,
// --assets-dir, --metrics-token and --public-url (with the environment variables
// LOOKOUT_TLS_CERT, LOOKOUT_TLS_KEY, LOOKOUT_TRUSTED_PROXY (comma-separated),
// LOOKOUT_ASSETS_DIR, LOOKOUT_METRICS_TOKEN and LOOKOUT_PUBLIC_URL) on `app`.
void AddServeOptions(CLI::App& app, ServeRequest& request);

// Starts the HTTP server on the services of `context` (which must be open), prints where
// to go, and returns once SIGINT or SIGTERM arrives and the server has stopped cleanly.
Status ServeUntilSignalled(Context& context, app::Services& services,
                           const ServeRequest& request);

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_SERVE_STEPS_H_
