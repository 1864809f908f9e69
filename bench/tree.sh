#!/usr/bin/env bash
# Tree builds (issue 5). Part a: a no-op `plan` and `build` over trees of 250, 500 and 1,000
# trivial recipes whose packages are all in the repository. Part b: 8 independent CPU-bound
# recipes (a fixed shell busy loop each) built with -j 1 and with -j 2 into fresh repositories.
# Every variant runs once per round, interleaved; medians are printed, with JVM start
# (`java -jar pkgbuild.jar --version`) measured alongside as the baseline.
# Usage: ROUNDS=5 bench/tree.sh [a|b|ab]   (default ab; work tree /tmp/pkgbuild-bench-tree,
# kept and reused: seeding the 1,000 packages takes a few minutes the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
parts=${1:-ab}
t=${TREE:-/tmp/pkgbuild-bench-tree}
loop=${LOOP:-4000000} # busy-loop iterations per recipe in part b (about 3-4 s of CPU)
epoch=1700000000
./pkgbuild --version >/dev/null # builds the jar when it is missing or stale
mkdir -p "$t"
[ -d "$t/keys" ] || ./pkgbuild keygen --dir "$t/keys" >/dev/null
common=(--keys-dir "$t/keys" --source-date-epoch "$epoch")
res=$t/results.$$
: > "$res"

timed() { # name, command...: appends "name wall_ms cpu_ms" (cpu = user + sys of the command)
  local name=$1; shift
  local s e; s=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$t/cpu.$$" "$@" > "$t/last.log" 2>&1 || { cat "$t/last.log" >&2; exit 1; }
  e=$(date +%s%N)
  awk -v n="$name" -v w=$(((e - s) / 1000000)) '{ printf "%s %d %d\n", n, w, ($1 + $2) * 1000 }' "$t/cpu.$$" >> "$res"
}
report() { # variants...: medians of wall and cpu, then every wall time
  python3 - "$res" "$@" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
print(f"{'variant':<16} {'wall ms':>10} {'cpu ms':>10}  (medians of all rounds; every wall ms)")
for v in sys.argv[2:]:
    mine = [r for r in rows if r[0] == v]
    w = [int(r[1]) for r in mine]; c = [int(r[2]) for r in mine]
    print(f"{v:<16} {st.median(w):>10.0f} {st.median(c):>10.0f}  ({' '.join(map(str, w))})")
PY
}

part_a() {
  if [ ! -f "$t/repo/x86_64/APKINDEX.tar.gz" ] || [ "$(ls "$t"/recipes-1000 | wc -l)" != 1000 ]; then
    rm -rf "$t/recipes-1000" "$t/repo"
    bench/gen_tree.sh "$t/recipes-1000" 1000
    echo "seeding: building 1,000 recipes once with -j 2 (a few minutes)..."
    ./pkgbuild build "$t/recipes-1000" -j 2 -q --out-dir "$t/repo" "${common[@]}" > "$t/seed.log" 2>&1
  fi
  for n in 250 500; do # smaller trees get a repository with only their own packages
    if [ ! -f "$t/repo-$n/x86_64/APKINDEX.tar.gz" ]; then
      rm -rf "$t/recipes-$n" "$t/repo-$n"; mkdir -p "$t/recipes-$n"
      ls "$t/recipes-1000" | sort | head -n "$n" | (cd "$t/recipes-1000" && xargs cp -t "$t/recipes-$n")
      cp -a "$t/repo" "$t/repo-$n"
      ls "$t/recipes-1000" | sort | tail -n +$((n + 1)) | sed 's/\.yaml$/-1.0.0-r0/' \
        | xargs ./pkgbuild withdraw --out-dir "$t/repo-$n" --signing-key "$(ls "$t"/keys/*.rsa)" >/dev/null
    fi
  done
  [ -d "$t/repo-1000" ] || ln -s repo "$t/repo-1000"
  for r in $(seq "$rounds"); do
    timed jvm-start java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar target/pkgbuild.jar --version
    for n in 250 500 1000; do
      timed "plan-$n" ./pkgbuild plan "$t/recipes-$n" --out-dir "$t/repo-$n" "${common[@]}"
      timed "build-$n" ./pkgbuild build "$t/recipes-$n" -j 2 -q --out-dir "$t/repo-$n" "${common[@]}"
      grep -q '^0 built' "$t/last.log" || { echo "no-op build built something:" >&2; tail "$t/last.log" >&2; exit 1; }
    done
  done
  echo "part a: no-op runs, $rounds rounds; $(uptime | sed 's/.*load/load/')"
  report jvm-start plan-250 build-250 plan-500 build-500 plan-1000 build-1000
}

