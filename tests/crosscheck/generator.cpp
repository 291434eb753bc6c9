#include "generator.h"

#include <random>
#include <sstream>

namespace ctcheck::crosscheck {
namespace {

struct Var {
  std::string name, type;  // type: u4 u8 s8 bool
  bool percpu = false;
  bool is_bool() const { return type == "bool"; }
  int max_const() const { return type == "u4" ? 15 : type == "s8" ? 127 : 255; }
};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed * 0x9E3779B97F4A7C15ull + 12345) {}

  GModel model() {
    GModel m;
    m.cpus = pick(2) == 0 ? 2 : 1;
    cpus2_ = m.cpus == 2;
    m.bound = 12;
    const int nvars = 1 + pick(3);
    bool any_used = false;
    static const char *types[] = {"u4", "u8", "s8", "bool"};
    for (int i = 0; i < nvars; ++i) {
      Var v{"v" + std::to_string(i), types[pick(4)]};
      v.percpu = pick(2) != 0;
      vars_.push_back(v);
      std::string storage = v.percpu ? "percpu" : "global";
      std::string init;
      if (!any_used && (v.type == "u4" || v.is_bool()) && pick(5) == 0) {
        init = "any";
        any_used = true;
      } else if (v.is_bool()) {
        init = pick(2) ? "true" : "false";
      } else {
        init = std::to_string(v.type == "s8" ? pick(7) - 3 : pick(4));
      }
      m.vars.push_back(storage + " " + v.type + " " + v.name + " = " + init + ";");
    }
    noinstr_ = pick(3) != 0;
    if (noinstr_) {
      // The helpers first: their bodies call nothing (no recursion).
      GProc trace;
      trace.name = "trace0";
      trace.section = "instrumentable ";
      if (pick(2)) trace.body.push_back(assignment());
      can_call_trace_ = true;
      GProc ni;
      ni.name = "ni0";
      ni.section = "noinstr ";
      ni.body = block(1 + pick(3), 1);
      m.helpers = {trace, ni};
      can_call_ni_ = true;
      m.decls.push_back("instrumentable requires w0(" + cond(true) +
                        ", \"instrumentable code needs this\");");
    }
    GProc task;
    task.name = "task0";
    if (noinstr_ && pick(4) == 0) task.section = "noinstr ";
    task.loop = pick(6) != 0;
    task.body = block(2 + pick(4), 2);
    m.procs.push_back(std::move(task));
    const int nsrc = 1 + pick(2);
    for (int s = 0; s < nsrc; ++s) {
      GProc h;
      h.name = "h" + std::to_string(s);
      if (noinstr_ && pick(2)) h.section = "noinstr ";
      h.body = block(1 + pick(3), 2);
      if (noinstr_)  // regions and calls at any point of the handler
        for (int k = pick(4); k > 0; --k)
          h.body.insert(h.body.begin() + pick(static_cast<int>(h.body.size()) + 1), noinstr_statement());
      if (pick(3) == 0) {  // an old() check at the end of a handler
        const Var &v = vars_[pick(vars_.size())];
        h.body.push_back(simple("assert a" + std::to_string(asserts_++) + "(" + v.name + " == old(" + v.name +
                                "), \"handler changed " + v.name + "\");"));
      }
      m.procs.push_back(std::move(h));
      // IRQs nest when a handler enables IRQs; NMIs nest in anything;
      // exceptions come at may_fault() points (and nest through handlers that fault).
      const int kind = pick(6);
      const char *word = kind == 0 ? "nmi " : kind == 1 ? "exception " : "irq ";
      m.sources.push_back(std::string(word) + "h" + std::to_string(s) + " nest " +
                          std::to_string(1 + (pick(4) == 0 ? 2 : pick(2))) + ";");
    }
    const int ninv = pick(3);
    for (int i = 0; i < ninv; ++i)
      m.invariants.push_back("invariant i" + std::to_string(i) + "(" + cond(true) + ", \"invariant " +
                             std::to_string(i) + "\");");
    return m;
  }

 private:
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

  static GStmt simple(std::string t) {
    GStmt s;
    s.text = std::move(t);
    return s;
  }

