#include "cli/model_io.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/embedded_models.h"
#include "cli/suggest.h"

namespace ctcheck::cli {

std::optional<std::string> read_embedded(const std::string &path) {
  for (const EmbeddedFile *f = embedded_files(); f->path; ++f)
    if (path == f->path) return std::string(f->text);
  return std::nullopt;
}

frontend::Limits &model_limits() {
  static frontend::Limits limits;
  return limits;
}

std::unique_ptr<frontend::LoadedModel> load_or_report(const std::string &path, bool embedded) {
  std::error_code ec;
  if (!embedded && std::filesystem::is_directory(path, ec)) {
    std::cerr << "ctcheck: error: '" << path
              << "' is a directory, not a model file (every case in it: ctcheck cases " << path << ")\n";
    return nullptr;
  }
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  frontend::FileReader reader =
      embedded ? frontend::FileReader(read_embedded) : frontend::FileReader(frontend::read_disk_file);
  if (!frontend::load_model(path, reader, *lm, diags, model_limits())) {
    print_diagnostics(*lm, diags, std::cerr);
    std::cerr << diags.count() << (diags.count() == 1 ? " error" : " errors") << " in " << path << "\n";
    return nullptr;
  }
  return lm;
}

bool write_whole_file(const std::string &path, const std::string &content) {
  std::string tmp = path + ".ctcheck-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "ctcheck: error: cannot write '" << path << "'\n";
      return false;
    }
    out << content;
    out.flush();
    if (!out) {
      std::cerr << "ctcheck: error: writing '" << path << "' failed\n";
      out.close();
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::cerr << "ctcheck: error: cannot write '" << path << "'\n";
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace ctcheck::cli
