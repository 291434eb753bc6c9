// Recursive-descent parser. On a syntax error it records the error and skips
// to the next `;` or `}` at the same nesting, so one run reports several errors.
#include "frontend/parser.h"

#include <set>

namespace ctcheck::frontend {
namespace {

struct SyntaxError {};

const std::set<std::string> kTypeWords = {"bool",     "s8",       "s16",   "s32",  "s64",   "u8",
                                          "u16",      "u32",      "u64",   "int",  "long",  "void",
                                          "unsigned", "atomic_t", "range", "enum", "signed"};

// Builtin type words, including bit-precise u1..u64 / s2..s64.
bool is_type_word(const std::string &w) {
  if (kTypeWords.count(w)) return true;
  return w.size() >= 2 && w.size() <= 3 && (w[0] == 'u' || w[0] == 's') &&
         w.find_first_not_of("0123456789", 1) == std::string::npos;
}

class Parser {
 public:
  Parser(int file, std::vector<Token> toks, Diagnostics &d, const SourceManager &sm, int max_nesting)
      : file_(file), t_(std::move(toks)), diags_(d), sm_(sm), max_nesting_(max_nesting) {}

  FileAst run() {
    FileAst out;
    out.file = file_;
    while (!at_end()) {
      std::size_t before = p_;
      try {
        out.decls.push_back(declaration());
      } catch (SyntaxError &) {
        sync_top();
        if (p_ == before) ++p_;
      }
    }
    return out;
  }

 private:
  // ---- token helpers ----
  const Token &peek(std::size_t k = 0) const { return t_[std::min(p_ + k, t_.size() - 1)]; }
  bool at_end() const { return peek().kind == Tok::End; }
  bool is(const char *s, std::size_t k = 0) const {
    const Token &t = peek(k);
    return (t.kind == Tok::Punct || t.kind == Tok::Ident) && t.text == s;
  }
  bool accept(const char *s) {
    if (!is(s)) return false;
    ++p_;
    return true;
  }
  [[noreturn]] void fail(const Loc &loc, const std::string &msg) {
    diags_.error(loc, msg);
    throw SyntaxError{};
  }
  std::string describe(const Token &t) const {
    switch (t.kind) {
      case Tok::End:
        return "end of file";
      case Tok::Int:
        return "number";
      case Tok::String:
        return "string \"" + t.text + "\"";
      default:
        return "'" + t.text + "'";
    }
  }
  const Token &expect(const char *s) {
    if (!is(s)) fail(peek().loc, std::string("expected '") + s + "' but found " + describe(peek()));
    return t_[p_++];
  }
  std::string ident(const char *what) {
    if (peek().kind != Tok::Ident)
      fail(peek().loc, std::string("expected ") + what + " but found " + describe(peek()));
    return t_[p_++].text;
  }
  std::int64_t integer(const char *what) {
    bool neg = accept("-");
    if (peek().kind != Tok::Int)
      fail(peek().loc, std::string("expected ") + what + " but found " + describe(peek()));
    Loc at = peek().loc;
    std::uint64_t v = t_[p_++].value;
    if (v > static_cast<std::uint64_t>(INT64_MAX)) fail(at, std::string(what) + " is too large");
    return neg ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
  }
  std::string string_lit(const char *what) {
    if (peek().kind != Tok::String)
      fail(peek().loc, std::string("expected ") + what + " but found " + describe(peek()));
    return t_[p_++].text;
  }
  // A keyword that can only begin a top-level declaration: recovery stops
  // before it, so `global s64 x = 0` (no `;`) does not swallow the next procedure.
  bool decl_keyword() const {
    static const std::set<std::string> kw = {"import",    "const",     "global",  "percpu",        "pertask",
                                             "cpus",      "bound",     "task",    "irq",           "nmi",
                                             "exception", "invariant", "lemma",   "expect",        "override",
                                             "void",      "abstract",  "noinstr", "instrumentable"};
    return peek().kind == Tok::Ident && kw.count(peek().text);
  }
  void sync_top() {
    int depth = 0;
    while (!at_end()) {
      if (depth == 0 && decl_keyword()) return;
      if (is("{")) ++depth;
      if (is("}")) {
        ++p_;
        if (--depth <= 0) return;
        continue;
      }
      if (is(";") && depth == 0) {
        ++p_;
        return;
      }
      ++p_;
    }
  }
  void sync_stmt() {
    int depth = 0;
    while (!at_end()) {
      if (is("{")) ++depth;
      if (is("}")) {
        if (depth == 0) return;  // leave the block's closing brace to the block
        --depth;
        ++p_;
        if (depth == 0) return;
        continue;
      }
      if (is(";") && depth == 0) {
        ++p_;
        return;
      }
      ++p_;
    }
  }
  // Counts the nesting the parser enters, so the error (and the recovery)
  // comes before the recursion here, or in any later walk of the tree, could
  // exhaust the stack. `deeper` enters one more level for the guard's scope.
  struct DepthGuard {
    Parser &p;
    int entered = 0;
    explicit DepthGuard(Parser &parser) : p(parser) {}
    DepthGuard(Parser &parser, const Loc &loc) : p(parser) { deeper(loc); }
    void deeper(const Loc &loc) {
      if (p.depth_ >= p.max_nesting_)
        p.fail(loc, "nesting too deep " + limit_hint(p.max_nesting_, kMaxNestingFlag));
      ++p.depth_;
      ++entered;
    }
    ~DepthGuard() { p.depth_ -= entered; }
  };

