// libFuzzer target: the whole front end on one model (lex, parse, imports,
// sema, CFG and lowering), then the reduction (ir/reduce.h) of what loads.
// A crash, a sanitizer report, an exception escaping or a load that fails
// without a diagnostic is a finding; a diagnostic is not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "ir/reduce.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string text(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<ctcheck::frontend::LoadedModel> lm = ctcheck::fuzz::load_bytes(text);
  if (!lm) return 0;
  const ctcheck::ir::Reduction red = ctcheck::ir::reduce(lm->ts);
  if (red.ts.properties.size() != lm->ts.properties.size()) __builtin_trap();
  return 0;
}
