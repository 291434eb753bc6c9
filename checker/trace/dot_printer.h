// The protocol-state graph (core/state_graph.h) as Graphviz DOT: one node per
// projected state, labelled in the model's terms, edges labelled with the
// procedures that take them. `title` goes into the leading comment.
#pragma once

#include <ostream>
#include <string>

#include "core/state_graph.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

void print_dot(const ir::TransitionSystem &ts, const core::StateGraph &g, const std::string &title,
               std::ostream &out);

}  // namespace ctcheck::trace
