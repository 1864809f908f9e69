#!/usr/bin/env bash
# Indexing benchmark: makes N (default 10000) small signed packages, times a full signed
# index from scratch (3 rounds, all cores), then adding one package at a time to that
# index in-process through IndexUpdater. See docs/benchmarks.md, section "Indexing".
# Usage: bench/index.sh [N]   (work dir: $BENCH_DIR, default a fresh temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=${BENCH_DIR:-$(mktemp -d)}
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/classes:target/test-classes:$(cat "$work/cp")"
java -cp "$cp" dev.pkgbuild.apk.IndexBench "$work" "$n"
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
