// The parser: every declaration kind, every statement form, C precedence, and
// error recovery (several errors in one run).
#include "frontend/parser.h"

#include <gtest/gtest.h>

#include <sstream>

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
    case ExprKind::IntLit:
      return std::to_string(e.value) + (e.lit_unsigned ? "u" : "") + (e.lit_long ? "l" : "");
    case ExprKind::BoolLit:
      return e.value ? "true" : "false";
    case ExprKind::Name:
      return e.op;
    case ExprKind::Cast:
      return "(cast " + e.cast_type.name + " " + sexpr(*e.args[0]) + ")";
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
  const ConstDecl *c = p->ast.decls.size() == 1 ? p->ast.decls[0]->as<ConstDecl>() : nullptr;
  if (!c || !c->init) return "<none>";
  return sexpr(*c->init);
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
  std::vector<DeclKind> kinds;
  for (const auto &x : d) kinds.push_back(x->kind);
  using K = DeclKind;
  EXPECT_EQ(kinds, (std::vector<K>{K::Import,    K::Const,     K::Var,       K::Var,       K::Var,
                                   K::Var,       K::Enum,      K::Var,       K::Cpus,      K::Bound,
                                   K::Proc,      K::Proc,      K::Task,      K::Task,      K::Task,
                                   K::Interrupt, K::Interrupt, K::Interrupt, K::Invariant, K::Expect,
                                   K::Expect,    K::Expect,    K::Expect,    K::Proc,      K::Const}));
  EXPECT_EQ(d[0]->as<ImportDecl>()->path, "spec/rcu.ct");
  const ConstDecl &w = *d[1]->as<ConstDecl>();
  EXPECT_EQ(w.name, "W");
  EXPECT_EQ(w.type.name, "s64");
  EXPECT_EQ(w.loc.line, 3);
  EXPECT_EQ(w.loc.col, 11);  // the declared name
  EXPECT_EQ(d[2]->as<VarDecl>()->storage, Storage::Global);
  EXPECT_EQ(d[3]->as<VarDecl>()->storage, Storage::PerCpu);
  EXPECT_EQ(d[3]->as<VarDecl>()->type.name, "long long");
  const VarDecl &flags = *d[4]->as<VarDecl>();
  EXPECT_EQ(flags.storage, Storage::PerTask);
  EXPECT_EQ(flags.type.name, "unsigned long");
  EXPECT_TRUE(flags.init_any);
  EXPECT_EQ(flags.init, nullptr);
  const VarDecl &r = *d[5]->as<VarDecl>();
  EXPECT_EQ(r.type.name, "range");
  EXPECT_EQ(r.type.lo, -1);
  EXPECT_EQ(r.type.hi, 3);
  EXPECT_FALSE(r.init_any);
  EXPECT_EQ(r.init, nullptr);
  const EnumDecl &e = *d[6]->as<EnumDecl>();
  EXPECT_EQ(e.name, "ctx_state");
  ASSERT_EQ(e.items.size(), 3u);
  EXPECT_EQ(e.items[2].name, "CONTEXT_USER");
  EXPECT_EQ(sexpr(*e.items[0].value), "(- 1)");
  EXPECT_EQ(e.items[2].value, nullptr);
  EXPECT_EQ(d[7]->as<VarDecl>()->type.name, "enum ctx_state");
  EXPECT_EQ(d[8]->as<CpusDecl>()->count, 2);
  EXPECT_EQ(d[9]->as<BoundDecl>()->depth, 40);
  const ProcDecl &watching = *d[10]->as<ProcDecl>();
  EXPECT_EQ(watching.return_type.name, "bool");
  ASSERT_EQ(watching.params.size(), 2u);
  EXPECT_EQ(watching.params[1].type.name, "unsigned int");
  EXPECT_EQ(watching.params[1].name, "b");
  EXPECT_EQ(d[11]->as<ProcDecl>()->params.size(), 0u);  // (void)
  const TaskDecl &every = *d[12]->as<TaskDecl>();
  EXPECT_EQ(every.proc, "t");
  EXPECT_FALSE(every.cpu.has_value());
  EXPECT_FALSE(every.starts_user);
  EXPECT_EQ(d[13]->as<TaskDecl>()->cpu, 1);
  EXPECT_TRUE(d[13]->as<TaskDecl>()->starts_user);
  EXPECT_FALSE(d[14]->as<TaskDecl>()->starts_user);
  const InterruptDecl &timer = *d[15]->as<InterruptDecl>();
  EXPECT_EQ(timer.source, InterruptKind::Irq);
  EXPECT_EQ(timer.handler, "timer");
  EXPECT_EQ(timer.nest, 2);
  EXPECT_EQ(d[16]->as<InterruptDecl>()->source, InterruptKind::Nmi);
  EXPECT_EQ(d[16]->as<InterruptDecl>()->nest, 1);  // default nesting
  EXPECT_EQ(d[17]->as<InterruptDecl>()->source, InterruptKind::Exception);
  const InvariantDecl &inv = *d[18]->as<InvariantDecl>();
  EXPECT_EQ(inv.name, "inv");
  EXPECT_EQ(inv.message, "message");
  EXPECT_EQ(sexpr(*inv.cond), "(|| gp (! gp))");
  const ExpectDecl &holds = *d[19]->as<ExpectDecl>();
  EXPECT_EQ(holds.property, "inv");
  EXPECT_EQ(holds.verdict, "holds");
  EXPECT_FALSE(holds.depth.has_value());
  EXPECT_EQ(d[20]->as<ExpectDecl>()->verdict, "violated");
  EXPECT_EQ(d[20]->as<ExpectDecl>()->depth, 14);
  EXPECT_FALSE(d[21]->as<ExpectDecl>()->depth.has_value());
  EXPECT_EQ(d[22]->as<ExpectDecl>()->verdict, "proved");
  EXPECT_TRUE(d[23]->is_override);
  EXPECT_TRUE(d[24]->is_override);
  // The checked downcast: another kind gives null.
  EXPECT_EQ(d[1]->as<VarDecl>(), nullptr);
  EXPECT_EQ(d[8]->named(), nullptr);
  EXPECT_NE(d[10]->named(), nullptr);
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
  const auto &b = p->ast.decls[0]->as<ProcDecl>()->body->body;
  std::vector<StmtKind> kinds;
  std::vector<std::string> names;
  for (const auto &s : b) {
    kinds.push_back(s->kind);
    names.push_back(s->name);
  }
  using K = StmtKind;
  std::vector<K> want = {K::Local,  K::Local,    K::Assign, K::Assign, K::Assign,  K::Assign, K::Assign,
                         K::Assign, K::Assign,   K::Assign, K::Assign, K::Assign,  K::Assign, K::Assign,
                         K::Assign, K::ExprStmt, K::If,     K::While,  K::DoWhile, K::Goto,   K::Atomic,
                         K::Assert, K::Assert,   K::Assume, K::Label,  K::Return};
  ASSERT_EQ(kinds, want);
  std::vector<std::string> ops(names.begin() + 2, names.begin() + 15);
  EXPECT_EQ(ops, (std::vector<std::string>{"=", "+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>=", "++", "--",
                                           "++", "--"}));
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
  EXPECT_EQ(sexpr(*p->ast.decls[1]->as<ProcDecl>()->body->body[0]->e1), "(+ 1 2)");
}

