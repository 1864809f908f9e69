#!/usr/bin/env bash
# Decompression bombs against `verify`, `info` and `index`: an unsigned package whose 3 MB
# data member inflates to 3 GiB of zeros: with its true size in .PKGINFO, claiming 1000 bytes,
# and claiming 1000 bytes with the zeros after the tar's end (no tar header announces them). Each command runs once per round on each bomb, wall time and exit code.
# The bombs are made here (deflate of one MiB of zeros after a full flush gives the same
# bytes every time, so the chunk is repeated) and deleted afterwards.
# Usage: ROUNDS=1 PKGBUILD=./pkgbuild COMMANDS="verify info index" bench/bomb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-1}
pkgbuild=${PKGBUILD:-./pkgbuild}
work=$(mktemp -d /tmp/pkgbuild-bench-bomb.XXXXXX)
trap 'rm -rf "$work"' EXIT
$pkgbuild --version >/dev/null
python3 - "$work" <<'PY'
import hashlib, io, os, struct, sys, tarfile, zlib
work = sys.argv[1]
mib = 3 << 10
def gz_member(raw_deflate, crc, size):
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + raw_deflate + struct.pack("<II", crc, size & 0xffffffff)
def data_member(file_size):
    info = tarfile.TarInfo("big"); info.size = file_size; info.mode = 0o644
    header = info.tobuf(format=tarfile.USTAR_FORMAT)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(header) + c.flush(zlib.Z_FULL_FLUSH)
    chunk = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    last = c.compress(bytes(1024)) + c.flush()
    crc = zlib.crc32(header)
    zero = bytes(1 << 20)
    for _ in range(mib):
        crc = zlib.crc32(zero, crc)
    crc = zlib.crc32(bytes(1024), crc)
    return gz_member(first + chunk * mib + last, crc, len(header) + (mib << 20) + 1024)
in_file = data_member(mib << 20)
# honest: its size is in .PKGINFO; liar: claims 1000 bytes; padded: claims 1000 bytes, the
# tar's one file is empty and the zeros follow the end of the archive
for name, size, data in (("honest", mib << 20, in_file), ("liar", 1000, in_file), ("padded", 1000, data_member(0))):
    pkginfo = ("pkgname = %s\npkgver = 1.0-r0\narch = x86_64\nsize = %d\ndatahash = %s\n"
               % (name, size, hashlib.sha256(data).hexdigest())).encode()
    t = tarfile.TarInfo(".PKGINFO"); t.size = len(pkginfo); t.mode = 0o644
    ctar = t.tobuf(format=tarfile.USTAR_FORMAT) + pkginfo + bytes(-len(pkginfo) % 512)
    cz = zlib.compressobj(9, zlib.DEFLATED, -15)
    control = gz_member(cz.compress(ctar) + cz.flush(), zlib.crc32(ctar), len(ctar))
    d = os.path.join(work, name, "x86_64"); os.makedirs(d)
    with open(os.path.join(d, name + "-1.0-r0.apk"), "wb") as f:
        f.write(control + data)
PY
ls -l "$work"/*/x86_64/*.apk | awk '{print $5, $9}'
for r in $(seq "$rounds"); do
  for b in honest liar padded; do
    apk="$work/$b/x86_64/$b-1.0-r0.apk"
    for cmd in ${COMMANDS:-verify info index}; do
      arg=$apk; [ "$cmd" = index ] && arg=$work/$b/x86_64
      s=$(date +%s.%N); set +e; $pkgbuild $cmd "$arg" >/dev/null 2>"$work/err"; code=$?; set -e; e=$(date +%s.%N)
      printf '%s %-6s %-6s %6.2f s exit %d  %s\n' "$r" "$b" "$cmd" "$(echo "$e - $s" | bc)" "$code" "$(head -c 150 "$work/err" | head -1)"
    done
  done
done
