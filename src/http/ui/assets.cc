// The built front-end files under /assets/. They change only when Lookout is rebuilt, so
// each is read once and kept in memory; the pages ask for them with ?v=VERSION, so a
// browser may keep them for a day without missing an upgrade.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "http/ui/pages.h"

namespace lookout::http::ui {

namespace {

// Only plain file names: letters, digits, '-', '_' and '.', not starting with '.'.
bool IsPlainName(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

const char* ContentTypeOf(const std::string& name) {
  static const std::map<std::string, const char*> kTypes = {
      {".css", "text/css; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},             {".woff", "font/woff"},
      {".json", "application/json"},        {".txt", "text/plain; charset=utf-8"}};
  const std::string ext = std::filesystem::path(name).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? nullptr : it->second;
}

class AssetCache {
 public:
  explicit AssetCache(std::string dir) : dir_(std::move(dir)) {}

  Response Serve(const std::string& relative) {
    const char* type = ContentTypeOf(relative);
    std::shared_ptr<const std::string> body = type ? Read(relative) : nullptr;
    Response r;
    if (!body) {
      r.status = 404;
      r.content_type = "text/plain; charset=utf-8";
      r.body = "Not found.\n";
      return r;
    }
    r.content_type = type;
    r.body = *body;
    r.SetHeader("Cache-Control", "public, max-age=86400");
    return r;
  }

 private:
  std::shared_ptr<const std::string> Read(const std::string& relative) {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = files_.find(relative); it != files_.end()) return it->second;
    std::ifstream in(std::filesystem::path(dir_) / relative, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto body = std::make_shared<const std::string>(bytes.str());
    files_.emplace(relative, body);
    return body;
  }

  std::string dir_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>> files_;
};

}  // namespace

void AddAssetRoutes(Router& router, const std::string& assets_dir) {
  auto cache = std::make_shared<AssetCache>(assets_dir);
  router.Add({"GET", "/assets/{file}", "A front-end file: stylesheet, script, image.", "", false,
              [cache](const Request&, const PathParams& params) {
                const std::string& file = params.Get("file");
                if (!IsPlainName(file)) return cache->Serve("");
                return cache->Serve(file);
              }});
  // Browsers ask for /favicon.ico by themselves (for a PDF or a JSON answer they show, say),
  // whatever the page links: the same icon as /assets/favicon.ico.
  router.Add({"GET", "/favicon.ico", "Lookout's icon, where browsers look for it.", "", false,
              [cache](const Request&, const PathParams&) { return cache->Serve("favicon.ico"); }});
  router.Add({"GET", "/assets/{folder}/{file}", "A front-end file in a folder (images, fonts).",
              "", false, [cache](const Request&, const PathParams& params) {
                const std::string& folder = params.Get("folder");
                const std::string& file = params.Get("file");
                if (!IsPlainName(folder) || !IsPlainName(file)) return cache->Serve("");
                return cache->Serve(folder + "/" + file);
              }});
}

}  // namespace lookout::http::ui
