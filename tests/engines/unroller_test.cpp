// The Z3 translation must agree with ir::apply_op (the simulator's semantics)
// on every operator, including the corner cases: shifts by >= width, signed
// comparisons, extensions, 64-bit wrap-around.
#include "engines/unroller.h"

#include <gtest/gtest.h>

#include <random>

#include "fixture.h"

namespace ctcheck::engines {
namespace {

using ir::Op;
using ir::Sort;

class UnrollerOps : public ::testing::Test {
 protected:
  // Value of `e` at time 0 with the inputs set to `values`, computed by Z3.
  std::uint64_t z3_value(ir::ExprId e, const std::vector<std::uint64_t> &values) {
    Unroller u(b.ts, ctx);
    z3::expr_vector from(ctx), to(ctx);
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      from.push_back(u.input(i, 0));
      to.push_back(u.value(b.ts.inputs[i].sort, values[i]));
    }
    z3::expr r = u.at(e, 0).substitute(from, to).simplify();
    if (r.is_bool()) return r.is_true() ? 1 : 0;
    return r.get_numeral_uint64();
  }

  std::uint64_t concrete(ir::ExprId e, const std::vector<std::uint64_t> &values) {
    const ir::Node &n = b.ts.pool.node(e);
    std::vector<Sort> sorts;
    for (ir::ExprId a : n.args) sorts.push_back(b.ts.pool.sort(a));
    return ir::apply_op(n.op, n.sort, sorts, values);
  }

  testing::SystemBuilder b;
  z3::context ctx;
};

TEST_F(UnrollerOps, BinaryOperatorsMatchApplyOp) {
  std::mt19937_64 rng(7);
  const Op ops[] = {Op::Add,  Op::Sub,  Op::Mul, Op::BvAnd, Op::BvOr, Op::BvXor, Op::Shl,
                    Op::LShr, Op::AShr, Op::Ult, Op::Ule,   Op::Slt,  Op::Sle,   Op::Eq};
  for (unsigned w : {1u, 3u, 8u, 32u, 64u}) {
    SCOPED_TRACE("width " + std::to_string(w));
    b = testing::SystemBuilder();
    const std::uint32_t x = b.input("x", Sort::bv(w)), y = b.input("y", Sort::bv(w));
    const std::uint64_t m = ir::mask_of(w);
    // Corner values plus random ones; shift amounts around the width.
    std::vector<std::uint64_t> vals = {0, 1, m, m >> 1, (m >> 1) + 1, w - 1, w, w + 1};
    for (int i = 0; i < 6; ++i) vals.push_back(rng());
    for (Op op : ops) {
      const ir::ExprId e = b.ts.pool.binary(op, b.in(x), b.in(y));
      for (std::uint64_t a : vals)
        for (std::uint64_t c : vals) {
          const std::vector<std::uint64_t> args = {a & m, c & m};
          ASSERT_EQ(z3_value(e, args), concrete(e, args))
              << ir::to_string(b.ts.pool, e) << " on " << args[0] << ", " << args[1];
        }
    }
  }
}

TEST_F(UnrollerOps, UnaryAndExtensionsMatchApplyOp) {
  const std::uint32_t x = b.input("x", Sort::bv(8));
  const std::vector<ir::ExprId> exprs = {
      b.ts.pool.unary(Op::Neg, b.in(x)),       b.ts.pool.unary(Op::BvNot, b.in(x)),
      b.ts.pool.extend(Op::ZExt, b.in(x), 16), b.ts.pool.extend(Op::SExt, b.in(x), 64),
      b.ts.pool.extend(Op::Trunc, b.in(x), 3), b.ts.pool.extend(Op::SExt, b.in(x), 9)};
  for (ir::ExprId e : exprs)
    for (std::uint64_t v : {0, 1, 5, 127, 128, 200, 255}) {
      const std::vector<std::uint64_t> args = {v};
      EXPECT_EQ(z3_value(e, args), concrete(e, args)) << ir::to_string(b.ts.pool, e) << " on " << v;
    }
}

TEST_F(UnrollerOps, BooleanOperatorsMatchApplyOp) {
  const std::uint32_t p = b.input("p", Sort::boolean()), q = b.input("q", Sort::boolean());
  const std::uint32_t x = b.input("x", Sort::bv(4));
  const std::vector<ir::ExprId> exprs = {b.ts.pool.binary(Op::Implies, b.in(p), b.in(q)),
                                         b.ts.pool.binary(Op::Eq, b.in(p), b.in(q)),
                                         b.ts.pool.land(b.in(p), b.in(q)), b.ts.pool.lor(b.in(p), b.in(q))};
  for (ir::ExprId e : exprs)
    for (std::uint64_t vp : {0, 1})
      for (std::uint64_t vq : {0, 1}) EXPECT_EQ(z3_value(e, {vp, vq, 0}), concrete(e, {vp, vq}));
  const ir::ExprId ite = b.ts.pool.ite(b.in(p), b.in(x), b.c(4, 9));
  for (std::uint64_t vp : {0, 1}) EXPECT_EQ(z3_value(ite, {vp, 0, 3}), vp ? 3u : 9u);
}

TEST(Unroller, TimedCopiesAreDistinctAndCached) {
  testing::SystemBuilder b;
  const std::uint32_t c = b.u8("c", 0);
  b.u8("c", 1);  // same name: must still be a different Z3 constant
  b.action("a", {b.incr(c)});
  z3::context ctx;
  Unroller u(b.ts, ctx);
  EXPECT_TRUE(u.var(0, 3).id() == u.var(0, 3).id());
  EXPECT_FALSE(u.var(0, 3).id() == u.var(0, 4).id());
  EXPECT_FALSE(u.var(0, 2).id() == u.var(1, 2).id());
  EXPECT_EQ(u.var(0, 2).to_string(), "c@2");
  EXPECT_EQ(u.act(5).get_sort().bv_size(), 1u);
  const ir::ExprId e = b.add(b.v(c), b.c(8, 1));
  EXPECT_TRUE(u.at(e, 2).id() == u.at(e, 2).id());
  u.forget(2);
  EXPECT_TRUE(z3::eq(u.at(e, 2), u.var(0, 2) + ctx.bv_val(1, 8)));
}

}  // namespace
}  // namespace ctcheck::engines
