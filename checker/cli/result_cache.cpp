#include "cli/result_cache.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/hash.h"
#include "trace/results_printer.h"

namespace ctcheck::cli {

using core::content_hash;

namespace {

// Field separator for the key text: never in a path, an option or a version.
constexpr char kSep = '\x1f';

// The running binary's content hash: a rebuilt checker with new semantics
// keeps its version string, and must not reuse the old one's reports. Read
// once per process (about 0.2 s for the 75 MB binary); empty when unreadable.
const std::string &binary_fingerprint() {
  static const std::string fingerprint = [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    if (!in) return std::string();
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return content_hash(bytes.str());
  }();
  return fingerprint;
}

}  // namespace

bool ResultCache::open(std::string *error) const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_)) {
    if (error) *error = "cannot create the cache directory '" + dir_ + "'" + (ec ? ": " + ec.message() : "");
    return false;
  }
  return true;
}

std::string ResultCache::key(const frontend::SourceManager &sources, const engines::CheckRequest &req,
                             bool all) {
  std::ostringstream k;
  k << "ctcheck " << trace::tool_version() << kSep << "binary " << binary_fingerprint() << kSep << "engine "
    << engines::to_string(req.engine) << kSep << "depth "
    << (req.depth ? std::to_string(*req.depth) : "model") << kSep << "max_states " << req.max_states << kSep
    << "timeout " << req.timeout << kSep << "reduce " << req.reduce << kSep << "certify_states "
    << req.certify_states << kSep << "all " << all << kSep;
  for (const std::string &p : req.properties) k << "property " << p << kSep;
  for (int f = 0; f < sources.count(); ++f)
    k << "file " << sources.path(f) << kSep << content_hash(sources.text(f)) << kSep;
  return content_hash(k.str());
}

std::optional<trace::ModelReport> ResultCache::load(const std::string &key) const {
  std::ifstream in(path(key), std::ios::binary);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    if (j.value("key", "") != key) return std::nullopt;
    return trace::report_from_json(j.at("report"));
  } catch (const std::exception &) {
    return std::nullopt;  // a damaged entry is a miss; the next store replaces it
  }
}

void ResultCache::store(const std::string &key, const trace::ModelReport &report) const {
  const std::string final_path = path(key);
  // Unique per thread and process: parallel workers may store the same key.
  std::ostringstream tmp;
  tmp << final_path << ".tmp-" << std::hash<std::thread::id>{}(std::this_thread::get_id()) << "-"
      << ::getpid();
  {
    std::ofstream out(tmp.str(), std::ios::binary | std::ios::trunc);
    if (!out) return;  // a cache that cannot be written only costs time
    const nlohmann::json j{
        {"key", key}, {"version", trace::tool_version()}, {"report", trace::report_to_json(report)}};
    out << j.dump() << "\n";
    if (!out.flush()) {
      std::remove(tmp.str().c_str());
      return;
    }
  }
  if (std::rename(tmp.str().c_str(), final_path.c_str()) != 0) std::remove(tmp.str().c_str());
}

}  // namespace ctcheck::cli