  // ---- types ----
  bool type_start(std::size_t k = 0) const {
    const Token &t = peek(k);
    if (t.kind != Tok::Ident) return false;
    if (is_type_word(t.text)) return true;
    // `NAME x` where NAME names an enum: two identifiers in a row.
    return peek(k + 1).kind == Tok::Ident && !is("=", k + 1);
  }
  TypeRef type() {
    TypeRef r;
    r.loc = peek().loc;
    std::string w = ident("a type");
    if (w == "enum") {
      r.name = "enum " + ident("an enum name");
    } else if (w == "unsigned" || w == "signed") {
      std::string base = "int";
      if (accept("long")) {
        base = accept("long") ? "long long" : "long";
        accept("int");
      } else if (accept("char")) {
        base = "char";
      } else {
        accept("int");
      }
      r.name = w + " " + base;
    } else if (w == "long") {
      r.name = accept("long") ? "long long" : "long";
      accept("int");
    } else if (w == "range") {
      expect("<");
      r.lo = integer("a range bound");
      expect(",");
      r.hi = integer("a range bound");
      expect(">");
      r.name = "range";
      if (r.lo > r.hi) fail(r.loc, "empty range: lower bound is above upper bound");
    } else {
      r.name = w;
    }
    return r;
  }

  // ---- declarations ----
  template <class T>
  std::unique_ptr<T> make_decl(const Loc &loc) {
    auto d = std::make_unique<T>();
    d->loc = loc;
    return d;
  }

  DeclPtr declaration() {
    Loc start = peek().loc;
    bool is_override = accept("override");
    const Token &t = peek();
    if (t.kind != Tok::Ident) fail(t.loc, "expected a declaration but found " + describe(t));
    if (is_override && (is("import") || is("cpus") || is("bound") || is("task") || is("irq") || is("nmi") ||
                        is("exception") || is("expect") || is("abstract") || requires_start()))
      fail(t.loc, "'override' applies to constants, variables, enums, procedures and invariants");
    DeclPtr d = unmarked_declaration(start);
    d->is_override = is_override;
    return d;
  }

