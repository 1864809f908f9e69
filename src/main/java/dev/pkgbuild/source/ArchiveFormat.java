package dev.pkgbuild.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** Archive kinds, told apart by their first bytes rather than by file name. */
enum ArchiveFormat {
  TAR("tar", new byte[0]),
  TAR_GZ("gzip", new byte[] {0x1f, (byte) 0x8b}),
  TAR_BZ2("bzip2", new byte[] {'B', 'Z', 'h'}),
  TAR_XZ("xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
  TAR_ZST("zstd", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
  ZIP("zip", new byte[] {'P', 'K', 3, 4});

  static final String KNOWN = "tar, tar.gz, tar.xz, tar.bz2, tar.zst or zip";
  private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

  final String label;
  private final byte[] magic;

  ArchiveFormat(String label, byte[] magic) {
    this.label = label;
    this.magic = magic;
  }

  /** The format of {@code file}, or empty when it is none we extract. */
  static Optional<ArchiveFormat> detect(Path file) throws IOException {
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    for (ArchiveFormat f : values()) {
      if (f != TAR && startsWith(head, n, f.magic)) {
        return Optional.of(f);
      }
    }
    if (startsWith(head, n, EMPTY_ZIP)) {
      return Optional.of(ZIP);
    }
    return TarArchiveInputStream.matches(head, n) ? Optional.of(TAR) : Optional.empty();
  }

  /** The tar stream inside a compressed file; null when the content is not a tar. */
  InputStream openTar(InputStream raw) throws IOException {
    InputStream plain = switch (this) {
      case TAR -> raw;
      case TAR_GZ -> new GzipCompressorInputStream(raw, true);
      case TAR_BZ2 -> new BZip2CompressorInputStream(raw, true);
      case TAR_XZ -> new XZCompressorInputStream(raw, true);
      case TAR_ZST -> new ZstdCompressorInputStream(raw);
      case ZIP -> throw new IllegalStateException("zip is not a tar stream");
    };
    BufferedInputStream buffered = new BufferedInputStream(plain, 1 << 16);
    buffered.mark(512);
    byte[] head = buffered.readNBytes(512);
    buffered.reset();
    return TarArchiveInputStream.matches(head, head.length) ? buffered : null;
  }

  private static boolean startsWith(byte[] head, int n, byte[] magic) {
    return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }
}