  std::string constant(const Var &v) {
    if (v.type == "s8") return std::to_string(pick(9) - 4);
    if (pick(6) == 0) return std::to_string(v.max_const());  // near the wrap-around
    return std::to_string(pick(v.type == "u4" ? 6 : 5));
  }

  // Locals of every procedure (declared without initialiser: no step), so the
  // reduction's merged steps and shared slots are exercised.
  static const std::vector<Var> &locals() {
    static const std::vector<Var> l{{"l0", "u4"}, {"l1", "bool"}};
    return l;
  }
  const Var &any_var(bool invariant) {
    if (!invariant && pick(3) == 0) return locals()[pick(locals().size())];
    return vars_[pick(vars_.size())];
  }

  // A statement on locals only (a local step), or moving a value between a
  // local and a model variable of the same kind (a visible one).
  GStmt local_statement() {
    const Var &l = locals()[pick(locals().size())];
    switch (pick(5)) {
      case 0:
        return simple(l.is_bool() ? l.name + " = !" + l.name + ";" : l.name + " = " + l.name + " + 1;");
      case 1:
        return simple(l.is_bool() ? l.name + " = l0 > 2;"
                                  : l.name + " = l0 + " + std::to_string(pick(3)) + ";");
      case 2: {
        for (const Var &v : vars_)
          if (v.is_bool() == l.is_bool() && (v.is_bool() || v.type == "u4"))
            return simple(l.name + " = " + v.name + ";");
        return simple(l.name + " = " + (l.is_bool() ? "true" : "3") + ";");
      }
      case 3: {
        for (const Var &v : vars_)
          if (v.is_bool() == l.is_bool() && (v.is_bool() || v.type == "u4"))
            return simple(v.name + " = " + l.name + ";");
        return simple(l.name + " = " + (l.is_bool() ? "false" : "0") + ";");
      }
      default:
        return simple("assert a" + std::to_string(asserts_++) + "(" +
                      (l.is_bool() ? "l1 || l0 < 9" : "l0 != 7") + ", \"local check\");");
    }
  }

  // A CPU number for per_cpu(): constants in range, the other CPU, or one
  // computed from a variable, which may be out of range (the built-in
  // property per_cpu_index_in_range).
  std::string cpu_index(bool invariant) {
    switch (pick(8)) {
      case 0:
        return "0";
      case 1:
        return cpus2_ ? "1" : "0";
      case 2:
        return invariant ? "0" : "smp_processor_id()";
      case 3:
        return cpus2_ && !invariant ? "1 - smp_processor_id()" : "0";
      case 4:
      case 5:
        return invariant ? "0" : "l0 & 1";
      default: {
        for (const Var &w : vars_)
          if (!w.is_bool() && w.type != "s8") return "(" + w.name + " & 1)";
        return "0";
      }
    }
  }
  const Var *int_var() {
    std::vector<const Var *> ints;
    for (const Var &v : vars_)
      if (!v.is_bool()) ints.push_back(&v);
    return ints.empty() ? nullptr : ints[pick(ints.size())];
  }

  std::string atom(bool invariant) {
    const Var &v = any_var(invariant);
    const int r = pick(10);
    if (r == 0) return invariant ? "in_handler()" : "irqs_disabled()";
    if (r == 1) return "!irqs_disabled()";
    if (r == 2 && cpus2_) return "smp_processor_id() == " + std::to_string(pick(2));
    if (v.is_bool()) return pick(2) ? v.name : "!" + v.name;
    static const char *ops[] = {"==", "!=", "<", ">=", "<=", ">"};
    std::string lhs = v.name;
    if (pick(4) == 0)
      lhs = "(" + v.name + " + " + constant(v) + ")";
    else if (v.percpu && pick(4) == 0)
      lhs = "per_cpu(" + v.name + ", " + cpu_index(invariant) + ")";
    return lhs + " " + ops[pick(6)] + " " + constant(v);
  }

  std::string cond(bool invariant = false) {
    std::string c = atom(invariant);
    if (pick(4) == 0) c += std::string(pick(2) ? " && " : " || ") + atom(invariant);
    return c;
  }