  DeclPtr unmarked_declaration(const Loc &start) {
    if (accept("import")) {
      auto d = make_decl<ImportDecl>(start);
      d->path = string_lit("an import path");
      expect(";");
      return d;
    }
    if (accept("const")) return const_decl();
    if (is("global") || is("percpu") || is("pertask")) return var_decl();
    if (is("enum") && peek(2).kind == Tok::Punct && peek(2).text == "{") return enum_decl();
    if (accept("cpus")) {
      auto d = make_decl<CpusDecl>(start);
      d->count = integer("the number of CPUs");
      expect(";");
      return d;
    }
    if (accept("bound")) {
      auto d = make_decl<BoundDecl>(start);
      d->depth = integer("a depth");
      expect(";");
      return d;
    }
    if (accept("task")) return task_decl();
    if (is("irq") || is("nmi") || is("exception")) return interrupt_decl();
    if (is("invariant") || is("lemma")) return invariant_decl();
    if (accept("expect")) return expect_decl();
    if (accept("abstract")) return abstract_decl(start);
    if (requires_start()) return requires_decl(start);
    if (is("noinstr") || is("instrumentable")) {
      Section section = ident("a section") == "noinstr" ? Section::Noinstr : Section::Instrumentable;
      if (!type_start() || (decl_keyword() && !is("void")))
        fail(peek().loc, "expected a procedure after the section qualifier but found " + describe(peek()));
      auto d = proc_decl();
      d->as<ProcDecl>()->section = section;
      return d;
    }
    if (type_start()) return proc_decl();
    fail(peek().loc, "expected a declaration but found " + describe(peek()));
  }

  // The declared name is the declaration's location.
  template <class T>
  std::unique_ptr<T> named_decl(const char *what) {
    auto d = make_decl<T>(peek().loc);
    d->name = ident(what);
    return d;
  }

  DeclPtr const_decl() {
    TypeRef type = this->type();
    auto d = named_decl<ConstDecl>("a constant name");
    d->type = std::move(type);
    expect("=");
    d->init = expr();
    expect(";");
    return d;
  }

  DeclPtr var_decl() {
    std::string s = ident("storage");
    TypeRef type = this->type();
    auto d = named_decl<VarDecl>("a variable name");
    d->storage = s == "global" ? Storage::Global : s == "percpu" ? Storage::PerCpu : Storage::PerTask;
    d->type = std::move(type);
    if (accept("=")) {
      if (accept("any"))
        d->init_any = true;
      else
        d->init = expr();
    }
    expect(";");
    return d;
  }

  DeclPtr enum_decl() {
    expect("enum");
    auto d = named_decl<EnumDecl>("an enum name");
    expect("{");
    while (!is("}")) {
      Loc l = peek().loc;
      std::string name = ident("an enumerator");
      d->items.push_back({name, l, accept("=") ? expr() : nullptr});
      if (!accept(",")) break;
    }
    expect("}");
    expect(";");
    return d;
  }

  DeclPtr task_decl() {
    auto d = make_decl<TaskDecl>(peek().loc);
    d->proc = ident("a task procedure");
    if (accept("on")) {
      expect("cpu");
      d->cpu = integer("a CPU number");
    }
    if (accept("user"))
      d->starts_user = true;
    else
      accept("kernel");
    expect(";");
    return d;
  }

  DeclPtr interrupt_decl() {
    std::string k = ident("interrupt kind");
    auto d = make_decl<InterruptDecl>(peek().loc);
    d->source = k == "irq" ? InterruptKind::Irq : k == "nmi" ? InterruptKind::Nmi : InterruptKind::Exception;
    d->handler = ident("a handler procedure");
    if (accept("nest")) d->nest = integer("a nesting bound");
    expect(";");
    return d;
  }

  DeclPtr invariant_decl() {
    bool lemma = ident("invariant") == "lemma";
    auto d = named_decl<InvariantDecl>(lemma ? "a lemma name" : "an invariant name");
    d->lemma = lemma;
    expect("(");
    d->cond = expr();
    expect(",");
    d->message = string_lit("a message");
    expect(")");
    expect(";");
    return d;
  }

  bool requires_start() const { return is("instrumentable") && is("requires", 1); }

  DeclPtr requires_decl(const Loc &start) {
    expect("instrumentable");
    expect("requires");
    auto d = make_decl<RequiresDecl>(start);
    d->property = ident("a property name");
    expect("(");
    d->cond = expr();
    expect(",");
    d->message = string_lit("a message");
    expect(")");
    expect(";");
    return d;
  }

