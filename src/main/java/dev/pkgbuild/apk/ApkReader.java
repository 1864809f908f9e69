package dev.pkgbuild.apk;

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
import java.util.function.Function;

/**
 * Reads an APK v2 package member by member, as apk-tools does, recording the exact
 * compressed span of each member, and names every format problem it sees (see
 * {@link ApkContents#problems()}). Streams the data member; only the small signature and
 * control members are held in memory. Signatures are checked by {@link ApkVerifier}.
 *
 * <p>What can be checked on compressed bytes is checked before anything is inflated: the
 * caller's check of the control member (the signature), then the {@code datahash}, which
 * covers the compressed bytes after the control member. The data is then inflated at most
 * up to {@link #inflateLimit}, and its files may hold at most {@link #SIZE_SLACK} more than
 * the {@code .PKGINFO} size (checked on each tar header, before the content), so a small file
 * that inflates to gigabytes is refused after a bounded amount of work.
 */
public final class ApkReader {
  private static final int MAX_SMALL_MEMBER = 16 << 20;
  /** Data is always inflated up to this many bytes, however well it compresses. */
  public static final long INFLATE_FLOOR = 256L << 20;
  /** Beyond the floor, data may inflate to this many times its compressed size. */
  public static final int INFLATE_RATIO = 100;
  /** How far the file content may exceed the {@code .PKGINFO} size (other writers round it differently). */
  public static final long SIZE_SLACK = 16L << 20;

  private final Path file;
  private final boolean headOnly;
  private final List<String> problems = new ArrayList<>();
  private final List<ApkContents.Signature> signatures = new ArrayList<>();

  private ApkReader(Path file, boolean headOnly) {
    this.file = file;
    this.headOnly = headOnly;
  }

  /**
   * Reads {@code apk}.
   *
   * @throws PkgbuildException (bad input) naming the file when it is missing, not gzip,
   *     truncated, corrupt, or has no {@code .PKGINFO}
   */
  public static ApkContents read(Path apk) throws PkgbuildException {
    return read(apk, head -> null);
  }

  /**
   * Reads {@code apk}, asking {@code beforeData} about what precedes the data member (an
   * {@link ApkContents} without entries); when it names a problem, the data is not read and
   * that problem is recorded.
   *
   * @throws PkgbuildException (bad input) naming the file when it is missing, not gzip,
   *     truncated, corrupt, has no {@code .PKGINFO}, or inflates past {@link #inflateLimit}
   */
  public static ApkContents read(Path apk, Function<ApkContents, String> beforeData) throws PkgbuildException {
    return read(apk, beforeData, false);
  }

  /**
   * Reads {@code apk} up to its data member and hashes the data's compressed bytes against
   * {@code datahash}, without inflating them: the signatures, the control member and its
   * identity, and whether the bytes on disk are the ones the control member vouches for. The
   * result has no entries. For a package this process just wrote, whose tar its writer made.
   *
   * @throws PkgbuildException as {@link #read(Path)}
   */
  public static ApkContents head(Path apk) throws PkgbuildException {
    return read(apk, c -> null, true);
  }

  private static ApkContents read(Path apk, Function<ApkContents, String> beforeData, boolean headOnly)
      throws PkgbuildException {
    try (InputStream in = Files.newInputStream(apk)) { // GzipMembers reads in 64 KiB chunks itself
      return new ApkReader(apk, headOnly).read(in, Files.size(apk), beforeData);
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput(apk + ": no such file");
    } catch (EOFException e) {
      throw PkgbuildException.badInput(apk + ": truncated: " + e.getMessage());
    } catch (IOException e) {
      throw PkgbuildException.badInput(apk + ": " + e.getMessage());
    }
  }

  /** The most a data member of {@code compressed} bytes is inflated to. */
  public static long inflateLimit(long compressed) {
    return Math.max(INFLATE_FLOOR, compressed > Long.MAX_VALUE / INFLATE_RATIO ? Long.MAX_VALUE : compressed * INFLATE_RATIO);
  }

  /** The limit for {@code compressed} bytes, in words, for error messages. */
  static String limitText(long compressed) {
    return "the limit of " + inflateLimit(compressed) + " bytes (" + INFLATE_RATIO + " times its " + compressed
        + " compressed bytes, at least " + (INFLATE_FLOOR >> 20) + " MiB)";
  }

  private ApkContents read(InputStream in, long fileSize, Function<ApkContents, String> beforeData)
      throws IOException, PkgbuildException {
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
    return finish(g, control, controlItems, fileSize, beforeData);
  }

  private ApkContents finish(GzipMembers g, byte[] control, List<Small> controlItems, long fileSize,
      Function<ApkContents, String> beforeData) throws IOException, PkgbuildException {
    List<String> controlNames = controlItems.stream().map(i -> i.entry().name()).toList();
    String pkginfoText = pkginfo(controlItems);
    PkgInfo info = PkgInfo.parse(pkginfoText);
    long dataOffset = g.offset();
    long compressed = fileSize - dataOffset;
    String controlIdentity = ApkIdentity.of(control);
    String refused = beforeData.apply(new ApkContents(file, fileSize, signatures, control, dataOffset, pkginfoText,
        info, controlNames, List.of(), null, controlIdentity, problems));
    String datahash = hashFrom(dataOffset);
    if (refused == null && info.datahash() != null && !info.datahash().equalsIgnoreCase(datahash)) {
      refused = "the datahash does not match the " + compressed
          + " bytes after the control member: the data was changed, cut short or extended";
    }
    if (refused == null && info.size() > inflateLimit(compressed)) {
      throw new IOException(".PKGINFO size " + info.size() + " is more than " + limitText(compressed)
          + "; the data was not inflated");
    }
    DataChecks checks = new DataChecks(problems, info.size());
    // only a package without datahash is identified by control and data together
    MessageDigest sha1 = info.datahash() == null ? Digests.of("SHA-1") : null;
    GzipMembers.Tap legacy = sha1 == null ? (b, o, l) -> { } : sha1::update;
    legacy.raw(control, 0, control.length);
    if (refused != null) {
      problems.add(refused + "; data not read");
    } else if (headOnly) {
      if (info.datahash() == null) {
        problems.add("no datahash: the data cannot be checked without reading it");
      }
      return new ApkContents(file, fileSize, signatures, control, dataOffset, pkginfoText, info, controlNames,
          List.of(), datahash, controlIdentity, problems);
    } else if (!g.atMember()) {
      problems.add(g.hasMore() ? "bytes after the control member are not gzip" : "no data member");
    } else {
      InputStream members = g.remaining(legacy, n -> {
        if (n == 2) {
          problems.add("more than one data member (apk-tools 3 drops support)");
        }
      });
      try (InputStream data = new InflateBound(members, compressed, "data")) {
        checks.readAll(new TarReader(data));
        data.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    if (refused == null && g.hasMore()) {
      problems.add("trailing bytes after the last gzip member (apk reports an IO error)");
    }
    PkgInfoChecks.check(info, datahash, checks.entries(), problems);
    String identity = sha1 == null ? controlIdentity : ApkIdentity.fromSha1(sha1.digest());
    return new ApkContents(file, fileSize, signatures, control, dataOffset, pkginfoText, info, controlNames,
        checks.entries(), datahash, identity, problems);
  }

  /** SHA-256 of the compressed bytes from {@code offset} to the end: what {@code datahash} covers. */
  private String hashFrom(long offset) throws IOException {
    MessageDigest sha256 = Digests.of("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(offset);
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha256.update(buf, 0, n);
      }
    }
    return Digests.hex(sha256.digest());
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
}
