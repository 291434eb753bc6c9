// Where reports go and in which format: the output formats as an enum, a file
// written whole or not at all (or stdout), and the multi-model report formats.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "trace/model_report.h"

namespace ctcheck::cli {

// Itf (Apalache's Informal Trace Format, one counterexample) is for `check` only.
enum class OutputFormat { Text, Json, Sarif, Junit, Itf };
const char *to_string(OutputFormat f);
std::optional<OutputFormat> parse_output_format(const std::string &s);

// Writes `content` to `output` (whole or not at all), or to stdout when empty.
bool emit(const std::string &output, const std::string &content);

// Renders reports as JSON, SARIF or JUnit (Text: "").
std::string render_reports(OutputFormat format, const std::string &command,
                           const std::vector<trace::ModelReport> &models,
                           const nlohmann::json &extra = nlohmann::json::object());

}  // namespace ctcheck::cli
