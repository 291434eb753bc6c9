// Running independent work on threads: models of `cases`, property groups of
// BMC, engines of the portfolio.
#pragma once

#include <cstddef>
#include <functional>

namespace ctcheck::engines {

// The number of hardware threads (at least 1).
int default_jobs();

// Calls fn(0..n-1) on min(jobs, n) threads (inline when that is 1). An
// exception thrown by fn is rethrown here after every thread has finished.
void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t)> &fn);

}  // namespace ctcheck::engines
