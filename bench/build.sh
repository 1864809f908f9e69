#!/usr/bin/env bash
# What pkgbuild adds to one build: `./pkgbuild recipes/hello.yaml` (warm jar, fresh --out-dir,
# a pre-made key, fixed epoch) against the same six shell steps run directly, one bare
# `bwrap` each, on a copy of recipes/hello/ (the scripts come from `pkgbuild render --json`).
# Also times a bare JVM (`java -version`), pkgbuild's start (`--version`), and the build with
# C2 and without the launcher's class-data archive.
# Every variant runs once per round, interleaved, so background load hits all alike.
# Usage: ROUNDS=5 bench/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
epoch=1700000000
work=$(mktemp -d /tmp/pkgbuild-bench-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # the sandbox uid must reach the workspace
./pkgbuild --version >/dev/null # builds the jar when it is missing or stale
./pkgbuild keygen --dir "$work/keys" >/dev/null
jar=target/pkgbuild.jar
jvm=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:CICompilerCount=1 -XX:-UsePerfData) # the launcher's flags

# The leaf steps in build order (main pipeline, then each subpackage's): dir + script files.
./pkgbuild render --json recipes/hello.yaml | python3 -c '
import json, sys
d = json.load(sys.stdin); out = sys.argv[1]; n = 0
def leaves(steps):
    for s in steps:
        if s.get("children"): yield from leaves(s["children"])
        elif s.get("runs"): yield s
for pkg in [d["package"]] + d["subpackages"]:
    for s in leaves(pkg["pipeline"]):
        n += 1
        open(f"{out}/step{n}.sh", "w").write(s["runs"])
        open(f"{out}/step{n}.dir", "w").write(s.get("working-directory") or "/home/build")
' "$work"
steps=$(ls "$work"/step*.sh | wc -l)

drop=()
if [ "$(id -u)" = 0 ]; then # as pkgbuild does: the sandbox never runs as real root
  drop=(setpriv --reuid=2000000000 --regid=2000000000 --clear-groups --)
fi
bare() { # copy the source, then each step in its own minimal bwrap
  local ws=$work/ws
  rm -rf "$ws"; mkdir -p "$ws/melange-out/hello" "$ws/melange-out/hello-dev" "$ws/melange-out/hello-doc"
  cp -a recipes/hello/. "$ws/"
  if [ "$(id -u)" = 0 ]; then chown -R 2000000000:2000000000 "$ws"; fi
  for i in $(seq "$steps"); do
    "${drop[@]}" bwrap --unshare-all --uid 0 --gid 0 --bind "$ws" /home/build --ro-bind /usr /usr \
      --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
      --ro-bind /etc/alternatives /etc/alternatives --ro-bind /etc/ld.so.cache /etc/ld.so.cache \
      --dev /dev --proc /proc --tmpfs /tmp --chdir "$(cat "$work/step$i.dir")" --clearenv \
      --setenv PATH /usr/bin:/bin --setenv HOME /home/build --setenv SOURCE_DATE_EPOCH "$epoch" \
      -- /bin/sh -e -c "$(cat "$work/step$i.sh")" >/dev/null
  done
}
pkg() { # $1 = extra JVM options
  rm -rf "$work/out"
  PKGBUILD_JAVA_OPTS="$1" ./pkgbuild recipes/hello.yaml --out-dir "$work/out" --keys-dir "$work/keys" \
    --source-date-epoch "$epoch" > "$work/pkg.log" 2>&1
  test -f "$work/out/x86_64/APKINDEX.tar.gz"
  # time spent inside the sandbox steps, as pkgbuild itself reports it
  grep -o 'done in [0-9]* ms' "$work/pkg.log" | awk '{ s += $3 } END { printf "%d", s }' > "$work/steps_ms"
  # phases from the build log's own clock (seconds since the log started, after set-up):
  # first step start, last step end, last package written, published
  awk -F'[][]' '/==> / && !a { a = $2 } / done in / { b = $2 } /^\[ *[0-9.]+s\] packaged / { c = $2 }
    / published / { d = $2 } END { printf "%d %d %d %d", a * 1000, b * 1000, c * 1000, d * 1000 }' \
    "$work"/out/x86_64/hello-1.2.0-r0.log > "$work/phases"
}
# One build first: the launcher records its class-data archive from the first good build.
pkg ""
ls -l target/pkgbuild.jsa | awk '{ printf "class-data archive: %.1f MB\n", $5 / 1e6 }'