  DeclPtr abstract_decl(const Loc &start) {
    auto d = make_decl<AbstractDecl>(start);
    d->var_loc = peek().loc;
    d->var = ident("a variable name");
    if (accept("relative")) {
      const Loc to = peek().loc;
      if (ident("'to'") != "to") fail(to, "expected 'abstract VAR relative to COUNTER modulo N up to D;'");
      AbstractDecl::Relative r;
      r.counter_loc = peek().loc;
      r.counter = ident("a counter variable");
      if (r.counter == "per_cpu") {
        expect("(");
        r.counter_loc = peek().loc;
        r.counter = ident("a percpu variable");
        expect(",");
        r.cpu = integer("a CPU number");
        expect(")");
      }
      d->relative = r;
    }
    const Loc m = peek().loc;
    if (ident("'modulo'") != "modulo")
      fail(m, d->relative ? "expected 'modulo N up to D' after the counter"
                          : "expected 'abstract VAR modulo N;'");
    d->modulus = integer("a power of two");
    if (d->relative) {
      const Loc u = peek().loc;
      if (ident("'up'") != "up" || ident("'to'") != "to") fail(u, "expected 'up to D' after 'modulo N'");
      d->relative->up_to = integer("a difference bound");
    }
    expect(";");
    return d;
  }

  DeclPtr expect_decl() {
    auto d = make_decl<ExpectDecl>(peek().loc);
    d->property = ident("a property name");
    Loc vloc = peek().loc;
    d->verdict = ident("a verdict (violated, holds, proved, undecided)");
    if (d->verdict != "violated" && d->verdict != "holds" && d->verdict != "proved" &&
        d->verdict != "undecided")
      fail(vloc, "unknown verdict '" + d->verdict + "' (expected violated, holds, proved or undecided)");
    if (accept("at")) {
      if (d->verdict != "violated") fail(peek().loc, "only a violation has a depth");
      d->depth = integer("a depth");
    }
    expect(";");
    return d;
  }

  DeclPtr proc_decl() {
    TypeRef type = this->type();
    auto d = named_decl<ProcDecl>("a procedure name");
    d->return_type = std::move(type);
    expect("(");
    if (!is(")") && !(is("void") && is(")", 1))) {
      do {
        TypeRef pt = this->type();
        std::string pn = ident("a parameter name");
        d->params.push_back({pt, pn});
      } while (accept(","));
    } else {
      accept("void");
    }
    expect(")");
    d->body = block();
    return d;
  }

  // ---- statements ----
  std::string line_of(const Loc &l) const {
    std::string s = sm_.line_text(l.file, l.line);
    std::size_t a = s.find_first_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a);
  }
  StmtPtr make(StmtKind k, const Loc &l) {
    auto s = std::make_unique<Stmt>();
    s->kind = k;
    s->loc = l;
    s->text = line_of(l);
    return s;
  }

  StmtPtr block() {
    auto b = make(StmtKind::Block, peek().loc);
    expect("{");
    while (!is("}") && !at_end()) {
      std::size_t before = p_;
      try {
        b->body.push_back(statement());
      } catch (SyntaxError &) {
        sync_stmt();
        if (p_ == before) ++p_;
      }
    }
    expect("}");
    return b;
  }

  std::optional<std::int64_t> loop_bound() {
    if (!accept("bound")) return std::nullopt;
    Loc l = peek().loc;
    std::int64_t b = integer("a loop bound");
    if (b < 0) fail(l, "a loop bound cannot be negative");
    return b;
  }

