#include "cli/serve_steps.h"

#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>

#include "app/accounts/accounts.h"
#include "cli/version.h"
#include "http/api/api.h"
#include "http/ui/ui.h"
#include "report/format.h"

namespace lookout::cli {

namespace {
constexpr size_t kMinMetricsTokenLength = 16;
}  // namespace

CLI::Option* AddPublicUrlOption(CLI::App& app, std::string& url, const std::string& names) {
  return app
      .add_option(names, url,
                  "Lookout's address as people reach it, e.g. https://lookout.example.org: "
                  "the links in downloaded and published reports start with it (without it, "
                  "the web uses the address the browser asked for and the command line "
                  "writes reports without links)")
      ->envname("LOOKOUT_PUBLIC_URL")
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            const std::string problem = report::PublicUrlProblem(value);
            return problem.empty() ? "" : "the public URL " + problem;
          },
          "URL"));
}

void AddServeOptions(CLI::App& app, ServeRequest& request) {
  app.add_option("--bind", request.bind, "The address to listen on")->capture_default_str();
  app.add_option("--port", request.port, "The port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--workers", request.workers, "Threads that run requests against the database")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  auto* cert = app.add_option("--tls-cert", request.tls_cert,
                              "Serve HTTPS with this PEM certificate chain (needs --tls-key)")
                   ->envname("LOOKOUT_TLS_CERT");
  auto* key =
      app.add_option("--tls-key", request.tls_key, "The unencrypted PEM private key of --tls-cert")
          ->envname("LOOKOUT_TLS_KEY");
  cert->needs(key);
  key->needs(cert);
  app.add_option("--trusted-proxy", request.trusted_proxies,
                 "The IP address of a reverse proxy whose X-Forwarded-For and "
                 "X-Forwarded-Proto are believed (repeatable; the environment variable "
                 "takes a comma-separated list)")
      ->envname("LOOKOUT_TRUSTED_PROXY")
      ->delimiter(',');
  request.assets_dir = LOOKOUT_DEFAULT_ASSETS_DIR;
  app.add_option("--assets-dir", request.assets_dir,
                 "The folder of the web pages' built stylesheet, scripts and images")
      ->envname("LOOKOUT_ASSETS_DIR")
      ->capture_default_str();
  app.add_option("--metrics-token", request.metrics_token,
                 "A secret of 16 or more visible characters that lets a client off this "
                 "machine read GET /metrics as Authorization: Bearer TOKEN (without it, only "
                 "this machine may; prefer the environment variable, which ps does not show)")
      ->envname("LOOKOUT_METRICS_TOKEN")
      ->check(CLI::Validator(
          [](const std::string& token) -> std::string {
            // The message never repeats the token: it is a secret.
            if (token.size() < kMinMetricsTokenLength) {
              return "the metrics token must be at least " +
                     std::to_string(kMinMetricsTokenLength) + " characters long";
            }
            for (char c : token) {
              if (c <= ' ' || c > '~') {
                return "the metrics token may hold visible ASCII characters only (no spaces)";
              }
            }
            return "";
          },
          "TOKEN"));
  AddPublicUrlOption(app, request.public_url);
}

Status ServeUntilSignalled(Context& context, app::Services& services,
                           const ServeRequest& request) {
  // Block the stop signals before any server thread exists, so that every thread inherits
  // the mask and the signals wait for sigwait() below: stopping the server then happens on
  // this thread, in ordinary code rather than in a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

  // Accounts first: preparing the password hashing can fail, and should before any
  // server thread exists.
  auto accounts = app::Accounts::Create(services.store(), services.clock());
  if (!accounts.ok()) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return accounts.status();
  }
  http::Server::Options options;
  options.bind_address = request.bind;
  options.port = static_cast<uint16_t>(request.port);
  options.worker_threads = request.workers;
  options.tls_cert_file = request.tls_cert;
  options.tls_key_file = request.tls_key;
  options.trusted_proxies = request.trusted_proxies;
  http::ApiOptions api;
  api.version = std::string(Version());
  api.commit = std::string(Commit());
  api.metrics_token = request.metrics_token;
  auto server = http::ui::StartWebServer(services, **accounts, options, api,
                                         {.assets_dir = request.assets_dir,
                                          .version = std::string(Version()),
                                          .public_url = report::WithoutTrailingSlash(request.public_url)});
  if (!server.ok()) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return server.status();
  }
  const std::string host = request.bind == "0.0.0.0" ? "127.0.0.1" : request.bind;
  const char* scheme = (*server)->tls() ? "https" : "http";
  context.out() << "Lookout is serving " << context.database_label() << " at " << scheme << "://"
                << host << ":" << (*server)->port() << "/ (sign in there; the API is under /api/v1).\n"
                << "Press Ctrl-C to stop.\n";
  if (Result<bool> any = (*accounts)->AnyAccount(); any.ok() && !*any) {
    context.out() << "No one can sign in yet: create the first administrator with `lookout "
                     "init --admin-email EMAIL` (or `lookout user add`).\n";
  }
  context.out().flush();

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  context.err() << "lookout: " << (signal_number == SIGINT ? "interrupted" : "asked to stop")
                << "; finishing the requests in progress...\n";
  (*server)->Stop();
  server->reset();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  context.out() << "Stopped.\n";
  return Status::Ok();
}

}  // namespace lookout::cli
