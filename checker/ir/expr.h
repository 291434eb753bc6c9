// Hash-consed expression DAG of the transition-system IR.
//
// Every value is either a boolean or a bit-vector of 1..64 bits; signedness is
// not part of the sort but of the operator (Slt vs Ult, AShr vs LShr, SExt vs
// ZExt), exactly as in SMT-LIB, so the Z3 encoding and the concrete simulator
// can follow the same table of operators without interpretation choices.
//
// Leaves refer to state variables (current-state value) or to inputs (a fresh
// nondeterministic value at every step). Next-state copies are not expressions:
// an action lists the new value of each variable it writes (see
// transition_system.h), and engines create timed copies themselves (Pono's
// Unroller pattern).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace ctcheck::ir {

using ExprId = std::uint32_t;

struct Sort {
  bool is_bool = true;
  unsigned width = 1;  // bits of a bit-vector (1..64); 1 for bool
  static Sort boolean() { return {true, 1}; }
  static Sort bv(unsigned w) { return {false, w}; }
  bool operator==(const Sort &o) const { return is_bool == o.is_bool && width == o.width; }
  bool operator!=(const Sort &o) const { return !(*this == o); }
};

enum class Op {
  // leaves
  Const,  // value (bool: 0/1)
  Var,    // index = state variable
  Input,  // index = input
  // boolean
  Not,
  And,
  Or,
  Implies,
  // polymorphic
  Eq,
  Ite,
  // bit-vector arithmetic, modulo 2^width
  Neg,
  BvNot,
  Add,
  Sub,
  Mul,
  BvAnd,
  BvOr,
  BvXor,
  Shl,
  LShr,
  AShr,  // shift amount is the second operand (same width); >= width gives 0 / sign fill
  Ult,
  Ule,
  Slt,
  Sle,
  ZExt,
  SExt,   // to the node's width
  Trunc,  // keep the low bits (node width)
};

struct Node {
  Op op;
  Sort sort;
  std::uint64_t value = 0;  // Const: the value, masked to width; Var/Input: the index
  std::vector<ExprId> args;
};

// Owns all nodes; identical nodes are shared, so ExprId equality is structural
// equality. Constructors fold constants and check sorts (a sort error in the
// IR is a bug in ctcheck, not in the model: they throw std::logic_error).
class ExprPool {
 public:
  ExprPool() = default;
  // The index's functors point at their pool: copies and moves rebuild it.
  ExprPool(const ExprPool &o) : nodes_(o.nodes_) { reindex(); }
  ExprPool(ExprPool &&o) noexcept : nodes_(std::move(o.nodes_)) { reindex(); }
  ExprPool &operator=(const ExprPool &o) {
    if (this != &o) {
      nodes_ = o.nodes_;
      reindex();
    }
    return *this;
  }
  ExprPool &operator=(ExprPool &&o) noexcept {
    nodes_ = std::move(o.nodes_);
    reindex();
    return *this;
  }

  ExprId constant(Sort s, std::uint64_t v);
  ExprId boolean(bool b) { return constant(Sort::boolean(), b ? 1 : 0); }
  ExprId var(std::uint32_t index, Sort s);
  ExprId input(std::uint32_t index, Sort s);
  ExprId unary(Op op, ExprId a);
  ExprId binary(Op op, ExprId a, ExprId b);
  ExprId ite(ExprId c, ExprId t, ExprId e);
  ExprId extend(Op op, ExprId a, unsigned width);  // ZExt/SExt/Trunc, or a itself when width matches
  // The node `like` with new arguments (same operator and sort), through the
  // constructors above so constants fold again: what rewriting passes use.
  ExprId rebuild(const Node &like, const std::vector<ExprId> &args);

  // Conveniences
  ExprId land(ExprId a, ExprId b) { return binary(Op::And, a, b); }
  ExprId lor(ExprId a, ExprId b) { return binary(Op::Or, a, b); }
  ExprId lnot(ExprId a) { return unary(Op::Not, a); }
  ExprId eq(ExprId a, ExprId b) { return binary(Op::Eq, a, b); }
  ExprId tru() { return boolean(true); }
  ExprId fls() { return boolean(false); }

  const Node &node(ExprId e) const { return nodes_.at(e); }
  Sort sort(ExprId e) const { return nodes_.at(e).sort; }
  bool is_const(ExprId e) const { return nodes_.at(e).op == Op::Const; }
  std::size_t size() const { return nodes_.size(); }

 private:
  ExprId intern(Node n);
  void reindex();
  struct NodeHash {
    const ExprPool *pool;
    std::size_t operator()(ExprId id) const;
  };
  struct NodeEq {
    const ExprPool *pool;
    bool operator()(ExprId a, ExprId b) const;
  };
  std::vector<Node> nodes_;
  // Structural index: a candidate node is appended, looked up, and dropped
  // again when an equal node exists.
  std::unordered_set<ExprId, NodeHash, NodeEq> index_{1024, NodeHash{this}, NodeEq{this}};
};

// Mask for a width (width 64 -> all ones).
inline std::uint64_t mask_of(unsigned width) {
  return width >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << width) - 1);
}

// Concrete semantics of one operator on masked values; shared by the constant
// folder and the simulator so they cannot disagree.
std::uint64_t apply_op(Op op, Sort result, const std::vector<Sort> &arg_sorts,
                       const std::vector<std::uint64_t> &args);

// Render for debugging and docs (S-expression).
std::string to_string(const ExprPool &pool, ExprId e);

}  // namespace ctcheck::ir