busy_idle() { awk '/^cpu / { print $2 + $3 + $4 + $6 + $7 + $8, $5 }' /proc/stat; }
busy_pct() { # "busy idle" jiffies at the start: percentage of all cores busy since then
  busy_idle | awk -v s="$1" '{ split(s, a, " "); b = $1 - a[1]; i = $2 - a[2]; printf "%.0f", 100 * b / (b + i) }'
}

part_b() {
  rm -rf "$t/cpu8"; mkdir -p "$t/cpu8"
  for i in 1 2 3 4 5 6 7 8; do
    cat > "$t/cpu8/busy$i.yaml" <<YAML
package:
  name: busy$i
  version: 1.0.0
  epoch: 0
  description: a fixed amount of CPU work
  copyright:
    - license: MIT
pipeline:
  - runs: |
      i=0
      while [ \$i -lt $loop ]; do i=\$((i + 1)); done
      times # the step's CPU time: bwrap's children escape /usr/bin/time
      mkdir -p "\${{targets.destdir}}/usr/share/busy$i"
      echo "\$i" > "\${{targets.destdir}}/usr/share/busy$i/count"
YAML
  done
  local load0; load0=$(uptime | sed 's/.*load average: //')
  for r in $(seq "$rounds"); do
    for j in 1 2; do
      rm -rf "$t/repo-cpu8"
      local idle0; idle0=$(busy_idle)
      timed "j$j" ./pkgbuild build "$t/cpu8" -j "$j" -q --out-dir "$t/repo-cpu8" "${common[@]}"
      grep -q '^8 built' "$t/last.log" || { echo "expected 8 builds:" >&2; tail "$t/last.log" >&2; exit 1; }
      # CPU of the eight steps (from `times` in each log) and how busy the machine was
      # (all processes, /proc/stat) during the run
      steps=$(cat "$t"/repo-cpu8/x86_64/busy*.log | grep -E '\| [0-9]+m[0-9.]+s [0-9]+m[0-9.]+s' \
        | sed -E 's/.*\| //; s/m/ /g; s/s//g' | awk '{ s += $1 * 60 + $2 + $3 * 60 + $4 } END { printf "%d", s * 1000 }')
      echo "j$j steps-cpu-ms $steps machine-busy-pct $(busy_pct "$idle0")" >> "$t/cpu8.$$"
    done
  done
  sed 's/^/  /' "$t/cpu8.$$"; rm -f "$t/cpu8.$$"
  echo "part b: 8 CPU-bound recipes ($loop loop iterations each), $rounds rounds;" \
    "load average before: $load0, after: $(uptime | sed 's/.*load average: //')"
  report j1 j2
  python3 - "$res" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
j1 = [int(r[1]) for r in rows if r[0] == "j1"]; j2 = [int(r[1]) for r in rows if r[0] == "j2"]
ratios = [a / b for a, b in zip(j1, j2)]
print("speed-up j1/j2 per round: " + " ".join(f"{x:.2f}" for x in ratios) + f"; median {st.median(ratios):.2f}")
PY
}

case $parts in *a*) part_a ;; esac
case $parts in *b*) part_b ;; esac
rm -f "$res" "$t/cpu.$$"
