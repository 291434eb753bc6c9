// Visited states of the engines that enumerate states (explicit search, the
// state graph): bit-packed in one arena, insertion order kept (so BFS can use
// the arena as its queue), a hash set of indices for deduplication.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ir/transition_system.h"
#include "sim/simulator.h"

namespace ctcheck::sim {

class StateStore {
 public:
  explicit StateStore(const ir::TransitionSystem &ts) {
    unsigned bit = 0;
    for (const ir::StateVar &v : ts.vars) {
      offset_.push_back(bit);
      width_.push_back(v.sort.width);
      bit += v.sort.width;
    }
    words_ = (bit + 63) / 64;
    if (words_ == 0) words_ = 1;
  }
  std::size_t words() const { return words_; }
  std::size_t size() const { return arena_.size() / words_; }

  // Returns the index of the state and whether it is new.
  std::pair<std::uint32_t, bool> insert(const Values &s) {
    std::size_t at = arena_.size();
    arena_.resize(at + words_, 0);
    for (std::size_t i = 0; i < s.size(); ++i) put(at, offset_[i], width_[i], s[i]);
    auto idx = static_cast<std::uint32_t>(at / words_);
    auto [it, fresh] = set_.insert(Key{idx});
    if (!fresh) {
      arena_.resize(at);
      return {it->index, false};
    }
    return {idx, true};
  }
  Values get(std::uint32_t index) const {
    Values s(width_.size());
    std::size_t at = static_cast<std::size_t>(index) * words_;
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = take(at, offset_[i], width_[i]);
    return s;
  }

 private:
  struct Key {
    std::uint32_t index;
  };
  struct Hash {
    const StateStore *s;
    std::size_t operator()(const Key &k) const {
      std::uint64_t h = 1469598103934665603ull;
      const std::uint64_t *p = &s->arena_[static_cast<std::size_t>(k.index) * s->words_];
      for (std::size_t i = 0; i < s->words_; ++i) h = (h ^ p[i]) * 1099511628211ull + (h >> 29);
      return static_cast<std::size_t>(h);
    }
  };
  struct Eq {
    const StateStore *s;
    bool operator()(const Key &a, const Key &b) const {
      const std::uint64_t *p = &s->arena_[static_cast<std::size_t>(a.index) * s->words_];
      const std::uint64_t *q = &s->arena_[static_cast<std::size_t>(b.index) * s->words_];
      for (std::size_t i = 0; i < s->words_; ++i)
        if (p[i] != q[i]) return false;
      return true;
    }
  };
  void put(std::size_t at, unsigned off, unsigned w, std::uint64_t v) {
    v &= ir::mask_of(w);
    std::size_t word = at + off / 64;
    unsigned sh = off % 64;
    arena_[word] |= v << sh;
    if (sh + w > 64) arena_[word + 1] |= v >> (64 - sh);
  }
  std::uint64_t take(std::size_t at, unsigned off, unsigned w) const {
    std::size_t word = at + off / 64;
    unsigned sh = off % 64;
    std::uint64_t v = arena_[word] >> sh;
    if (sh + w > 64) v |= arena_[word + 1] << (64 - sh);
    return v & ir::mask_of(w);
  }

  std::vector<unsigned> offset_, width_;
  std::size_t words_;
  std::vector<std::uint64_t> arena_;
  std::unordered_set<Key, Hash, Eq> set_{1024, Hash{this}, Eq{this}};
};

}  // namespace ctcheck::sim
