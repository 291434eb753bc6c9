#include <algorithm>
#include <stdexcept>

#include "engines/result.h"

namespace ctcheck::engines {

std::vector<std::uint32_t> select_properties(const ir::TransitionSystem &ts, const std::vector<std::string> &names,
                                             const std::string &engine) {
  for (const std::string &name : names) {
    auto it = std::find_if(ts.properties.begin(), ts.properties.end(),
                           [&](const ir::Property &p) { return p.name == name; });
    if (it == ts.properties.end()) throw std::invalid_argument(engine + ": no property named '" + name + "'");
  }
  std::vector<std::uint32_t> out;
  for (std::uint32_t p = 0; p < ts.properties.size(); ++p)
    if (names.empty() || std::find(names.begin(), names.end(), ts.properties[p].name) != names.end()) out.push_back(p);
  return out;
}

}  // namespace ctcheck::engines
