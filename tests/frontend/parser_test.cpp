// The parser: every declaration kind, every statement form, C precedence, and
// error recovery (several errors in one run).
#include <gtest/gtest.h>

#include <sstream>

#include "frontend/parser.h"

namespace ctcheck::frontend {
namespace {

struct Parsed {
  SourceManager sm;
  std::unique_ptr<Diagnostics> diags;
  FileAst ast;
  std::string printed() const {
    std::ostringstream s;
    diags->print(s);
    return s.str();
  }
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const Diagnostic &d : diags->errors())
      out.push_back(std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + ": " + d.message);
    return out;
  }
};

std::unique_ptr<Parsed> parse_text(const std::string &text) {
  auto p = std::make_unique<Parsed>();
  int f = p->sm.add("p.ct", text);
  p->diags = std::make_unique<Diagnostics>(p->sm);
  p->ast = parse(f, p->sm, *p->diags);
  return p;
}

// S-expression of an expression, to check structure and precedence.
std::string sexpr(const Expr &e) {
  switch (e.kind) {
    case ExprKind::IntLit: return std::to_string(e.value) + (e.lit_unsigned ? "u" : "") + (e.lit_long ? "l" : "");
    case ExprKind::BoolLit: return e.value ? "true" : "false";
    case ExprKind::Name: return e.op;
    case ExprKind::Cast: return "(cast " + e.cast_type.name + " " + sexpr(*e.args[0]) + ")";
    case ExprKind::Call: {
      std::string s = "(call " + e.op;
      for (const auto &a : e.args) s += " " + sexpr(*a);
      return s + ")";
    }
    default: {
      std::string s = "(" + e.op;
      for (const auto &a : e.args) s += " " + sexpr(*a);
      return s + ")";
    }
  }
}

std::string expr_of(const std::string &src) {
  auto p = parse_text("const s64 X = " + src + ";");
  EXPECT_FALSE(p->diags->has_errors()) << p->printed();
  if (p->ast.decls.size() != 1 || !p->ast.decls[0]->init) return "<none>";
  return sexpr(*p->ast.decls[0]->init);
}

