#include "ir/cofactor.h"

#include <vector>

namespace ctcheck::ir {

// Explicit stack: decision diagrams are as deep as the state has variables
// times the values of each, which is too deep for recursion.
ExprId Cofactor::apply(ExprId root) {
  struct Frame {
    ExprId e;
    int stage;  // 0 new; 1 condition done (ite) or arguments pushed
  };
  std::vector<Frame> stack{{root, 0}};
  std::vector<ExprId> args;
  while (!stack.empty()) {
    Frame &f = stack.back();
    const ExprId e = f.e;
    if (memo_.count(e)) {
      stack.pop_back();
      continue;
    }
    const Node &n = pool_.node(e);
    if (n.op == Op::Var) {
      auto it = values_.find(static_cast<std::uint32_t>(n.value));
      memo_[e] = it == values_.end() ? e : pool_.constant(n.sort, it->second);
      stack.pop_back();
      continue;
    }
    if (n.args.empty()) {
      memo_[e] = e;
      stack.pop_back();
      continue;
    }
    if (n.op == Op::Ite) {
      const ExprId c = n.args[0];
      if (!memo_.count(c)) {
        stack.push_back({c, 0});
        continue;
      }
      const ExprId cc = memo_.at(c);
      if (pool_.is_const(cc)) {  // only the branch taken is visited
        const ExprId branch = pool_.node(cc).value ? n.args[1] : n.args[2];
        if (!memo_.count(branch)) {
          stack.push_back({branch, 0});
          continue;
        }
        memo_[e] = memo_.at(branch);
        stack.pop_back();
        continue;
      }
    }
    if (f.stage == 0) {
      f.stage = 1;
      for (ExprId a : n.args)
        if (!memo_.count(a)) stack.push_back({a, 0});
      continue;
    }
    stack.pop_back();
    args.clear();
    for (ExprId a : n.args) args.push_back(memo_.at(a));
    const Node copy = n;
    memo_[e] = pool_.rebuild(copy, args);
  }
  return memo_.at(root);
}

std::unordered_map<std::uint32_t, std::uint64_t> implied_values(const ExprPool &pool, ExprId root) {
  std::unordered_map<std::uint32_t, std::uint64_t> out;
  std::vector<ExprId> todo{root};
  while (!todo.empty()) {
    const Node &n = pool.node(todo.back());
    todo.pop_back();
    if (n.op == Op::And) {
      todo.push_back(n.args[0]);
      todo.push_back(n.args[1]);
    } else if (n.op == Op::Eq) {
      const Node &a = pool.node(n.args[0]), &b = pool.node(n.args[1]);
      if (a.op == Op::Var && b.op == Op::Const) out[static_cast<std::uint32_t>(a.value)] = b.value;
      if (b.op == Op::Var && a.op == Op::Const) out[static_cast<std::uint32_t>(b.value)] = a.value;
    } else if (n.op == Op::Var && n.sort.is_bool) {
      out[static_cast<std::uint32_t>(n.value)] = 1;
    } else if (n.op == Op::Not && pool.node(n.args[0]).op == Op::Var) {
      out[static_cast<std::uint32_t>(pool.node(n.args[0]).value)] = 0;
    }
  }
  return out;
}

}  // namespace ctcheck::ir
