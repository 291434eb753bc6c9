#include "cli/output.h"

#include <iostream>

#include "cli/model_io.h"
#include "trace/junit_printer.h"
#include "trace/sarif_printer.h"

namespace ctcheck::cli {

const char *to_string(OutputFormat f) {
  switch (f) {
    case OutputFormat::Text:
      return "text";
    case OutputFormat::Json:
      return "json";
    case OutputFormat::Sarif:
      return "sarif";
    case OutputFormat::Junit:
      return "junit";
    case OutputFormat::Itf:
      return "itf";
  }
  return "text";
}

std::optional<OutputFormat> parse_output_format(const std::string &s) {
  for (OutputFormat f :
       {OutputFormat::Text, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Junit, OutputFormat::Itf})
    if (s == to_string(f)) return f;
  return std::nullopt;
}

bool emit(const std::string &output, const std::string &content) {
  if (!output.empty()) return write_whole_file(output, content);
  std::cout << content << std::flush;
  return true;
}

std::string render_reports(OutputFormat format, const std::string &command,
                           const std::vector<trace::ModelReport> &models, const nlohmann::json &extra) {
  switch (format) {
    case OutputFormat::Json:
      return trace::reports_to_json(command, models, extra).dump(2) + "\n";
    case OutputFormat::Sarif:
      return trace::to_sarif(models).dump(2) + "\n";
    case OutputFormat::Junit:
      return trace::to_junit(models);
    case OutputFormat::Text:
    case OutputFormat::Itf:
      break;
  }
  return "";
}

}  // namespace ctcheck::cli