TEST(Parser, Precedence) {
  EXPECT_EQ(expr_of("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(expr_of("1 - 2 - 3"), "(- (- 1 2) 3)");  // left associative
  EXPECT_EQ(expr_of("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(expr_of("1 << 2 + 3"), "(<< 1 (+ 2 3))");
  EXPECT_EQ(expr_of("a & b == c"), "(& a (== b c))");  // C: == binds tighter than &
  EXPECT_EQ(expr_of("a | b ^ c & d"), "(| a (^ b (& c d)))");
  EXPECT_EQ(expr_of("a || b && c"), "(|| a (&& b c))");
  EXPECT_EQ(expr_of("a < b == c > d"), "(== (< a b) (> c d))");
  EXPECT_EQ(expr_of("-a * ~b"), "(* (- a) (~ b))");
  EXPECT_EQ(expr_of("!a && !!b"), "(&& (! a) (! (! b)))");
  EXPECT_EQ(expr_of("a ? b : c ? d : e"), "(? a b (? c d e))");  // right associative
  EXPECT_EQ(expr_of("a || b ? c + 1 : d"), "(? (|| a b) (+ c 1) d)");
  EXPECT_EQ(expr_of("(LLONG_MAX >> W) + 1"), "(+ (>> LLONG_MAX W) 1)");
  EXPECT_EQ(expr_of("(u8)x + 1"), "(+ (cast u8 x) 1)");
  EXPECT_EQ(expr_of("(unsigned long)-1"), "(cast unsigned long (- 1))");
  EXPECT_EQ(expr_of("f(1, g(), h(x + 1))"), "(call f 1 (call g) (call h (+ x 1)))");
  EXPECT_EQ(expr_of("7UL % 3LL / 2U"), "(/ (% 7ul 3l) 2u)");
  EXPECT_EQ(expr_of("true != false"), "(!= true false)");
}

TEST(Parser, EveryDeclarationKind) {
  auto p = parse_text(R"(
import "spec/rcu.ct";
const s64 W = 7;
global bool gp = false;
percpu long long nesting = 1;
pertask unsigned long flags = any;
percpu range<-1, 3> r;
enum ctx_state { CONTEXT_DISABLED = -1, CONTEXT_KERNEL = 0, CONTEXT_USER, };
percpu enum ctx_state st = CONTEXT_KERNEL;
cpus 2;
bound 40;
bool watching(s32 a, unsigned int b) { return a != 0; }
void t(void) { }
task t;
task t on cpu 1 user;
task t kernel;
irq timer nest 2;
nmi do_nmi;
exception do_page_fault nest 1;
invariant inv(gp || !gp, "message");
expect inv holds;
expect a violated at 14;
expect b violated;
expect c proved;
override void t() { }
override const bool CONFIG_PREEMPT = false;
)");
  ASSERT_FALSE(p->diags->has_errors()) << p->printed();
  const auto &d = p->ast.decls;
  ASSERT_EQ(d.size(), 25u);
  EXPECT_EQ(d[0]->kind, DeclKind::Import);
  EXPECT_EQ(d[0]->name, "spec/rcu.ct");
  EXPECT_EQ(d[1]->kind, DeclKind::Const);
  EXPECT_EQ(d[1]->name, "W");
  EXPECT_EQ(d[1]->type.name, "s64");
  EXPECT_EQ(d[1]->loc.line, 3);
  EXPECT_EQ(d[1]->loc.col, 11);  // the declared name
  EXPECT_EQ(d[2]->kind, DeclKind::Var);
  EXPECT_EQ(d[2]->storage, Storage::Global);
  EXPECT_EQ(d[3]->storage, Storage::PerCpu);
  EXPECT_EQ(d[3]->type.name, "long long");
  EXPECT_EQ(d[4]->storage, Storage::PerTask);
  EXPECT_EQ(d[4]->type.name, "unsigned long");
  EXPECT_TRUE(d[4]->init_any);
  EXPECT_EQ(d[4]->init, nullptr);
  EXPECT_EQ(d[5]->type.name, "range");
  EXPECT_EQ(d[5]->type.lo, -1);
  EXPECT_EQ(d[5]->type.hi, 3);
  EXPECT_FALSE(d[5]->init_any);
  EXPECT_EQ(d[5]->init, nullptr);
  EXPECT_EQ(d[6]->kind, DeclKind::Enum);
  EXPECT_EQ(d[6]->name, "ctx_state");
  ASSERT_EQ(d[6]->enum_items.size(), 3u);
  EXPECT_EQ(d[6]->enum_items[2].first, "CONTEXT_USER");
  ASSERT_EQ(d[6]->enum_values.size(), 3u);
  EXPECT_EQ(sexpr(*d[6]->enum_values[0]), "(- 1)");
  EXPECT_EQ(d[6]->enum_values[2], nullptr);
  EXPECT_EQ(d[7]->type.name, "enum ctx_state");
  EXPECT_EQ(d[8]->kind, DeclKind::Cpus);
  EXPECT_EQ(d[8]->number, 2);
  EXPECT_EQ(d[9]->kind, DeclKind::Bound);
  EXPECT_EQ(d[9]->number, 40);
  EXPECT_EQ(d[10]->kind, DeclKind::Proc);
  EXPECT_EQ(d[10]->type.name, "bool");
  ASSERT_EQ(d[10]->params.size(), 2u);
  EXPECT_EQ(d[10]->params[1].first.name, "unsigned int");
  EXPECT_EQ(d[10]->params[1].second, "b");
  EXPECT_EQ(d[11]->params.size(), 0u);  // (void)
  EXPECT_EQ(d[12]->kind, DeclKind::Task);
  EXPECT_EQ(d[12]->number, -1);
  EXPECT_FALSE(d[12]->starts_user);
  EXPECT_EQ(d[13]->number, 1);
  EXPECT_TRUE(d[13]->starts_user);
  EXPECT_FALSE(d[14]->starts_user);
  EXPECT_EQ(d[15]->kind, DeclKind::Source);
  EXPECT_EQ(d[15]->source_kind, SourceKindAst::Irq);
  EXPECT_EQ(d[15]->number, 2);
  EXPECT_EQ(d[16]->source_kind, SourceKindAst::Nmi);
  EXPECT_EQ(d[16]->number, 1);  // default nesting
  EXPECT_EQ(d[17]->source_kind, SourceKindAst::Exception);
  EXPECT_EQ(d[18]->kind, DeclKind::Invariant);
  EXPECT_EQ(d[18]->message, "message");
  EXPECT_EQ(sexpr(*d[18]->init), "(|| gp (! gp))");
  EXPECT_EQ(d[19]->kind, DeclKind::Expect);
  EXPECT_EQ(d[19]->verdict, "holds");
  EXPECT_FALSE(d[19]->depth.has_value());
  EXPECT_EQ(d[20]->verdict, "violated");
  EXPECT_EQ(d[20]->depth, 14);
  EXPECT_FALSE(d[21]->depth.has_value());
  EXPECT_EQ(d[22]->verdict, "proved");
  EXPECT_TRUE(d[23]->is_override);
  EXPECT_EQ(d[23]->kind, DeclKind::Proc);
  EXPECT_TRUE(d[24]->is_override);
  EXPECT_EQ(d[24]->kind, DeclKind::Const);
}

TEST(Parser, EveryStatementForm) {
  auto p = parse_text(R"(void t() {
  s64 x;
  unsigned long flags = 0;
  x = 1; x += 2; x -= 1; x *= 3; x &= 7; x |= 8; x ^= 1; x <<= 2; x >>= 1;
  x++; x--; ++x; --x;
  f(x, 2);
  if (x) ; else { x = 0; }
  while (x < 3) bound 4 x++;
  do { break; continue; } while (false) bound 2;
  goto out;
  atomic { x = 1; x = 2; }
  assert named(x == 0, "m1");
  assert(x == 0, "m2");
  assume(x > 0);
out:
  return;
}
s64 g() { return 1 + 2; })");
  ASSERT_FALSE(p->diags->has_errors()) << p->printed();
  ASSERT_EQ(p->ast.decls.size(), 2u);
  const auto &b = p->ast.decls[0]->body->body;
  std::vector<StmtKind> kinds;
  std::vector<std::string> names;
  for (const auto &s : b) {
    kinds.push_back(s->kind);
    names.push_back(s->name);
  }
  using K = StmtKind;
  std::vector<K> want = {K::Local,  K::Local,  K::Assign, K::Assign, K::Assign,   K::Assign, K::Assign, K::Assign,
                         K::Assign, K::Assign, K::Assign, K::Assign, K::Assign,   K::Assign, K::Assign, K::ExprStmt,
                         K::If,     K::While,  K::DoWhile, K::Goto,  K::Atomic,   K::Assert, K::Assert, K::Assume,
                         K::Label,  K::Return};
  ASSERT_EQ(kinds, want);
  std::vector<std::string> ops(names.begin() + 2, names.begin() + 15);
  EXPECT_EQ(ops, (std::vector<std::string>{"=", "+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>=", "++", "--", "++",
                                           "--"}));
  EXPECT_EQ(b[0]->name, "x");
  EXPECT_EQ(b[0]->e1, nullptr);
  EXPECT_EQ(b[1]->local_type.name, "unsigned long");
  EXPECT_NE(b[1]->e1, nullptr);
  EXPECT_EQ(sexpr(*b[15]->e1), "(call f x 2)");
  ASSERT_EQ(b[16]->body.size(), 2u);  // then, else
  EXPECT_EQ(b[16]->body[0]->kind, K::Block);
  EXPECT_EQ(b[17]->bound, 4);
  ASSERT_EQ(b[18]->body.size(), 1u);
  EXPECT_EQ(b[18]->bound, 2);
  EXPECT_EQ(b[18]->body[0]->body[0]->kind, K::Break);
  EXPECT_EQ(b[18]->body[0]->body[1]->kind, K::Continue);
  EXPECT_EQ(b[19]->name, "out");
  EXPECT_EQ(b[20]->body.size(), 2u);
  EXPECT_EQ(b[21]->name, "named");
  EXPECT_EQ(b[21]->message, "m1");
  EXPECT_EQ(b[22]->name, "");
  EXPECT_EQ(b[24]->name, "out");
  EXPECT_EQ(b[25]->e1, nullptr);
  // The statement's source line is kept for traces (trimmed).
  EXPECT_EQ(b[2]->text, "x = 1; x += 2; x -= 1; x *= 3; x &= 7; x |= 8; x ^= 1; x <<= 2; x >>= 1;");
  EXPECT_EQ(sexpr(*p->ast.decls[1]->body->body[0]->e1), "(+ 1 2)");
}

TEST(Parser, PrefixIncrementStatement) {
  // Regression: `++x;` used to be rejected ("expected operator but found '++'").
  auto p = parse_text("void t() { ++x; --y; }");
  ASSERT_FALSE(p->diags->has_errors()) << p->printed();
  const auto &b = p->ast.decls[0]->body->body;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0]->name, "++");
  EXPECT_EQ(sexpr(*b[0]->e1), "x");
  EXPECT_EQ(b[1]->name, "--");
  EXPECT_EQ(sexpr(*b[1]->e1), "y");
}

TEST(Parser, DanglingElseBindsToInnerIf) {
  auto p = parse_text("void t() { if (a) if (b) x = 1; else x = 2; }");
  ASSERT_FALSE(p->diags->has_errors()) << p->printed();
  const Stmt &outer = *p->ast.decls[0]->body->body[0];
  ASSERT_EQ(outer.body.size(), 1u);
  EXPECT_EQ(outer.body[0]->body.size(), 2u);
}

TEST(Parser, SeveralErrorsInOneRun) {
  auto p = parse_text(R"(global s64 x = 0
void t() {
  x = x + ;
  x = 1;
  y = (2;
  if x) { }
}
const s64 = 3;
task t;
cpus many;
void u() { x /= 2; 5; }
)");
  EXPECT_EQ(p->messages(), (std::vector<std::string>{
                               "2:1: expected ';' but found 'void'",
                               "3:11: expected an expression but found ';'",
                               "5:9: expected ')' but found ';'",
                               "6:6: expected '(' but found 'x'",
                               "8:11: expected a constant name but found '='",
                               "10:6: expected the number of CPUs but found 'many'",
                               "11:14: division is only allowed in constant expressions",
                               "11:20: expression statement has no effect (expected a call or assignment)",
                           }))
      << p->printed();
  // Declarations after the errors are still parsed.
  bool saw_task = false, saw_u = false;
  for (const auto &d : p->ast.decls) {
    saw_task |= d->kind == DeclKind::Task && d->name == "t";
    saw_u |= d->kind == DeclKind::Proc && d->name == "u";
  }
  EXPECT_TRUE(saw_task);
  EXPECT_TRUE(saw_u);
}

TEST(Parser, DeclarationLevelErrors) {
  auto p = parse_text(R"(override import "x.ct";
override task t;
expect p sometimes;
expect p holds at 3;
global range<3, 1> r;
42;
void f() { while (x) bound -1 { } }
)");
  EXPECT_EQ(p->messages(),
            (std::vector<std::string>{
                "1:10: 'override' applies to constants, variables, enums, procedures and invariants",
                "2:10: 'override' applies to constants, variables, enums, procedures and invariants",
                "3:10: unknown verdict 'sometimes' (expected violated, holds or proved)",
                "4:19: only a violation has a depth",
                "5:8: empty range: lower bound is above upper bound",
                "6:1: expected a declaration but found number",
                "7:28: a loop bound cannot be negative",
            }))
      << p->printed();
}

TEST(Parser, TooLargeNumberPointsAtTheNumber) {
  auto p = parse_text("cpus 18446744073709551615;\nbound 9223372036854775808;");
  EXPECT_EQ(p->messages(), (std::vector<std::string>{"1:6: the number of CPUs is too large",
                                                     "2:7: a depth is too large"}));
}

TEST(Parser, PointersAreRejected) {
  auto p = parse_text("void t() { x = *p; y = &q; }");
  EXPECT_EQ(p->messages(), (std::vector<std::string>{"1:16: pointers are not part of the modelling language",
                                                     "1:24: pointers are not part of the modelling language"}));
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "const s64 X = " + std::string(500, '(') + "1" + std::string(500, ')') + ";";
  auto p = parse_text(deep);
  ASSERT_TRUE(p->diags->has_errors());
  EXPECT_EQ(p->diags->errors()[0].message, "nesting too deep");
}

TEST(Parser, EndOfFileInsideAProcedure) {
  auto p = parse_text("void t() {\n  x = 1;\n");
  EXPECT_EQ(p->messages(), (std::vector<std::string>{"3:1: expected '}' but found end of file"}));
}

}  // namespace
}  // namespace ctcheck::frontend
