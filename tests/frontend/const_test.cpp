// Constant evaluation with real 64-bit values and C's conversion rules.
#include <gtest/gtest.h>

#include "helpers.h"

namespace ctcheck::frontend {
namespace {

using fetest::load_text;

const char *kTail = "\nvoid t() { }\ntask t;\n";

std::uint64_t const_of(const fetest::Loaded &l, const std::string &name) {
  auto it = l.lm->program.named.find(name);
  if (it == l.lm->program.named.end()) {
    ADD_FAILURE() << "no constant " << name;
    return 0;
  }
  const ConstDecl *c = it->second->as<ConstDecl>();
  if (!c) {
    ADD_FAILURE() << name << " is not a constant";
    return 0;
  }
  return c->value;
}

TEST(Constants, RcuDynticksValues) {
  auto l = load_text(std::string(R"(
const s64 DYNTICK_TASK_NEST_WIDTH = 7;
const s64 DYNTICK_TASK_NEST_VALUE = (LLONG_MAX >> DYNTICK_TASK_NEST_WIDTH) + 1;
const s64 DYNTICK_TASK_NEST_MASK  = LLONG_MAX - DYNTICK_TASK_NEST_VALUE + 1;
const s64 DYNTICK_TASK_FLAG       = (DYNTICK_TASK_NEST_VALUE / 8) * 2;
const s64 DYNTICK_TASK_MASK       = (DYNTICK_TASK_NEST_VALUE / 8) * 3;
const s64 DYNTICK_TASK_EXIT_IDLE  = DYNTICK_TASK_NEST_VALUE + DYNTICK_TASK_FLAG;
// Declared before use on purpose: constants are evaluated on demand.
const bool MASK_IS_HEX = NEST_MASK_FIRST == 0x7F00000000000000;
const s64 NEST_MASK_FIRST = DYNTICK_TASK_NEST_MASK;
)") + kTail);
  ASSERT_TRUE(l.ok) << l.errors;
  EXPECT_EQ(const_of(l, "DYNTICK_TASK_NEST_VALUE"), 0x0100000000000000ull);
  EXPECT_EQ(const_of(l, "DYNTICK_TASK_FLAG"), 0x0040000000000000ull);
  EXPECT_EQ(const_of(l, "DYNTICK_TASK_MASK"), 0x0060000000000000ull);
  EXPECT_EQ(const_of(l, "DYNTICK_TASK_EXIT_IDLE"), 0x0140000000000000ull);
  EXPECT_EQ(const_of(l, "DYNTICK_TASK_NEST_MASK"), 0x7F00000000000000ull);
  EXPECT_EQ(const_of(l, "MASK_IS_HEX"), 1u);
}

TEST(Constants, TheShippedSpecAgrees) {
  // The spec's own file, with its expected values in comments.
  std::optional<std::string> spec = read_disk_file(std::string(CTCHECK_SOURCE_DIR) + "/spec/rcu_dynticks.ct");
  ASSERT_TRUE(spec.has_value());
  LoadedModel lm;
  Diagnostics diags(lm.sources);
  Program &prog = lm.program;
  ASSERT_TRUE(load_program(std::string(CTCHECK_SOURCE_DIR) + "/spec/rcu_dynticks.ct", read_disk_file,
                           lm.sources, diags, prog));
  Model m;
  analyse(prog, diags, m);  // no task: errors about CPUs are expected, constants are still evaluated
  EXPECT_EQ(prog.named.at("DYNTICK_TASK_EXIT_IDLE")->as<ConstDecl>()->value, 0x0140000000000000ull);
  EXPECT_EQ(prog.named.at("DYNTICK_TASK_NEST_MASK")->as<ConstDecl>()->value, 0x7F00000000000000ull);
}

TEST(Constants, CConversions) {
  auto l = load_text(std::string(R"(
const u8  U8_WRAP   = 255 + 1;            // int 256 converted to u8
const u8  U8_NEG    = -1;                 // 255
const s8  S8_WRAP   = 127 + 1;            // int 128 -> s8 -128
const s32 S32_WRAP  = INT_MAX + 1;        // s32 arithmetic wraps
const s64 S32_IN_64 = INT_MAX + 1;        // computed in int, then widened: still negative
const s64 WIDE      = INT_MAX + 1L;       // computed in long
const bool NEG_LT_0U    = -1 < 0U;        // false in C: -1 becomes UINT_MAX
const bool NEG_LT_0     = -1 < 0;         // true
const bool NEG_LT_0L    = -1L < 0U;       // true: long holds every unsigned int
const bool NEG_LT_0UL   = -1L < 0UL;      // false: unsigned long wins
const bool NEG_EQ_UMAX  = -1 == UINT_MAX; // true
const u32 U_SUB     = 0U - 1;             // 0xffffffff
const u64 UL_SUB    = 0UL - 1;
const s32 SHL       = 1 << 31;            // INT_MIN
const s64 SHL64     = 1LL << 62;
const u64 SHL_U64   = 1ULL << 63;
const s32 ASR       = -16 >> 2;           // -4: arithmetic shift of a signed value
const u32 LSR       = 0xF0000000U >> 4;   // logical shift of an unsigned value
const s64 ASR64     = LLONG_MAX >> 62;    // 1
const s32 DIV_TRUNC = -7 / 2;             // -3 (toward zero)
const s32 MOD_SIGN  = -7 % 2;             // -1
const u32 UDIV      = 0xFFFFFFFEU / 2;    // 0x7fffffff
const s32 NEG_INT_MIN = -(-2147483647 - 1); // wraps to INT_MIN
const u16 CAST_U16  = (u16)70000;         // 70000 - 65536 = 4464
const bool CAST_BOOL = (bool)256;         // non-zero is true
const s32 FROM_BOOL = true + true;        // 2
const s32 TERNARY   = 3 > 2 ? 10 : 20;
const s32 NOT_ZERO  = ~0;                 // -1
const u8  U8_PROMOTE = (u8)200 + (u8)100; // int 300, converted back: 44
const s64 LIT_BIG   = 2147483648;         // does not fit int: long
const u64 ULL_MAX   = ULLONG_MAX;
)") + kTail);
  ASSERT_TRUE(l.ok) << l.errors;
  EXPECT_EQ(const_of(l, "U8_WRAP"), 0u);
  EXPECT_EQ(const_of(l, "U8_NEG"), 255u);
  EXPECT_EQ(const_of(l, "S8_WRAP"), 0x80u);  // stored masked to 8 bits
  EXPECT_EQ(const_of(l, "S32_WRAP"), 0x80000000u);
  EXPECT_EQ(const_of(l, "S32_IN_64"), 0xFFFFFFFF80000000ull);
  EXPECT_EQ(const_of(l, "WIDE"), 0x80000000ull);
  EXPECT_EQ(const_of(l, "NEG_LT_0U"), 0u);
  EXPECT_EQ(const_of(l, "NEG_LT_0"), 1u);
  EXPECT_EQ(const_of(l, "NEG_LT_0L"), 1u);
  EXPECT_EQ(const_of(l, "NEG_LT_0UL"), 0u);
  EXPECT_EQ(const_of(l, "NEG_EQ_UMAX"), 1u);
  EXPECT_EQ(const_of(l, "U_SUB"), 0xFFFFFFFFu);
  EXPECT_EQ(const_of(l, "UL_SUB"), ~0ull);
  EXPECT_EQ(const_of(l, "SHL"), 0x80000000u);
  EXPECT_EQ(const_of(l, "SHL64"), 1ull << 62);
  EXPECT_EQ(const_of(l, "SHL_U64"), 1ull << 63);
  EXPECT_EQ(const_of(l, "ASR"), 0xFFFFFFFCu);
  EXPECT_EQ(const_of(l, "LSR"), 0x0F000000u);
  EXPECT_EQ(const_of(l, "ASR64"), 1u);
  EXPECT_EQ(const_of(l, "DIV_TRUNC"), 0xFFFFFFFDu);
  EXPECT_EQ(const_of(l, "MOD_SIGN"), 0xFFFFFFFFu);
  EXPECT_EQ(const_of(l, "UDIV"), 0x7FFFFFFFu);
  EXPECT_EQ(const_of(l, "NEG_INT_MIN"), 0x80000000u);
  EXPECT_EQ(const_of(l, "CAST_U16"), 4464u);
  EXPECT_EQ(const_of(l, "CAST_BOOL"), 1u);
  EXPECT_EQ(const_of(l, "FROM_BOOL"), 2u);
  EXPECT_EQ(const_of(l, "TERNARY"), 10u);
  EXPECT_EQ(const_of(l, "NOT_ZERO"), 0xFFFFFFFFu);
  EXPECT_EQ(const_of(l, "U8_PROMOTE"), 44u);
  EXPECT_EQ(const_of(l, "LIT_BIG"), 2147483648u);
  EXPECT_EQ(const_of(l, "ULL_MAX"), ~0ull);
}

TEST(Constants, EnumeratorValuesFollowC) {
  auto l = load_text(std::string(R"(
enum ctx_state { CONTEXT_DISABLED = -1, CONTEXT_KERNEL = 0, CONTEXT_USER, CONTEXT_GUEST };
enum e2 { A = 5, B, C = 1 << 4, D };
)") + kTail);
  ASSERT_TRUE(l.ok) << l.errors;
  const EnumDecl &e = *l.lm->program.named.at("ctx_state")->as<EnumDecl>();
  EXPECT_EQ(e.values, (std::vector<std::int64_t>{-1, 0, 1, 2}));
  const EnumDecl &e2 = *l.lm->program.named.at("e2")->as<EnumDecl>();
  EXPECT_EQ(e2.values, (std::vector<std::int64_t>{5, 6, 16, 17}));
}

TEST(Constants, Errors) {
  auto l = load_text(std::string(R"(
const s32 A = B;
const s32 B = A;
const s32 Z = 1 / 0;
const s64 M = LLONG_MIN_MISSING;
global s64 v = 3;
const s64 FROM_VAR = v;
const s32 CALL = f();
s32 f() { return 1; }
const s64 OVF = (-9223372036854775807 - 1) / -1;
const bool B2 = CONTEXT_X;
)") + kTail);
  EXPECT_FALSE(l.ok);
  EXPECT_EQ(fetest::error_lines(l.errors), (std::vector<std::string>{
                                               "m.ct:2:11: error: constant 'A' is defined in terms of itself",
                                               "m.ct:4:17: error: division by zero in constant expression",
                                               "m.ct:5:15: error: unknown name 'LLONG_MIN_MISSING'",
                                               "m.ct:7:22: error: 'v' is not a constant",
                                               "m.ct:8:18: error: 'f' cannot be called here",
                                               "m.ct:10:44: error: signed division overflows",
                                               "m.ct:11:17: error: unknown name 'CONTEXT_X'",
                                           }))
      << l.errors;
}

TEST(Constants, RangeConstantsAndVariablesAreChecked) {
  auto l = load_text(std::string(R"(
const range<0, 3> OK = 3;
global range<-2, 2> r = -2;
global range<0, 3> bad = 4;
)") + kTail);
  EXPECT_EQ(fetest::error_lines(l.errors),
            (std::vector<std::string>{"m.ct:4:26: error: value 4 is outside range<0, 3>"}));
}

}  // namespace
}  // namespace ctcheck::frontend
