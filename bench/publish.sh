#!/usr/bin/env bash
# Publishing benchmark: COUNT packages (default 1000) published one by one into one
# repository, each publish a full locked update (read + verify the index, check the new
# package, rename it in, write + sign + fsync + rename the index). Prints the time per
# publish for the first and the last 100. See docs/benchmarks.md, section "Publishing".
# Usage: bench/publish.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
java -cp "target/classes:target/test-classes:$(cat "$work/cp")" dev.pkgbuild.repo.PublishBench "$work" "${1:-1000}"
