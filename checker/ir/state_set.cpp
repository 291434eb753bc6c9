#include "ir/state_set.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "ir/relative.h"

namespace ctcheck::ir {

StateSetBuilder::StateSetBuilder(const TransitionSystem &ts, std::vector<std::uint32_t> order,
                                 std::vector<unsigned> bits)
    : ts_(ts), order_(std::move(order)) {
  unsigned bit = 0;
  for (const RelativeAbstraction &r : ts.relations) bits.at(r.snap) = r.bits;
  for (std::uint32_t v : order_) {
    const RelativeAbstraction *rel = nullptr;
    for (const RelativeAbstraction &r : ts.relations)
      if (r.counter == v) rel = &r;
    relative_.push_back(rel);
    const unsigned w =
        std::min<unsigned>(rel ? ts.vars.at(v).sort.width : bits.at(v), ts.vars.at(v).sort.width);
    width_.push_back(w);
    offset_.push_back(bit);
    bit += w;
  }
  words_ = std::max<std::size_t>(1, (bit + 63) / 64);
  bits_ = bit;
}

// Keys are big-endian bit strings, so comparing words in order compares the
// variables in `order_`.
void StateSetBuilder::add(const std::vector<std::uint64_t> &state) {
  const std::size_t at = keys_.size();
  keys_.resize(at + words_, 0);
  for (std::size_t p = 0; p < order_.size(); ++p) {
    const unsigned w = width_[p];
    const std::uint64_t v = key_of(state, p);
    for (unsigned b = 0; b < w; ++b)
      if (v >> b & 1) {
        const unsigned pos = offset_[p] + (w - 1 - b);
        keys_[at + pos / 64] |= std::uint64_t{1} << (63 - pos % 64);
      }
  }
  ++count_;
}

ExprId StateSetBuilder::build(ExprPool &pool) {
  sorted_.resize(count_);
  std::iota(sorted_.begin(), sorted_.end(), 0);
  auto key = [&](std::size_t s) { return &keys_[s * words_]; };
  std::sort(sorted_.begin(), sorted_.end(), [&](std::size_t a, std::size_t b) {
    return std::lexicographical_compare(key(a), key(a) + words_, key(b), key(b) + words_);
  });
  sorted_.erase(
      std::unique(sorted_.begin(), sorted_.end(),
                  [&](std::size_t a, std::size_t b) { return std::equal(key(a), key(a) + words_, key(b)); }),
      sorted_.end());
  if (sorted_.empty()) return pool.fls();
  return build_range(pool, 0, sorted_.size(), 0);
}

std::uint64_t StateSetBuilder::key_of(const std::vector<std::uint64_t> &state, std::size_t p) const {
  const RelativeAbstraction *r = relative_[p];
  if (!r) return state.at(order_[p]) & mask_of(width_[p]);
  return representative_difference(*r, width_[p], state.at(r->counter) - state.at(r->snap));
}

ExprId StateSetBuilder::has_key(ExprPool &pool, std::size_t p, std::uint64_t key) const {
  if (relative_[p]) return difference_class(pool, ts_, *relative_[p], key);
  const std::uint32_t v = order_[p];
  const Sort sort = ts_.vars[v].sort;
  ExprId var = pool.var(v, sort);
  if (!sort.is_bool && width_[p] < sort.width) var = pool.extend(Op::Trunc, var, width_[p]);
  return pool.eq(var, pool.constant(sort.is_bool ? sort : Sort::bv(width_[p]), key));
}

std::uint64_t StateSetBuilder::field(std::size_t state, std::size_t p) const {
  std::uint64_t v = 0;
  for (unsigned i = 0; i < width_[p]; ++i) v = v << 1 | (bit(state, offset_[p] + i) ? 1 : 0);
  return v;
}

// States sorted_[lo, hi) agree on the variables before `position`; a chain of
// if-then-else over the values of the variable at `position` (consecutive
// after sorting), each leading to the diagram of its states.
ExprId StateSetBuilder::build_range(ExprPool &pool, std::size_t lo, std::size_t hi, std::size_t position) {
  if (position == order_.size()) return pool.tru();
  if (width_[position] == 0) return build_range(pool, lo, hi, position + 1);
  std::vector<std::pair<std::uint64_t, ExprId>> groups;
  for (std::size_t i = lo; i < hi;) {
    const std::uint64_t value = field(sorted_[i], position);
    std::size_t j = i + 1;
    while (j < hi && field(sorted_[j], position) == value) ++j;
    groups.emplace_back(value, build_range(pool, i, j, position + 1));
    i = j;
  }
  ExprId out = pool.fls();
  for (auto it = groups.rbegin(); it != groups.rend(); ++it)
    out = pool.ite(has_key(pool, position, it->first), it->second, out);
  return out;
}

std::vector<std::uint32_t> level_major_order(const TransitionSystem &ts) {
  // (group, cpu, level, kind): depth; each CPU's IF and mode; then each
  // context level with what belongs to it (source, pc, saved IF and mode, its
  // locals and ghosts); then the model variables; then the rest.
  auto key = [&](std::uint32_t v) {
    const StateVar &sv = ts.vars[v];
    switch (sv.role) {
      case VarRole::Depth:
        return std::make_tuple(0, sv.cpu, 0, 0);
      case VarRole::IrqFlag:
      case VarRole::UserMode:
        return std::make_tuple(1, sv.cpu, 0, 0);
      case VarRole::Source:
        return std::make_tuple(2, sv.cpu, sv.level, 0);
      case VarRole::Pc:
        return std::make_tuple(2, sv.cpu, sv.level, 1);
      case VarRole::SavedIf:
      case VarRole::SavedUser:
        return std::make_tuple(2, sv.cpu, sv.level, 2);
      case VarRole::Local:
      case VarRole::Ghost:
        if (sv.level >= 0) return std::make_tuple(2, sv.cpu, sv.level, 3);
        return std::make_tuple(4, 0, 0, 0);
      case VarRole::Model:
        return std::make_tuple(3, 0, 0, 0);
    }
    return std::make_tuple(4, 0, 0, 0);
  };
  std::vector<std::uint32_t> order(ts.vars.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  return order;
}

}  // namespace ctcheck::ir
