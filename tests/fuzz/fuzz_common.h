// Shared by the libFuzzer targets: a model from the fuzzer's bytes.
//
// The bytes are the file "cases/fuzz.ct"; its imports resolve among the models
// compiled into the fuzzer (spec/, encodings/, cases/, as in the ctcheck
// binary), so every case is a seed that reaches deep into the front end. The
// limits are lowered (docs/language.md §7) so that no input takes long: the
// fuzzers look for crashes, hangs and wrong results, not for big models.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "cli/embedded_models.h"
#include "frontend/lower.h"

namespace ctcheck::fuzz {

inline std::optional<std::string> read_embedded(const std::string &path) {
  for (const cli::EmbeddedFile *f = cli::embedded_files(); f->path; ++f)
    if (path == f->path) return std::string(f->text);
  return std::nullopt;
}

inline frontend::Limits fuzz_limits() {
  frontend::Limits l;
  l.max_nesting = 64;
  l.max_inline_nodes = 20000;
  l.max_total_nodes = 200000;
  l.max_context_levels = 8;
  l.max_state_bits = 20000;
  return l;
}

// Null when the text does not load (a diagnostic, which is fine).
inline std::unique_ptr<frontend::LoadedModel> load_bytes(const std::string &text) {
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  frontend::FileReader reader = [&text](const std::string &path) -> std::optional<std::string> {
    if (path == "cases/fuzz.ct") return text;
    return read_embedded(path);
  };
  if (!frontend::load_model("cases/fuzz.ct", reader, *lm, diags, fuzz_limits())) {
    if (!diags.has_errors()) __builtin_trap();  // failing without saying why is a bug
    return nullptr;
  }
  return lm;
}

}  // namespace ctcheck::fuzz
