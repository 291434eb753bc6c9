// Check reports as JUnit XML for CI test views: one <testsuite> per model,
// one <testcase> per property. A property that is not ok (a violation in a
// plain check, a broken case expectation, a gate regression) is a <failure>
// whose message holds the text trace; an unknown verdict is an <error>; a
// model that does not load is one <error> testcase named "load". A
// violation a case expects passes, with its trace in <system-out>.
// No timings: golden-testable.
#pragma once

#include <string>
#include <vector>

#include "trace/model_report.h"

namespace ctcheck::trace {

std::string to_junit(const std::vector<ModelReport> &models);

}  // namespace ctcheck::trace
