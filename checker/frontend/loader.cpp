#include "frontend/loader.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "frontend/parser.h"

namespace ctcheck::frontend {
namespace {

std::string directory_of(const std::string &path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// Lexically normalises "a/b/../c" so one file imported by two routes is one file.
std::string normalise(const std::string &path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  std::string part;
  bool absolute = !path.empty() && path[0] == '/';
  while (std::getline(in, part, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..")
      parts.pop_back();
    else
      parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

class Loader {
 public:
  Loader(const FileReader &r, SourceManager &sm, Diagnostics &d, Program &p, int max_nesting)
      : reader_(r), sm_(sm), diags_(d), prog_(p), max_nesting_(max_nesting) {}

  // Loads `path`; its imports are merged before its own declarations.
  void load(const std::string &raw_path, Loc from, int depth = 0) {
    if (depth > max_nesting_) {
      diags_.error(from, "imports nested too deeply " + limit_hint(max_nesting_, kMaxNestingFlag));
      throw FatalError{};
    }
    std::string path = normalise(raw_path);
    if (active_.count(path)) {
      diags_.error(from, "import cycle: '" + path + "' imports itself (directly or indirectly)");
      return;
    }
    if (done_.count(path)) return;
    std::optional<std::string> text = reader_(path);
    if (!text) {
      diags_.error(from, "cannot open model file '" + path + "'");
      return;
    }
    if (text->size() > (16u << 20)) {
      diags_.error(from, "model file '" + path + "' is larger than 16 MiB");
      return;
    }
    active_.insert(path);
    int file = sm_.add(path, std::move(*text));
    prog_.files.push_back(parse(file, sm_, diags_, max_nesting_));
    std::size_t index = prog_.files.size() - 1;
    // Imports first: a variant sees the base it overrides.
    for (DeclPtr &d : prog_.files[index].decls)
      if (const ImportDecl *import = d->as<ImportDecl>())
        load(directory_of(path) + import->path, d->loc, depth + 1);
    for (DeclPtr &d : prog_.files[index].decls)
      if (d->kind != DeclKind::Import) merge(d.get());
    active_.erase(path);
    done_.insert(path);
  }

 private:
  void merge(Decl *decl) {
    NamedDecl *d = decl->named();
    if (!d) {
      if (decl->is_override) diags_.error(decl->loc, "'override' needs a named declaration");
      prog_.decls.push_back(decl);
      return;
    }
    auto it = prog_.named.find(d->name);
    if (d->is_override) {
      if (it == prog_.named.end()) {
        diags_.error(d->loc, "'override' of '" + d->name + "', which is not declared in any imported file");
        return;
      }
      if (it->second->kind != d->kind) {
        diags_.error(d->loc, "'override' of '" + d->name + "' changes what kind of declaration it is");
        return;
      }
      for (Decl *&slot : prog_.decls)
        if (slot == it->second) slot = d;
      it->second = d;
      return;
    }
    if (it != prog_.named.end()) {
      diags_.error(d->loc, "'" + d->name + "' is already declared at " + diags_.where(it->second->loc) +
                               " (use 'override' to replace it)");
      return;
    }
    prog_.named[d->name] = d;
    prog_.decls.push_back(d);
  }

  const FileReader &reader_;
  SourceManager &sm_;
  Diagnostics &diags_;
  Program &prog_;
  int max_nesting_;
  std::set<std::string> active_, done_;
};

}  // namespace

std::optional<std::string> read_disk_file(const std::string &path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

bool load_program(const std::string &root, const FileReader &reader, SourceManager &sm, Diagnostics &diags,
                  Program &out, int max_nesting) {
  try {
    Loader(reader, sm, diags, out, max_nesting).load(root, Loc{});
  } catch (FatalError &) {
  }
  return !diags.has_errors();
}

}  // namespace ctcheck::frontend