timed() { # variant name, command...: appends "name wall_ms cpu_ms steps_ms"
  local name=$1; shift
  local s e; s=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$@"
  e=$(date +%s%N)
  local sm=-; if [ "${name#pkgbuild}" != "$name" ]; then sm=$(cat "$work/steps_ms"); fi
  local ph="- - - -"; if [ "$sm" != - ]; then ph=$(cat "$work/phases"); fi
  awk -v n="$name" -v w=$(((e - s) / 1000000)) -v sm="$sm" -v ph="$ph" '{ split(ph, p, " ")
    # before the log clock started + after publishing (JVM start/exit, parse, key, preflight, workspace)
    setup = (p[4] == "-") ? "-" : w - p[4] + p[1]
    printf "%s %d %d %s %s %s %s %s\n", n, w, ($1 + $2) * 1000, sm, setup, \
      (p[1] == "-") ? "-" : p[2] - p[1], (p[1] == "-") ? "-" : p[3] - p[2], (p[1] == "-") ? "-" : p[4] - p[3] }' "$work/cpu" \
    >> "$work/results"
}
export -f bare pkg
export work steps epoch
export drop_s="${drop[*]}"
for r in $(seq "$rounds"); do
  echo "round $r: $(uptime | sed 's/.*load/load/')"
  timed bare bash -ec 'drop=($drop_s); bare'
  timed pkgbuild bash -c 'pkg ""'
  timed pkgbuild-noarchive bash -c 'pkg -Xshare:off'
  timed pkgbuild+c2 bash -c 'pkg "-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2"' # C1 and C2 need two
  timed version ./pkgbuild --version
  timed java-version "${jvm[@]}" -version 2>/dev/null
done >/dev/null
echo "steps: $steps; rounds: $rounds; $(uptime | sed 's/.*load/load/')"
printf '%-18s %8s %8s %9s %8s %8s %8s %8s  %s\n' variant 'wall ms' 'cpu ms' 'in steps' setup steps package publish '(medians; every wall ms)'
for v in bare pkgbuild pkgbuild-noarchive pkgbuild+c2 version java-version; do
  awk -v v="$v" '$1 == v' "$work/results" | python3 -c '
import sys, statistics as st
rows = [l.split() for l in sys.stdin]; v = sys.argv[1]
med = lambda i: f"{st.median(int(r[i]) for r in rows):.0f}" if rows[0][i] != "-" else "-"
walls = " ".join(r[1] for r in rows)
print(f"{v:<18} {med(1):>8} {med(2):>8} {med(3):>9} {med(4):>8} {med(5):>8} {med(6):>8} {med(7):>8}  ({walls})")' "$v"
done
# The target figure: what pkgbuild adds, round by round (both runs of a round share its load).
paste <(awk '$1 == "bare" { print $2 }' "$work/results") <(awk '$1 == "pkgbuild" { print $2 }' "$work/results") |
  python3 -c '
import sys, statistics as st
d = [int(p) - int(b) for b, p in (l.split() for l in sys.stdin)]
rounds = " ".join(map(str, d))
print(f"pkgbuild adds (per round, ms): {rounds}; median {st.median(d):.0f}")'
cat <<'TXT'
in steps = the sum of pkgbuild's own "done in" step times; setup = wall minus the log's span
(JVM start and exit, recipe parse and compile, key, sandbox preflight, workspace copy);
steps = the log's span over all steps; package = linters, SCA, SBOM, .apk writing and
signing; publish = lock, index update and signature
TXT