  StmtPtr statement() {
    DepthGuard g(*this, peek().loc);
    Loc l = peek().loc;
    if (is("{")) return block();
    if (accept(";")) return make(StmtKind::Block, l);
    if (accept("if")) {
      auto s = make(StmtKind::If, l);
      expect("(");
      s->e1 = expr();
      expect(")");
      s->body.push_back(statement());
      if (accept("else")) s->body.push_back(statement());
      return s;
    }
    if (accept("while")) {
      auto s = make(StmtKind::While, l);
      expect("(");
      s->e1 = expr();
      expect(")");
      s->bound = loop_bound();
      s->body.push_back(statement());
      return s;
    }
    if (accept("do")) {
      auto s = make(StmtKind::DoWhile, l);
      s->body.push_back(statement());
      expect("while");
      expect("(");
      s->e1 = expr();
      expect(")");
      s->bound = loop_bound();
      expect(";");
      return s;
    }
    if (accept("break")) {
      expect(";");
      return make(StmtKind::Break, l);
    }
    if (accept("continue")) {
      expect(";");
      return make(StmtKind::Continue, l);
    }
    if (accept("return")) {
      auto s = make(StmtKind::Return, l);
      if (!is(";")) s->e1 = expr();
      expect(";");
      return s;
    }
    if (accept("goto")) {
      auto s = make(StmtKind::Goto, l);
      s->name = ident("a label");
      expect(";");
      return s;
    }
    if (accept("atomic")) {
      auto s = make(StmtKind::Atomic, l);
      auto b = block();
      s->body = std::move(b->body);
      return s;
    }
    if (is("assert")) {
      ++p_;
      auto s = make(StmtKind::Assert, l);
      if (peek().kind == Tok::Ident) s->name = ident("a property name");
      expect("(");
      s->e1 = expr();
      expect(",");
      s->message = string_lit("an assertion message");
      expect(")");
      expect(";");
      return s;
    }
    if (accept("assume")) {
      auto s = make(StmtKind::Assume, l);
      expect("(");
      s->e1 = expr();
      expect(")");
      expect(";");
      return s;
    }
    // `cost NAME [N];` (a contextual keyword: `cost` stays a usable name): the
    // built-in call cost(NAME, N), which takes no step (docs/language.md §5).
    if (is("cost") && peek(1).kind == Tok::Ident && !is("(", 1)) {
      ++p_;
      auto call = node(ExprKind::Call, l, "cost");
      const Loc name_at = peek().loc;
      call->args.push_back(node(ExprKind::Name, name_at, ident("a cost name")));
      auto n = node(ExprKind::IntLit, peek().loc);
      n->value = 1;
      if (peek().kind == Tok::Int) {
        n->value = peek().value;
        ++p_;
      }
      call->args.push_back(std::move(n));
      expect(";");
      auto s = make(StmtKind::ExprStmt, l);
      s->e1 = std::move(call);
      return s;
    }
    if (peek().kind == Tok::Ident && is(":", 1)) {
      auto s = make(StmtKind::Label, l);
      s->name = ident("a label");
      expect(":");
      return s;
    }
    if (type_start() && !is("(", 1)) {
      auto s = make(StmtKind::Local, l);
      s->local_type = type();
      s->loc = peek().loc;
      s->name = ident("a variable name");
      if (accept("=")) s->e1 = expr();
      expect(";");
      return s;
    }
    // Assignment, increment or call.
    if (is("++") || is("--")) {
      auto s = make(StmtKind::Assign, l);
      s->name = t_[p_++].text;  // "++" or "--" (a Punct token, not an identifier)
      s->e1 = unary();
      expect(";");
      return s;
    }
    ExprPtr lhs = expr();
    static const std::set<std::string> kAssign = {"=", "+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>="};
    if (peek().kind == Tok::Punct && (kAssign.count(peek().text) || is("++") || is("--"))) {
      auto s = make(StmtKind::Assign, l);
      s->name = t_[p_++].text;
      s->e1 = std::move(lhs);
      if (s->name != "++" && s->name != "--") s->e2 = expr();
      expect(";");
      return s;
    }
    if (peek().kind == Tok::Punct && (is("/=") || is("%=")))
      fail(peek().loc, "division is only allowed in constant expressions");
    if (lhs->kind != ExprKind::Call)
      fail(lhs->loc, "expression statement has no effect (expected a call or assignment)");
    auto s = make(StmtKind::ExprStmt, l);
    s->e1 = std::move(lhs);
    expect(";");
    return s;
  }

