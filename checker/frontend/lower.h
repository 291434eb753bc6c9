// Lowers an analysed model to the transition system of checker/ir: machine
// state per CPU (IF, mode, context levels), one Exec action per CFG node per
// (CPU, level), one Deliver action per (CPU, level, interrupt source), one
// Return action per (CPU, level >= 1). docs/semantics.md describes the result.
#pragma once

#include <string>

#include "frontend/diagnostics.h"
#include "frontend/limits.h"
#include "frontend/loader.h"
#include "frontend/sema.h"
#include "ir/transition_system.h"

namespace ctcheck::frontend {

// Returns false (errors recorded) when the model cannot be lowered.
bool lower(const Model &model, Diagnostics &diags, const SourceManager &sm, ir::TransitionSystem &out,
           const Limits &limits = Limits{});

// The whole front end: load, analyse, lower. Errors go to `diags`.
struct LoadedModel {
  SourceManager sources;
  Program program;
  Model model;
  ir::TransitionSystem ts;
};
// `limits` bound what the model may ask of the front end (see limits.h).
bool load_model(const std::string &path, const FileReader &reader, LoadedModel &out, Diagnostics &diags,
                const Limits &limits = Limits{});

}  // namespace ctcheck::frontend
