#include <algorithm>
#include <string>
#include <vector>

#include "cost/printers.h"
#include "trace/xml.h"

namespace ctcheck::cost {
namespace {

// One colour per event, readable on white and in grey print.
const char *colour(ir::CostKind k) {
  static const char *c[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e",
                            "#9467bd", "#8c564b", "#7f7f7f", "#17becf"};
  return c[static_cast<std::size_t>(k)];
}

std::uint64_t stacked(const PathCost &p) {
  std::uint64_t t = 0;
  for (const EventRange &e : p.events) t += e.max;
  return t;
}

}  // namespace

void print_cost_svg(const CostReport *base, const CostReport &head, std::ostream &os) {
  std::vector<const CostReport *> variants;
  if (base) variants.push_back(base);
  variants.push_back(&head);
  std::vector<PathKind> paths;
  for (PathKind k : kAllPathKinds)
    for (const CostReport *r : variants)
      if (r->find(k) && std::find(paths.begin(), paths.end(), k) == paths.end()) paths.push_back(k);
  std::uint64_t top = 1;
  for (const CostReport *r : variants)
    for (const PathCost &p : r->paths) top = std::max(top, stacked(p));

  const int bar = 26, gap = 30, left = 50, plot_h = 260, plot_top = 40, legend_w = 190;
  const int group_w = static_cast<int>(variants.size()) * bar + gap;
  const int width = left + static_cast<int>(paths.size()) * group_w + legend_w;
  const int height = plot_top + plot_h + 150;
  const double unit = static_cast<double>(plot_h) / static_cast<double>(top);
  const int base_y = plot_top + plot_h;

  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
     << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  os << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  os << "<text x=\"" << left << "\" y=\"20\" font-size=\"14\">Cost events per path (maximum over all paths)";
  if (base)
    os << ": " << trace::xml_escape(base->model) << " vs " << trace::xml_escape(head.model);
  else
    os << ": " << trace::xml_escape(head.model);
  os << "</text>\n";
  // Axis with a tick per fifth of the range.
  os << "<line x1=\"" << left - 5 << "\" y1=\"" << base_y << "\" x2=\"" << width - legend_w << "\" y2=\""
     << base_y << "\" stroke=\"black\"/>\n";
  for (int t = 0; t <= 5; ++t) {
    const std::uint64_t v = top * static_cast<std::uint64_t>(t) / 5;
    const double y = base_y - static_cast<double>(v) * unit;
    os << "<text x=\"" << left - 8 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">" << v << "</text>\n";
    os << "<line x1=\"" << left - 4 << "\" y1=\"" << y << "\" x2=\"" << width - legend_w << "\" y2=\"" << y
       << "\" stroke=\"#eeeeee\"/>\n";
  }
  for (std::size_t g = 0; g < paths.size(); ++g) {
    const int gx = left + static_cast<int>(g) * group_w + gap / 2;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const PathCost *p = variants[v]->find(paths[g]);
      const int x = gx + static_cast<int>(v) * bar;
      if (!p) continue;
      double y = base_y;
      for (ir::CostKind k : ir::kAllCostKinds) {
        const std::uint64_t n = (*p)[k].max;
        if (n == 0) continue;
        const double h = static_cast<double>(n) * unit;
        y -= h;
        os << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << bar - 4 << "\" height=\"" << h
           << "\" fill=\"" << colour(k) << "\"><title>" << trace::xml_escape(variants[v]->model) << ": "
           << path_kind_title(paths[g]) << ", " << ir::cost_kind_name(k) << " "
           << range_text((*p)[k], p->unbounded) << "</title></rect>\n";
      }
      os << "<text x=\"" << x + (bar - 4) / 2 << "\" y=\"" << y - 3 << "\" text-anchor=\"middle\">"
         << (p->unbounded ? "inf" : std::to_string(stacked(*p))) << "</text>\n";
      if (variants.size() > 1)
        os << "<text x=\"" << x + (bar - 4) / 2 << "\" y=\"" << base_y + 12 << "\" text-anchor=\"middle\">"
           << (v == 0 ? "base" : "head") << "</text>\n";
    }
    const int label_y = base_y + (variants.size() > 1 ? 24 : 12);
    os << "<text transform=\"translate(" << gx + 4 << "," << label_y << ") rotate(40)\">"
       << trace::xml_escape(std::string(path_kind_title(paths[g]))) << "</text>\n";
  }
  const int lx = width - legend_w + 20;
  for (std::size_t i = 0; i < ir::kAllCostKinds.size(); ++i) {
    const int y = plot_top + static_cast<int>(i) * 18;
    os << "<rect x=\"" << lx << "\" y=\"" << y << "\" width=\"12\" height=\"12\" fill=\""
       << colour(ir::kAllCostKinds[i]) << "\"/><text x=\"" << lx + 18 << "\" y=\"" << y + 10 << "\">"
       << ir::cost_kind_name(ir::kAllCostKinds[i]) << "</text>\n";
  }
  os << "</svg>\n";
}

}  // namespace ctcheck::cost
