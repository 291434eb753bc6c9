// `ctcheck cases [DIR]`: run every case, compare with its expectations, print a
// table. One code path whatever the options: cmd_cases_batch.cpp.
#include "cli/commands.h"

namespace ctcheck::cli {

int run_cases(const CasesOptions &opt) { return run_cases_batch(opt); }

}  // namespace ctcheck::cli
