#!/usr/bin/env bash
# Regenerates docs/architecture.svg (and its source, docs/architecture.dot):
# the libraries of checker/ and their links, read from the CMake targets
# (`cmake --graphviz`), one row per layer (scripts/check_layers.py), each box
# naming the files where the concepts live. Needs cmake, python3 and graphviz
# (`dot`; Debian package graphviz). Run from anywhere:
#
#   bash scripts/arch-graph.sh          # rewrite docs/architecture.{dot,svg}
#   bash scripts/arch-graph.sh --check  # exit 1 if docs/architecture.dot is stale
#
# The concept table below names files; a name that no longer exists stops the
# script, so the picture cannot point at a file that moved.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
command -v dot >/dev/null || { echo "arch-graph: needs graphviz's dot (apt-get install graphviz)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/build"
# Only our targets and the external library that matters for the layering (Z3).
cat >"$tmp/build/CMakeGraphVizOptions.cmake" <<'OPTS'
set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)
set(GRAPHVIZ_GENERATE_DEPENDERS FALSE)
set(GRAPHVIZ_IGNORE_TARGETS "Threads::Threads;CLI11::CLI11;nlohmann_json::nlohmann_json")
OPTS
cmake -S . -B "$tmp/build" -DCTCHECK_TESTS=OFF --graphviz="$tmp/targets.dot" >/dev/null

python3 - "$tmp/targets.dot" "$tmp/architecture.dot" <<'PY'
import os, re, sys
sys.path.insert(0, "scripts")
from check_layers import LAYERS  # one layer table for the picture and the test

# Where each concept lives: (file under checker/, what it holds).
CONCEPTS = {
    "core": [("core/verdict.h", "Verdict, EngineKind, UnknownCause"),
             ("core/result.h", "PropertyResult, describe(), exit_code()"),
             ("core/trace.h", "Trace (a counterexample as data)"),
             ("core/expectation.h", "Expectation, met() (expect lines)"),
             ("core/state_graph.h", "the protocol-state graph as data")],
    "ir": [("ir/transition_system.h", "TransitionSystem (what engines consume)"),
           ("ir/reduce.h", "the reduction (merge_steps, share_slots)"),
           ("ir/abstraction.h", "abstractions (counters modulo 2^b)"),
           ("ir/state_set.h", "state sets as formulas (certificates)")],
    "frontend": [("frontend/parser.h", "lexer, parser, AST"),
                 ("frontend/sema.h", "names, types (Sema)"),
                 ("frontend/builtins.h", "the builtins table"),
                 ("frontend/lower.h", "lowering .ct to the IR")],
    "sim": [("sim/simulator.h", "the concrete simulator, replay"),
            ("sim/expand.h", "reduced traces -> original actions"),
            ("sim/lift.h", "abstracted traces -> real widths")],
    "engines": [("engines/engine.h", "the Engine interface"),
                ("engines/portfolio.h", "the portfolio: check()"),
                ("engines/explicit.h", "the explicit engine"),
                ("engines/explore.h", "the explicit explorer (BFS)"),
                ("engines/certificate.h", "certificates of explicit proofs"),
                ("engines/encoder.h", "the Z3 encoder"),
                ("engines/unroller.h", "the unroller (x@k)"),
                ("engines/bmc.h", "BMC"),
                ("engines/kinduction.h", "k-induction"),
                ("engines/confirm.h", "replay before a violation is told")],
    "trace": [("trace/text_printer.h", "text"),
              ("trace/json_printer.h", "JSON; itf_printer.h: ITF"),
              ("trace/sarif_printer.h", "SARIF; junit_printer.h: JUnit"),
              ("trace/vcd_printer.h", "VCD; svg_printer.h: SVG/HTML"),
              ("trace/dot_printer.h", "the state graph as DOT"),
              ("trace/model_report.h", "reports for cases, gate, merge")],
    "cli": [("cli/main.cpp", "flags, one cmd_*.cpp per subcommand"),
            ("cli/cmd_default.cpp", "the main job (no arguments)"),
            ("cli/embedded_models.h", "the models compiled in"),
            ("cli/case_check.h", "cases: check and judge")],
}
COLORS = {0: "#e8f0fe", 1: "#e6f4ea", 2: "#fef7e0", 3: "#fce8e6", 4: "#f3e8fd"}

