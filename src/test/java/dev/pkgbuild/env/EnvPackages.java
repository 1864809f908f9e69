package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.PkgInfoBuilder;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Packages for installer tests: real ones from the project's writer, hostile ones written entry by entry. */
final class EnvPackages {
  static final long EPOCH = 1_700_000_000L;

  private EnvPackages() {}

  /** The .PKGINFO fields every test package has. */
  static PkgInfoBuilder info(String name, String version) {
    return PkgInfo.builder(name, version).arch("x86_64").pkgdesc("test package " + name)
        .url("https://example.invalid/" + name).addLicense("MIT").origin(name).builddate(EPOCH);
  }

  /** Writes the tree under {@code work/tree-name} as {@code out/name-version.apk}. */
  static VerifiedPackage build(Path out, PkgInfo info, Map<String, String> scripts,
      Function<TarEntry, TarEntry> owners, TreeMaker tree) throws Exception {
    Path dir = out.resolve("tree-" + info.pkgname() + "-" + info.pkgver());
    Files.createDirectories(dir);
    tree.make(dir);
    Path apk = out.resolve(info.pkgname() + "-" + info.pkgver() + ".apk");
    WrittenApk w = new ApkWriter(null, List.of(), EPOCH, owners).writeTo(info, dir, scripts, apk);
    return VerifiedPackage.of(apk, w.indexEntry());
  }

  static VerifiedPackage build(Path out, PkgInfo info, TreeMaker tree) throws Exception {
    return build(out, info, Map.of(), null, tree);
  }

  /** A tree maker that writes one file {@code path} (parents made) holding {@code text}. */
  static TreeMaker file(String path, String text) {
    return dir -> {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    };
  }

  /** Fills a staging tree. */
  @FunctionalInterface
  interface TreeMaker {
    void make(Path dir) throws IOException;
  }

  /** A data entry of a hand-made package; content for regular files. */
  record Raw(TarEntry entry, String content) {
    static Raw dir(String name) {
      return new Raw(new TarEntry(name, TarEntry.Type.DIRECTORY, 0755, 0, 0, "root", "root", 0, EPOCH, null, null),
          "");
    }

    static Raw file(String name, String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      return new Raw(TarEntry.file(name, 0644, b.length, EPOCH, Digests.hex(Digests.sha1(b))), text);
    }

    static Raw symlink(String name, String target) {
      return new Raw(new TarEntry(name, TarEntry.Type.SYMLINK, 0777, 0, 0, "root", "root", 0, EPOCH, target,
          Digests.hex(Digests.sha1(target.getBytes(StandardCharsets.UTF_8)))), "");
    }
  }

  /** Writes an unsigned package whose data member holds exactly {@code entries}, names unchecked. */
  static VerifiedPackage raw(Path out, String name, List<Raw> entries) throws IOException {
    return raw(out, name, entries, UnaryOperator.identity());
  }

  static VerifiedPackage raw(Path out, String name, List<Raw> entries, UnaryOperator<byte[]> tamper)
      throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try (OutputStream gz = Gzip.member(data, Gzip.SMALL_LEVEL)) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      for (Raw r : entries) {
        tar.write(r.entry(), r.content().getBytes(StandardCharsets.UTF_8));
      }
      tar.finish(TarSegmentWriter.Trailer.END_BLOCKS);
    }
    PkgInfo info = info(name, "1.0-r0").size(1).datahash(Digests.hex(Digests.of("SHA-256").digest(data.toByteArray())))
        .build();
    ByteArrayOutputStream control = new ByteArrayOutputStream();
    try (OutputStream gz = Gzip.member(control, Gzip.SMALL_LEVEL)) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      byte[] pkginfo = info.renderBytes();
      tar.write(TarEntry.file(".PKGINFO", 0644, pkginfo.length, EPOCH, null), pkginfo);
      tar.finish(TarSegmentWriter.Trailer.OMIT);
    }
    Files.createDirectories(out);
    Path apk = out.resolve(name + "-1.0-r0.apk");
    byte[] whole = tamper.apply(concat(control.toByteArray(), data.toByteArray()));
    Files.write(apk, whole);
    return VerifiedPackage.of(apk, IndexEntry.of(info, ApkIdentity.of(control.toByteArray()), whole.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A request for these packages with world = their names and no repositories or keys. */
  static InstallRequest request(List<VerifiedPackage> packages) {
    return new InstallRequest(packages, packages.stream().map(p -> p.entry().name()).toList(), List.of(), List.of(),
        "x86_64", EPOCH);
  }
}
