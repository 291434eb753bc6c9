// Interns fixed-size keys (a few 64-bit words): each distinct key gets the
// next index, keys are kept in insertion order in one arena, and an
// open-addressing table of 32-bit indices finds them again. Costs the key
// plus 8-16 bytes of table per key (load factor 1/4 to 1/2), against about
// 48 for a node-based std::unordered_set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ctcheck::sim {

class KeyTable {
 public:
  explicit KeyTable(std::size_t words) : words_(words == 0 ? 1 : words), slots_(16, kEmpty) {}
  std::size_t words() const { return words_; }
  std::size_t size() const { return arena_.size() / words_; }
  const std::uint64_t *key(std::uint32_t index) const { return &arena_[std::size_t{index} * words_]; }
  std::size_t bytes() const { return arena_.capacity() * 8 + slots_.capacity() * 4; }

  // The index of `key` (words() words) and whether it was new.
  std::pair<std::uint32_t, bool> intern(const std::uint64_t *key) {
    if ((size() + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      const std::uint32_t at = slots_[i];
      if (at == kEmpty) {
        const auto index = static_cast<std::uint32_t>(size());
        arena_.insert(arena_.end(), key, key + words_);
        slots_[i] = index;
        return {index, true};
      }
      if (equal(this->key(at), key)) return {at, false};
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;

  std::uint64_t hash(const std::uint64_t *k) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (std::size_t i = 0; i < words_; ++i) {
      h ^= k[i] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
      h *= 0xff51afd7ed558ccdull;
    }
    return h ^ (h >> 32);
  }
  bool equal(const std::uint64_t *a, const std::uint64_t *b) const {
    for (std::size_t i = 0; i < words_; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  void grow() {
    std::vector<std::uint32_t> bigger(slots_.size() * 2, kEmpty);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint32_t at = 0; at < size(); ++at) {
      std::size_t i = hash(key(at)) & mask;
      while (bigger[i] != kEmpty) i = (i + 1) & mask;
      bigger[i] = at;
    }
    slots_.swap(bigger);
  }

  std::size_t words_;
  std::vector<std::uint64_t> arena_;
  std::vector<std::uint32_t> slots_;  // power of two, at most half full
};

}  // namespace ctcheck::sim
