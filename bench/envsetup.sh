#!/usr/bin/env bash
# Build environment set-up (issue 11): the toolchain repository's `build-base busybox` (53
# packages, src/test/java/dev/pkgbuild/testing/DebianToolchainRepo.java) made into a new root,
# ROUNDS times each, interleaved, whole processes under /usr/bin/time:
#   ours cold  `pkgbuild install --root` from the local repository (packages read in place);
#   apk cold   with APK=/path/to/apk (apk-tools 2.14), `apk add --root --initdb` of the same set;
#   resolve    `pkgbuild resolve` of the same set: JVM start, index and resolution, no install;
#   ours warm  a build whose environment is that set, its root a cache hit: the set-up time
#              the build logs ("environment: ... (cached) in N ms"), and the build's wall time.
# Both roots must list the same packages, versions and order in lib/apk/db/installed.
# See docs/benchmarks.md, section "Build environments: set-up".
# Usage: [APK=...] bench/envsetup.sh [REPO] [ROUNDS]   (REPO: the cached toolchain repository
#   under ~/.cache/pkgbuild-test/toolchain-apk by default; work dir: $BENCH_DIR or a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${1:-$(ls -d "$HOME"/.cache/pkgbuild-test/toolchain-apk/*/repo 2>/dev/null | tail -1)}
rounds=${2:-5}
if [ -z "$repo" ] || [ ! -f "$repo/x86_64/APKINDEX.tar.gz" ]; then
  echo "no toolchain repository; make it with: PKGBUILD_DEBIAN_DEBS=~/.cache/pkgbuild-test/debian-debs" \
    "mvn -B -q test -Dtest=DebianToolchainRepoTest" >&2
  exit 2
fi
repo=$(cd "$repo" && pwd -P)
key=$(ls "$repo"/*.rsa.pub | head -1)
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work/logs" "$work/keys"
chmod 755 "$work" # the sandbox runs as another uid when pkgbuild runs as root: it must reach the roots
cp "$key" "$work/keys/"
: > "$work/times"
names=(build-base busybox)
./pkgbuild --version > /dev/null # builds the jar when it is missing or stale

# One whole process, its output kept under logs/; appends "LABEL wall user rss sys" to times.
timed() {
  local label=$1 log=$2
  shift 2
  sync # the previous round's 200 MiB of dirty pages are not this round's cost
  /usr/bin/time -f "$label %e %U %M %S" -a -o "$work/times" "$@" > "$work/logs/$log.out" 2> "$work/logs/$log.err"
}
# The commands, as arrays (/usr/bin/time runs programs, not shell functions).
ours() { cmd=(./pkgbuild install --root "$1" -r "$repo" -k "$key" --apk-cache-dir "$work/apkcache" "${names[@]}"); }
apk() {
  cmd=("$APK" add --root "$1" --initdb --keys-dir "$work/keys" --repository "$repo" --no-scripts --no-cache
    --arch x86_64 "${names[@]}")
}
build=(./pkgbuild build "$work/envsetup.yaml" --out-dir "$work/out" --cache-dir "$work/cache"
  --keys-dir "$work/signkeys" --offline)
resolve=(./pkgbuild resolve -r "$repo" -k "$key" --apk-cache-dir "$work/apkcache" "${names[@]}")

cat > "$work/envsetup.yaml" <<EOF
package:
  name: envsetup
  version: "1"
  epoch: 0
  description: Times the set-up of a build environment
  copyright:
    - license: Apache-2.0
environment:
  contents:
    repositories:
      - $repo
    keyring:
      - $key
    packages:
$(printf '      - %s\n' "${names[@]}")
pipeline:
  - runs: mkdir -p "\${{targets.destdir}}/usr/share/envsetup" && echo ok > "\${{targets.destdir}}/usr/share/envsetup/ok"
EOF
# Two builds before timing: the first installs the root (and records the launcher's class
# archive); its publish adds the output repository to later environments, so the second
# installs once more, and from then on the root is a hit.
for i in 1 2; do "${build[@]}" > "$work/logs/build-prep-$i.out" 2> "$work/logs/build-prep-$i.err"; done
# Untimed: the page cache holds the repository for everyone alike.
ours "$work/ours-0" && "${cmd[@]}" > /dev/null
[ -z "${APK:-}" ] || { apk "$work/apk-0" && "${cmd[@]}" > /dev/null 2>&1; }

: > "$work/warm-ms"
# Nothing is deleted before the run ends: ext4 places new inodes away from freshly freed ones,
# and whoever creates files next pays for it (docs/benchmarks.md, "Big packages re-run").
for i in $(seq "$rounds"); do
  ours "$work/ours-$i" && timed ours-cold "ours-$i" "${cmd[@]}"
  [ -z "${APK:-}" ] || { apk "$work/apk-$i" && timed apk-cold "apk-$i" "${cmd[@]}"; }
  timed resolve "resolve-$i" "${resolve[@]}"
  timed build-warm "build-$i" "${build[@]}"
  line=$(grep -E '^environment: [0-9]+ packages, root' "$work/logs/build-$i.err")
  case "$line" in
    *"(cached) in "*) echo "$line" | sed -E 's/.* in ([0-9]+) ms.*/\1/' >> "$work/warm-ms" ;;
    *) echo "round $i: the build's root was not a cache hit: $line" >&2; exit 1 ;;
  esac