TEST(Parser, PrefixIncrementStatement) {
  // Regression: `++x;` used to be rejected ("expected operator but found '++'").
  auto p = parse_text("void t() { ++x; --y; }");
  ASSERT_FALSE(p->diags->has_errors()) << p->printed();
  const auto &b = p->ast.decls[0]->as<ProcDecl>()->body->body;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0]->name, "++");
  EXPECT_EQ(sexpr(*b[0]->e1), "x");
  EXPECT_EQ(b[1]->name, "--");
  EXPECT_EQ(sexpr(*b[1]->e1), "y");
}

TEST(Parser, DanglingElseBindsToInnerIf) {
  auto p = parse_text("void t() { if (a) if (b) x = 1; else x = 2; }");
  ASSERT_FALSE(p->diags->has_errors()) << p->printed();
  const Stmt &outer = *p->ast.decls[0]->as<ProcDecl>()->body->body[0];
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
    saw_task |= d->as<TaskDecl>() && d->as<TaskDecl>()->proc == "t";
    saw_u |= d->as<ProcDecl>() && d->as<ProcDecl>()->name == "u";
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
                "3:10: unknown verdict 'sometimes' (expected violated, holds, proved or undecided)",
                "4:19: only a violation has a depth",
                "5:8: empty range: lower bound is above upper bound",
                "6:1: expected a declaration but found number",
                "7:28: a loop bound cannot be negative",
            }))
      << p->printed();
}

TEST(Parser, TooLargeNumberPointsAtTheNumber) {
  auto p = parse_text("cpus 18446744073709551615;\nbound 9223372036854775808;");
  EXPECT_EQ(p->messages(),
            (std::vector<std::string>{"1:6: the number of CPUs is too large", "2:7: a depth is too large"}));
}

TEST(Parser, PointersAreRejected) {
  auto p = parse_text("void t() { x = *p; y = &q; }");
  EXPECT_EQ(p->messages(),
            (std::vector<std::string>{"1:16: pointers are not part of the modelling language",
                                      "1:24: pointers are not part of the modelling language"}));
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "const s64 X = " + std::string(500, '(') + "1" + std::string(500, ')') + ";";
  auto p = parse_text(deep);
  ASSERT_TRUE(p->diags->has_errors());
  EXPECT_EQ(p->diags->errors()[0].message, "nesting too deep (limit 256; raise it with --max-nesting)");
}

TEST(Parser, EndOfFileInsideAProcedure) {
  auto p = parse_text("void t() {\n  x = 1;\n");
  EXPECT_EQ(p->messages(), (std::vector<std::string>{"3:1: expected '}' but found end of file"}));
}

}  // namespace
}  // namespace ctcheck::frontend
