// What every subcommand needs: load a model (reporting diagnostics, exit 2),
// write an output file whole or not at all, and the exit codes.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "frontend/lower.h"

namespace ctcheck::cli {

// Documented in README and --help.
enum ExitCode { kExitOk = 0, kExitViolated = 1, kExitUsage = 2, kExitUnknown = 3 };

// Models compiled into the binary (spec/, encodings/, cases/), keyed by their
// path in the repository, e.g. "cases/linux-4.3.ct".
std::optional<std::string> read_embedded(const std::string &path);

// The front end's limits (docs/language.md §7) for every model this process
// loads: set by main from --max-nesting, --max-inline-nodes, --max-total-nodes,
// --max-context-levels and --max-state-bits before any thread starts.
frontend::Limits &model_limits();

// Loads `path` from disk (or from the embedded models when `embedded`);
// prints diagnostics to stderr and returns null on any error.
std::unique_ptr<frontend::LoadedModel> load_or_report(const std::string &path, bool embedded = false);

// Writes `content` to `path` through a temporary file and a rename, so a
// failed run leaves no partial file. Returns false (message on stderr) on error.
bool write_whole_file(const std::string &path, const std::string &content);

}  // namespace ctcheck::cli
