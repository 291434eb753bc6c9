// libFuzzer target: the concrete simulator and the reduction on lowered models.
//
// Input: model text, a NUL byte, then a schedule (without a NUL byte: 400
// pseudo-random bytes seeded by the text, so a plain model is a seed that
// already runs deep). Each schedule byte picks one
// of the actions enabled in the reduced system (ir/reduce.h), the next bytes
// its inputs; a pick whose guard blocks it is skipped. Checked at every state:
//  * the simulator's lookup tables agree with a scan of every action's
//    `enabled` (on the model as written and reduced);
//  * the first violation found is a trace that expands onto the model as
//    written (sim/expand.h) and replays there (Simulator::replay), as every
//    engine's counterexample must before it is shown.
// Any disagreement traps: the fuzzer saves the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "ir/reduce.h"
#include "sim/expand.h"
#include "sim/simulator.h"

using namespace ctcheck;

namespace {

[[noreturn]] void fail(const std::string &why) {
  std::fprintf(stderr, "fuzz_sim: %s\n", why.c_str());
  __builtin_trap();
}

class Bytes {
 public:
  Bytes(const std::uint8_t *p, std::size_t n) : p_(p), n_(n) {}
  // 400 bytes from a generator seeded by `seed`.
  explicit Bytes(std::uint64_t seed) : n_(400), rng_(seed | 1) {}
  bool empty() const { return i_ >= n_; }
  std::uint64_t next() {
    if (i_ >= n_) return 0;
    ++i_;
    if (p_) return p_[i_ - 1];
    rng_ ^= rng_ << 13;  // xorshift64
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return rng_ & 0xff;
  }
  std::uint64_t next64() {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = v << 8 | next();
    return v;
  }

 private:
  const std::uint8_t *p_ = nullptr;
  std::size_t n_, i_ = 0;
  std::uint64_t rng_ = 0;
};

void check_tables(const sim::Simulator &s, const sim::Values &state, const char *which) {
  if (s.enabled_actions(state) != s.enabled_actions_by_scan(state))
    fail(std::string("enabled-action tables disagree with a scan (") + which + ")");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const void *nul = std::memchr(data, 0, size);
  const std::size_t text_size =
      nul ? static_cast<std::size_t>(static_cast<const std::uint8_t *>(nul) - data) : size;
  const std::string text(reinterpret_cast<const char *>(data), text_size);
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a of the text
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  Bytes schedule = nul ? Bytes(data + text_size + 1, size - text_size - 1) : Bytes(hash);
  std::unique_ptr<frontend::LoadedModel> lm = fuzz::load_bytes(text);
  if (!lm) return 0;
  const ir::TransitionSystem &ts = lm->ts;
  const ir::Reduction red = ir::reduce(ts);
  const sim::Simulator original(ts), reduced(red.ts);

  std::optional<sim::Values> init0 = original.initial_state();
  if (init0) check_tables(original, *init0, "as written");
  std::optional<sim::Values> init = reduced.initial_state();
  if (!init) return 0;
  core::Trace t;
  t.initial = *init;
  sim::Values state = *init;
  bool violated = false;
  for (int steps = 0; steps < 400 && !violated; ++steps) {
    check_tables(reduced, state, "reduced");
    if (std::vector<std::uint32_t> bad = reduced.violated_invariants(state); !bad.empty()) {
      t.property = bad.front();
      violated = true;
      break;
    }
    const std::vector<int> enabled = reduced.enabled_actions(state);
    if (enabled.empty() || schedule.empty()) break;
    const int a = enabled[schedule.next() % enabled.size()];
    sim::Values in(red.ts.inputs.size(), 0);
    for (std::uint32_t i : red.ts.actions[a].inputs) {
      const ir::Input &def = red.ts.inputs[i];
      const std::uint64_t v =
          def.domain_size > 256 || def.domain_size == 0 ? schedule.next64() : schedule.next();
      in[i] = def.domain_size ? v % def.domain_size : v & ir::mask_of(def.sort.width);
    }
    if (std::string why = reduced.check_inputs(in); !why.empty()) fail("drawn inputs rejected: " + why);
    if (std::vector<std::uint32_t> bad = reduced.failed_checks(a, state, in); !bad.empty()) {
      t.property = bad.front();
      t.violating_action = a;
      t.violating_inputs = in;
      violated = true;
      break;
    }
    if (!reduced.can_fire(a, state, in)) continue;
    state = reduced.fire(a, state, in);
    t.steps.push_back(core::TraceStep{a, in, state});
  }
  if (!violated) return 0;
  if (std::string why = reduced.replay(t); !why.empty()) fail("a reduced run does not replay: " + why);
  core::Trace full;
  std::string why;
  if (!sim::expand_trace(original, red, t, full, why)) fail("a reduced trace does not expand: " + why);
  if (std::string e = original.replay(full); !e.empty()) fail("an expanded trace does not replay: " + e);
  for (std::size_t i = 0; i < full.steps.size(); ++i) {
    const sim::Values &before = i == 0 ? full.initial : full.steps[i - 1].state;
    check_tables(original, before, "as written");
  }
  return 0;
}
