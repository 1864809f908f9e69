package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.archive.GzipMembers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Finds a package's control member (the one after an optional signature member) without reading its data. */
final class ControlMember {
  private static final int MAX_BYTES = 16 << 20;

  private ControlMember() {}

  /**
   * One gzip member: its compressed bytes and where they lie in the file.
   *
   * @param start offset of its first byte
   * @param end offset just past its last byte (where the next member starts)
   */
  record Member(byte[] raw, long start, long end, String firstName) {}

  /** The signature member, or null for an unsigned package, and the control member; the data starts at its end. */
  record Heads(Member signature, Member control) {}

  /** {@code Q1} + base64 SHA-1 of the control member, as an index's {@code C:} gives it. */
  static String identity(InputStream in) throws IOException {
    return ApkIdentity.of(heads(in).control().raw());
  }

  /** The first members of a package read from its start. */
  static Heads heads(InputStream in) throws IOException {
    GzipMembers g = new GzipMembers(in);
    Member first = member(g);
    return first.firstName().startsWith(".SIGN.") ? new Heads(first, member(g)) : new Heads(null, first);
  }

  private static Member member(GzipMembers g) throws IOException {
    if (!g.atMember()) {
      throw new IOException("truncated before the control member");
    }
    long start = g.offset();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] header = new byte[100]; // a tar header's name field
    int n;
    try (InputStream m = g.next((b, o, l) -> raw.write(b, o, l))) {
      n = m.readNBytes(header, 0, header.length);
      // A control member is a few KiB; a huge one is no package's.
      if (m.transferTo(OutputStream.nullOutputStream()) > MAX_BYTES || raw.size() > MAX_BYTES) {
        throw new IOException("a control member larger than " + (MAX_BYTES >> 20) + " MiB");
      }
    }
    int end = 0;
    while (end < n && header[end] != 0) {
      end++;
    }
    return new Member(raw.toByteArray(), start, g.offset(), new String(header, 0, end, StandardCharsets.UTF_8));
  }
}
