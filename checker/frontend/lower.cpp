// Entries, state layout, invariants; the public lower() and load_model().
#include "frontend/lower.h"

#include "frontend/lowerer.h"
#include "frontend/types.h"
#include "ir/abstraction.h"

namespace ctcheck::frontend::lowering {

void Lowerer::run() {
  ts_.levels = budget_.context_levels(m_);
  build_entries();
  if (diags_.has_errors()) return;
  layout();
  for (const InvariantDecl *inv : m_.invariants)
    ts_.properties[property(inv->name, inv->message, inv->loc, ir::PropertyKind::Invariant)].lemma =
        inv->lemma;
  for (int c = 0; c < m_.cpus; ++c)
    for (int l = 0; l < ts_.levels; ++l)
      for (int e : entries_at(c, l)) exec_actions(c, l, e);
  for (int c = 0; c < m_.cpus; ++c)
    for (int l = 1; l < ts_.levels; ++l) {
      for (std::size_t s = 0; s < m_.sources.size(); ++s) deliver_action(c, l, static_cast<int>(s));
      return_action(c, l);
    }
  invariants();
  ts_.init_constraint = pool_.tru();
  for (const DeclaredAbstraction &a : m_.abstractions)
    for (std::uint32_t v : var_index_.at(a.var)) ts_.abstractions.push_back({v, a.bits, to_ir(a.loc)});
  for (const DeclaredRelation &r : m_.relations) {
    const std::vector<std::uint32_t> &copies = var_index_.at(r.counter);
    if (r.cpu >= static_cast<int>(copies.size()) || r.cpu < -1) {
      diags_.error(r.loc, "'" + r.counter->name + "' has no copy on CPU " + std::to_string(r.cpu) +
                              " (the model has " + std::to_string(copies.size()) + " CPUs)");
      continue;
    }
    ts_.relations.push_back(
        {var_index_.at(r.snap).at(0), copies.at(r.cpu < 0 ? 0 : r.cpu), r.bits, r.up_to, to_ir(r.loc)});
  }
}

ExprId Lowerer::read(SymState *st, std::uint32_t v) {
  if (st) {
    auto it = st->env.find(v);
    if (it != st->env.end()) return it->second;
  }
  return pool_.var(v, ts_.vars[v].sort);
}

ExprId Lowerer::load(SymState *st, std::uint32_t v, const Type &t) {
  ExprId raw = read(st, v);
  if (!t.is(TypeKind::Range)) return raw;
  return pool_.binary(Op::Add, pool_.extend(Op::ZExt, raw, 64), pool_.constant(ir::Sort::bv(64), t.lo));
}

std::uint32_t Lowerer::model_var(const VarDecl *d, int cpu) const {
  const auto &v = var_index_.at(d);
  return v.size() == 1 ? v[0] : v.at(cpu);
}

std::uint32_t Lowerer::slot_var(int cpu, int level, int entry, int slot) const {
  return slot_vars_.at({cpu, level, entry})[slot];
}

void Lowerer::build_entries() {
  auto add = [&](const ProcDecl *p) {
    if (entry_of_.count(p)) return;
    entry_of_[p] = static_cast<int>(cfgs_.size());
    cfgs_.push_back(build_cfg(*p, m_.instrumentable_requires, diags_, limits_));
  };
  for (const ProcDecl *t : m_.task_of_cpu) add(t);
  for (const InterruptSource &s : m_.sources) add(s.handler);
}

std::vector<int> Lowerer::entries_at(int cpu, int level) const {
  if (level == 0) return {entry_of_.at(m_.task_of_cpu[cpu])};
  std::vector<int> out;
  for (const InterruptSource &s : m_.sources) out.push_back(entry_of_.at(s.handler));
  return out;
}

std::uint32_t Lowerer::add_var(ir::StateVar v) {
  ts_.vars.push_back(std::move(v));
  return static_cast<std::uint32_t>(ts_.vars.size() - 1);
}

ir::Sort Lowerer::storage_sort(const Type &t) {
  return t.is(TypeKind::Bool) ? ir::Sort::boolean() : ir::Sort::bv(storage_bits(t));
}

ir::StateVar Lowerer::typed_var(const std::string &name, const Type &t, ir::VarRole role) {
  ir::StateVar v;
  v.name = name;
  v.sort = storage_sort(t);
  v.role = role;
  v.type_name = t.name();
  if (t.is(TypeKind::Enum)) {
    v.enum_names = t.enm->names;
    v.type_name = t.enm->name;
  }
  v.is_signed = t.is(TypeKind::Int) && t.is_signed;
  return v;
}

ir::StateVar Lowerer::machine_var(const std::string &name, ir::Sort s, ir::VarRole role, int cpu, int level,
                                  std::uint64_t init) {
  ir::StateVar v;
  v.name = name;
  v.sort = s;
  v.role = role;
  v.cpu = cpu;
  v.level = level;
  v.init = init;
  v.type_name = s.is_bool ? "bool" : "u" + std::to_string(s.width);
  return v;
}

void Lowerer::reserve_steps() {
  std::size_t steps = 0, largest = 0;
  for (int c = 0; c < m_.cpus; ++c)
    for (int l = 0; l < ts_.levels; ++l)
      for (int e : entries_at(c, l)) steps += cfgs_[e].size;
  for (std::size_t e = 1; e < cfgs_.size(); ++e)
    if (cfgs_[e].size > cfgs_[largest].size) largest = e;
  budget_.reserve(steps, cfgs_[largest].proc->loc);
}

void Lowerer::check_state_bits(unsigned pc_bits, unsigned depth_bits, unsigned src_bits) {
  std::size_t bits = 0;
  for (const VarDecl *d : m_.vars)
    bits += storage_bits(d->type.resolved) * (d->storage == Storage::Global ? 1 : m_.cpus);
  std::vector<std::size_t> slot_bits(cfgs_.size(), 0), entry_bits(cfgs_.size(), 0);
  for (std::size_t e = 0; e < cfgs_.size(); ++e)
    for (const Slot &s : cfgs_[e].slots) slot_bits[e] += storage_bits(s.type);
  for (int c = 0; c < m_.cpus; ++c) {
    bits += 2 + depth_bits;  // IF, user, depth
    for (int l = 0; l < ts_.levels; ++l) {
      bits += src_bits + pc_bits + 2;  // src, pc, saved_IF, saved_user
      for (int e : entries_at(c, l)) {
        bits += slot_bits[e];
        entry_bits[e] += slot_bits[e];
      }
    }
  }
  std::size_t largest = 0;
  for (std::size_t e = 1; e < cfgs_.size(); ++e)
    if (entry_bits[e] > entry_bits[largest]) largest = e;
  budget_.check_state_bits(bits, *cfgs_[largest].proc, entry_bits[largest]);
}

void Lowerer::layout() {
  std::uint64_t next = kPcFirst;
  for (const EntryCfg &e : cfgs_) {
    base_.push_back(next);
    next += e.nodes.size();
  }
  const ir::Sort pc_sort = ir::Sort::bv(bits_for(next));
  const ir::Sort depth_sort = ir::Sort::bv(bits_for(ts_.levels));
  const ir::Sort src_sort = ir::Sort::bv(bits_for(m_.sources.size() + 1));
  reserve_steps();
  check_state_bits(pc_sort.width, depth_sort.width, src_sort.width);
  ts_.default_depth = m_.bound;
  for (const InterruptSource &s : m_.sources) {
    ir::InterruptSource src;
    src.name = s.handler->name;
    src.kind = s.kind == InterruptKind::Irq   ? ir::SourceKind::Irq
               : s.kind == InterruptKind::Nmi ? ir::SourceKind::Nmi
                                              : ir::SourceKind::Exception;
    src.nesting = s.nest;
    ts_.sources.push_back(src);
  }
  // Model variables.
  for (const VarDecl *d : m_.vars) {
    const Type &t = d->type.resolved;
    int copies = d->storage == Storage::Global ? 1 : m_.cpus;
    for (int c = 0; c < copies; ++c) {
      std::string name =
          d->storage == Storage::Global || m_.cpus == 1 ? d->name : "cpu" + std::to_string(c) + "." + d->name;
      ir::StateVar v = typed_var(name, t, ir::VarRole::Model);
      v.cpu = d->storage == Storage::Global ? -1 : c;
      if (!d->init_any) {
        std::uint64_t init = d->initial_value;
        if (t.is(TypeKind::Range))
          init -= static_cast<std::uint64_t>(t.lo);  // stored as the offset from lo, modulo 2^64
        v.init = init & ir::mask_of(v.sort.width);
      }
      var_index_[d].push_back(add_var(std::move(v)));
    }
  }
  // Machine state and context-local slots per CPU.
  for (int c = 0; c < m_.cpus; ++c) {
    std::string p = "cpu" + std::to_string(c) + ".";
    ir::CpuLayout cl;
    cl.task = m_.task_of_cpu[c]->name;
    cl.irq_flag = add_var(machine_var(p + "IF", ir::Sort::boolean(), ir::VarRole::IrqFlag, c, -1, 1));
    cl.user_mode = add_var(machine_var(p + "user", ir::Sort::boolean(), ir::VarRole::UserMode, c, -1,
                                       m_.task_starts_user[c] ? 1 : 0));
    cl.depth = add_var(machine_var(p + "depth", depth_sort, ir::VarRole::Depth, c, -1, 0));
    int task_entry = entry_of_.at(m_.task_of_cpu[c]);
    for (int l = 0; l < ts_.levels; ++l) {
      std::string q = p + "l" + std::to_string(l) + ".";
      cl.source.push_back(add_var(machine_var(q + "src", src_sort, ir::VarRole::Source, c, l, 0)));
      std::uint64_t pc0 = l == 0 ? entry_pc(task_entry, cfgs_[task_entry].start_label) : kPcNone;
      cl.pc.push_back(add_var(machine_var(q + "pc", pc_sort, ir::VarRole::Pc, c, l, pc0)));
      cl.saved_if.push_back(
          add_var(machine_var(q + "saved_IF", ir::Sort::boolean(), ir::VarRole::SavedIf, c, l, 0)));
      cl.saved_user.push_back(
          add_var(machine_var(q + "saved_user", ir::Sort::boolean(), ir::VarRole::SavedUser, c, l, 0)));
      for (int e : entries_at(c, l)) {
        std::vector<std::uint32_t> &slots = slot_vars_[{c, l, e}];
        for (const Slot &s : cfgs_[e].slots) {
          ir::StateVar v = typed_var(q + cfgs_[e].proc->name + "." + s.name, s.type,
                                     s.ghost ? ir::VarRole::Ghost : ir::VarRole::Local);
          v.cpu = c;
          v.level = l;
          v.init = 0;
          slots.push_back(add_var(std::move(v)));
        }
      }
    }
    ts_.cpus.push_back(cl);
  }
  ts_.exec_at.assign(m_.cpus, std::vector<std::vector<int>>(ts_.levels, std::vector<int>(next, -1)));
  ts_.deliver_at.assign(m_.cpus,
                        std::vector<std::vector<int>>(ts_.levels, std::vector<int>(m_.sources.size(), -1)));
  ts_.return_at.assign(m_.cpus, std::vector<int>(ts_.levels, -1));
}

std::uint64_t Lowerer::entry_pc(int entry, int label) const {
  int node = cfgs_[entry].label_node[label];
  return node < 0 ? kPcReturn : base_[entry] + node;
}

ExprId Lowerer::pc_const(std::uint64_t pc) { return pool_.constant(ts_.vars[ts_.cpus[0].pc[0]].sort, pc); }

ExprId Lowerer::var_eq(std::uint32_t v, std::uint64_t value) {
  return pool_.eq(pool_.var(v, ts_.vars[v].sort), pool_.constant(ts_.vars[v].sort, value));
}

std::uint32_t Lowerer::property(const std::string &name, const std::string &msg, const Loc &loc,
                                ir::PropertyKind kind) {
  auto it = prop_id_.find(name);
  if (it != prop_id_.end()) {
    if (ts_.properties[it->second].kind != kind)
      diags_.error(loc, "'" + name + "' is used both as an invariant and as an assertion");
    return it->second;
  }
  ir::Property p;
  p.name = name;
  p.message = msg;
  p.kind = kind;
  p.loc = to_ir(loc);
  ts_.properties.push_back(p);
  prop_id_[name] = static_cast<std::uint32_t>(ts_.properties.size() - 1);
  return prop_id_[name];
}

ir::SourceLoc Lowerer::to_ir(const Loc &l) const {
  return {l.file >= 0 ? sm_.path(l.file) : "", l.line, l.col};
}

int Lowerer::source_index(const ProcDecl *p) const {
  for (std::size_t i = 0; i < m_.sources.size(); ++i)
    if (m_.sources[i].handler == p) return static_cast<int>(i);
  return -1;
}

void Lowerer::invariants() {
  for (const InvariantDecl *inv : m_.invariants) {
    ExprId all = pool_.tru();
    for (int c = 0; c < m_.cpus; ++c) {
      budget_.begin("invariant '" + inv->name + "'", 0);
      std::vector<ExprId> requirements;
      InstanceEnv env(*this, c, -1, -1, nullptr, nullptr, nullptr);
      env.invariant = true;
      env.invariant_requirements = &requirements;
      ExprLowerer low(pool_, diags_, env);
      ExprId holds = low.to_bool(env.eval(*inv->cond), inv->cond->type);
      for (ExprId r : requirements) holds = pool_.land(r, holds);
      all = pool_.land(all, holds);
    }
    ts_.properties[prop_id_.at(inv->name)].holds = all;
  }
}

}  // namespace ctcheck::frontend::lowering

