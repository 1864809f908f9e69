#!/usr/bin/env python3
"""Makes the mixed tree of bench/bigpackage.sh, the same bytes on every machine.

Layout for SIZE_MB (default 500): 20,000 * SIZE_MB / 500 small text files (seeded word text,
64 B to 10 KiB, about 100 MB at 500) in 200 folders of 100 each, and five large files that
share the rest equally, each "half random": 1 MiB stretches of random bytes alternate with
1 MiB of word text, so they compress to a little over half. A file DIR.complete beside it marks a
finished tree, which is then reused. Usage: make_bigtree.py DIR [SIZE_MB]
"""
import os
import random
import sys

MB = 1 << 20
WORDS = ("the of and to in is for on that by with as at from package build file tree "
         "source install library version error warning debug info request served cache "
         "miss hit user ok GET POST /usr/lib/libfoo.so.1 0x7f3a ms 200 404 config").split()


def text(rng, n):
    out = bytearray()
    while len(out) < n:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        out += line.encode() + b"\n"
    return bytes(out[:n])


def main():
    root = sys.argv[1]
    size_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    if os.path.exists(root + ".complete"):
        return
    rng = random.Random(20261202)
    pool = text(rng, 8 * MB)  # slices of one pool: fast, and far apart in any deflate window
    small = 20000 * size_mb // 500
    total = 0
    for i in range(small):
        d = os.path.join(root, "data", f"d{i // 100:03d}")
        if i % 100 == 0:
            os.makedirs(d, exist_ok=True)
        n = rng.randint(64, 10 * 1024)
        off = rng.randrange(0, len(pool) - n)
        with open(os.path.join(d, f"f{i % 100:02d}.txt"), "wb") as f:
            f.write(pool[off:off + n])
        total += n
    big = (size_mb * MB - total) // 5
    os.makedirs(os.path.join(root, "data", "big"), exist_ok=True)
    for k in range(5):
        with open(os.path.join(root, "data", "big", f"blob{k}.bin"), "wb") as f:
            left = big
            while left > 0:
                n = min(MB, left)
                if (left // MB) % 2 == 0:
                    f.write(rng.randbytes(n))
                else:
                    off = rng.randrange(0, len(pool) - n)
                    f.write(pool[off:off + n])
                left -= n
    open(root + ".complete", "w").close()


if __name__ == "__main__":
    main()
