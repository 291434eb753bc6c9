#include "engines/unroller.h"

#include <map>
#include <stdexcept>
#include <unordered_set>
#include <utility>

namespace ctcheck::engines {
namespace {

// Z3 identifies constants by name and sort, so two IR variables with the same
// name would silently become one: make every stem unique.
std::string unique_stem(std::unordered_set<std::string> &used, const std::string &name, std::size_t index) {
  std::string stem = name.empty() ? "_" + std::to_string(index) : name;
  if (!used.insert(stem).second) {
    stem += "#" + std::to_string(index);
    while (!used.insert(stem).second) stem += "'";
  }
  return stem;
}

}  // namespace

namespace {

// Statement actions are told apart by their pc only when the lowering tables
// list each at its (cpu, level, pc).
bool has_pc_dispatch(const ir::TransitionSystem &ts) {
  for (std::size_t i = 0; i < ts.actions.size(); ++i) {
    const ir::Action &a = ts.actions[i];
    if (a.kind != ir::ActionKind::Exec) continue;
    if (static_cast<std::size_t>(a.cpu) >= ts.exec_at.size() ||
        static_cast<std::size_t>(a.level) >= ts.exec_at[a.cpu].size() ||
        a.pc >= ts.exec_at[a.cpu][a.level].size() ||
        ts.exec_at[a.cpu][a.level][a.pc] != static_cast<int>(i) ||
        static_cast<std::size_t>(a.cpu) >= ts.cpus.size() ||
        static_cast<std::size_t>(a.level) >= ts.cpus[a.cpu].pc.size())
      return false;
  }
  return true;
}

}  // namespace

Unroller::Unroller(const ir::TransitionSystem &ts, z3::context &ctx) : ts_(ts), ctx_(ctx) {
  const bool dispatch = has_pc_dispatch(ts);
  std::map<std::pair<int, int>, int> statement_move;
  for (std::size_t i = 0; i < ts.actions.size(); ++i) {
    const ir::Action &a = ts.actions[i];
    if (dispatch && a.kind == ir::ActionKind::Exec) {
      auto [it, fresh] =
          statement_move.emplace(std::make_pair(a.cpu, a.level), static_cast<int>(move_action_.size()));
      if (fresh) {
        move_action_.push_back(-1);
        move_level_.emplace_back(a.cpu, a.level);
      }
      move_of_.push_back(it->second);
    } else {
      move_of_.push_back(static_cast<int>(move_action_.size()));
      move_action_.push_back(static_cast<int>(i));
      move_level_.emplace_back(-1, -1);
    }
  }
  while ((std::size_t{1} << act_width_) < move_action_.size()) ++act_width_;
  std::unordered_set<std::string> used;
  act_name_ = unique_stem(used, "act", 0);
  for (std::size_t v = 0; v < ts.vars.size(); ++v)
    var_names_.push_back(unique_stem(used, ts.vars[v].name, v));
  for (std::size_t i = 0; i < ts.inputs.size(); ++i)
    input_names_.push_back(unique_stem(used, ts.inputs[i].name, i));
}

z3::sort Unroller::sort_of(ir::Sort s) { return s.is_bool ? ctx_.bool_sort() : ctx_.bv_sort(s.width); }

z3::expr Unroller::value(ir::Sort s, std::uint64_t v) {
  return s.is_bool ? ctx_.bool_val(v != 0) : ctx_.bv_val(v & ir::mask_of(s.width), s.width);
}

void Unroller::ensure_time(int k) {
  if (k < 0) throw std::logic_error("Unroller: negative time");
  while (static_cast<int>(act_at_.size()) <= k) {
    const std::string at = "@" + std::to_string(act_at_.size());
    std::vector<z3::expr> vars, inputs;
    vars.reserve(ts_.vars.size());
    for (std::size_t v = 0; v < ts_.vars.size(); ++v)
      vars.push_back(ctx_.constant((var_names_[v] + at).c_str(), sort_of(ts_.vars[v].sort)));
    inputs.reserve(ts_.inputs.size());
    for (std::size_t i = 0; i < ts_.inputs.size(); ++i)
      inputs.push_back(ctx_.constant((input_names_[i] + at).c_str(), sort_of(ts_.inputs[i].sort)));
    var_at_.push_back(std::move(vars));
    input_at_.push_back(std::move(inputs));
    act_at_.push_back(ctx_.bv_const((act_name_ + at).c_str(), act_width_));
    memo_.emplace_back();
  }
}

z3::expr Unroller::var(std::uint32_t v, int k) {
  ensure_time(k);
  return var_at_[k].at(v);
}

z3::expr Unroller::input(std::uint32_t i, int k) {
  ensure_time(k);
  return input_at_[k].at(i);
}

z3::expr Unroller::act(int k) {
  ensure_time(k);
  return act_at_[k];
}

z3::expr Unroller::selects(int action, int k) {
  const int m = move_of_.at(static_cast<std::size_t>(action));
  z3::expr sel = act(k) == ctx_.bv_val(static_cast<std::uint64_t>(m), act_width_);
  if (move_action_[m] >= 0) return sel;
  const ir::Action &a = ts_.actions[action];
  const std::uint32_t pc = ts_.cpus[a.cpu].pc[a.level];
  return sel && var(pc, k) == value(ts_.vars[pc].sort, a.pc);
}

int Unroller::action_of(std::uint64_t move, const std::vector<std::uint64_t> &s) const {
  if (move >= move_action_.size()) return -1;
  if (move_action_[move] >= 0) return move_action_[move];
  const auto [cpu, level] = move_level_[move];
  const std::uint64_t pc = s.at(ts_.cpus[cpu].pc[level]);
  const std::vector<int> &row = ts_.exec_at[cpu][level];
  return pc < row.size() ? row[pc] : -1;
}

void Unroller::forget(int k) {
  if (k >= 0 && k < static_cast<int>(memo_.size())) Frame().swap(memo_[k]);
}

// Iterative post-order walk: lowered guards can be deep ite chains.
z3::expr Unroller::at(ir::ExprId root, int k) {
  ensure_time(k);
  Frame &memo = memo_[k];
  if (auto hit = memo.find(root); hit != memo.end()) return hit->second;
  std::vector<std::pair<ir::ExprId, bool>> stack{{root, false}};
  std::vector<z3::expr> args;
  while (!stack.empty()) {
    auto [e, expanded] = stack.back();
    if (memo.count(e)) {
      stack.pop_back();
      continue;
    }
    const ir::Node &n = ts_.pool.node(e);
    if (!expanded) {
      stack.back().second = true;
      for (ir::ExprId a : n.args)
        if (!memo.count(a)) stack.push_back({a, false});
      continue;
    }
    stack.pop_back();
    args.clear();
    for (ir::ExprId a : n.args) args.push_back(memo.at(a));
    z3::expr r = n.op == ir::Op::Var     ? var(static_cast<std::uint32_t>(n.value), k)
                 : n.op == ir::Op::Input ? input(static_cast<std::uint32_t>(n.value), k)
                                         : translate(n, args);
    memo.emplace(e, r);
  }
  return memo.at(root);
}

// One Z3 operator per IR operator. The SMT-LIB semantics match ir::apply_op,
// including shifts by >= width (bvshl/bvlshr give 0, bvashr the sign fill).
z3::expr Unroller::translate(const ir::Node &n, const std::vector<z3::expr> &a) {
  using ir::Op;
  const unsigned w = n.sort.width;
  // One line per operator reads as the table it is.
  // clang-format off
  switch (n.op) {
    case Op::Const: return value(n.sort, n.value);
    case Op::Not: return !a[0];
    case Op::And: return a[0] && a[1];
    case Op::Or: return a[0] || a[1];
    case Op::Implies: return z3::implies(a[0], a[1]);
    case Op::Eq: return a[0] == a[1];
    case Op::Ite: return z3::ite(a[0], a[1], a[2]);
    case Op::Neg: return -a[0];
    case Op::BvNot: return ~a[0];
    case Op::Add: return a[0] + a[1];
    case Op::Sub: return a[0] - a[1];
    case Op::Mul: return a[0] * a[1];
    case Op::BvAnd: return a[0] & a[1];
    case Op::BvOr: return a[0] | a[1];
    case Op::BvXor: return a[0] ^ a[1];
    case Op::Shl: return z3::shl(a[0], a[1]);
    case Op::LShr: return z3::lshr(a[0], a[1]);
    case Op::AShr: return z3::ashr(a[0], a[1]);
    case Op::Ult: return z3::ult(a[0], a[1]);
    case Op::Ule: return z3::ule(a[0], a[1]);
    case Op::Slt: return z3::slt(a[0], a[1]);
    case Op::Sle: return z3::sle(a[0], a[1]);
    case Op::ZExt: return z3::zext(a[0], w - a[0].get_sort().bv_size());
    case Op::SExt: return z3::sext(a[0], w - a[0].get_sort().bv_size());
    case Op::Trunc: return a[0].extract(w - 1, 0);
    case Op::Var:
    case Op::Input: break;
  }
  // clang-format on
  throw std::logic_error("Unroller: unexpected IR operator");
}

}  // namespace ctcheck::engines
