#include "frontend/system.h"

#include <algorithm>
#include <string>

#include "frontend/builtins.h"
#include "frontend/typecheck.h"

namespace ctcheck::frontend {
namespace {

class Assembler {
 public:
  Assembler(const Program &p, TypeChecker &t, Diagnostics &d, Model &m)
      : prog_(p), types_(t), diags_(d), model_(m) {}

  void run() {
    for (Decl *d : prog_.decls) {
      switch (d->kind) {
        case DeclKind::Cpus:
          cpus(*d->as<CpusDecl>());
          break;
        case DeclKind::Bound:
          bound(*d->as<BoundDecl>());
          break;
        case DeclKind::Task:
          tasks_.push_back(d->as<TaskDecl>());
          break;
        case DeclKind::Interrupt:
          interrupt(*d->as<InterruptDecl>());
          break;
        case DeclKind::Var:
          model_.vars.push_back(d->as<VarDecl>());
          break;
        case DeclKind::Invariant:
          types_.check_invariant(*d->as<InvariantDecl>());
          model_.invariants.push_back(d->as<InvariantDecl>());
          break;
        case DeclKind::Expect:
          expect(d->as<ExpectDecl>());
          break;
        case DeclKind::Abstract:
          abstraction(*d->as<AbstractDecl>());
          break;
        case DeclKind::Requires:
          requirement(*d->as<RequiresDecl>());
          break;
        case DeclKind::Import:
        case DeclKind::Const:
        case DeclKind::Enum:
        case DeclKind::Proc:
          break;
      }
    }
    place_tasks();
  }

 private:
  void cpus(const CpusDecl &d) {
    if (cpus_) diags_.error(d.loc, "'cpus' is declared twice (first at " + diags_.where(cpus_->loc) + ")");
    cpus_ = &d;
    if (d.count < 1 || d.count > 8)
      diags_.error(d.loc, "cpus must be between 1 and 8");
    else
      model_.cpus = static_cast<int>(d.count);
  }

  void requirement(RequiresDecl &d) {
    if (is_builtin_property(d.property)) diags_.error(d.loc, "'" + d.property + "' is a built-in property");
    types_.check_requires(d);
    model_.instrumentable_requires.push_back(&d);
  }

  void bound(const BoundDecl &d) {
    if (bound_) diags_.error(d.loc, "'bound' is declared twice");
    bound_ = &d;
    if (d.depth < 0 || d.depth > 100000)
      diags_.error(d.loc, "bound must be between 0 and 100000");
    else
      model_.bound = static_cast<int>(d.depth);
  }

  void interrupt(const InterruptDecl &d) {
    const ProcDecl *p = entry_proc(d.loc, d.handler, "handler");
    if (d.nest < 1 || d.nest > 4) diags_.error(d.loc, "nest must be between 1 and 4");
    for (const InterruptSource &s : model_.sources)
      if (p && s.handler == p) diags_.error(d.loc, "handler '" + d.handler + "' is declared twice");
    if (p) model_.sources.push_back({p, d.source, static_cast<int>(d.nest), d.loc});
  }

