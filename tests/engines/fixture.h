// Small transition systems built by hand through the IR API (Pono-style
// counter systems), so engine tests do not depend on the front end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::testing {

class SystemBuilder {
 public:
  SystemBuilder() { ts.pool.tru(); }  // node 0 is `true`, so defaulted ExprIds mean true

  std::uint32_t var(const std::string &name, ir::Sort s, std::optional<std::uint64_t> init) {
    ir::StateVar v;
    v.name = name;
    v.sort = s;
    v.init = init;
    ts.vars.push_back(v);
    return static_cast<std::uint32_t>(ts.vars.size() - 1);
  }
  std::uint32_t u8(const std::string &name, std::optional<std::uint64_t> init) {
    return var(name, ir::Sort::bv(8), init);
  }
  std::uint32_t input(const std::string &name, ir::Sort s, std::uint64_t domain = 0) {
    ts.inputs.push_back({name, s, domain});
    return static_cast<std::uint32_t>(ts.inputs.size() - 1);
  }

  // Expressions
  ir::ExprId v(std::uint32_t var) { return ts.pool.var(var, ts.vars.at(var).sort); }
  ir::ExprId in(std::uint32_t input) { return ts.pool.input(input, ts.inputs.at(input).sort); }
  ir::ExprId c(unsigned width, std::uint64_t value) { return ts.pool.constant(ir::Sort::bv(width), value); }
  ir::ExprId tru() { return ts.pool.tru(); }
  ir::ExprId fls() { return ts.pool.fls(); }
  ir::ExprId add(ir::ExprId a, ir::ExprId b) { return ts.pool.binary(ir::Op::Add, a, b); }
  ir::ExprId eq(ir::ExprId a, ir::ExprId b) { return ts.pool.eq(a, b); }
  ir::ExprId ne(ir::ExprId a, ir::ExprId b) { return ts.pool.lnot(ts.pool.eq(a, b)); }
  ir::ExprId ult(ir::ExprId a, ir::ExprId b) { return ts.pool.binary(ir::Op::Ult, a, b); }
  ir::ExprId ule(ir::ExprId a, ir::ExprId b) { return ts.pool.binary(ir::Op::Ule, a, b); }
  ir::ExprId land(ir::ExprId a, ir::ExprId b) { return ts.pool.land(a, b); }
  ir::ExprId lnot(ir::ExprId a) { return ts.pool.lnot(a); }
  // var := var + 1
  ir::Update incr(std::uint32_t var) { return {var, add(v(var), ts.pool.constant(ts.vars.at(var).sort, 1))}; }

  int action(const std::string &name, std::vector<ir::Update> updates, ir::ExprId enabled = 0,
             ir::ExprId guard = 0) {
    ir::Action a;
    a.procedure = name;
    a.text = name;
    a.enabled = enabled == 0 ? tru() : enabled;
    a.guard = guard == 0 ? tru() : guard;
    a.updates = std::move(updates);
    ts.actions.push_back(std::move(a));
    return static_cast<int>(ts.actions.size() - 1);
  }
  // assert property(cond) in `action`, reached when `reach` holds.
  void check(int action, std::uint32_t property, ir::ExprId cond, ir::ExprId reach = 0) {
    ts.actions.at(action).checks.push_back({property, reach == 0 ? tru() : reach, cond, {}, {}});
  }

  std::uint32_t invariant(const std::string &name, ir::ExprId holds) {
    ir::Property p;
    p.name = name;
    p.kind = ir::PropertyKind::Invariant;
    p.holds = holds;
    ts.properties.push_back(p);
    return static_cast<std::uint32_t>(ts.properties.size() - 1);
  }
  std::uint32_t assertion(const std::string &name) {
    ir::Property p;
    p.name = name;
    p.kind = ir::PropertyKind::Assertion;
    ts.properties.push_back(p);
    return static_cast<std::uint32_t>(ts.properties.size() - 1);
  }

  ir::TransitionSystem ts;
};

}  // namespace ctcheck::testing
