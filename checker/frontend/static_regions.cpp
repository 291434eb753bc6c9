#include "frontend/static_regions.h"

#include <deque>
#include <map>
#include <set>

namespace ctcheck::frontend {
namespace {

constexpr int kVarying = -1;

// Region slot -> its count; a slot missing from the map is not reached yet.
using Counts = std::map<int, int>;

bool is_region_op(const MicroOp &op) {
  return op.kind == MicroOp::RegionBegin || op.kind == MicroOp::RegionEnd ||
         op.kind == MicroOp::RegionInside || op.kind == MicroOp::RegionClosed;
}

int join(int a, int b) { return a == b ? a : kVarying; }

void join_into(Counts &into, const Counts &from) {
  for (const auto &[slot, v] : from) {
    auto it = into.find(slot);
    if (it == into.end())
      into[slot] = v;
    else
      it->second = join(it->second, v);
  }
}

// Whether the operation's check holds on `open` regions, and the count after it
// (the same saturating rules as the lowering, frontend/lower_step.cpp).
bool holds(const MicroOp &op, int open) {
  switch (op.kind) {
    case MicroOp::RegionBegin:
      return open < kMaxOpenRegions;
    case MicroOp::RegionEnd:
    case MicroOp::RegionInside:
      return open > 0;
    default:
      return open == 0;
  }
}
int after(const MicroOp &op, int open) {
  switch (op.kind) {
    case MicroOp::RegionBegin:
      return open < kMaxOpenRegions ? open + 1 : open;
    case MicroOp::RegionEnd:
      return open > 0 ? open - 1 : 0;
    case MicroOp::RegionInside:
      return open;
    default:
      return 0;
  }
}

class Analysis {
 public:
  explicit Analysis(EntryCfg &cfg) : cfg_(cfg), entry_(cfg.nodes.size()) {}

  void run() {
    std::set<int> slots;
    for (const Node &n : cfg_.nodes) collect_slots(n.ops, slots);
    if (slots.empty()) return;
    // Every context starts (and every handler restarts) with its counts at 0.
    Counts zero;
    for (int s : slots) zero[s] = 0;
    const int start = cfg_.node_pc(cfg_.start_label);
    if (start < 0) return;
    propagate(start, zero);
    while (!work_.empty()) {
      const int n = work_.front();
      work_.pop_front();
      queued_.erase(n);
      Counts c = entry_[n];
      run_ops(cfg_.nodes[n].ops, c);
    }
    // Decide the slots whose every operation sees one known count.
    std::set<int> varying;
    for (const auto &[op, v] : seen_)
      if (v == kVarying) varying.insert(op->lhs.slot);
    for (Node &n : cfg_.nodes) rewrite(n.ops, varying);
  }

 private:
  static void collect_slots(const std::vector<MicroOp> &ops, std::set<int> &out) {
    for (const MicroOp &op : ops) {
      if (is_region_op(op)) out.insert(op.lhs.slot);
      collect_slots(op.then_ops, out);
      collect_slots(op.else_ops, out);
    }
  }

  void propagate(int node, const Counts &c) {
    if (node < 0) return;  // the end of the entry: the counts are reset with the context
    Counts next = entry_[node];
    join_into(next, c);
    if (next == entry_[node] && reached_.count(node)) return;
    reached_.insert(node);
    entry_[node] = std::move(next);
    if (queued_.insert(node).second) work_.push_back(node);
  }

  // Runs `ops` on the counts: the counts at each jump flow to its target; the
  // arms of a branch join after it (as the lowering merges them).
  void run_ops(const std::vector<MicroOp> &ops, Counts &c) {
    for (const MicroOp &op : ops) {
      if (is_region_op(op)) {
        const int in = c.count(op.lhs.slot) ? c[op.lhs.slot] : 0;
        auto it = seen_.find(&op);
        seen_[&op] = it == seen_.end() ? in : join(it->second, in);
        c[op.lhs.slot] = in == kVarying ? kVarying : after(op, in);
      } else if (op.kind == MicroOp::Jump) {
        propagate(cfg_.node_pc(op.label), c);
      } else if (op.kind == MicroOp::Branch) {
        Counts t = c, f = c;
        run_ops(op.then_ops, t);
        run_ops(op.else_ops, f);
        c = t;
        join_into(c, f);
      }
    }
  }

  void rewrite(std::vector<MicroOp> &ops, const std::set<int> &varying) {
    std::vector<MicroOp> out;
    for (MicroOp &op : ops) {
      rewrite(op.then_ops, varying);
      rewrite(op.else_ops, varying);
      if (!is_region_op(op) || varying.count(op.lhs.slot)) {
        out.push_back(std::move(op));
        continue;
      }
      auto it = seen_.find(&op);
      MicroOp decided = op;
      decided.kind = MicroOp::Decided;
      decided.value = it == seen_.end() || holds(op, it->second);  // unreachable, or the count it sees
      out.push_back(std::move(decided));
    }
    ops = std::move(out);
  }

  EntryCfg &cfg_;
  std::vector<Counts> entry_;
  std::set<int> reached_;
  std::deque<int> work_;
  std::set<int> queued_;
  std::map<const MicroOp *, int> seen_;  // the joined count entering each region operation
};

}  // namespace

void resolve_static_regions(EntryCfg &cfg) { Analysis(cfg).run(); }

}  // namespace ctcheck::frontend
