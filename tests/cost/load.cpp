#include "load.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace ctcheck::testing {
namespace {

std::unique_ptr<frontend::LoadedModel> load(const std::string &root, const frontend::FileReader &reader) {
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  if (!frontend::load_model(root, reader, *lm, diags)) {
    std::ostringstream out;
    diags.print(out);
    ADD_FAILURE() << out.str();
    return nullptr;
  }
  return lm;
}

}  // namespace

std::string strip_costs(const std::string &text) {
  static const std::regex cost_stmt(R"(\bcost\s+[A-Za-z_]\w*(\s+[0-9]+)?\s*;)");
  static const std::regex barriers(R"(\bsmp_mb(__before_atomic|__after_atomic)?\s*\(\s*\))");
  return std::regex_replace(std::regex_replace(text, cost_stmt, ";"), barriers, "barrier()");
}

std::unique_ptr<frontend::LoadedModel> lower_text(const std::string &text) {
  return load("m.ct", [&text](const std::string &path) -> std::optional<std::string> {
    if (path == "m.ct") return text;
    return std::nullopt;
  });
}

std::unique_ptr<frontend::LoadedModel> lower_repo(const std::string &rel, bool strip) {
  return load(std::string(CTCHECK_SOURCE_DIR) + "/" + rel, [strip](const std::string &path) {
    std::optional<std::string> text = frontend::read_disk_file(path);
    if (text && strip) *text = strip_costs(*text);
    return text;
  });
}

}  // namespace ctcheck::testing
