#!/usr/bin/env bash
# Packaging benchmark, compression part: times gzip -6, pigz -6 -p 2, tar alone and
# pkgbuild's ParallelGzipOutputStream (1 and 2 threads) on the same ~500 MB tree, in one
# run, ROUNDS times each (interleaved, so background load hits all alike). Prints a
# Markdown table of the median wall time, peak RSS and output size. See docs/benchmarks.md.
# Usage: bench/packaging.sh [TREE_DIR]   (env ROUNDS, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-/tmp/pkgbuild-bench-tree}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/make_tree.py "$tree" # not timed; reused when already complete
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/classes:target/test-classes:$(cat "$work/cp")"
java=(java -cp "$cp" dev.pkgbuild.archive.GzipBench)
tarc="tar -C $tree --sort=name -cf - ."

# Correctness, not timed: our output decompresses to exactly the tar stream.
$tarc | "${java[@]}" 6 2 | gzip -dc | cmp - <($tarc) && echo "check: gzip -dc of our output == tar stream" >&2
$tarc | cat >/dev/null # warm the page cache

declare -A cmds=(
  [tar]="$tarc | cat"
  [gzip6]="$tarc | gzip -6"
  [pigz6p2]="$tarc | pigz -6 -p 2"
  [java1]="$tarc | ${java[*]} 6 1"
  [java2]="$tarc | ${java[*]} 6 2"
  [java2tree]="${java[*]} 6 2 $tree"
)
order=(tar gzip6 pigz6p2 java1 java2 java2tree)
for r in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    /usr/bin/time -f "%e %M %U %S" -o "$work/$name.$r" bash -c "${cmds[$name]} | wc -c >$work/$name.size"
    echo "round $r $name: $(cat "$work/$name.$r") bytes $(cat "$work/$name.size")" >&2
  done
done

echo "| what | command | wall s (median of $rounds) | all wall runs | CPU s user+sys (median) | peak RSS MB | output bytes |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for name in "${order[@]}"; do
  walls=$(for r in $(seq 1 "$rounds"); do cut -d' ' -f1 "$work/$name.$r"; done | sort -n)
  median=$(echo "$walls" | sed -n "$(( (rounds + 1) / 2 ))p")
  rss=$(for r in $(seq 1 "$rounds"); do cut -d' ' -f2 "$work/$name.$r"; done | sort -n | tail -1)
  cpus=$(for r in $(seq 1 "$rounds"); do awk '{printf "%.2f\n", $3 + $4}' "$work/$name.$r"; done | sort -n)
  cpu=$(echo "$cpus" | sed -n "$(( (rounds + 1) / 2 ))p")
  size=$(cat "$work/$name.size")
  printf '| %s | `%s` | %s | %s | %s | %d | %d |\n' "$name" "${cmds[$name]//$cp/\$CP}" "$median" \
    "$(echo $walls | tr ' ' '/')" "$cpu" $(( rss / 1024 )) "$size"
done
echo "nproc $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
