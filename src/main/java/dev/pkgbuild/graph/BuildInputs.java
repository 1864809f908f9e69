package dev.pkgbuild.graph;

import dev.pkgbuild.diag.PkgbuildVersion;
import dev.pkgbuild.io.Nss;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hash of everything a build's output depends on besides the version: the compiled
 * recipe (pipelines inlined, substitutions applied), the source dir's files, the arch and
 * the pkgbuild version. Two builds with equal hashes would make the same packages, so a
 * changed hash under an unchanged version means somebody forgot to bump the epoch.
 */
public final class BuildInputs {
  private BuildInputs() {}

  /** The recipe's default source dir, {@code <recipe dir>/<name>/}, or null when there is none. */
  public static Path defaultSourceDir(Path recipe, String name) {
    Path beside = recipe.toAbsolutePath().getParent().resolve(name);
    return Files.isDirectory(beside) ? beside : null;
  }

  /** {@code sha256:<hex>} over the inputs. */
  public static String hash(String compiledRecipe, String arch, Path sourceDir) throws IOException {
    MessageDigest md = sha256();
    update(md, "pkgbuild " + PkgbuildVersion.get());
    update(md, "arch " + arch);
    update(md, compiledRecipe);
    if (sourceDir != null && Files.isDirectory(sourceDir)) {
      hashTree(md, sourceDir);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  private static void hashTree(MessageDigest md, Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.sorted().toList();
    }
    for (Path p : files) {
      String rel = root.relativize(p).toString();
      if (Files.isSymbolicLink(p)) {
        update(md, "link " + rel + " " + Files.readSymbolicLink(p));
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        update(md, "file " + rel + " " + (Files.isExecutable(p) ? "x" : "-"));
        try (InputStream in = Files.newInputStream(p)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
          }
        }
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        update(md, "dir " + rel);
      }
    }
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(b);
  }

  /** Native once NSS has loaded: a build waits for it before hashing a large source dir. */
  private static MessageDigest sha256() {
    return Nss.digestIfLoaded("SHA-256");
  }
}