  GStmt assignment() {
    const Var &v = vars_[pick(vars_.size())];
    if (v.is_bool()) {
      switch (pick(3)) {
        case 0:
          return simple(v.name + " = !" + v.name + ";");
        case 1:
          return simple(v.name + " = " + cond() + ";");
        default:
          return simple(v.name + " = " + (pick(2) ? "true" : "false") + ";");
      }
    }
    switch (pick(13)) {
      case 0:
        return simple(v.name + "++;");
      case 1:
        return simple(v.name + "--;");
      case 2:
        return simple(v.name + " = " + v.name + " + " + constant(v) + ";");
      case 3:
        return simple(v.name + " += " + constant(v) + ";");
      case 4:
        return simple(v.name + " = " + constant(v) + ";");
      case 5: {
        const Var &w = vars_[pick(vars_.size())];
        return simple(v.name + " = " + (w.is_bool() ? "(" + w.name + " ? 1 : 2)" : w.name + " - 1") + ";");
      }
      case 6: {  // wrap-around through multiplication, negation, complement, casts
        static const char *forms[] = {" * 3", " * -1", "", ""};
        const int f = pick(4);
        if (f == 2) return simple(v.name + " = -" + v.name + ";");
        if (f == 3) return simple(v.name + " = (" + v.type + ")(~" + v.name + " + 1);");
        return simple(v.name + " = " + v.name + forms[f] + ";");
      }
      case 7: {  // shifts by constants (in range: the model must load)
        const std::string c = std::to_string(pick(4));
        switch (pick(3)) {
          case 0:
            return simple(v.name + " = " + v.name + " << " + c + ";");
          case 1:
            return simple(v.name + " >>= " + c + ";");
          default:
            return simple(v.name + " = (" + v.name + " >> " + c + ") ^ 1;");
        }
      }
      case 8: {  // a shift by a variable: shift_in_range fails for a negative or too large count
        const Var *w = int_var();
        if (!w) return simple(v.name + " <<= 1;");
        return simple(v.name + " = " + (pick(2) ? "1" : v.name) + " << " + w->name + ";");
      }
      case 9:
      case 10: {  // per-CPU indexing
        const Var *p = nullptr;
        for (const Var &w : vars_)
          if (w.percpu && !w.is_bool()) p = &w;
        if (!p) return simple(v.name + " = " + v.name + " + 1;");
        const std::string pc = "per_cpu(" + p->name + ", " + cpu_index(false) + ")";
        if (pick(2)) return simple(pc + " = " + pc + " + 1;");
        return simple(v.name + " = " + pc + " - " + constant(v) + ";");
      }
      default:
        return simple(v.name + " = " + v.name + " - " + constant(v) + ";");
    }
  }

  // instrumentation_begin()/end() (balanced or not), a call into
  // instrumentable code, a noinstr helper.
  GStmt noinstr_statement() {
    switch (pick(6)) {
      case 0:
      case 1:
        return simple("instrumentation_begin();");
      case 2:
        return simple("instrumentation_end();");
      case 3:
        if (can_call_ni_) return simple("ni0();");
        [[fallthrough]];
      default:
        return simple(can_call_trace_ ? "trace0();" : "instrumentation_end();");
    }
  }

  GStmt statement(int depth) {
    const int r = pick(24);
    if (r == 19 && noinstr_) return noinstr_statement();
    if (r >= 20) return local_statement();
    if (r < 7) return assignment();
    if (r < 10) {
      static const char *irq[] = {"local_irq_disable();", "local_irq_enable();", "local_irq_save(flags);",
                                  "local_irq_restore(flags);"};
      return simple(irq[pick(4)]);
    }
    if (r < 13 && depth > 0) {
      GStmt s;
      s.kind = GStmt::If;
      s.text = "if (" + cond() + ")";
      s.then = block(1 + pick(2), depth - 1);
      if (pick(2)) s.els = block(1 + pick(2), depth - 1);
      return s;
    }
    if (r < 16) return simple("assert a" + std::to_string(asserts_++) + "(" + cond() + ", \"check\");");
    if (r == 16) return simple(pick(3) == 0 ? "may_fault();" : "assume(" + cond() + ");");
    if (r == 17) {
      const Var &v = vars_[pick(vars_.size())];
      if (v.is_bool()) return simple(v.name + " = nondet_bool();");
      return simple(v.name + " = nondet_int(0, " + std::to_string(1 + pick(3)) + ");");
    }
    if (r == 18) {
      GStmt s;
      s.kind = GStmt::Atomic;
      s.text = "atomic";
      s.then.push_back(assignment());
      s.then.push_back(assignment());
      return s;
    }
    return assignment();
  }

