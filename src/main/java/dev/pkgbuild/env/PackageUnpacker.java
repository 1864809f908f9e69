package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.GzipMembers;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarReader;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one package member by member, as apk-tools does, in a single pass: the signature
 * member is skipped, the control member gives {@code .PKGINFO} and the scripts, and each data
 * entry goes to {@link EntryWriter} as it streams by. The control member must hash to the
 * index's {@code C:} and the data to {@code datahash}; a mismatch fails the install.
 */
final class PackageUnpacker {
  private static final int MAX_SMALL_MEMBER = 16 << 20;
  private final EntryWriter writer;

  PackageUnpacker(EntryWriter writer) {
    this.writer = writer;
  }

  InstalledPackage unpack(VerifiedPackage p) throws PkgbuildException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(p.file()), 1 << 16)) {
      return read(p, new GzipMembers(in));
    } catch (IOException e) {
      throw PkgbuildException.badInput(p.label() + ": cannot read " + p.file() + ": " + e.getMessage());
    }
  }

  private InstalledPackage read(VerifiedPackage p, GzipMembers g) throws IOException, PkgbuildException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    Map<String, byte[]> control = small(g, raw);
    if (!control.isEmpty() && control.keySet().stream().allMatch(n -> n.startsWith(".SIGN."))) {
      raw.reset();
      control = small(g, raw);
    }
    byte[] pkginfo = control.get(".PKGINFO");
    if (pkginfo == null) {
      throw PkgbuildException.badInput(p.label() + ": no .PKGINFO in the control member of " + p.file());
    }
    PkgInfo info = PkgInfo.parse(new String(pkginfo, StandardCharsets.UTF_8));
    // All of the compressed data goes through it: native (NSS) where the host has it.
    MessageDigest sha256 = Digests.bulk("SHA-256");
    // Without a datahash, apk checks the package as one SHA-1 over control and data; with one, that costs for nothing.
    MessageDigest legacy = info.datahash() == null ? Digests.of("SHA-1") : null;
    if (legacy != null) {
      legacy.update(raw.toByteArray());
    }
    if (info.datahash() != null) {
      check(p, ApkIdentity.of(raw.toByteArray()), p.entry().checksum(), "control member");
    }
    InstalledPackage pkg = new InstalledPackage(p, info, scripts(control));
    GzipMembers.Tap tap = legacy == null ? sha256::update : (bytes, o, l) -> {
      sha256.update(bytes, o, l);
      legacy.update(bytes, o, l);
    };
    try (InputStream data = g.remaining(tap, n -> { })) {
      TarReader tar = new TarReader(data);
      for (TarReader.Item item; (item = tar.next()) != null; ) {
        writer.write(pkg, item.entry(), item.pax(), tar.content());
      }
      data.transferTo(OutputStream.nullOutputStream()); // the hash covers the whole member
    }
    if (info.datahash() != null) {
      check(p, Digests.hex(sha256.digest()), info.datahash(), "data member");
    } else {
      check(p, ApkIdentity.fromSha1(legacy.digest()), p.entry().checksum(), "package");
    }
    return pkg;
  }

  private static void check(VerifiedPackage p, String actual, String expected, String what)
      throws PkgbuildException {
    if (!actual.equals(expected)) {
      throw PkgbuildException.badInput(p.label() + ": the " + what + " of " + p.file() + " hashes to " + actual
          + ", not " + expected + " (changed since it was verified?)");
    }
  }

  /** The scripts apk stores, keyed by action in apk's order. */
  private static Map<String, byte[]> scripts(Map<String, byte[]> control) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String action : InstalledPackage.SCRIPT_ORDER) {
      byte[] body = control.get("." + action);
      if (body != null) {
        out.put(action, body);
      }
    }
    return out;
  }

  /** One small member (signature or control), its raw bytes added to {@code raw}. */
  private static Map<String, byte[]> small(GzipMembers g, ByteArrayOutputStream raw) throws IOException {
    if (!g.atMember()) {
      throw new IOException("not an apk, or truncated before the control member");
    }
    byte[] tar;
    try (InputStream m = g.next(raw::write)) {
      tar = m.readNBytes(MAX_SMALL_MEMBER);
      if (m.read() >= 0) {
        throw new IOException("a control member larger than " + (MAX_SMALL_MEMBER >> 20) + " MiB");
      }
    }
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    Map<String, byte[]> items = new LinkedHashMap<>();
    for (TarReader.Item i; (i = r.next()) != null; ) {
      items.put(i.entry().name(), r.content().readAllBytes());
    }
    return items;
  }

  /** {@code Q1} + base64 for a checksum record in hex (apk) or already {@code Q1...} (apko); null if unreadable. */
  static String q1(String record) {
    if (record == null) {
      return null;
    }
    if (record.startsWith("Q1")) {
      return record;
    }
    try {
      return ApkIdentity.fromSha1(HexFormat.of().parseHex(record));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Receives each data entry. */
  interface EntryWriter {
    void write(InstalledPackage pkg, TarEntry e, Map<String, String> pax, InputStream content)
        throws IOException, PkgbuildException;
  }
}
