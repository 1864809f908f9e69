#!/usr/bin/env bash
# What the sandbox's /etc-folder sweep (owner-named pkgbuild-etc-* folders, leftovers of dead
# owners removed) costs a short build, as a whole process: a one-step recipe built with this
# checkout's launcher and with another checkout's (the anchor, e.g. `git archive main` built
# with `mvn -o -Dmaven.test.skip=true package`), interleaved round by round, fresh --out-dir,
# one shared key, fixed epoch. Prints medians in ms and their ratio.
# Usage: ROUNDS=10 bench/etc_sweep.sh /path/to/anchor-checkout
set -euo pipefail
cd "$(dirname "$0")/.."
anchor=${1:?usage: bench/etc_sweep.sh ANCHOR_CHECKOUT}
rounds=${ROUNDS:-10}
work=$(mktemp -d /tmp/pkgbuild-bench-etc.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cat > "$work/one.yaml" <<'YAML'
package:
  name: one
  version: 1.0
  epoch: 0
  description: one step
  copyright:
    - license: MIT
pipeline:
  - runs: mkdir -p ${{targets.destdir}}/usr/share/one && echo one > ${{targets.destdir}}/usr/share/one/id
YAML
./pkgbuild keygen --dir "$work/keys" >/dev/null
for l in ./pkgbuild "$anchor/pkgbuild"; do # warm: jar and class-data archive in place
  "$l" build "$work/one.yaml" --out-dir "$work/warm" --keys-dir "$work/keys" --source-date-epoch 1 -q >/dev/null 2>&1
  rm -rf "$work/warm"
done
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
this=(); base=()
for i in $(seq "$rounds"); do
  this+=("$(ms ./pkgbuild build "$work/one.yaml" --out-dir "$work/a$i" --keys-dir "$work/keys" --source-date-epoch 1 -q)")
  base+=("$(ms "$anchor/pkgbuild" build "$work/one.yaml" --out-dir "$work/b$i" --keys-dir "$work/keys" --source-date-epoch 1 -q)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
m1=$(median "${this[@]}"); m2=$(median "${base[@]}")
echo "this ${m1} ms (${this[*]}); anchor ${m2} ms (${base[*]}); ratio $(awk "BEGIN {printf \"%.3f\", $m1 / $m2}")"
echo "pkgbuild-etc-* folders in /tmp: $(ls -d /tmp/pkgbuild-etc-* 2>/dev/null | wc -l), /tmp entries: $(ls /tmp | wc -l)"
