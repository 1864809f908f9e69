package dev.pkgbuild.apk;

import dev.pkgbuild.archive.ChunkedInputStream;
import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.GzipMembers;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarReader;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.SignatureType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an APK v2 package member by member, as apk-tools does, recording the exact
 * compressed span of each member, and names every format problem it sees (see
 * {@link ApkContents#problems()}). Streams the data member; only the small signature and
 * control members are held in memory. Signatures are checked by {@link ApkVerifier}.
 */
public final class ApkReader {
  private static final int MAX_SMALL_MEMBER = 16 << 20;

  private final Path file;
  private final List<String> problems = new ArrayList<>();
  private final List<ApkContents.Signature> signatures = new ArrayList<>();

  private ApkReader(Path file) {
    this.file = file;
  }

  /**
   * Reads {@code apk}.
   *
   * @throws PkgbuildException (bad input) naming the file when it is missing, not gzip,
   *     truncated, corrupt, or has no {@code .PKGINFO}
   */
  public static ApkContents read(Path apk) throws PkgbuildException {
    try (InputStream in = Files.newInputStream(apk)) { // GzipMembers reads in 64 KiB chunks itself
      return new ApkReader(apk).read(in, Files.size(apk));
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput(apk + ": no such file");
    } catch (EOFException e) {
      throw PkgbuildException.badInput(apk + ": truncated: " + e.getMessage());
    } catch (IOException e) {
      throw PkgbuildException.badInput(apk + ": " + e.getMessage());
    }
  }

  private ApkContents read(InputStream in, long fileSize) throws IOException, PkgbuildException {
    GzipMembers g = new GzipMembers(in);
    if (!g.atMember()) {
      throw PkgbuildException.badInput(file + ": not an apk (an apk is concatenated gzip members)");
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    List<Small> first = smallTar(g, raw, "first");
    byte[] control = raw.toByteArray();
    List<Small> controlItems = first;
    if (!first.isEmpty() && first.stream().allMatch(i -> i.entry().name().startsWith(".SIGN."))) {
      first.forEach(this::signature);
      if (!g.atMember()) {
        throw PkgbuildException.badInput(file + ": truncated: no control member after the signature");
      }
      raw.reset();
      controlItems = smallTar(g, raw, "control");
      control = raw.toByteArray();
    }
    return finish(g, control, controlItems, fileSize);
  }

  private ApkContents finish(GzipMembers g, byte[] control, List<Small> controlItems, long fileSize)
      throws IOException, PkgbuildException {
    List<String> controlNames = controlItems.stream().map(i -> i.entry().name()).toList();
    String pkginfoText = pkginfo(controlItems);
    PkgInfo info = PkgInfo.parse(pkginfoText);
    long dataOffset = g.offset();
    MessageDigest sha256 = Digests.of("SHA-256");
    MessageDigest sha1 = Digests.of("SHA-1");
    sha1.update(control);
    DataChecks checks = new DataChecks(problems);
    if (!g.atMember()) {
      problems.add(g.hasMore() ? "bytes after the control member are not gzip" : "no data member");
    } else {
      try (InputStream data = new DataStream(g, sha256, sha1)) {
        checks.readAll(new TarReader(data));
        data.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    if (g.hasMore()) {
      problems.add("trailing bytes after the last gzip member (apk reports an IO error)");
    }
    String datahash = Digests.hex(sha256.digest());
    PkgInfoChecks.check(info, datahash, checks.entries(), problems);
    String identity = info.datahash() != null ? ApkIdentity.of(control) : ApkIdentity.fromSha1(sha1.digest());
    return new ApkContents(file, fileSize, signatures, control, dataOffset, pkginfoText, info, controlNames,
        checks.entries(), datahash, identity, problems);
  }

  /** Reads one small member completely; its tar must stop right after the last entry. */
  private record Small(TarEntry entry, byte[] content) {}

  private String pkginfo(List<Small> controlItems) throws PkgbuildException {
    String text = null;
    for (Small i : controlItems) {
      if (i.entry().name().equals(".PKGINFO")) {
        text = new String(i.content(), StandardCharsets.UTF_8);
      }
    }
    if (text == null) {
      throw PkgbuildException.badInput(file + ": no .PKGINFO in the control member");
    }
    return text;
  }

  private List<Small> smallTar(GzipMembers g, ByteArrayOutputStream raw, String what) throws IOException {
    byte[] tar;
    try (InputStream m = g.next(raw::write)) {
      tar = m.readNBytes(MAX_SMALL_MEMBER);
      if (m.read() >= 0) {
        throw new IOException("the " + what + " member is larger than " + (MAX_SMALL_MEMBER >> 20) + " MiB");
      }
    }
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    List<Small> items = new ArrayList<>();
    for (TarReader.Item i; (i = r.next()) != null; ) {
      items.add(new Small(i.entry(), r.content().readAllBytes()));
      problems.addAll(i.issues());
    }
    int zeros = r.countTrailingZeroBlocks();
    if (zeros > 0) {
      String kind = items.stream().allMatch(i -> i.entry().name().startsWith(".SIGN.")) ? "signature" : "control";
      problems.add(zeros + " end-of-archive block(s) left in the " + kind + " tar (apk: BAD archive)");
    }
    return items;
  }

  private void signature(Small i) {
    SignatureType.parse(i.entry().name()).ifPresentOrElse(
        n -> signatures.add(new ApkContents.Signature(n.type(), n.keyName(),
            i.content())),
        () -> problems.add(i.entry().name() + ": signature type apk does not know (skipped)"));
  }

  /** The data member(s) as one stream; the raw bytes feed the datahash and legacy identity. */
  private final class DataStream extends ChunkedInputStream {
    private final GzipMembers g;
    private final MessageDigest sha256;
    private final MessageDigest sha1;
    private InputStream current;
    private int members;

    DataStream(GzipMembers g, MessageDigest sha256, MessageDigest sha1) {
      this.g = g;
      this.sha256 = sha256;
      this.sha1 = sha1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        if (current == null) {
          if (!g.atMember()) {
            return -1;
          }
          if (++members == 2) {
            problems.add("more than one data member (apk-tools 3 drops support)");
          }
          current = g.next((raw, o, l) -> {
            sha256.update(raw, o, l);
            sha1.update(raw, o, l);
          });
        }
        int n = current.read(b, off, len);
        if (n >= 0) {
          return n;
        }
        current = null;
      }
    }
  }
}
