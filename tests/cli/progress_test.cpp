// cli/progress.h: what a long run shows on stderr, on a terminal and in a log.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

namespace ctcheck::cli {
namespace {

using namespace std::chrono_literals;

core::PropertyResult violated(const std::string &name, int depth, double seconds) {
  core::PropertyResult r;
  r.property = name;
  r.verdict = core::Verdict::Violated;
  r.engine = core::EngineKind::Explicit;
  r.trace_length = depth;
  r.seconds = seconds;
  return r;
}

TEST(Progress, EachEngineShowsItsOwnMeasure) {
  engines::Progress p;
  p.engine = core::EngineKind::Explicit;
  p.depth = 57;
  p.states = 1'200'000;
  p.bytes = 150u << 20;
  p.open = 3;
  p.seconds = 5;
  EXPECT_EQ(ProgressPrinter::line(p), "[explicit] depth 57, 1.2M states (240k/s), 150 MB, 3 open, 5 s");
  p.engine = core::EngineKind::Bmc;
  EXPECT_EQ(ProgressPrinter::line(p), "[bmc] depth 57, 3 open, 5 s");
  p.engine = core::EngineKind::Kind;
  EXPECT_EQ(ProgressPrinter::line(p), "[kind] k 57, 3 open, 5 s");
}

TEST(Progress, VerdictLineNamesPropertyVerdictEngineAndTime) {
  EXPECT_EQ(ProgressPrinter::verdict_line(violated("irq_not_in_user", 5, 0.004)),
            "irq_not_in_user: violated at 5 [explicit, 0.00 s]");
  core::PropertyResult r;
  r.property = "p";
  r.verdict = core::Verdict::Proved;
  r.engine = core::EngineKind::Kind;
  r.k = 2;
  r.seconds = 1.5;
  EXPECT_EQ(ProgressPrinter::verdict_line(r), "p: proved (k=2) [kind, 1.50 s]");
}

TEST(Progress, ShortRunPrintsNothing) {
  std::ostringstream out;
  {
    ProgressPrinter pp(out, {false, 5.0, 10.0});
    pp.verdict(violated("p", 2, 0.0), "case 1/2: a.ct: ");
    engines::Progress p;
    p.engine = core::EngineKind::Bmc;
    pp.report(p);
    pp.finish();
  }
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, SettledLinesAppearOnceTheDelayIsOver) {
  std::ostringstream out;
  ProgressPrinter pp(out, {false, 0.05, 100.0});
  pp.verdict(violated("p", 2, 0.0), "case 1/2: a.ct: ");
  std::this_thread::sleep_for(600ms);  // the ticker flushes held lines every 250 ms
  pp.verdict(violated("q", 4, 0.7));   // after the delay: at once
  EXPECT_EQ(out.str(),
            "case 1/2: a.ct: p: violated at 2 [explicit, 0.00 s]\nq: violated at 4 [explicit, 0.70 s]\n");
  pp.finish();
}

TEST(Progress, LogGetsThePlainLatestLineEveryPeriod) {
  std::ostringstream out;
  ProgressPrinter pp(out, {false, 0.0, 0.2});
  pp.status("case 3/43: x.ct: loading");
  std::this_thread::sleep_for(700ms);
  pp.finish();
  const std::string s = out.str();
  EXPECT_NE(s.find("case 3/43: x.ct: loading\n"), std::string::npos) << s;
  EXPECT_EQ(s.find('\r'), std::string::npos) << "no carriage returns in a log";
}

TEST(Progress, TerminalLineIsRewrittenAndErased) {
  std::ostringstream out;
  {
    ProgressPrinter pp(out, {true, 0.0, 10.0});
    pp.status("a long live line");
    pp.status("short");
    pp.note("a permanent line");
    pp.finish();
  }
  const std::string s = out.str();
  // Drawn, overwritten (padding erases the longer text), the note above the
  // live line which is drawn again, then erased at the end.
  EXPECT_EQ(s,
            "\ra long live line"
            "\rshort           \rshort"
            "\r     \ra permanent line\n\rshort"
            "\r     \r");
}

}  // namespace
}  // namespace ctcheck::cli
