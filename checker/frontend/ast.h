// Abstract syntax of the modelling language (docs/language.md). Every node
// carries its source location; semantic analysis fills in `type` and `sym`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frontend/diagnostics.h"

namespace ctcheck::frontend {

struct Builtin;
struct ConstDecl;
struct EnumDecl;
struct ProcDecl;
struct Stmt;
struct VarDecl;

enum class TypeKind { Error, Void, Bool, Int, Range, Enum };

struct Type {
  TypeKind kind = TypeKind::Error;
  unsigned width = 0;           // Int
  bool is_signed = false;       // Int
  std::int64_t lo = 0, hi = 0;  // Range
  const EnumDecl *enm = nullptr;

  static Type error() { return {}; }
  static Type void_() { return {TypeKind::Void}; }
  static Type boolean() { return {TypeKind::Bool, 1}; }
  static Type integer(unsigned w, bool s) { return {TypeKind::Int, w, s}; }
  static Type range(std::int64_t lo, std::int64_t hi) { return {TypeKind::Range, 64, true, lo, hi}; }
  bool is(TypeKind k) const { return kind == k; }
  bool is_arith() const { return kind == TypeKind::Int || kind == TypeKind::Bool || kind == TypeKind::Range; }
  bool same(const Type &o) const;
  std::string name() const;
};

// A syntactic type as written, resolved by sema (enum names need the symbol table).
struct TypeRef {
  Loc loc;
  std::string name;             // "s64", "bool", "enum ctx_state", "ctx_state", "range"
  std::int64_t lo = 0, hi = 0;  // range<lo, hi> (constant expressions are not allowed here)
  Type resolved;
};

enum class ExprKind { IntLit, BoolLit, Name, Unary, Binary, Ternary, Call, Cast };

struct Expr {
  ExprKind kind;
  Loc loc;
  std::string op;  // Unary/Binary operator; Name/Call: the identifier
  std::uint64_t value = 0;
  bool lit_unsigned = false, lit_long = false;
  std::vector<std::unique_ptr<Expr>> args;  // operands / call arguments
  TypeRef cast_type;                        // Cast
  // Filled by sema: the type, and what the name or call refers to (at most one).
  Type type;
  const ConstDecl *constant = nullptr;    // Name of a constant
  const VarDecl *var = nullptr;           // Name of a global, percpu or pertask variable
  const EnumDecl *enumeration = nullptr;  // Name of an enumerator ...
  std::int64_t enum_code = -1;            // ... and its code (index in the enum)
  const ProcDecl *local_of = nullptr;     // Name of a local or parameter of this procedure ...
  int local_index = -1;                   // ... and its index in the procedure's locals
  const ProcDecl *callee = nullptr;       // Call of a procedure
  const Builtin *builtin = nullptr;       // Call of a built-in
  bool resolved() const { return constant || var || enumeration || local_of || callee || builtin; }
};
using ExprPtr = std::unique_ptr<Expr>;

enum class StmtKind {
  Block,
  Local,
  Assign,
  ExprStmt,
  If,
  While,
  DoWhile,
  Break,
  Continue,
  Return,
  Goto,
  Label,
  Assert,
  Assume,
  Atomic
};

struct Stmt {
  StmtKind kind;
  Loc loc;
  std::string text;  // the source line, for traces
  std::string
      name;  // Local: variable; Assign: operator ("=", "+=", "++"); Goto/Label: label; Assert: property
  std::string message;   // Assert
  TypeRef local_type;    // Local
  int local_index = -1;  // Local: index in the procedure's locals (sema)
  ExprPtr e1, e2;        // Assign: lhs, rhs; If/While: cond; Return/ExprStmt/Local init/Assert/Assume: e1
  std::optional<std::int64_t> bound;        // While/DoWhile
  std::vector<std::unique_ptr<Stmt>> body;  // Block/Atomic; If: [then, else?]; While: [body]
};
using StmtPtr = std::unique_ptr<Stmt>;

enum class DeclKind {
  Import,
  Const,
  Var,
  Enum,
  Proc,
  Cpus,
  Bound,
  Task,
  Interrupt,
  Invariant,
  Expect,
  Abstract,
  Requires
};

// A declaration. Each kind is its own type (below) with the fields it needs;
// `as<T>()` is the checked downcast (null for another kind).
struct Decl {
  const DeclKind kind;
  Loc loc;
  bool is_override = false;

