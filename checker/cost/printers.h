// `ctcheck cost` output: one variant, or a base and a head side by side.
// Plain data in, text out; no dates, so golden files can pin them.
#pragma once

#include <ostream>
#include <string>

#include "cost/analysis.h"

namespace ctcheck::cost {

enum class CostFormat { Text, Json, Csv, Svg };

// `base` may be null (one variant).
void print_cost_text(const CostReport *base, const CostReport &head, std::ostream &os);
void print_cost_json(const CostReport *base, const CostReport &head, std::ostream &os);
void print_cost_csv(const CostReport *base, const CostReport &head, std::ostream &os);
// A grouped bar chart: per path one bar per variant, stacked by event (the maxima).
void print_cost_svg(const CostReport *base, const CostReport &head, std::ostream &os);

void print_cost(CostFormat f, const CostReport *base, const CostReport &head, std::ostream &os);

// "4", "2..4", "4..inf".
std::string range_text(const EventRange &r, bool unbounded);

}  // namespace ctcheck::cost
