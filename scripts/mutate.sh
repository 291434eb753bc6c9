#!/usr/bin/env bash
# Mutation check of the models: drop / swap / flip / const mutants of every file
# a case loads, each checked by the explicit engine; which property catches
# which mutant, and the mutants none notices. See scripts/mutate.py and docs/trust.md.
#   scripts/mutate.sh [--jobs N] [--max N] [--json FILE] cases/linux-4.3-patch-2015.ct ...
exec python3 "$(dirname "$0")/mutate.py" "$@"
