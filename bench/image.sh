#!/usr/bin/env bash
# Image build time (issue 13): `pkgbuild image` of two configurations over the toolchain
# repository (src/test/java/dev/pkgbuild/testing/DebianToolchainRepo.java), ROUNDS times each,
# whole processes under /usr/bin/time:
#   small   busybox alone, as nonroot (2 packages with its dependency closure);
#   big     build-base and busybox (53 packages, about 200 MiB installed);
# each "cold" (a fresh apk cache and output folder) and "warm" (the apk cache of the cold run).
# With APK=/path/to/apk (apk-tools 2.14) the same sets are also made the apk way,
# `apk add --root --initdb` then `tar --sort=name | gzip -n`, as the anchor.
# See docs/benchmarks.md, section "Images".
# Usage: [APK=...] bench/image.sh [REPO] [ROUNDS]   (work dir: $BENCH_DIR or a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${1:-$(ls -d "$HOME"/.cache/pkgbuild-test/toolchain-apk/*/repo 2>/dev/null | tail -1)}
rounds=${2:-3}
if [ -z "$repo" ] || [ ! -f "$repo/x86_64/APKINDEX.tar.gz" ]; then
  echo "no toolchain repository; make it with: PKGBUILD_DEBIAN_DEBS=~/.cache/pkgbuild-test/debian-debs" \
    "mvn -B -q test -Dtest=DebianToolchainRepoTest" >&2
  exit 2
fi
repo=$(cd "$repo" && pwd -P)
key=$(ls "$repo"/*.rsa.pub | head -1)
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work/logs" "$work/keys"
cp "$key" "$work/keys/"
: > "$work/times"
./pkgbuild --version > /dev/null # builds the jar when it is missing or stale

config() { # NAME PACKAGES...
  local name=$1
  shift
  {
    printf 'contents:\n  repositories: [%s]\n  keyring: [%s]\n  packages:\n' "$repo" "$key"
    printf '    - %s\n' "$@"
    printf 'accounts:\n  groups: [{groupname: nonroot, gid: 65532}]\n'
    printf '  users: [{username: nonroot, uid: 65532, gid: 65532}]\n  run-as: nonroot\n'
    printf 'entrypoint:\n  command: /bin/sh\narchs: [x86_64]\n'
  } > "$work/$name.yaml"
}
config small busybox
config big build-base busybox
declare -A sets=([small]="busybox" [big]="build-base busybox")

timed() {
  local label=$1 log=$2
  shift 2
  sync
  /usr/bin/time -f "$label %e %U %M %S" -a -o "$work/times" "$@" > "$work/logs/$log.out" 2> "$work/logs/$log.err"
}
export SOURCE_DATE_EPOCH=1700000000
for i in $(seq "$rounds"); do
  for s in small big; do
    timed "$s-cold" "$s-cold-$i" ./pkgbuild image "$work/$s.yaml" --output "$work/$s-cold-$i" \
      --apk-cache-dir "$work/cache-$s-$i" --tag "$s:1"
    timed "$s-warm" "$s-warm-$i" ./pkgbuild image "$work/$s.yaml" --output "$work/$s-warm-$i" \
      --apk-cache-dir "$work/cache-$s-$i" --tag "$s:1"
    if [ -n "${APK:-}" ]; then
      # shellcheck disable=SC2086
      timed "$s-apk+tar" "$s-apk-$i" sh -c "'$APK' add --root '$work/$s-apk-$i' --initdb --keys-dir '$work/keys' \
        --repository '$repo' --no-scripts --no-cache --arch x86_64 ${sets[$s]} >/dev/null 2>&1 &&
        tar -C '$work/$s-apk-$i' --sort=name --mtime=@$SOURCE_DATE_EPOCH --numeric-owner -cf - . | gzip -n > '$work/$s-apk-$i.tar.gz'"
    fi
  done
done
d1=$(cat "$work/logs/big-cold-1.out"); d2=$(cat "$work/logs/big-warm-1.out")
[ "$d1" = "$d2" ] && echo "big image digest, cold and warm: $d1 (same)" || echo "digests differ: $d1 / $d2"
# medians with sort alone (mawk has no asort)
med() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-15s %6s %9s %9s %9s %12s\n' process rounds "wall med" "wall min" "user med" "max RSS KiB"
for label in $(cut -d' ' -f1 "$work/times" | sort -u); do
  rows=$(grep "^$label " "$work/times")
  printf '%-15s %6d %9.2f %9.2f %9.2f %12d\n' "$label" "$(echo "$rows" | wc -l)" \
    "$(echo "$rows" | cut -d' ' -f2 | med)" "$(echo "$rows" | cut -d' ' -f2 | sort -n | head -1)" \
    "$(echo "$rows" | cut -d' ' -f3 | med)" "$(echo "$rows" | cut -d' ' -f4 | sort -n | tail -1)"
done
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
