#!/usr/bin/env bash
# Sandbox start-up cost: N runs of /bin/true through plain bwrap (a shell loop, and the same
# minimal command started from a JVM) and through pkgbuild's bubblewrap and unshare runners
# (full isolation, from one warm JVM). Usage: bench/sandbox.sh [N]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
mvn -B -q -o test-compile
cp=target/classes:target/test-classes
drop=()
if [ "$(id -u)" = 0 ]; then # as pkgbuild does: never a user namespace owned by real root
  drop=(setpriv --reuid=2000000000 --regid=2000000000 --clear-groups --)
fi
start=$(date +%s%N)
for _ in $(seq "$n"); do
  "${drop[@]}" bwrap --unshare-all --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib \
    --symlink usr/lib64 /lib64 -- /bin/true
done
end=$(date +%s%N)
awk -v t=$((end - start)) -v n="$n" 'BEGIN { printf "%-12s n=%d mean=%.1f ms (shell loop)\n", "bwrap-shell", n, t / n / 1e6 }'
for mode in plain-bwrap bubblewrap unshare; do
  java -cp "$cp" dev.pkgbuild.sandbox.SandboxBench "$mode" "$n"
done
uptime
