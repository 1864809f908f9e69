#!/usr/bin/env python3
"""Makes the ~500 MB mixed tree for bench/packaging.sh, deterministically for a given machine.

Layout: small files copied from /usr/share (sorted walk, files under 256 KiB, up to 250 MB:
text, man pages, locale catalogues, icons), shared libraries from /usr/lib (up to 100 MB:
ELF, partly compressible), and three generated 50 MB files: random bytes (incompressible),
base64 text of random bytes (compresses to about 75%), and a seeded log-like text
(very compressible). Usage: make_tree.py DIR
"""
import base64
import os
import random
import shutil
import sys

MB = 1 << 20


def copy_files(src_root, dst_root, limit, max_size, want):
    total = 0
    for dirpath, dirnames, filenames in os.walk(src_root):
        dirnames.sort()
        for name in sorted(filenames):
            src = os.path.join(dirpath, name)
            if os.path.islink(src) or not os.path.isfile(src) or not want(name):
                continue
            size = os.path.getsize(src)
            if size > max_size or total + size > limit:
                continue
            dst = os.path.join(dst_root, os.path.relpath(src, src_root))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            total += size
            if total >= limit - 4096:
                return total
    return total


def generated(dst_root):
    os.makedirs(dst_root, exist_ok=True)
    rng = random.Random(20260101)
    with open(os.path.join(dst_root, "random.bin"), "wb") as f:
        for _ in range(50):
            f.write(rng.randbytes(MB))
    with open(os.path.join(dst_root, "base64.txt"), "wb") as f:
        for _ in range(50):
            f.write(base64.encodebytes(rng.randbytes(MB * 3 // 4)))
    words = ["INFO", "WARN", "debug", "request", "served", "/usr/lib/libfoo.so.1", "in", "ms",
             "cache", "miss", "hit", "user", "pkgbuild", "error", "ok", "GET", "POST"]
    with open(os.path.join(dst_root, "app.log"), "w") as f:
        written, line_no = 0, 0
        while written < 50 * MB:
            line = "%08d %s\n" % (line_no, " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))))
            f.write(line)
            written += len(line)
            line_no += 1


def main():
    root = sys.argv[1]
    if os.path.exists(os.path.join(root, ".complete")):
        return
    shutil.rmtree(root, ignore_errors=True)
    small = copy_files("/usr/share", os.path.join(root, "share"), 250 * MB, 256 * 1024, lambda n: True)
    libs = copy_files("/usr/lib", os.path.join(root, "lib"), 100 * MB, 16 * MB, lambda n: ".so" in n)
    generated(os.path.join(root, "data"))
    open(os.path.join(root, ".complete"), "w").close()
    print("tree %s: share %d MB, lib %d MB, data 150 MB" % (root, small // MB, libs // MB))


main()