  explicit Decl(DeclKind k) : kind(k) {}
  virtual ~Decl() = default;
  template <class T>
  T *as() {
    return kind == T::kKind ? static_cast<T *>(this) : nullptr;
  }
  template <class T>
  const T *as() const {
    return kind == T::kKind ? static_cast<const T *>(this) : nullptr;
  }
  // Constants, variables, enums, procedures and invariants have a model-wide
  // name that `override` can replace.
  bool is_named() const;
  struct NamedDecl *named();
  const struct NamedDecl *named() const;
};
using DeclPtr = std::unique_ptr<Decl>;

template <DeclKind K>
struct DeclOf : Decl {
  static constexpr DeclKind kKind = K;
  DeclOf() : Decl(K) {}
};

struct NamedDecl : Decl {
  std::string name;
  using Decl::Decl;
};

template <DeclKind K>
struct NamedDeclOf : NamedDecl {
  static constexpr DeclKind kKind = K;
  NamedDeclOf() : NamedDecl(K) {}
};

inline bool Decl::is_named() const {
  return kind == DeclKind::Const || kind == DeclKind::Var || kind == DeclKind::Enum ||
         kind == DeclKind::Proc || kind == DeclKind::Invariant;
}
inline NamedDecl *Decl::named() { return is_named() ? static_cast<NamedDecl *>(this) : nullptr; }
inline const NamedDecl *Decl::named() const {
  return is_named() ? static_cast<const NamedDecl *>(this) : nullptr;
}

// import "path";
struct ImportDecl : DeclOf<DeclKind::Import> {
  std::string path;  // relative to the importing file
};

// const T NAME = e;
struct ConstDecl : NamedDeclOf<DeclKind::Const> {
  TypeRef type;
  ExprPtr init;
  // Sema: the value, masked to the type's width, once `state` is Done.
  enum class State { Unevaluated, Evaluating, Done } state = State::Unevaluated;
  std::uint64_t value = 0;
};

enum class Storage { Global, PerCpu, PerTask };

// global|percpu|pertask T NAME [= e | = any];
struct VarDecl : NamedDeclOf<DeclKind::Var> {
  Storage storage = Storage::Global;
  TypeRef type;
  ExprPtr init;                     // null without initialiser or with `any`
  bool init_any = false;            // `= any`: nondeterministic initial value
  std::uint64_t initial_value = 0;  // sema: the initial value in the variable's type (0 without initialiser)
};

// enum NAME { A [= e], ... };
struct EnumDecl : NamedDeclOf<DeclKind::Enum> {
  struct Item {
    std::string name;
    Loc loc;
    ExprPtr value;  // null where implicit
  };
  std::vector<Item> items;
  // Sema: the accepted enumerators; an enumerator's code is its index here.
  std::vector<std::string> names;
  std::vector<std::int64_t> values;
};

struct LocalVar {
  std::string name;
  Type type;
  Loc loc;
};

// Which text section a procedure's code lies in (docs/language.md, "noinstr"):
// `noinstr` code may call instrumentable code only inside an
// instrumentation_begin()/end() region; an unmarked procedure is inlined into
// whatever calls it (the kernel's __always_inline helpers).
enum class Section { Inline, Noinstr, Instrumentable };

// [noinstr|instrumentable] T NAME(params) { body }
struct ProcDecl : NamedDeclOf<DeclKind::Proc> {
  struct Param {
    TypeRef type;
    std::string name;
  };
  Section section = Section::Inline;
  TypeRef return_type;
  std::vector<Param> params;
  StmtPtr body;
  // Sema:
  std::vector<LocalVar> locals;  // params first, then locals
  // The `e` of an expression procedure (body `return e;`, calling only
  // expression procedures and nothing nondeterministic); null otherwise.
  const Expr *expression_body = nullptr;
};

// cpus N;
struct CpusDecl : DeclOf<DeclKind::Cpus> {
  std::int64_t count = 1;
};

// bound N;
struct BoundDecl : DeclOf<DeclKind::Bound> {
  std::int64_t depth = 0;
};

// task PROC [on cpu N] [user|kernel];
struct TaskDecl : DeclOf<DeclKind::Task> {
  std::string proc;
  std::optional<std::int64_t> cpu;  // none: every CPU
  bool starts_user = false;
};

enum class InterruptKind { Irq, Nmi, Exception };

// irq|nmi|exception HANDLER [nest N];
struct InterruptDecl : DeclOf<DeclKind::Interrupt> {
  InterruptKind source = InterruptKind::Irq;
  std::string handler;
  std::int64_t nest = 1;
};

// invariant|lemma NAME(cond, "message");
struct InvariantDecl : NamedDeclOf<DeclKind::Invariant> {
  ExprPtr cond;
  std::string message;
  bool lemma = false;  // a candidate auxiliary invariant
};

// expect PROPERTY violated [at N] | holds | proved;
struct ExpectDecl : DeclOf<DeclKind::Expect> {
  std::string property;
  std::string verdict;  // violated / holds / proved
  std::optional<std::int64_t> depth;
};

// abstract VAR modulo N;  (N a power of two: VAR is explored modulo N)
// abstract SNAP relative to COUNTER modulo N up to D;  (COUNTER may be
// per_cpu(VAR, CPU): the pair is explored up to a common shift by a multiple
// of N, differences COUNTER - SNAP of at least D merged)
struct AbstractDecl : DeclOf<DeclKind::Abstract> {
  std::string var;
  Loc var_loc;
  std::int64_t modulus = 0;
  struct Relative {
    std::string counter;
    Loc counter_loc;
    std::optional<std::int64_t> cpu;  // per_cpu(counter, cpu)
    std::int64_t up_to = 0;
  };
  std::optional<Relative> relative;
};

// instrumentable requires NAME(cond, "message");  -- what every call into
// instrumentable code from noinstr or plain code needs (6.x: RCU watching).
struct RequiresDecl : DeclOf<DeclKind::Requires> {
  std::string property;
  ExprPtr cond;
  std::string message;
};

struct FileAst {
  int file = -1;
  std::vector<DeclPtr> decls;
};

}  // namespace ctcheck::frontend
