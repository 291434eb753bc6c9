// ctcheck: a thin dispatcher. Parsing lives in CLI11, work in cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "trace/results.h"

using namespace ctcheck::cli;

int main(int argc, char **argv) {
  CLI::App app{"ctcheck: a model checker for Linux context tracking + RCU dynticks on x86-64 entry paths"};
  app.footer(
      "Exit codes: 0 every property holds (proved or bounded), 1 a property is violated,\n"
      "            2 usage or input error, 3 unknown (a resource limit was hit, no violation).\n"
      "With no subcommand, ctcheck runs the embedded 2015 story (Linux 4.3, the 2015 patch, 4.6).");
  app.set_version_flag("--version", std::string("ctcheck ") + ctcheck::trace::tool_version());
  app.require_subcommand(0, 1);

  std::string model;
  auto *parse = app.add_subcommand("parse", "Check a model and summarise CPUs, contexts, interrupts, properties, state size");
  parse->add_option("MODEL", model, "model file (.ct)")->required();

  int steps = 50;
  std::uint64_t seed = 1;
  auto *simulate = app.add_subcommand("simulate", "One random run of a model, printed step by step");
  simulate->add_option("MODEL", model, "model file (.ct)")->required();
  simulate->add_option("--steps", steps, "number of steps")->check(CLI::Range(0, 1000000));
  simulate->add_option("--seed", seed, "random seed");

  CheckOptions check;
  auto *chk = app.add_subcommand("check", "Check every property of a model (bounded model checking with Z3)");
  chk->add_option("MODEL", check.model, "model file (.ct)")->required();
  chk->add_option("--engine", check.engine, "bmc, explicit, or auto (explicit, then bmc for what it leaves open)")
      ->check(CLI::IsMember({"bmc", "explicit", "auto"}));
  chk->add_option("--depth", check.depth, "depth bound (default: the model's `bound` for bmc, none for explicit)")
      ->check(CLI::Range(0, 100000));
  chk->add_option("--max-states", check.max_states, "explicit engine: state limit (running out is unknown)");
  chk->add_option("--property", check.properties, "check only this property (repeatable)");
  chk->add_option("--timeout", check.timeout, "seconds for the whole run (0: none)")->check(CLI::Range(0.0, 1e9));
  chk->add_option("--format", check.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  chk->add_option("--output", check.output, "write the report to FILE (whole or not at all)");
  chk->add_option("--trace-dir", check.trace_dir, "write each counterexample as DIR/PROPERTY.json");
  chk->add_flag("--quiet", check.quiet, "no progress on stderr");
  chk->add_flag("--verbose", check.verbose, "progress, timings and local variables in traces");

  std::string trace_file;
  auto *replay = app.add_subcommand("replay", "Replay a saved JSON trace on the concrete simulator");
  replay->add_option("MODEL", model, "model file (.ct)")->required();
  replay->add_option("TRACE", trace_file, "trace JSON (from --trace-dir or --format json)")->required();

  CasesOptions cases;
  auto *cs = app.add_subcommand("cases", "Run every case and compare verdicts with its expectations");
  cs->add_option("DIR", cases.dir, "directory of cases (default: cases)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    app.exit(e);  // prints the message
    return kExitUsage;  // CLI11 would use 100+; ctcheck documents 2
  }
  try {
    if (*parse) return run_parse(model);
    if (*simulate) return run_simulate(model, steps, seed);
    if (*chk) return run_check(check);
    if (*replay) return run_replay(model, trace_file);
    if (*cs) return run_cases(cases);
    return run_default();
  } catch (const std::exception &e) {
    std::cerr << "ctcheck: internal error: " << e.what() << "\n";
    return kExitUnknown;
  }
}
