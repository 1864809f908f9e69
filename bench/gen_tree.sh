#!/usr/bin/env bash
# Writes N trivial recipes (t0001..tNNNN, each packaging one small text file) into DIR.
# Usage: bench/gen_tree.sh DIR N [FIRST]   (FIRST defaults to 1)
set -euo pipefail
dir=$1 n=$2 first=${3:-1}
mkdir -p "$dir"
for i in $(seq "$first" $((first + n - 1))); do
  name=$(printf 't%04d' "$i")
  cat > "$dir/$name.yaml" <<YAML
package:
  name: $name
  version: 1.0.0
  epoch: 0
  description: benchmark package $name
  copyright:
    - license: MIT
pipeline:
  - runs: |
      mkdir -p "\${{targets.destdir}}/usr/share/$name"
      echo "$name" > "\${{targets.destdir}}/usr/share/$name/README"
YAML
done
