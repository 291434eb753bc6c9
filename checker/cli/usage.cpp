#include "cli/usage.h"

#include <iostream>

#include "cli/model_io.h"
#include "cli/suggest.h"

namespace ctcheck::cli {

namespace {

// The subcommand the arguments chose, or null.
const CLI::App *active(const CLI::App &app) {
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *s) { return s->parsed(); })) return sub;
  return nullptr;
}

std::vector<std::string> flags(const CLI::App &app) {
  std::vector<std::string> out;
  for (const CLI::Option *o : app.get_options()) {
    for (const std::string &l : o->get_lnames()) out.push_back("--" + l);
    for (const std::string &s : o->get_snames()) out.push_back("-" + s);
  }
  return out;
}

}  // namespace

int report_usage_error(const CLI::App &app, const CLI::ParseError &e) {
  const CLI::App *sub = active(app);
  std::string hint;
  for (const std::string &extra : app.remaining(true)) {
    std::vector<std::string> candidates;
    if (!extra.empty() && extra[0] == '-') {
      candidates = flags(sub ? *sub : app);
    } else if (!sub) {
      for (const CLI::App *s : app.get_subcommands({})) candidates.push_back(s->get_name());
    }
    hint = did_you_mean(extra.substr(0, extra.find('=')), candidates);
    if (!hint.empty()) break;
  }
  std::cerr << "ctcheck: error: " << e.what() << hint << "\n"
            << "Run 'ctcheck" << (sub ? " " + sub->get_name() : std::string())
            << " --help' for the options.\n";
  return kExitUsage;
}

}  // namespace ctcheck::cli
