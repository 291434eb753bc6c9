// "Did you mean ...?" for names a user typed: subcommands, flags, property
// names, procedure and variable names in a model's diagnostics.
#pragma once

#include <string>
#include <vector>

#include "frontend/lower.h"

namespace ctcheck::cli {

// The candidate closest to `word` (edit distance with transpositions, at
// most a third of the word's length, at least 1), "" when none is close.
std::string closest(const std::string &word, const std::vector<std::string> &candidates);

// " (did you mean 'NAME'?)" for the closest candidate, or "".
std::string did_you_mean(const std::string &word, const std::vector<std::string> &candidates);

// Prints the diagnostics of a model that did not load, each "unknown
// procedure 'x'" / "unknown name 'x'" followed by "note: did you mean 'y'?"
// when the model declares something close.
void print_diagnostics(const frontend::LoadedModel &lm, const frontend::Diagnostics &diags,
                       std::ostream &out);

}  // namespace ctcheck::cli
