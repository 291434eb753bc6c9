// Command-line mistakes, reported the ctcheck way: "ctcheck: error: ..." on
// stderr, a "did you mean" for a misspelt subcommand or flag, where to find
// help, and exit status 2 (CLI11's own codes are 100+).
#pragma once

#include <CLI/CLI.hpp>

namespace ctcheck::cli {

int report_usage_error(const CLI::App &app, const CLI::ParseError &e);

}  // namespace ctcheck::cli
