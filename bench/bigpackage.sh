#!/usr/bin/env bash
# Big packages as users build them: a recipe whose source dir is a mixed tree (bench/make_bigtree.py:
# 20,000 small text files and five large half-random files at 500 MB) and whose one step moves it
# into the destdir, built with ./pkgbuild, against `cp -a` of the tree (the source-dir copy) and
# `tar | pigz -6 -p 2` of it (the packaging), in one run, interleaved per round. Prints wall time
# and peak RSS of each, pkgbuild's phases from its build log, and the ratios.
# Usage: bench/bigpackage.sh [SIZE_MB...]   (default: 250 500; env ROUNDS, default 1; SETTLE, default 65 s)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-250 500}
rounds=${ROUNDS:-1}
settle=${SETTLE:-65} # seconds between rounds, see below
epoch=1700000000
work=$(mktemp -d /tmp/pkgbuild-bench-big.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # the sandbox uid must reach the workspace
./pkgbuild --version >/dev/null # builds the jar when it is missing or stale
./pkgbuild keygen --dir "$work/keys" >/dev/null
cat > "$work/big.yaml" <<'YAML'
package:
  name: big
  version: 1.0.0
  epoch: 0
  description: a big mixed tree moved into the package
  copyright:
    - license: MIT
pipeline:
  - runs: |
      mkdir -p "${{targets.destdir}}/usr/share/big"
      mv data "${{targets.destdir}}/usr/share/big/"
YAML
build() { # $1 = source dir
  rm -rf "$work/out"
  ./pkgbuild build "$work/big.yaml" --source-dir "$1" --out-dir "$work/out" --keys-dir "$work/keys" \
    --source-date-epoch "$epoch" -q >"$work/pkg.out" 2>&1
}
# One small build first: the launcher records its class-data archive from the first good build.
mkdir -p "$work/small/data" && echo hi >"$work/small/data/a.txt" && build "$work/small"

timed() { # name, command...: appends "name wall_s peak_rss_kb user_s sys_s"
  local name=$1; shift
  sync # dirty pages of the previous command are not this one's to write back
  /usr/bin/time -f "$name %e %M %U %S" -a -o "$work/results.$size" "$@"
}
for size in $sizes; do
  tree=/tmp/pkgbuild-bigtree-$size
  python3 bench/make_bigtree.py "$tree" "$size" # not timed; reused when complete
  tar -C "$tree" -cf - . | cat >/dev/null # warm the page cache for all alike
  for r in $(seq "$rounds"); do
    # ext4 passes over inodes freed in the last 60 s (300 s while their table block is dirty) when
    # it places new ones, so whoever creates files right after a 20,000-file delete pays several
    # seconds (cp -a of the tree after one: 13.9 s instead of 1.1 s). So the script deletes nothing
    # until the run ends and each command writes into a folder of its own; pkgbuild deletes its
    # workspace as it ends, and an earlier run its outputs, so each round first waits (not timed).
    sync; sleep "$settle"
    round=$work/round-$size-$r
    mkdir -p "$round/tmp" && chmod 755 "$round" "$round/tmp"
    timed cp cp -a "$tree" "$round/cp"
    timed pigz bash -c "tar -C '$tree' --sort=name -cf - . | pigz -6 -p 2 >'$round/out.tgz'"
    timed pkgbuild env TMPDIR="$round/tmp" bash -c "$(declare -f build); work='$work' epoch=$epoch build '$tree'"
    # phases from the build log's clock: the source-dir copy ends at "copied source dir",
    # packaging runs from the last step's end to "packaged", publishing to "published"
    awk -F'[][]' '/ copied source dir / { c = $2 } / done in / { s = $2 } /\] packaged / { p = $2 }
      /\] published / { u = $2 } END { printf "phases %.2f %.2f %.2f\n", c, p - s, u - p }' \
      "$work"/out/x86_64/big-1.0.0-r0.log >>"$work/results.$size"
    echo "size $size round $r: $(tail -4 "$work/results.$size" | tr '\n' ' ')load $(cut -d' ' -f1 /proc/loadavg)" >&2
  done
  apk=$(ls -l "$work"/out/x86_64/big-1.0.0-r0.apk | awk '{ print $5 }')
  python3 - "$work/results.$size" "$size" "$apk" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
col = lambda name, i: [float(r[i]) for r in rows if r[0] == name]
med = lambda name, i: st.median(col(name, i))
cp, pigz, pkg = med("cp", 1), med("pigz", 1), med("pkgbuild", 1)
cpu = lambda name: st.median(float(r[3]) + float(r[4]) for r in rows if r[0] == name)
copy, pack, pub = med("phases", 1), med("phases", 2), med("phases", 3)
print(f"tree {sys.argv[2]} MB, apk {int(sys.argv[3]):,} bytes, medians of {len(col('cp', 1))} round(s)")
print("| what | wall s | CPU s (user+sys) | peak RSS MB |")
print("| --- | ---: | ---: | ---: |")
print(f"| `cp -a TREE` | {cp:.2f} | {cpu('cp'):.2f} | {max(col('cp', 2)) / 1024:.0f} |")
print(f"| `tar -C TREE --sort=name -cf - . \\| pigz -6 -p 2 >FILE` | {pigz:.2f} | {cpu('pigz'):.2f} | {max(col('pigz', 2)) / 1024:.0f} |")
print(f"| `./pkgbuild build big.yaml --source-dir TREE ...` | {pkg:.2f} | {cpu('pkgbuild'):.2f} | {max(col('pkgbuild', 2)) / 1024:.0f} |")
print(f"| - its source-dir copy (log: start to `copied source dir`) | {copy:.2f} | | |")
print(f"| - its packaging (log: last step's end to `packaged`) | {pack:.2f} | | |")
print(f"| - its publishing (log: `packaged` to `published`) | {pub:.2f} | | |")
print(f"ratios: copy / cp -a = {copy / cp:.2f} (target <= 1.5); packaging / tar|pigz = {pack / pigz:.2f} "
      f"(target <= 1.0); build / (cp + tar|pigz) = {pkg / (cp + pigz):.2f} (target <= 1.2); "
      f"CPU: build / (cp + tar|pigz) = {cpu('pkgbuild') / (cpu('cp') + cpu('pigz')):.2f}")
PY
done
echo "nproc $(nproc), load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
