#!/usr/bin/env bash
# Cost of a step in a package root: N runs each of `/bin/sh -c true` on the host toolchain and
# in a prepared root (a small root of host programs, src/test/java/dev/pkgbuild/sandbox/TestRoot),
# alternating, through both runners, from one warm JVM per runner (SandboxBench rooted); then
# once more with the root padded by FILES small files, to show a step's cost does not grow
# with the root (only the one-time prepareRoot does).
# See docs/benchmarks.md, section "Sandbox: steps in a package root".
# Usage: bench/rooted-step.sh [N] [FILES]   (default 50 runs, 20000 files)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
files=${2:-20000}
mvn -B -q -o test-compile
cp=target/classes:target/test-classes
for runner in bubblewrap unshare; do
  java -cp "$cp" dev.pkgbuild.sandbox.SandboxBench rooted "$runner" "$n"
done
java -cp "$cp" dev.pkgbuild.sandbox.SandboxBench rooted bubblewrap "$n" "$files"
uptime
