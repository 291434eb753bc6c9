// The certificate's decision-diagram order (ir/state_set.h): control above
// data, and each context level's locals next to the pc that decides them.
#include "ir/state_set.h"

#include <gtest/gtest.h>

#include "model.h"

namespace ctcheck::ir {
namespace {

using testing::lower_text;

TEST(StateSetOrder, EachLevelsLocalsFollowItsPcAndPrecedeTheModelVariables) {
  auto lm = lower_text(R"(
cpus 2;
global u8 shared = 0;
percpu u4 mine = 0;
void task0() {
    u4 t;
    while (true) { t = mine; shared = shared + t; mine = t + 1; }
}
void handler() {
    u4 h;
    h = mine;
    mine = h;
}
task task0;
irq handler nest 1;
)");
  ASSERT_TRUE(lm);
  const TransitionSystem &ts = lm->ts;
  const std::vector<std::uint32_t> order = level_major_order(ts);
  ASSERT_EQ(order.size(), ts.vars.size());
  std::vector<std::size_t> at(ts.vars.size());
  for (std::size_t i = 0; i < order.size(); ++i) at[order[i]] = i;
  std::size_t first_model = order.size(), locals = 0;
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
    if (ts.vars[v].role == VarRole::Model) first_model = std::min(first_model, at[v]);
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    const StateVar &sv = ts.vars[v];
    if (sv.role == VarRole::Depth || sv.role == VarRole::IrqFlag || sv.role == VarRole::UserMode ||
        sv.role == VarRole::Pc) {
      EXPECT_LT(at[v], first_model) << sv.name;  // control above the data
    }
    if (sv.role != VarRole::Local || sv.level < 0) continue;
    ++locals;
    EXPECT_LT(at[v], first_model) << sv.name;
    // Its own level's pc comes before it, and no other level's pc lies between them.
    std::size_t own = order.size();
    for (std::uint32_t p = 0; p < ts.vars.size(); ++p)
      if (ts.vars[p].role == VarRole::Pc && ts.vars[p].cpu == sv.cpu && ts.vars[p].level == sv.level)
        own = at[p];
    ASSERT_LT(own, at[v]) << sv.name;
    for (std::uint32_t p = 0; p < ts.vars.size(); ++p) {
      if (ts.vars[p].role != VarRole::Pc) continue;
      EXPECT_FALSE(own < at[p] && at[p] < at[v])
          << ts.vars[p].name << " lies between " << sv.name << " and its level's pc";
    }
  }
  EXPECT_GT(locals, 0u);
}

}  // namespace
}  // namespace ctcheck::ir
