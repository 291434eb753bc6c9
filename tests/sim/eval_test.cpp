// Simulator::eval on every operator, over variables (so the constant folder is
// not what is being tested), including the wrap-around corner cases.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "sim/simulator.h"

namespace ctcheck::sim {
namespace {

using ir::ExprId;
using ir::Op;
using ir::Sort;

// Variables: a, b (u8), x, y (64 bits), p, q (bool); one input i (u8).
class EvalTest : public ::testing::Test {
 protected:
  ir::TransitionSystem ts;
  ExprId a, b, x, y, p, q, i;
  EvalTest() {
    ts.pool.tru();
    const Sort u8 = Sort::bv(8), w64 = Sort::bv(64), bl = Sort::boolean();
    const std::vector<std::pair<const char *, Sort>> vars = {{"a", u8},  {"b", u8}, {"x", w64},
                                                             {"y", w64}, {"p", bl}, {"q", bl}};
    for (const auto &[name, s] : vars) {
      ir::StateVar v;
      v.name = name;
      v.sort = s;
      ts.vars.push_back(v);
    }
    ts.inputs.push_back({"i", u8, 0});
    a = ts.pool.var(0, u8);
    b = ts.pool.var(1, u8);
    x = ts.pool.var(2, w64);
    y = ts.pool.var(3, w64);
    p = ts.pool.var(4, bl);
    q = ts.pool.var(5, bl);
    i = ts.pool.input(0, u8);
  }
  // Evaluates e with a, b, x, y, p, q set.
  std::uint64_t ev(ExprId e, std::uint64_t va, std::uint64_t vb, std::uint64_t vx = 0, std::uint64_t vy = 0,
                   bool vp = false, bool vq = false, Values in = {}) {
    Simulator sim(ts);
    return sim.eval(e, {va, vb, vx, vy, vp, vq}, in);
  }
  ExprId bin(Op op, ExprId l, ExprId r) { return ts.pool.binary(op, l, r); }
};

TEST_F(EvalTest, ArithmeticWrapsAtWidth) {
  EXPECT_EQ(ev(bin(Op::Add, a, b), 200, 100), 44u);
  EXPECT_EQ(ev(bin(Op::Sub, a, b), 3, 5), 254u);
  EXPECT_EQ(ev(bin(Op::Mul, a, b), 16, 17), 16u);
  EXPECT_EQ(ev(ts.pool.unary(Op::Neg, a), 1, 0), 255u);
  EXPECT_EQ(ev(ts.pool.unary(Op::Neg, a), 0, 0), 0u);
  EXPECT_EQ(ev(ts.pool.unary(Op::BvNot, a), 0x0f, 0), 0xf0u);
}

TEST_F(EvalTest, S64WrapsToNegative) {
  const std::uint64_t max = 0x7fffffffffffffffULL;
  ExprId sum = bin(Op::Add, x, y);
  EXPECT_EQ(ev(sum, 0, 0, max, 1), 0x8000000000000000ULL);
  ExprId zero = ts.pool.constant(Sort::bv(64), 0);
  EXPECT_EQ(ev(bin(Op::Slt, sum, zero), 0, 0, max, 1), 1u);
  EXPECT_EQ(ev(bin(Op::Ult, sum, zero), 0, 0, max, 1), 0u);
  EXPECT_EQ(ev(bin(Op::Sub, x, y), 0, 0, 0, 1), ~0ULL);
  EXPECT_EQ(ev(bin(Op::Mul, x, y), 0, 0, 1ULL << 63, 2), 0u);
}

TEST_F(EvalTest, Bitwise) {
  EXPECT_EQ(ev(bin(Op::BvAnd, a, b), 0xcc, 0xaa), 0x88u);
  EXPECT_EQ(ev(bin(Op::BvOr, a, b), 0xcc, 0xaa), 0xeeu);
  EXPECT_EQ(ev(bin(Op::BvXor, a, b), 0xcc, 0xaa), 0x66u);
}

TEST_F(EvalTest, ShiftsIncludingAmountsAtOrBeyondWidth) {
  EXPECT_EQ(ev(bin(Op::Shl, a, b), 1, 7), 128u);
  EXPECT_EQ(ev(bin(Op::Shl, a, b), 0xff, 4), 0xf0u);
  EXPECT_EQ(ev(bin(Op::Shl, a, b), 1, 8), 0u);
  EXPECT_EQ(ev(bin(Op::Shl, a, b), 0xff, 200), 0u);
  EXPECT_EQ(ev(bin(Op::LShr, a, b), 0x80, 7), 1u);
  EXPECT_EQ(ev(bin(Op::LShr, a, b), 0x80, 8), 0u);
  EXPECT_EQ(ev(bin(Op::Shl, x, y), 1, 0, 1, 64), 0u);
  EXPECT_EQ(ev(bin(Op::LShr, x, y), 0, 0, ~0ULL, 63), 1u);
}

TEST_F(EvalTest, AShrFillsWithSign) {
  EXPECT_EQ(ev(bin(Op::AShr, a, b), 0x80, 1), 0xc0u);
  EXPECT_EQ(ev(bin(Op::AShr, a, b), 0x80, 7), 0xffu);
  EXPECT_EQ(ev(bin(Op::AShr, a, b), 0x80, 9), 0xffu);
  EXPECT_EQ(ev(bin(Op::AShr, a, b), 0x40, 9), 0u);
  EXPECT_EQ(ev(bin(Op::AShr, a, b), 0x40, 1), 0x20u);
  EXPECT_EQ(ev(bin(Op::AShr, x, y), 0, 0, 0x8000000000000000ULL, 63), ~0ULL);
  EXPECT_EQ(ev(bin(Op::AShr, x, y), 0, 0, 0x8000000000000000ULL, 100), ~0ULL);
}

TEST_F(EvalTest, SignedAndUnsignedComparisons) {
  EXPECT_EQ(ev(bin(Op::Ult, a, b), 0x80, 0x01), 0u);
  EXPECT_EQ(ev(bin(Op::Slt, a, b), 0x80, 0x01), 1u);
  EXPECT_EQ(ev(bin(Op::Ule, a, b), 5, 5), 1u);
  EXPECT_EQ(ev(bin(Op::Sle, a, b), 0xff, 0), 1u);  // -1 <= 0
  EXPECT_EQ(ev(bin(Op::Sle, a, b), 0, 0xff), 0u);
  // Width 64: the sign bit is bit 63.
  EXPECT_EQ(ev(bin(Op::Slt, x, y), 0, 0, 0x8000000000000000ULL, 0), 1u);
  EXPECT_EQ(ev(bin(Op::Slt, x, y), 0, 0, 0x7fffffffffffffffULL, 0x8000000000000000ULL), 0u);
  EXPECT_EQ(ev(bin(Op::Ult, x, y), 0, 0, 0x7fffffffffffffffULL, 0x8000000000000000ULL), 1u);
  EXPECT_EQ(ev(bin(Op::Sle, x, y), 0, 0, ~0ULL, ~0ULL), 1u);
}

TEST_F(EvalTest, Extensions) {
  EXPECT_EQ(ev(ts.pool.extend(Op::SExt, a, 64), 0x80, 0), 0xffffffffffffff80ULL);
  EXPECT_EQ(ev(ts.pool.extend(Op::SExt, a, 64), 0x7f, 0), 0x7fULL);
  EXPECT_EQ(ev(ts.pool.extend(Op::SExt, a, 16), 0xfe, 0), 0xfffeULL);
  EXPECT_EQ(ev(ts.pool.extend(Op::ZExt, a, 64), 0x80, 0), 0x80ULL);
  EXPECT_EQ(ev(ts.pool.extend(Op::Trunc, x, 8), 0, 0, 0x1234), 0x34u);
}

TEST_F(EvalTest, BooleansEqualityAndIte) {
  EXPECT_EQ(ev(ts.pool.lnot(p), 0, 0, 0, 0, false), 1u);
  EXPECT_EQ(ev(ts.pool.land(p, q), 0, 0, 0, 0, true, false), 0u);
  EXPECT_EQ(ev(ts.pool.lor(p, q), 0, 0, 0, 0, true, false), 1u);
  EXPECT_EQ(ev(bin(Op::Implies, p, q), 0, 0, 0, 0, true, false), 0u);
  EXPECT_EQ(ev(bin(Op::Implies, p, q), 0, 0, 0, 0, false, false), 1u);
  EXPECT_EQ(ev(ts.pool.eq(a, b), 7, 7), 1u);
  EXPECT_EQ(ev(ts.pool.eq(p, q), 0, 0, 0, 0, true, false), 0u);
  EXPECT_EQ(ev(ts.pool.ite(p, a, b), 1, 2, 0, 0, true), 1u);
  EXPECT_EQ(ev(ts.pool.ite(p, a, b), 1, 2, 0, 0, false), 2u);
  EXPECT_EQ(ev(ts.pool.ite(p, q, ts.pool.lnot(q)), 0, 0, 0, 0, false, false), 1u);
}

TEST_F(EvalTest, InputsAndMissingInputsReadAsZero) {
  ExprId sum = bin(Op::Add, a, i);
  EXPECT_EQ(ev(sum, 250, 0, 0, 0, false, false, {10}), 4u);
  EXPECT_EQ(ev(sum, 250, 0, 0, 0, false, false, {}), 250u);
}

// add(e, e) nested 60 times has 2^60 paths: only a memoised walk finishes.
TEST_F(EvalTest, SharedSubexpressionsAreEvaluatedOnce) {
  ExprId e = x;
  for (int k = 0; k < 60; ++k) e = bin(Op::Add, e, e);
  EXPECT_EQ(ev(e, 0, 0, 1), 1ULL << 60);
  EXPECT_EQ(ev(e, 0, 0, 3), (3ULL << 60) & ~0ULL);
}

// A chain deeper than any call stack would take.
TEST_F(EvalTest, DeepChainsDoNotRecurse) {
  ExprId e = a;
  ExprId one = ts.pool.constant(Sort::bv(8), 1);
  for (int k = 0; k < 200000; ++k) e = bin(Op::Add, e, one);
  EXPECT_EQ(ev(e, 0, 0), 200000u % 256);
}

// The simulator and the constant folder share apply_op; check they agree.
TEST_F(EvalTest, AgreesWithConstantFolding) {
  std::mt19937_64 rng(7);
  const Op ops[] = {Op::Add,  Op::Sub,  Op::Mul, Op::BvAnd, Op::BvOr, Op::BvXor, Op::Shl,
                    Op::LShr, Op::AShr, Op::Ult, Op::Ule,   Op::Slt,  Op::Sle,   Op::Eq};
  for (int n = 0; n < 300; ++n) {
    const std::uint64_t va = rng() & 0xff, vb = (n % 3 == 0) ? rng() % 10 : rng() & 0xff;
    for (Op op : ops) {
      ExprId folded = bin(op, ts.pool.constant(Sort::bv(8), va), ts.pool.constant(Sort::bv(8), vb));
      ASSERT_TRUE(ts.pool.is_const(folded));
      // A copy: node() refers into the pool, which bin() below may grow (a
      // dangling reference the sanitizer build found).
      const std::uint64_t want = ts.pool.node(folded).value;
      const ExprId e = bin(op, a, b);
      EXPECT_EQ(ev(e, va, vb), want) << ir::to_string(ts.pool, e);
    }
  }
}

}  // namespace
}  // namespace ctcheck::sim