namespace ctcheck::frontend {

using lowering::Lowerer;

bool lower(const Model &model, Diagnostics &diags, const SourceManager &sm, ir::TransitionSystem &out,
           const Limits &limits) {
  try {
    Lowerer(model, diags, sm, out, limits).run();
  } catch (FatalError &) {
  }
  return !diags.has_errors();
}

bool load_model(const std::string &path, const FileReader &reader, LoadedModel &out, Diagnostics &diags,
                const Limits &limits) {
  if (!load_program(path, reader, out.sources, diags, out.program, limits.max_nesting)) return false;
  if (!analyse(out.program, diags, out.model)) return false;
  out.ts.model_file = path;
  if (!lower(out.model, diags, out.sources, out.ts, limits)) return false;
  // A declared abstraction must be exact (ir/abstraction.h): else it is an error at its declaration.
  for (const DeclaredAbstraction &a : out.model.abstractions) {
    std::vector<ir::Abstraction> mine;
    for (const ir::Abstraction &b : out.ts.abstractions)
      if (b.loc.line == a.loc.line && b.loc.file == out.sources.path(a.loc.file)) mine.push_back(b);
    for (const std::string &why : ir::check_abstraction(out.ts, mine))
      diags.error(a.loc,
                  "'" + a.var->name + "' cannot be kept modulo 2^" + std::to_string(a.bits) + ": " + why);
  }
  return !diags.has_errors();
}

}  // namespace ctcheck::frontend
