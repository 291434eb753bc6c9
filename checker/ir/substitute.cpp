#include "ir/substitute.h"

#include <algorithm>
#include <unordered_set>

namespace ctcheck::ir {

ExprId Substitution::apply(ExprId root) {
  std::vector<std::pair<ExprId, bool>> stack{{root, false}};
  std::vector<ExprId> args;
  while (!stack.empty()) {
    auto [e, expanded] = stack.back();
    if (memo_.count(e)) {
      stack.pop_back();
      continue;
    }
    const Node &n = pool_.node(e);
    if (n.op == Op::Var) {
      std::optional<ExprId> r = replace_(static_cast<std::uint32_t>(n.value));
      memo_[e] = r ? *r : e;
      stack.pop_back();
      continue;
    }
    if (n.args.empty()) {
      memo_[e] = e;
      stack.pop_back();
      continue;
    }
    if (!expanded) {
      stack.back().second = true;
      for (ExprId a : n.args)
        if (!memo_.count(a)) stack.emplace_back(a, false);
      continue;
    }
    stack.pop_back();
    args.clear();
    bool same = true;
    for (ExprId a : n.args) {
      args.push_back(memo_.at(a));
      same &= args.back() == a;
    }
    const Node copy = n;  // rebuild may grow the pool and move `n`
    memo_[e] = same ? e : pool_.rebuild(copy, args);
  }
  return memo_.at(root);
}

void collect_vars(const ExprPool &pool, ExprId root, std::vector<std::uint32_t> &out) {
  std::vector<ExprId> todo{root};
  std::unordered_set<ExprId> seen;
  while (!todo.empty()) {
    const ExprId e = todo.back();
    todo.pop_back();
    if (!seen.insert(e).second) continue;
    const Node &n = pool.node(e);
    if (n.op == Op::Var) {
      const auto v = static_cast<std::uint32_t>(n.value);
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    }
    for (ExprId a : n.args) todo.push_back(a);
  }
}

std::optional<std::vector<std::uint64_t>> constant_leaves(const ExprPool &pool, ExprId root) {
  std::vector<std::uint64_t> out;
  std::vector<ExprId> todo{root};
  std::unordered_set<ExprId> seen;
  while (!todo.empty()) {
    const ExprId e = todo.back();
    todo.pop_back();
    if (!seen.insert(e).second) continue;
    const Node &n = pool.node(e);
    if (n.op == Op::Const) {
      if (std::find(out.begin(), out.end(), n.value) == out.end()) out.push_back(n.value);
    } else if (n.op == Op::Ite) {
      todo.push_back(n.args[1]);
      todo.push_back(n.args[2]);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace ctcheck::ir
