#include "ir/expr.h"

#include <sstream>
#include <stdexcept>

namespace ctcheck::ir {
namespace {

std::int64_t as_signed(std::uint64_t v, unsigned width) {
  if (width >= 64) return static_cast<std::int64_t>(v);
  std::uint64_t sign = std::uint64_t{1} << (width - 1);
  return static_cast<std::int64_t>((v ^ sign) - sign);
}

const char *op_name(Op op) {
  switch (op) {
    case Op::Const:
      return "const";
    case Op::Var:
      return "var";
    case Op::Input:
      return "input";
    case Op::Not:
      return "not";
    case Op::And:
      return "and";
    case Op::Or:
      return "or";
    case Op::Implies:
      return "=>";
    case Op::Eq:
      return "=";
    case Op::Ite:
      return "ite";
    case Op::Neg:
      return "bvneg";
    case Op::BvNot:
      return "bvnot";
    case Op::Add:
      return "bvadd";
    case Op::Sub:
      return "bvsub";
    case Op::Mul:
      return "bvmul";
    case Op::BvAnd:
      return "bvand";
    case Op::BvOr:
      return "bvor";
    case Op::BvXor:
      return "bvxor";
    case Op::Shl:
      return "bvshl";
    case Op::LShr:
      return "bvlshr";
    case Op::AShr:
      return "bvashr";
    case Op::Ult:
      return "bvult";
    case Op::Ule:
      return "bvule";
    case Op::Slt:
      return "bvslt";
    case Op::Sle:
      return "bvsle";
    case Op::ZExt:
      return "zext";
    case Op::SExt:
      return "sext";
    case Op::Trunc:
      return "trunc";
  }
  return "?";
}

bool is_bool_op(Op op) { return op == Op::Not || op == Op::And || op == Op::Or || op == Op::Implies; }
bool is_compare(Op op) {
  return op == Op::Eq || op == Op::Ult || op == Op::Ule || op == Op::Slt || op == Op::Sle;
}

}  // namespace

std::uint64_t apply_op(Op op, Sort result, const std::vector<Sort> &arg_sorts,
                       const std::vector<std::uint64_t> &a) {
  const std::uint64_t m = mask_of(result.width);
  const unsigned aw = arg_sorts.empty() ? result.width : arg_sorts[0].width;
  switch (op) {
    case Op::Not:
      return a[0] ? 0 : 1;
    case Op::And:
      return (a[0] && a[1]) ? 1 : 0;
    case Op::Or:
      return (a[0] || a[1]) ? 1 : 0;
    case Op::Implies:
      return (!a[0] || a[1]) ? 1 : 0;
    case Op::Eq:
      return a[0] == a[1] ? 1 : 0;
    case Op::Ite:
      return a[0] ? a[1] : a[2];
    case Op::Neg:
      return (~a[0] + 1) & m;
    case Op::BvNot:
      return ~a[0] & m;
    case Op::Add:
      return (a[0] + a[1]) & m;
    case Op::Sub:
      return (a[0] - a[1]) & m;
    case Op::Mul:
      return (a[0] * a[1]) & m;
    case Op::BvAnd:
      return a[0] & a[1];
    case Op::BvOr:
      return a[0] | a[1];
    case Op::BvXor:
      return a[0] ^ a[1];
    case Op::Shl:
      return a[1] >= result.width ? 0 : (a[0] << a[1]) & m;
    case Op::LShr:
      return a[1] >= result.width ? 0 : a[0] >> a[1];
    case Op::AShr: {
      std::int64_t s = as_signed(a[0], result.width);
      std::uint64_t sh = a[1] >= result.width ? result.width - 1 : a[1];
      return static_cast<std::uint64_t>(s >> sh) & m;
    }
    case Op::Ult:
      return a[0] < a[1] ? 1 : 0;
    case Op::Ule:
      return a[0] <= a[1] ? 1 : 0;
    case Op::Slt:
      return as_signed(a[0], aw) < as_signed(a[1], aw) ? 1 : 0;
    case Op::Sle:
      return as_signed(a[0], aw) <= as_signed(a[1], aw) ? 1 : 0;
    case Op::ZExt:
      return a[0];
    case Op::SExt:
      return static_cast<std::uint64_t>(as_signed(a[0], aw)) & m;
    case Op::Trunc:
      return a[0] & m;
    case Op::Const:
    case Op::Var:
    case Op::Input:
      break;
  }
  throw std::logic_error("apply_op: not an operator");
}

std::size_t ExprPool::NodeHash::operator()(ExprId id) const {
  const Node &n = pool->nodes_[id];
  std::uint64_t h = static_cast<std::uint64_t>(n.op) * 0x9e3779b97f4a7c15ull;
  h ^= (n.sort.width + (n.sort.is_bool ? 0x100u : 0u)) + (h << 6) + (h >> 2);
  h ^= n.value + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  for (ExprId a : n.args) h ^= a + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return static_cast<std::size_t>(h);
}

bool ExprPool::NodeEq::operator()(ExprId a, ExprId b) const {
  const Node &x = pool->nodes_[a], &y = pool->nodes_[b];
  return x.op == y.op && x.sort == y.sort && x.value == y.value && x.args == y.args;
}

void ExprPool::reindex() {
  index_ = std::unordered_set<ExprId, NodeHash, NodeEq>(nodes_.size() * 2 + 16, NodeHash{this}, NodeEq{this});
  for (ExprId id = 0; id < nodes_.size(); ++id) index_.insert(id);
}

ExprId ExprPool::intern(Node n) {
  const ExprId id = static_cast<ExprId>(nodes_.size());
  nodes_.push_back(std::move(n));
  auto [it, fresh] = index_.insert(id);
  if (!fresh) {
    nodes_.pop_back();
    return *it;
  }
  return id;
}

ExprId ExprPool::rebuild(const Node &like, const std::vector<ExprId> &args) {
  switch (like.op) {
    case Op::Const:
    case Op::Var:
    case Op::Input:
      return intern(like);
    case Op::Not:
    case Op::Neg:
    case Op::BvNot:
      return unary(like.op, args.at(0));
    case Op::Ite:
      return ite(args.at(0), args.at(1), args.at(2));
    case Op::ZExt:
    case Op::SExt:
    case Op::Trunc:
      return extend(like.op, args.at(0), like.sort.width);
    default:
      return binary(like.op, args.at(0), args.at(1));
  }
}

ExprId ExprPool::constant(Sort s, std::uint64_t v) {
  return intern(Node{Op::Const, s, v & mask_of(s.width), {}});
}

ExprId ExprPool::var(std::uint32_t index, Sort s) { return intern(Node{Op::Var, s, index, {}}); }
ExprId ExprPool::input(std::uint32_t index, Sort s) { return intern(Node{Op::Input, s, index, {}}); }

ExprId ExprPool::unary(Op op, ExprId a) {
  Sort sa = sort(a);
  if (op == Op::Not) {
    if (!sa.is_bool) throw std::logic_error("not: needs bool");
    const Node &na = node(a);
    if (na.op == Op::Const) return boolean(na.value == 0);
    if (na.op == Op::Not) return na.args[0];
  } else if (op == Op::Neg || op == Op::BvNot) {
    if (sa.is_bool) throw std::logic_error("bv unary on bool");
  } else {
    throw std::logic_error("unary: bad operator");
  }
  if (is_const(a)) return constant(sa, apply_op(op, sa, {sa}, {node(a).value}));
  return intern(Node{op, sa, 0, {a}});
}

ExprId ExprPool::binary(Op op, ExprId a, ExprId b) {
  Sort sa = sort(a), sb = sort(b);
  if (sa != sb) throw std::logic_error(std::string("sort mismatch in ") + op_name(op));
  Sort result = sa;
  if (is_bool_op(op)) {
    if (!sa.is_bool) throw std::logic_error("bool op on bit-vector");
  } else if (is_compare(op)) {
    if (op != Op::Eq && sa.is_bool) throw std::logic_error("ordering on bool");
    result = Sort::boolean();
  } else if (sa.is_bool) {
    throw std::logic_error(std::string("bit-vector op on bool: ") + op_name(op));
  }
  const bool ca = is_const(a), cb = is_const(b);
  if (ca && cb) return constant(result, apply_op(op, result, {sa, sb}, {node(a).value, node(b).value}));
  // Boolean simplifications keep guards small.
  if (op == Op::And) {
    if (ca) return node(a).value ? b : a;
    if (cb) return node(b).value ? a : b;
    if (a == b) return a;
  } else if (op == Op::Or) {
    if (ca) return node(a).value ? a : b;
    if (cb) return node(b).value ? b : a;
    if (a == b) return a;
  } else if (op == Op::Implies) {
    if (ca) return node(a).value ? b : tru();
    if (cb && node(b).value) return tru();
  } else if (op == Op::Eq && a == b) {
    return tru();
  }
  return intern(Node{op, result, 0, {a, b}});
}

ExprId ExprPool::ite(ExprId c, ExprId t, ExprId e) {
  if (!sort(c).is_bool) throw std::logic_error("ite: condition not bool");
  if (sort(t) != sort(e)) throw std::logic_error("ite: branch sorts differ");
  if (is_const(c)) return node(c).value ? t : e;
  if (t == e) return t;
  if (sort(t).is_bool && is_const(t) && is_const(e)) return node(t).value ? c : lnot(c);
  return intern(Node{Op::Ite, sort(t), 0, {c, t, e}});
}

ExprId ExprPool::extend(Op op, ExprId a, unsigned width) {
  Sort sa = sort(a);
  if (sa.is_bool) throw std::logic_error("extend: bool");
  if (sa.width == width) return a;
  if (op == Op::Trunc ? width > sa.width : width < sa.width)
    throw std::logic_error("extend: wrong direction");
  Sort r = Sort::bv(width);
  if (is_const(a)) return constant(r, apply_op(op, r, {sa}, {node(a).value}));
  return intern(Node{op, r, 0, {a}});
}

std::string to_string(const ExprPool &pool, ExprId e) {
  const Node &n = pool.node(e);
  std::ostringstream out;
  switch (n.op) {
    case Op::Const:
      if (n.sort.is_bool) return n.value ? "true" : "false";
      out << "#x" << std::hex << n.value << "[" << std::dec << n.sort.width << "]";
      return out.str();
    case Op::Var:
      return "v" + std::to_string(n.value);
    case Op::Input:
      return "i" + std::to_string(n.value);
    default:
      break;
  }
  out << "(" << op_name(n.op);
  if (n.op == Op::ZExt || n.op == Op::SExt || n.op == Op::Trunc) out << " " << n.sort.width;
  for (ExprId a : n.args) out << " " << to_string(pool, a);
  out << ")";
  return out.str();
}

}  // namespace ctcheck::ir
