// Loading models for the cost tests: from text, from the repository, and with
// every cost annotation stripped (same lines, no cost events).
#pragma once

#include <memory>
#include <string>

#include "frontend/lower.h"

namespace ctcheck::testing {

std::unique_ptr<frontend::LoadedModel> lower_text(const std::string &text);
// `rel` is relative to the repository ("cases/linux-4.3.ct").
std::unique_ptr<frontend::LoadedModel> lower_repo(const std::string &rel, bool strip_costs = false);
// `cost NAME [N];` -> `;`, smp_mb*() -> barrier(): the text the model would be
// without its cost events, on the same lines.
std::string strip_costs(const std::string &text);

}  // namespace ctcheck::testing