  // ---- expressions (C precedence) ----
  ExprPtr node(ExprKind k, const Loc &l, std::string op = "") {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->loc = l;
    e->op = std::move(op);
    return e;
  }
  ExprPtr expr() {
    DepthGuard g(*this, peek().loc);
    return ternary();
  }
  ExprPtr ternary() {
    ExprPtr c = binary(0);
    if (!is("?")) return c;
    DepthGuard g(*this, peek().loc);
    Loc l = t_[p_++].loc;
    auto e = node(ExprKind::Ternary, l, "?");
    e->args.push_back(std::move(c));
    e->args.push_back(expr());
    expect(":");
    e->args.push_back(ternary());
    return e;
  }
  static int prec(const std::string &op) {
    static const std::vector<std::vector<std::string>> levels = {
        {"||"},       {"&&"},     {"|"},          {"^"}, {"&"}, {"==", "!="}, {"<", "<=", ">", ">="},
        {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};
    for (std::size_t i = 0; i < levels.size(); ++i)
      for (const auto &o : levels[i])
        if (o == op) return static_cast<int>(i);
    return -1;
  }
  ExprPtr binary(int min_prec) {
    ExprPtr lhs = unary();
    DepthGuard g(*this);  // a left-associative chain `a + b + c ...` nests one level per operator
    while (peek().kind == Tok::Punct) {
      int p = prec(peek().text);
      if (p < min_prec || p < 0) break;
      g.deeper(peek().loc);
      const Token &op = t_[p_++];
      auto e = node(ExprKind::Binary, op.loc, op.text);
      e->args.push_back(std::move(lhs));
      e->args.push_back(binary(p + 1));
      lhs = std::move(e);
    }
    return lhs;
  }
  ExprPtr unary() {
    DepthGuard g(*this, peek().loc);
    const Token &t = peek();
    if (t.kind == Tok::Punct && (t.text == "!" || t.text == "~" || t.text == "-" || t.text == "+")) {
      ++p_;
      auto e = node(ExprKind::Unary, t.loc, t.text);
      e->args.push_back(unary());
      return e;
    }
    if (t.kind == Tok::Punct && (t.text == "&" || t.text == "*"))
      fail(t.loc, "pointers are not part of the modelling language");
    if (is("(") && peek(1).kind == Tok::Ident && is_type_word(peek(1).text) && peek(1).text != "void") {
      Loc l = t_[p_++].loc;
      auto e = node(ExprKind::Cast, l);
      e->cast_type = type();
      expect(")");
      e->args.push_back(unary());
      return e;
    }
    return primary();
  }
  ExprPtr primary() {
    const Token &t = peek();
    if (t.kind == Tok::Int) {
      ++p_;
      auto e = node(ExprKind::IntLit, t.loc);
      e->value = t.value;
      e->lit_unsigned = t.is_unsigned;
      e->lit_long = t.is_long;
      return e;
    }
    if (accept("(")) {
      ExprPtr e = expr();
      expect(")");
      return e;
    }
    if (t.kind == Tok::Ident) {
      ++p_;
      if (t.text == "true" || t.text == "false") {
        auto e = node(ExprKind::BoolLit, t.loc);
        e->value = t.text == "true";
        return e;
      }
      if (accept("(")) {
        auto e = node(ExprKind::Call, t.loc, t.text);
        if (!is(")")) {
          do e->args.push_back(expr());
          while (accept(","));
        }
        expect(")");
        return e;
      }
      return node(ExprKind::Name, t.loc, t.text);
    }
    fail(t.loc, "expected an expression but found " + describe(t));
  }

  int file_;
  std::vector<Token> t_;
  Diagnostics &diags_;
  const SourceManager &sm_;
  std::size_t p_ = 0;
  int max_nesting_;
  int depth_ = 0;
};

}  // namespace

FileAst parse(int file, const SourceManager &sm, Diagnostics &diags, int max_nesting) {
  std::vector<Token> toks = lex(file, sm.text(file), diags);
  return Parser(file, std::move(toks), diags, sm, max_nesting).run();
}

}  // namespace ctcheck::frontend