src, out = sys.argv[1], sys.argv[2]
text = open(src).read()
labels = dict(re.findall(r'"(node\d+)"\s*\[\s*label\s*=\s*"([^"]+)"', text))
edges = re.findall(r'"(node\d+)"\s*->\s*"(node\d+)"', text)

def lib(label):
    if label == "ctcheck":
        return "main"
    if label.startswith("ctcheck_") and label[8:] in LAYERS:
        return label[8:]
    if "z3" in label.lower():
        return "z3"
    return None

missing = [f for entries in CONCEPTS.values() for f, _ in entries if not os.path.exists("checker/" + f)]
if missing:
    sys.exit("arch-graph: the concept table names files that do not exist: " + ", ".join(missing))
libs = sorted({lib(l) for l in labels.values() if lib(l) in LAYERS}, key=lambda l: (LAYERS[l], l))
unknown = sorted(l for l in labels.values() if l.startswith("ctcheck_") and lib(l) is None)
if unknown:
    sys.exit("arch-graph: libraries without a layer in scripts/check_layers.py: " + ", ".join(unknown))

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

lines = ["// Generated by scripts/arch-graph.sh from the CMake targets; do not edit.",
         "digraph architecture {",
         '  graph [rankdir=TB, nodesep=0.3, ranksep=0.5, fontname="Helvetica", fontsize=11,',
         '         label="checker/ libraries (boxes), their links (arrows point at what is used), top to bottom by layer", labelloc=t];',
         '  node [shape=plaintext, fontname="Helvetica", fontsize=10];',
         '  edge [color="#555555"];']
for l in libs:
    rows = "".join('<TR><TD ALIGN="LEFT">%s</TD><TD ALIGN="LEFT">%s</TD></TR>' % (esc(f), esc(what))
                   for f, what in CONCEPTS.get(l, []))
    lines.append('  "ctcheck_%s" [label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="%s">'
                 '<TR><TD COLSPAN="2"><B>ctcheck_%s</B> (checker/%s/, layer %d)</TD></TR>%s</TABLE>>];'
                 % (l, COLORS.get(LAYERS[l], "#ffffff"), l, l, LAYERS[l], rows))
lines.append('  "ctcheck" [shape=box, style=rounded, label="ctcheck (executable: cli/main.cpp)"];')
lines.append('  "Z3" [shape=ellipse, label="Z3 (libz3)"];')
for rank in sorted(set(LAYERS.values())):
    same = [l for l in libs if LAYERS[l] == rank]
    if len(same) > 1:
        lines.append("  { rank=same; %s }" % " ".join('"ctcheck_%s";' % s for s in same))
# Invisible edges one layer down keep the rows in layer order (core below ir).
ranks = sorted(set(LAYERS[l] for l in libs))
for hi, lo in zip(ranks[1:], ranks):
    a = [l for l in libs if LAYERS[l] == hi][0]
    b = [l for l in libs if LAYERS[l] == lo][0]
    lines.append('  "ctcheck_%s" -> "ctcheck_%s" [style=invis];' % (a, b))
name = {"main": "ctcheck", "z3": "Z3"}
seen = set()
for a, b in edges:
    la, lb = lib(labels.get(a, "")), lib(labels.get(b, ""))
    if la is None or lb is None or la == lb:
        continue
    e = (name.get(la, "ctcheck_" + la), name.get(lb, "ctcheck_" + lb))
    if e not in seen:
        seen.add(e)
for a, b in sorted(seen):
    lines.append('  "%s" -> "%s";' % (a, b))
lines.append("}")
open(out, "w").write("\n".join(lines) + "\n")
PY

if [ "$check" = 1 ]; then
  diff -u docs/architecture.dot "$tmp/architecture.dot" && echo "arch-graph: docs/architecture.dot is up to date"
  exit
fi
cp "$tmp/architecture.dot" docs/architecture.dot
dot -Tsvg docs/architecture.dot -o docs/architecture.svg
echo "arch-graph: wrote docs/architecture.dot and docs/architecture.svg" >&2
