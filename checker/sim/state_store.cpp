#include "sim/state_store.h"

#include <algorithm>
#include <map>

namespace ctcheck::sim {

namespace {

void put(std::uint64_t *key, unsigned off, unsigned w, std::uint64_t v) {
  v &= ir::mask_of(w);
  const unsigned sh = off % 64;
  key[off / 64] |= v << sh;
  if (sh + w > 64) key[off / 64 + 1] |= v >> (64 - sh);
}

std::uint64_t take(const std::uint64_t *key, unsigned off, unsigned w) {
  const unsigned sh = off % 64;
  std::uint64_t v = key[off / 64] >> sh;
  if (sh + w > 64) v |= key[off / 64 + 1] << (64 - sh);
  return v & ir::mask_of(w);
}

// Component of each variable: (cpu, level), globals and per-CPU ones at level -1.
std::map<std::pair<int, int>, std::vector<std::uint32_t>> group(const ir::TransitionSystem &ts) {
  std::map<std::pair<int, int>, std::vector<std::uint32_t>> out;
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) out[{ts.vars[v].cpu, ts.vars[v].level}].push_back(v);
  return out;
}

std::size_t tuple_words(const ir::TransitionSystem &ts) { return (group(ts).size() + 1) / 2; }

}  // namespace

StateStore::StateStore(const ir::TransitionSystem &ts) : states_(tuple_words(ts)), vars_(ts.vars.size()) {
  for (const auto &[where, vars] : group(ts)) {
    unsigned bits = 0;
    for (std::uint32_t v : vars) bits += ts.vars[v].sort.width;
    Component c((bits + 63) / 64);
    unsigned at = 0;
    for (std::uint32_t v : vars) {
      c.vars.push_back(v);
      c.offset.push_back(at);
      c.width.push_back(ts.vars[v].sort.width);
      at += ts.vars[v].sort.width;
    }
    parts_.push_back(std::move(c));
  }
  tuple_.assign(states_.words(), 0);
}

std::pair<std::uint32_t, bool> StateStore::insert(const Values &s) {
  std::fill(tuple_.begin(), tuple_.end(), 0);
  for (std::size_t p = 0; p < parts_.size(); ++p) {
    Component &c = parts_[p];
    key_.assign(c.table.words(), 0);
    for (std::size_t i = 0; i < c.vars.size(); ++i) put(key_.data(), c.offset[i], c.width[i], s[c.vars[i]]);
    const std::uint64_t index = c.table.intern(key_.data()).first;
    tuple_[p / 2] |= index << (32 * (p % 2));
  }
  return states_.intern(tuple_.data());
}

Values StateStore::get(std::uint32_t index) const {
  Values s(vars_);
  const std::uint64_t *tuple = states_.key(index);
  for (std::size_t p = 0; p < parts_.size(); ++p) {
    const Component &c = parts_[p];
    const auto at = static_cast<std::uint32_t>(tuple[p / 2] >> (32 * (p % 2)));
    const std::uint64_t *key = c.table.key(at);
    for (std::size_t i = 0; i < c.vars.size(); ++i) s[c.vars[i]] = take(key, c.offset[i], c.width[i]);
  }
  return s;
}

std::size_t StateStore::bytes() const {
  std::size_t n = states_.bytes();
  for (const Component &c : parts_) n += c.table.bytes();
  return n;
}

}  // namespace ctcheck::sim
