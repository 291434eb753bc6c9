// Escaping for XML text and attributes: the one escaper of the JUnit, SVG and
// cost-chart printers.
#pragma once

#include <string>

namespace ctcheck::trace {

// XML text with & < > " ' escaped, newlines/tabs as character references
// (so attributes keep them) and other control characters replaced by '?'.
std::string xml_escape(const std::string &s);

}  // namespace ctcheck::trace
