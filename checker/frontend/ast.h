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
struct EnumDecl;
struct Decl;
struct Stmt;

enum class TypeKind { Error, Void, Bool, Int, Range, Enum };

struct Type {
  TypeKind kind = TypeKind::Error;
  unsigned width = 0;       // Int
  bool is_signed = false;   // Int
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
  std::string name;  // "s64", "bool", "enum ctx_state", "ctx_state", "range"
  std::int64_t lo = 0, hi = 0;  // range<lo, hi> (constant expressions are not allowed here)
  Type resolved;
};

enum class ExprKind { IntLit, BoolLit, Name, Unary, Binary, Ternary, Call, Cast };

struct Expr {
  ExprKind kind;
  Loc loc;
  std::string op;     // Unary/Binary operator; Name/Call: the identifier
  std::uint64_t value = 0;
  bool lit_unsigned = false, lit_long = false;
  std::vector<std::unique_ptr<Expr>> args;  // operands / call arguments
  TypeRef cast_type;                        // Cast
  // Filled by sema:
  Type type;
  const Decl *sym = nullptr;       // Name: variable/constant/param/local; Call: procedure
  const Builtin *builtin = nullptr;  // Call of a built-in
  std::int64_t enum_code = -1;     // Name of an enumerator: its index in the enum
  int local_index = -1;            // Name of a local/param: index in the procedure's locals
};
using ExprPtr = std::unique_ptr<Expr>;

enum class StmtKind {
  Block, Local, Assign, ExprStmt, If, While, DoWhile, Break, Continue, Return, Goto, Label, Assert, Assume, Atomic
};

struct Stmt {
  StmtKind kind;
  Loc loc;
  std::string text;   // the source line, for traces
  std::string name;   // Local: variable; Assign: operator ("=", "+=", "++"); Goto/Label: label; Assert: property
  std::string message;  // Assert
  TypeRef local_type;   // Local
  int local_index = -1; // Local: index in the procedure's locals (sema)
  ExprPtr e1, e2;       // Assign: lhs, rhs; If/While: cond; Return/ExprStmt/Local init/Assert/Assume: e1
  std::optional<std::int64_t> bound;  // While/DoWhile
  std::vector<std::unique_ptr<Stmt>> body;  // Block/Atomic; If: [then, else?]; While: [body]
};
using StmtPtr = std::unique_ptr<Stmt>;

enum class DeclKind {
  Import, Const, Var, Enum, Proc, Cpus, Bound, Task, Source, Invariant, Expect
};
enum class Storage { Global, PerCpu, PerTask };
enum class SourceKindAst { Irq, Nmi, Exception };

struct LocalVar {
  std::string name;
  Type type;
  Loc loc;
};

struct EnumDecl {
  std::string name;
  std::vector<std::string> names;
  std::vector<std::int64_t> values;
};

struct Decl {
  DeclKind kind;
  Loc loc;
  bool is_override = false;
  std::string name;  // Const/Var/Enum/Proc/Invariant name; Task/Source: procedure; Import: path; Expect: property
  TypeRef type;      // Const/Var type; Proc return type
  ExprPtr init;      // Const value; Var initial value (null with `any`); Invariant condition
  bool init_any = false;
  Storage storage = Storage::Global;
  std::shared_ptr<EnumDecl> enm;  // Enum
  std::vector<std::pair<std::string, Loc>> enum_items;
  std::vector<ExprPtr> enum_values;  // null where implicit
  // Proc
  std::vector<std::pair<TypeRef, std::string>> params;
  StmtPtr body;
  std::vector<LocalVar> locals;  // params first, then locals (sema)
  const Expr *macro_expr = nullptr;  // set when the body is a single `return e;`
  // Cpus/Bound: value; Task: cpu (-1 = all); Source: nesting
  std::int64_t number = -1;
  SourceKindAst source_kind = SourceKindAst::Irq;
  std::string message;  // Invariant
  bool lemma = false;   // Invariant declared with `lemma` (a candidate auxiliary invariant)
  bool starts_user = false;  // Task: starts in user mode
  std::string verdict;  // Expect: violated / holds / proved
  std::optional<std::int64_t> depth;  // Expect
  // Const after sema
  std::uint64_t const_value = 0;
  bool const_done = false, const_busy = false;
};
using DeclPtr = std::unique_ptr<Decl>;

struct FileAst {
  int file = -1;
  std::vector<DeclPtr> decls;
};

}  // namespace ctcheck::frontend
