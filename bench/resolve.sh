#!/usr/bin/env bash
# Resolver benchmark: writes the synthetic index of N (default 10000) packages
# (src/test/java/dev/pkgbuild/env/SyntheticIndex.java) as a repository, then runs
# ResolveBench over it (parse, first resolution in a cold JVM, warm median) as a whole process
# under /usr/bin/time. With APK=/path/to/apk (apk-tools 2.14) it also times
# `apk add --simulate` of the same world on the same index, and diffs the two transactions.
# See docs/benchmarks.md, section "Resolver".
# Usage: [APK=...] bench/resolve.sh [N] [ROUNDS]   (work dir: $BENCH_DIR, default a fresh temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
rounds=${2:-5}
work=${BENCH_DIR:-$(mktemp -d)}
mvn -B -q -o test-compile
cp="target/classes:target/test-classes"
java -cp "$cp" dev.pkgbuild.env.ResolveBench write "$work/repo" "$n"
/usr/bin/time -f 'pkgbuild process: %e s wall, %U s user, %M KiB max RSS' \
  java -cp "$cp" dev.pkgbuild.env.ResolveBench resolve "$work/repo" "$rounds" > "$work/ours.txt"
if [ -n "${APK:-}" ]; then
  (cd "$work/repo/x86_64" && tar -czf APKINDEX.tar.gz APKINDEX)
  root="$work/root"
  mkdir -p "$root/etc/apk" "$root/lib/apk/db"
  echo x86_64 > "$root/etc/apk/arch"
  echo "$work/repo" > "$root/etc/apk/repositories"
  : > "$root/etc/apk/world"; : > "$root/lib/apk/db/installed"; : > "$root/lib/apk/db/triggers"
  tar -cf "$root/lib/apk/db/scripts.tar" -T /dev/null
  # shellcheck disable=SC2046
  /usr/bin/time -f 'apk-tools process: %e s wall, %U s user, %M KiB max RSS' \
    "$APK" add --simulate --root "$root" --allow-untrusted --no-cache $(cat "$work/repo/world") \
    2>&1 > "$work/apk.txt" | grep -v '^WARNING' || true
  if diff -q "$work/ours.txt" "$work/apk.txt" >/dev/null; then
    echo "transactions: identical ($(wc -l < "$work/ours.txt") lines)"
  else
    echo "transactions differ: diff $work/ours.txt $work/apk.txt"
  fi
fi
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${BENCH_DIR:-}" ] || [ -n "${APK:-}" ] || rm -rf "$work"