done
ours "$work/ours-check" && "${cmd[@]}" > "$work/ours.txt"

# Median of column COL of LABEL's rows in times (or of a one-column file).
median() { grep "^$2 " "$work/times" | awk -v c="$1" '{ print $c }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
minimum() { grep "^$2 " "$work/times" | awk -v c="$1" '{ print $c }' | sort -n | head -1; }
row() {
  printf '%-12s %6s %9s %9s %9s %9s %11s\n' "$1" "$(grep -c "^$1 " "$work/times")" "$(median 2 "$1")" \
    "$(minimum 2 "$1")" "$(median 3 "$1")" "$(median 5 "$1")" \
    "$(grep "^$1 " "$work/times" | awk '{ print $4 }' | sort -n | tail -1)"
}
echo "repository: $repo ($(wc -l < "$work/ours.txt") lines of transaction)"
printf '%-12s %6s %9s %9s %9s %9s %11s\n' process rounds "wall med" "wall min" "user med" "sys med" "max RSS KiB"
row ours-cold
[ -z "${APK:-}" ] || row apk-cold
row resolve
row build-warm
echo "warm environment set-up (build log), ms: $(tr '\n' ' ' < "$work/warm-ms")" \
  "median $(sort -n "$work/warm-ms" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
if [ -n "${APK:-}" ]; then
  apk "$work/apk-check" && "${cmd[@]}" > "$work/apk.txt" 2> "$work/logs/apk-check.err"
  "$APK" --version
  pv() { grep -E '^[PV]:' "$1/lib/apk/db/installed" | paste -d' ' - -; }
  if diff <(pv "$work/ours-check") <(pv "$work/apk-check") > /dev/null; then
    echo "installed packages: the same $(pv "$work/ours-check" | wc -l) names and versions, same order" \
      "(installed db $(cmp -s "$work/ours-check/lib/apk/db/installed" "$work/apk-check/lib/apk/db/installed" \
      && echo byte-identical || echo differs))"
  else
    echo "installed packages differ: diff <(grep -E '^[PV]:' $work/ours-check/lib/apk/db/installed) ..."
  fi
  diff -q "$work/ours.txt" "$work/apk.txt" > /dev/null && echo "transactions: identical" \
    || echo "transactions differ: diff $work/ours.txt $work/apk.txt"
  if command -v hyperfine > /dev/null; then
    # Each run installs into a folder of its own (mktemp), for the same reason.
    mkdir -p "$work/hf"
    hyperfine --runs "$rounds" --warmup 1 --prepare sync \
      -n ours "./pkgbuild install --root \$(mktemp -d -p $work/hf) -r $repo -k $key \
--apk-cache-dir $work/apkcache ${names[*]}" \
      -n apk "$APK add --root \$(mktemp -d -p $work/hf) --initdb --keys-dir $work/keys --repository $repo \
--no-scripts --no-cache --arch x86_64 ${names[*]}" 2>&1 | grep -v '^ *$'
  fi
fi
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
