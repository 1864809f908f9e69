#!/usr/bin/env bash
# Indexing benchmark, whole processes as users run them, paired with apk-tools in one run:
#   full:    `pkgbuild index --rebuild DIR`  against  `apk index -o OUT DIR/*.apk`
#   add one: one new package copied into DIR, then `pkgbuild index DIR`  against
#            `apk index --index OLD -o OUT DIR/*.apk` (apk reuses the records of files not newer than OLD)
# apk-tools does not sign; its index is then signed as abuild-sign does (openssl, RSA/SHA-1 member in
# front), timed on its own as "sign". pkgbuild's figures include its own signing (RSA/SHA-256).
# Each round runs the pair back to back; the order alternates. See docs/benchmarks.md, "Indexing as
# users run it".
# Usage: APK=/path/to/apk bench/index.sh [N] [ROUNDS]   (N packages, default 10000; ROUNDS full
# rounds, default 3, and three times as many add rounds, which are short and noisier)
# Work dir: $BENCH_DIR (kept, and its packages reused), default a fresh temp dir (removed).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
rounds=${2:-3}
apk=${APK:-apk}
work=${BENCH_DIR:-$(mktemp -d)}
here=$PWD
"$apk" --version | grep -q '^apk-tools 2\.' || { echo "index.sh: APK=$apk is not apk-tools 2.x" >&2; exit 2; }
./pkgbuild --version >/dev/null
mvn -B -q -o test-compile
java -cp "target/test-classes:target/pkgbuild.jar" dev.pkgbuild.apk.IndexBench "$work" "$n" $((3 * rounds + 1))
dir=$work/repo/x86_64
key=$work/keys/bench.rsa

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# abuild-sign's scheme: a tar of one .SIGN.RSA.<key>.pub file, end blocks cut, gzipped, in front.
sign_apk_index() {
  local s; s=$(mktemp -d)
  openssl dgst -sha1 -sign "$key" -out "$s/.SIGN.RSA.bench.rsa.pub" "$1"
  (cd "$s" && tar -b1 --owner=0 --group=0 --mtime=@0 -cf - .SIGN.RSA.bench.rsa.pub | head -c -1024 | gzip -9n) >"$s/sig"
  cat "$s/sig" "$1" >"$1.new" && mv "$1.new" "$1"
  rm -rf "$s"
}

apk_full() { (cd "$dir" && "$apk" index --keys-dir "$work/keys" -o "$work/apk.new" ./*.apk >/dev/null 2>&1); }
apk_add() { (cd "$dir" && "$apk" index --keys-dir "$work/keys" --index "$work/APKINDEX.apk" -o "$work/apk.new" ./*.apk >/dev/null 2>&1); }
pkgbuild_full() { "$here/pkgbuild" index --rebuild --signing-key "$key" "$dir" >/dev/null 2>&1; }
pkgbuild_add() { "$here/pkgbuild" index --signing-key "$key" "$dir" >/dev/null 2>&1; }

# one timed anchor run: the apk step, then the signing step; the signed index is the next --index
anchor() {
  local t; t=$(date +%s%N); "apk_$1"; a=$(ms "$t")
  t=$(date +%s%N); sign_apk_index "$work/apk.new"; s=$(ms "$t")
  mv "$work/apk.new" "$work/APKINDEX.apk"
}
ours() { local t; t=$(date +%s%N); "pkgbuild_$1"; p=$(ms "$t"); }

# Warm-up, not timed: page cache, and the launcher's class-data archive for index.
extra=0
add_package() { cp "$work/extra/added$((n + extra))-1.0-r0.apk" "$dir/"; extra=$((extra + 1)); }
pkgbuild_full; anchor full; add_package; pkgbuild_add; anchor add

results=$work/results
: >"$results"
echo "round  what     apk_ms sign_ms pkgbuild_ms  ratio(apk) ratio(apk+sign)"
for what in full add; do
  count=$rounds
  [ "$what" = add ] && count=$((3 * rounds))
  for r in $(seq 1 "$count"); do
    [ "$what" = add ] && add_package
    if [ $((r % 2)) = 1 ]; then anchor "$what"; ours "$what"; else ours "$what"; anchor "$what"; fi
    awk -v r="$r" -v w="$what" -v a="$a" -v s="$s" -v p="$p" \
      'BEGIN { printf "%5d  %-7s %7d %7d %11d  %10.2f %15.2f\n", r, w, a, s, p, p / a, p / (a + s) }' | tee -a "$results"
  done
done
# medians per kind, each column on its own
median() { awk -v w="$1" -v c="$2" '$2 == w { print $c }' "$results" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for what in full add; do
  echo "median $what: apk $(median "$what" 3) ms, sign $(median "$what" 4) ms, pkgbuild $(median "$what" 5) ms;" \
    "ratio(apk) $(median "$what" 6), ratio(apk+sign) $(median "$what" 7)"
done
echo "packages: $(ls "$dir" | grep -c '\.apk$'); index: $(stat -c %s "$dir/APKINDEX.tar.gz") bytes (apk-tools: $(stat -c %s "$work/APKINDEX.apk"))"
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); $("$apk" --version); $(java -version 2>&1 | head -1)"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