  // An `expect` replaces those of the files before it (the files it imports:
  // they are processed first) for the same property, so a variant that
  // imports a case states its own verdicts (docs/language.md §1).
  void expect(const ExpectDecl *d) {
    auto &all = model_.expects;
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const ExpectDecl *e) {
                               return e->property == d->property && e->loc.file != d->loc.file;
                             }),
              all.end());
    all.push_back(d);
  }

  // An integer global/percpu/pertask variable named at `loc`, or null (reported).
  const VarDecl *integer_var(const std::string &name, const Loc &loc) {
    auto it = prog_.named.find(name);
    const VarDecl *v = it == prog_.named.end() ? nullptr : it->second->as<VarDecl>();
    if (!v) {
      diags_.error(loc, "'" + name + "' is not a global, percpu or pertask variable");
      return nullptr;
    }
    if (!v->type.resolved.is(TypeKind::Int)) {
      diags_.error(loc, "only an integer variable can be kept modulo N ('" + name + "' is " +
                            v->type.resolved.name() + ")");
      return nullptr;
    }
    return v;
  }

  // `abstract VAR modulo N;`: an integer variable and N = 2^bits below its range.
  // `abstract SNAP relative to COUNTER modulo N up to D;`: also D a multiple of N.
  void abstraction(const AbstractDecl &d) {
    const VarDecl *v = integer_var(d.var, d.var_loc);
    if (!v) return;
    const unsigned width = v->type.resolved.width;
    unsigned bits = 0;
    while (bits < 63 && (std::int64_t{1} << bits) < d.modulus) ++bits;
    if (d.modulus < 2 || (std::int64_t{1} << bits) != d.modulus || bits >= width) {
      diags_.error(d.loc, "the modulus must be a power of two from 2 to 2^" + std::to_string(width - 1) +
                              " (" + d.var + " has " + std::to_string(width) + " bits)");
      return;
    }
    for (const DeclaredAbstraction &a : model_.abstractions)
      if (a.var == v) diags_.error(d.loc, "'" + d.var + "' is abstracted twice");
    for (const DeclaredRelation &r : model_.relations)
      if (r.snap == v || r.counter == v) diags_.error(d.loc, "'" + d.var + "' is abstracted twice");
    if (!d.relative) {
      model_.abstractions.push_back({v, bits, d.loc});
      return;
    }
    const AbstractDecl::Relative &rel = *d.relative;
    const VarDecl *c = integer_var(rel.counter, rel.counter_loc);
    if (!c) return;
    if (c == v) {
      diags_.error(rel.counter_loc, "'" + d.var + "' cannot be relative to itself");
      return;
    }
    if (c->type.resolved.width != width) {
      diags_.error(rel.counter_loc, "'" + rel.counter + "' has " + std::to_string(c->type.resolved.width) +
                                        " bits and '" + d.var + "' " + std::to_string(width) +
                                        ": a relative abstraction needs one width");
      return;
    }
    if (v->storage != Storage::Global) {
      diags_.error(d.var_loc, "'" + d.var + "' must be a global variable (one copy)");
      return;
    }
    if ((c->storage == Storage::PerCpu) != rel.cpu.has_value()) {
      diags_.error(rel.counter_loc, rel.cpu ? "'" + rel.counter + "' is not a percpu variable"
                                            : "name the copy of percpu '" + rel.counter + "': per_cpu(" +
                                                  rel.counter + ", CPU)");
      return;
    }
    if (c->storage == Storage::PerTask) {
      diags_.error(rel.counter_loc, "'" + rel.counter + "' must be a global or percpu variable");
      return;
    }
    const std::uint64_t limit = std::uint64_t{1} << (width - 1);
    if (rel.up_to < d.modulus || rel.up_to % d.modulus != 0 ||
        static_cast<std::uint64_t>(rel.up_to) > limit) {
      diags_.error(d.loc, "the difference bound must be a multiple of " + std::to_string(d.modulus) +
                              " from " + std::to_string(d.modulus) + " to 2^" + std::to_string(width - 1));
      return;
    }
    for (const DeclaredAbstraction &a : model_.abstractions)
      if (a.var == c) diags_.error(d.loc, "'" + rel.counter + "' is abstracted twice");
    model_.relations.push_back({v, c, rel.cpu ? static_cast<int>(*rel.cpu) : -1, bits,
                                static_cast<std::uint64_t>(rel.up_to), d.loc});
  }

  // A task or handler: a declared procedure without parameters.
  const ProcDecl *entry_proc(const Loc &loc, const std::string &name, const char *what) {
    auto it = prog_.named.find(name);
    const ProcDecl *p = it == prog_.named.end() ? nullptr : it->second->as<ProcDecl>();
    if (!p) {
      diags_.error(loc, std::string(what) + " '" + name + "' is not a declared procedure");
      return nullptr;
    }
    if (!p->params.empty()) diags_.error(loc, std::string(what) + " '" + name + "' must take no parameters");
    return p;
  }

  // After `cpus`, wherever it is declared: every CPU runs exactly one task.
  void place_tasks() {
    model_.task_of_cpu.assign(model_.cpus, nullptr);
    model_.task_starts_user.assign(model_.cpus, false);
    for (const TaskDecl *t : tasks_) {
      const ProcDecl *p = entry_proc(t->loc, t->proc, "task");
      if (!p) continue;
      if (t->cpu && (*t->cpu < 0 || *t->cpu >= model_.cpus)) {
        diags_.error(t->loc, "CPU " + std::to_string(*t->cpu) + " does not exist (cpus " +
                                 std::to_string(model_.cpus) + ")");
        continue;
      }
      for (int c = 0; c < model_.cpus; ++c) {
        if (t->cpu && *t->cpu != c) continue;
        if (model_.task_of_cpu[c]) {
          diags_.error(t->loc, "CPU " + std::to_string(c) + " already has a task");
        } else {
          model_.task_of_cpu[c] = p;
          model_.task_starts_user[c] = t->starts_user;
        }
      }
    }
    if (diags_.has_errors()) return;
    for (int c = 0; c < model_.cpus; ++c)
      if (!model_.task_of_cpu[c])
        // At the `cpus` declaration, else the root file (files[0]; the last
        // file loaded is an import).
        diags_.error(cpus_ ? cpus_->loc : Loc{prog_.files.empty() ? -1 : prog_.files.front().file, 1, 1},
                     "CPU " + std::to_string(c) + " has no task (declare 'task PROC;')");
  }

  const Program &prog_;
  TypeChecker &types_;
  Diagnostics &diags_;
  Model &model_;
  const CpusDecl *cpus_ = nullptr;
  const BoundDecl *bound_ = nullptr;
  std::vector<const TaskDecl *> tasks_;
};

}  // namespace

void assemble_system(const Program &prog, TypeChecker &types, Diagnostics &diags, Model &out) {
  Assembler(prog, types, diags, out).run();
}

}  // namespace ctcheck::frontend
