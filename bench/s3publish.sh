#!/usr/bin/env bash
# Object-storage publishing benchmark: COUNT packages (default 1000) published into S3Proxy
# (filesystem store, 127.0.0.1) from 1, 2 and 4 processes at once, each process publishing its
# share BATCH packages at a time (default 10): each publish adds the batch to its local
# repository, uploads it, then merges it into the remote index by conditional write, merging
# again when another process wrote first. Packages are built before the clock starts.
# Prints wall time, packages per second and the conflicts merged again.
# See docs/benchmarks.md, section "Publishing into object storage".
# Usage: bench/s3publish.sh [COUNT [BATCH]]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
batch=${2:-10}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server"; rm -rf "$work"' EXIT
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/classes:target/test-classes:$(cat "$work/cp")"
java -cp "$cp" dev.pkgbuild.repo.S3ProxyMain "$work/s3" >"$work/server.log" 2>&1 &
server=$!
until grep -qs '^endpoint ' "$work/server.log"; do sleep 0.2; done
endpoint=$(sed -n 's/^endpoint //p' "$work/server.log")
./pkgbuild keygen --dir "$work/keys" --name bench >/dev/null
key="$work/keys/bench.rsa"
creds="-Daws.accessKeyId=pkgbuild-test -Daws.secretAccessKey=pkgbuild-test-secret"
# The tests' S3Proxy checks If-Match atomically with the write, as AWS S3, GCS and R2 do
# (S3ProxyServer.AtomicConditionalWrites; docs/repository.md, "Object storage").
mode=p
for procs in 1 2 4; do
  rm -f "$work/go"
  pids=()
  for p in $(seq 1 "$procs"); do
    java $creds -cp "$cp" \
      dev.pkgbuild.repo.ObjectPublishBench "$endpoint" "$mode$procs" "$key" "$work/w$mode$procs" "n$p" \
      $((count / procs)) "$batch" "$work/go" >"$work/out-$mode-$procs-$p.log" 2>&1 &
    pids+=($!)
  done
  for p in $(seq 1 "$procs"); do
    until grep -qs '^ready' "$work/out-$mode-$procs-$p.log"; do sleep 0.2; done
  done
  t0=$(date +%s%N)
  touch "$work/go"
  for pid in "${pids[@]}"; do wait "$pid"; done
  ms=$((($(date +%s%N) - t0) / 1000000))
  conflicts=$(cat "$work"/out-"$mode-$procs"-*.log | sed -n 's/.*conflicts=\([0-9]*\).*/\1/p' | paste -sd+ | bc)
  publishes=$(cat "$work"/out-"$mode-$procs"-*.log | sed -n 's/.*publishes=\([0-9]*\).*/\1/p' | paste -sd+ | bc)
  listed=$(java $creds -cp "$cp" dev.pkgbuild.repo.ObjectIndexCount "$endpoint" "$mode$procs" "$key" 2>/dev/null)
  echo "$procs process(es): $count packages in $publishes publishes, ${ms} ms wall," \
    "$((count * 1000 / ms)) packages/s, $conflicts conflicts merged again, $listed packages in the index"
done
