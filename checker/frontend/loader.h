// Loads a model: the root file and, transitively, its imports (each file once,
// cycles rejected), then merges the declarations into one Program where an
// `override` replaces the declaration of the same name.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/limits.h"

namespace ctcheck::frontend {

// Reads a file's text; nullopt when it does not exist. The default reads the
// disk; the embedded default model uses a map compiled into the binary.
using FileReader = std::function<std::optional<std::string>(const std::string &path)>;
std::optional<std::string> read_disk_file(const std::string &path);

struct Program {
  std::vector<FileAst> files;  // owners of all declarations, in load order
  std::vector<Decl *> decls;   // the effective declarations after overrides, in order
  std::map<std::string, NamedDecl *>
      named;  // name -> effective declaration (consts, vars, enums, procs, invariants)
};

// Returns false (with errors recorded) when the model could not be loaded.
// Imports nested deeper than `max_nesting` are an error.
bool load_program(const std::string &root, const FileReader &reader, SourceManager &sm, Diagnostics &diags,
                  Program &out, int max_nesting = Limits{}.max_nesting);

}  // namespace ctcheck::frontend