  std::vector<GStmt> block(int n, int depth) {
    std::vector<GStmt> out;
    for (int i = 0; i < n; ++i) out.push_back(statement(depth));
    return out;
  }

  std::mt19937_64 rng_;
  bool noinstr_ = false, can_call_trace_ = false, can_call_ni_ = false;
  std::vector<Var> vars_;
  int asserts_ = 0;
  bool cpus2_ = false;
};

void render_block(const std::vector<GStmt> &b, int indent, std::ostringstream &out) {
  const std::string pad(static_cast<std::size_t>(indent) * 4, ' ');
  for (const GStmt &s : b) {
    if (s.kind == GStmt::Simple) {
      out << pad << s.text << "\n";
      continue;
    }
    out << pad << s.text << " {\n";
    render_block(s.then, indent + 1, out);
    out << pad << "}";
    if (s.kind == GStmt::If && !s.els.empty()) {
      out << " else {\n";
      render_block(s.els, indent + 1, out);
      out << pad << "}";
    }
    out << "\n";
  }
}

int count(const std::vector<GStmt> &b) {
  int n = 0;
  for (const GStmt &s : b) n += 1 + count(s.then) + count(s.els);
  return n;
}

// Removes the i-th statement in pre-order; i is decremented as statements pass.
bool remove_at(std::vector<GStmt> &b, int &i) {
  for (std::size_t k = 0; k < b.size(); ++k) {
    if (i == 0) {
      b.erase(b.begin() + static_cast<std::ptrdiff_t>(k));
      return true;
    }
    --i;
    if (remove_at(b[k].then, i) || remove_at(b[k].els, i)) return true;
  }
  return false;
}

}  // namespace

std::string GModel::render() const {
  std::ostringstream out;
  out << "// generated by tests/crosscheck/generator.cpp\n";
  out << "cpus " << cpus << ";\nbound " << bound << ";\n";
  for (const std::string &v : vars) out << v << "\n";
  for (const std::string &d : decls) out << d << "\n";
  std::vector<GProc> all = helpers;
  all.insert(all.end(), procs.begin(), procs.end());
  for (const GProc &p : all) {
    out << p.section << "void " << p.name << "() {\n    unsigned long flags;\n    u4 l0;\n    bool l1;\n";
    if (p.loop) {
      out << "    while (true) {\n";
      render_block(p.body, 2, out);
      out << "    }\n";
    } else {
      render_block(p.body, 1, out);
    }
    out << "}\n";
  }
  out << "task " << procs.at(0).name << ";\n";
  for (const std::string &s : sources) out << s << "\n";
  for (const std::string &i : invariants) out << i << "\n";
  return out.str();
}

int GModel::items() const {
  int n = 0;
  for (const GProc &p : procs) n += count(p.body);
  return n + static_cast<int>(invariants.size() + sources.size());
}

GModel GModel::without(int i) const {
  GModel m = *this;
  for (GProc &p : m.procs) {
    const int c = count(p.body);
    if (i < c) {
      remove_at(p.body, i);
      return m;
    }
    i -= c;
  }
  if (i < static_cast<int>(m.invariants.size())) {
    m.invariants.erase(m.invariants.begin() + i);
    return m;
  }
  i -= static_cast<int>(m.invariants.size());
  if (i < static_cast<int>(m.sources.size()) && m.sources.size() > 1) {
    m.sources.erase(m.sources.begin() + i);
    m.procs.erase(m.procs.begin() + 1 + i);
  }
  return m;
}

GModel generate(std::uint64_t seed) { return Gen(seed).model(); }

}  // namespace ctcheck::crosscheck
