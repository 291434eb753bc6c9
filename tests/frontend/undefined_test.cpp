// What C leaves undefined (docs/language.md §2): a located error when the
// operand is a constant, else a check of a built-in property (per_cpu index,
// shift count) that fails exactly when the operation is undefined. Constant
// folding follows the model's rules, not the host's. The lowered checks are
// run on the concrete simulator.
#include <gtest/gtest.h>

#include "helpers.h"

namespace ctcheck::frontend {
namespace {

using fetest::Driver;
using fetest::error_lines;
using fetest::errors_of;
using fetest::load_text;
using Names = std::vector<std::string>;

bool has_property(const ir::TransitionSystem &ts, const std::string &name) {
  for (const ir::Property &p : ts.properties)
    if (p.name == name) return true;
  return false;
}

// Loads a well-formed model; whether its transition system has the property.
bool lowers_with(const std::string &property, const std::string &text) {
  auto l = load_text(text);
  EXPECT_TRUE(l.ok) << l.errors;
  return l.ok && has_property(l.lm->ts, property);
}

// ---------- per_cpu ----------

TEST(PerCpuIndex, AConstantOutOfRangeIsAnError) {
  EXPECT_EQ(errors_of(R"(cpus 2;
percpu s32 x = 0;
global s32 y = 0;
const s32 FIVE = 5;
void t() {
  y = per_cpu(x, 5);
  per_cpu(x, -1) = 9;
  per_cpu(x, FIVE - 3) += 1;
  y = per_cpu(x, 1);
}
task t;
)"),
            (Names{
                "m.ct:6:18: error: CPU 5 does not exist (cpus 2)",
                "m.ct:7:14: error: CPU -1 does not exist (cpus 2)",
                "m.ct:8:19: error: CPU 2 does not exist (cpus 2)",
            }));
}

const char *kComputedIndex = R"(cpus 2;
percpu s32 x = 0;
global s32 i = 0;
global s32 y = 0;
void t() {
  while (true) {
    y = per_cpu(x, i);                 // read
    per_cpu(x, i) = 9;                 // write
    y = i >= 0 && i < 2 ? per_cpu(x, i) : -1;  // guarded: not evaluated out of range
    y = i >= 0 && i < 2 && per_cpu(x, i) == 9;
  }
}
task t;
)";

TEST(PerCpuIndex, AComputedIndexIsCheckedOnReadAndWrite) {
  auto l = load_text(kComputedIndex);
  ASSERT_TRUE(l.ok) << l.errors;
  EXPECT_TRUE(has_property(l.lm->ts, "per_cpu_index_in_range"));
  for (std::int64_t i : {-1, 0, 1, 2, 5}) {
    Driver d(l.lm->ts);
    d.set("i", static_cast<std::uint64_t>(i));
    const bool bad = i < 0 || i >= 2;
    d.step();
    EXPECT_EQ(d.last_failed(), bad ? Names{"per_cpu_index_in_range"} : Names{}) << "read, i = " << i;
    d.step();
    EXPECT_EQ(d.last_failed(), bad ? Names{"per_cpu_index_in_range"} : Names{}) << "write, i = " << i;
    if (!bad) {
      EXPECT_EQ(d.get("cpu" + std::to_string(i) + ".x"), 9u);
    }
    d.step();
    EXPECT_EQ(d.last_failed(), Names{}) << "?:, i = " << i;
    EXPECT_EQ(d.sget("y"), bad ? -1 : 9);
    d.step();
    EXPECT_EQ(d.last_failed(), Names{}) << "&&, i = " << i;
  }
}

TEST(PerCpuIndex, AnOutOfRangeReadMakesAnInvariantFalse) {
  auto l = load_text(R"(cpus 2;
percpu s32 x = 0;
global s32 i = 0;
invariant small(per_cpu(x, i) < 5, "x stays small");
void t() { }
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  EXPECT_EQ(d.violated_now(), Names{});
  d.set("i", 2);
  EXPECT_EQ(d.violated_now(), Names{"small"});
  d.set("i", 1);
  d.set("cpu1.x", 7);
  EXPECT_EQ(d.violated_now(), Names{"small"});
}

TEST(PerCpuIndex, InRangeModelsGetNoNewProperty) {
  EXPECT_FALSE(lowers_with("per_cpu_index_in_range", R"(cpus 2;
percpu s32 x = 0;
void t() { per_cpu(x, 1 - smp_processor_id()) = 1; per_cpu(x, 0) = 2; }
task t;
)"));
}

// ---------- shifts ----------

TEST(Shift, ConstantCountsOutsideTheWidthAreErrors) {
  auto l = load_text(R"(
const s32 A = 1 << 32;
const s32 B = 1 << 4294967297;
const u64 C = 1ULL << 64;
const s32 D = 1 >> -1;
const s64 OK = 1L << 63;
const s32 NOT_EVALUATED = false ? 1 << 40 : 2;
const bool ALSO_NOT = false && (1 << 40) != 0;
void t() { }
task t;
)");
  EXPECT_EQ(error_lines(l.errors),
            (Names{
                "m.ct:2:17: error: shift count 32 is outside 0..31 (the width of s32)",
                "m.ct:3:17: error: shift count 4294967297 is outside 0..31 (the width of s32)",
                "m.ct:4:20: error: shift count 64 is outside 0..63 (the width of u64)",
                "m.ct:5:17: error: shift count -1 is outside 0..31 (the width of s32)",
            }));
}

TEST(Shift, ConstantCountsOutsideTheWidthAreErrorsInCodeToo) {
  EXPECT_EQ(errors_of(R"(
global s32 x = 0;
void t() { x = x << 32; x >>= 40; }
task t;
)"),
            (Names{
                "m.ct:3:18: error: shift count 32 is outside 0..31 (the width of s32)",
                "m.ct:3:31: error: shift count 40 is outside 0..31 (the width of s32)",
            }));
}

TEST(Shift, FoldingFollowsTheModel) {
  auto l = load_text(R"(
const s32 NOT_EVALUATED = false ? 1 << 40 : 2;
const s64 TOP = 1L << 63;
const u8 SMALL = (u8)1 << 31;    // u8 promotes to int
void t() { }
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  EXPECT_EQ(l.lm->program.named.at("NOT_EVALUATED")->as<ConstDecl>()->value, 2u);
  EXPECT_EQ(l.lm->program.named.at("TOP")->as<ConstDecl>()->value, 1ull << 63);
  EXPECT_EQ(l.lm->program.named.at("SMALL")->as<ConstDecl>()->value, 0u);
}

TEST(Shift, AComputedCountIsChecked) {
  auto l = load_text(R"(
global s32 n = 0;
global u8 un = 0;
global s32 x = 1;
global s64 w = 1;
void t() {
  while (true) {
    x = 1 << n;
    w <<= n;
    x = n < 32 ? 1 >> n : 0;
    x = 1 << un;
  }
}
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  for (std::int64_t n : {-1, 0, 31, 32, 63, 64}) {
    Driver d(l.lm->ts);
    d.set("n", static_cast<std::uint64_t>(n));
    d.set("un", static_cast<std::uint64_t>(n));
    d.step();
    EXPECT_EQ(d.last_failed(), n >= 0 && n < 32 ? Names{} : Names{"shift_in_range"}) << "1 << n, n = " << n;
    d.step();
    EXPECT_EQ(d.last_failed(), n >= 0 && n < 64 ? Names{} : Names{"shift_in_range"}) << "w <<= n, n = " << n;
    d.step();
    EXPECT_EQ(d.last_failed(), n >= 0 ? Names{} : Names{"shift_in_range"}) << "guarded, n = " << n;
    d.step();
    const bool un_ok = static_cast<std::uint8_t>(n) < 32;
    EXPECT_EQ(d.last_failed(), un_ok ? Names{} : Names{"shift_in_range"}) << "unsigned count, n = " << n;
  }
}

TEST(Shift, ConstantCountsAddNoProperty) {
  EXPECT_FALSE(lowers_with("shift_in_range", R"(
global s32 x = 1;
void t() { x = x << 3; x >>= 1; }
task t;
)"));
}

// ---------- division ----------

TEST(Division, OverflowAtEveryWidthIsAnError) {
  EXPECT_EQ(errors_of(R"(
const s32 A = (-2147483647 - 1) / -1;
const s32 B = (-2147483647 - 1) % -1;
const s64 C = (-9223372036854775807 - 1) / -1;
const s32 Z = 1 % 0;
void t() { }
task t;
)"),
            (Names{
                "m.ct:2:33: error: signed division overflows",
                "m.ct:3:33: error: signed division overflows",
                "m.ct:4:42: error: signed division overflows",
                "m.ct:5:17: error: division by zero in constant expression",
            }));
}

TEST(Division, SmallTypesPromoteToIntFirst) {
  auto l = load_text(R"(
const s8 Q = (s8)-128 / (s8)-1;   // int 128, converted to s8: -128
const u32 U = 0x80000000U / 0xFFFFFFFFU;
void t() { }
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  EXPECT_EQ(l.lm->program.named.at("Q")->as<ConstDecl>()->value, 0x80u);
  EXPECT_EQ(l.lm->program.named.at("U")->as<ConstDecl>()->value, 0u);
}

// ---------- values near the ends of s64 ----------

TEST(WideValues, EnumeratorsMustFitInS64) {
  EXPECT_EQ(errors_of(R"(
enum ok { A = 9223372036854775806, B };
enum past { C = 9223372036854775807, D };
enum unsigned_big { E = 18446744073709551615ULL };
void t() { }
task t;
)"),
            (Names{
                "m.ct:3:38: error: the value of enumerator 'D' does not fit in s64",
                "m.ct:4:25: error: the value of enumerator 'E' does not fit in s64",
            }));
}

TEST(WideValues, NondetIntOverTheWholeS64IsRejectedWithoutOverflow) {
  EXPECT_EQ(errors_of(R"(
global s64 v = 0;
void t() { v = nondet_int(-9223372036854775807, 9223372036854775807); }
task t;
)"),
            (Names{"m.ct:3:16: error: nondet_int: at most 65536 values"}));
}

TEST(WideValues, ARangeOverAlmostAllOfS64Works) {
  auto l = load_text(R"(
global range<-9223372036854775807, 9223372036854775807> r = 9223372036854775807;
void t() { r = r - 1; r = -9223372036854775807; r = r - 1; }
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  EXPECT_EQ(l.lm->ts.vars[d.var("r")].sort.width, 64u);
  d.step();
  EXPECT_EQ(d.last_failed(), Names{});
  d.step();
  d.step();
  EXPECT_EQ(d.last_failed(), Names{"range"});  // -2^63 is outside the range
}

}  // namespace
}  // namespace ctcheck::frontend

// ---------- issue 13's reproducers not covered above ----------

namespace ctcheck::frontend {
namespace {

TEST(Reproducers, CastMostNegativeIntDividedByMinusOne) {
  EXPECT_EQ(errors_of(R"(
const s32 A = (s32)(-2147483647 - 1) / -1;
const s64 B = (s32)(-2147483647 - 1) / -1L;   // in s64: 2147483648, fine
void t() { }
task t;
)"),
            (Names{"m.ct:2:38: error: signed division overflows"}));
}

TEST(Reproducers, ShiftOfAnIntBy64) {
  EXPECT_EQ(errors_of("const s32 A = 1 << 64;\nvoid t() { }\ntask t;\n"),
            (Names{"m.ct:1:17: error: shift count 64 is outside 0..31 (the width of s32)"}));
  EXPECT_EQ(errors_of("global s32 x = 0;\nvoid t() { x = 1 << 64; }\ntask t;\n"),
            (Names{"m.ct:2:18: error: shift count 64 is outside 0..31 (the width of s32)"}));
}

// Built-in constants (UINT_MAX, ...) in code: their declarations belonged to
// the type checker, freed before lowering, so `1 - UINT_MAX / 3` read freed
// memory (a wrong value, a wrong verdict, or "internal error: map::at").
// The sanitizer build (scripts/sanitize.sh) reports any such read.
TEST(Reproducers, LargeUnsignedConstantArithmeticInCode) {
  auto l = load_text(R"(
global u32 x = 0;
global u64 z = 0;
global s64 w = 0;
void t() {
  x = x + UINT_MAX / 2;
  z = z + ULLONG_MAX / 2;
  x = x + (UINT_MAX / 2 + 1);
  w = w + ULLONG_MAX % 7 - UINT_MAX / 3;
}
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  d.step();
  EXPECT_EQ(d.get("x"), 0x7fffffffu);
  d.step();
  EXPECT_EQ(d.get("z"), 0x7fffffffffffffffull);
  d.step();
  EXPECT_EQ(d.get("x"), 0xffffffffu);
  d.step();
  EXPECT_EQ(d.sget("w"), static_cast<std::int64_t>(18446744073709551615ull % 7 - 4294967295ull / 3));
}

TEST(Reproducers, BuiltinConstantsInCodeKeepTheirValue) {
  auto l = load_text(R"(
global s64 w = 0;
global s64 v = 0;
void t() { w = 1 - UINT_MAX / 3; v = LLONG_MAX - INT_MAX; }
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  d.step();
  EXPECT_EQ(d.sget("w"), 2863311532);
  d.step();
  EXPECT_EQ(d.sget("v"), 9223372034707292160);
}

}  // namespace
}  // namespace ctcheck::frontend
