#include "frontend/call_graph.h"

#include <set>

#include "frontend/builtins.h"

namespace ctcheck::frontend {
namespace {

// The procedures an expression calls; `nondet` is set when it uses a
// nondeterministic built-in.
void callees_of(const Expr &e, std::vector<const ProcDecl *> &out, bool &nondet) {
  if (e.builtin && e.builtin->is_nondet()) nondet = true;
  if (e.callee) out.push_back(e.callee);
  for (const auto &a : e.args) callees_of(*a, out, nondet);
}

}  // namespace

void settle_expression_procedures(const Program &prog, const CallGraph &graph, Diagnostics &diags) {
  std::map<const ProcDecl *, std::vector<ProcDecl *>> callers;  // of expression procedures
  std::vector<ProcDecl *> dropped;                              // worklist
  for (Decl *d : prog.decls) {
    ProcDecl *p = d->as<ProcDecl>();
    if (!p || !p->expression_body) continue;
    std::vector<const ProcDecl *> callees;
    bool impure = false;
    callees_of(*p->expression_body, callees, impure);
    for (const ProcDecl *callee : callees) {
      impure |= !callee->expression_body;
      callers[callee].push_back(p);
    }
    if (impure) dropped.push_back(p);
  }
  while (!dropped.empty()) {
    ProcDecl *p = dropped.back();
    dropped.pop_back();
    if (!p->expression_body) continue;
    p->expression_body = nullptr;
    for (ProcDecl *caller : callers[p])
      if (caller->expression_body) dropped.push_back(caller);
  }
  for (const Expr *e : graph.conditional)
    if (e->callee && !e->callee->expression_body)
      diags.error(e->loc, "call to '" + e->op +
                              "' may not be evaluated here (right of && or ||, or inside ?:); use a local");
}

void check_recursion(const Program &prog, const CallGraph &graph, Diagnostics &diags) {
  static const std::vector<CallGraph::Call> kNoCalls;
  auto calls_of = [&](const ProcDecl *p) -> const std::vector<CallGraph::Call> & {
    auto it = graph.calls.find(p);
    return it == graph.calls.end() ? kNoCalls : it->second;
  };
  // Depth-first, with an explicit stack: a call chain can be as long as the model.
  enum State { New, OnStack, Done };
  std::map<const ProcDecl *, State> state;
  struct Visit {
    const ProcDecl *proc;
    std::size_t next_call;
  };
  for (const Decl *d : prog.decls) {
    const ProcDecl *root = d->as<ProcDecl>();
    if (!root || state[root] != New) continue;
    std::vector<Visit> stack{{root, 0}};
    state[root] = OnStack;
    while (!stack.empty()) {
      Visit &top = stack.back();
      const std::vector<CallGraph::Call> &calls = calls_of(top.proc);
      if (top.next_call == calls.size()) {
        state[top.proc] = Done;
        stack.pop_back();
        continue;
      }
      const CallGraph::Call &call = calls[top.next_call++];
      State &s = state[call.callee];
      if (s == OnStack)
        diags.error(call.loc, "recursive call to '" + call.callee->name + "' (recursion cannot be inlined)");
      else if (s == New) {
        s = OnStack;
        stack.push_back({call.callee, 0});
      }
    }
  }
}

}  // namespace ctcheck::frontend
