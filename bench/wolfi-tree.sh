#!/usr/bin/env bash
# Whole-tree lint, render and plan of a wolfi-dev/os checkout (issue 10), as users run them:
# each a whole process started in the checkout, timed with /usr/bin/time (wall, user+sys CPU,
# peak RSS). JVM start (`pkgbuild --version`) runs alongside as the anchor, so the ratios show
# what the noisy machine hides. Every variant runs once per round, interleaved; medians.
# Nothing is written into the checkout: plan reads an empty repository in a temp folder.
# Usage: ROUNDS=3 bench/wolfi-tree.sh /path/to/wolfi-os
set -euo pipefail
checkout=$(cd "${1:?usage: bench/wolfi-tree.sh CHECKOUT}" && pwd)
cd "$(dirname "$0")/.."
pkgbuild=$PWD/pkgbuild
rounds=${ROUNDS:-3}
"$pkgbuild" --version >/dev/null # builds the jar when it is missing or stale
t=$(mktemp -d /tmp/pkgbuild-bench-wolfi.XXXXXX)
trap 'rm -rf "$t"' EXIT
res=$t/results

timed() { # name, command...: runs in the checkout, appends "name wall_ms cpu_ms rss_kb exit"
  local name=$1; shift
  local rc=0
  (cd "$checkout" && /usr/bin/time -f '%e %U %S %M' -o "$t/time" "$@" >/dev/null 2>"$t/err") || rc=$?
  # lint exits 3 while recipes of the tree have errors; any other failure stops the run.
  if [ "$rc" != 0 ] && [ "$name" != lint ]; then cat "$t/err" >&2; exit 1; fi
  awk -v n="$name" -v rc="$rc" 'END { printf "%s %d %d %d %d\n", n, $1 * 1000, ($2 + $3) * 1000, $4, rc }' \
    "$t/time" >> "$res"
}

for _ in $(seq "$rounds"); do
  timed anchor "$pkgbuild" --version
  timed lint "$pkgbuild" lint --pipeline-dir pipelines .
  timed render "$pkgbuild" render --pipeline-dir pipelines --arch x86_64,aarch64 .
  timed plan "$pkgbuild" plan . --pipeline-dir pipelines --out-dir "$t/repo" --keys-dir "$t/keys"
done
echo "$(find "$checkout" -maxdepth 1 -name '*.yaml' ! -name '.*' | wc -l) recipe files; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$res" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
anchor = st.median(int(r[1]) for r in rows if r[0] == "anchor")
print(f"{'variant':<8} {'wall ms':>8} {'x anchor':>8} {'cpu ms':>8} {'peak MB':>8} {'exit':>4}  (every wall ms)")
for v in ("anchor", "lint", "render", "plan"):
    mine = [r for r in rows if r[0] == v]
    w = [int(r[1]) for r in mine]
    print(f"{v:<8} {st.median(w):>8.0f} {st.median(w) / anchor:>8.1f} {st.median(int(r[2]) for r in mine):>8.0f}"
          f" {max(int(r[3]) for r in mine) / 1024:>8.0f} {mine[-1][4]:>4}  ({' '.join(map(str, w))})")
PY
