package dev.pkgbuild.sandbox;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A small package root made of host programs for the rooted sandbox tests: a usr-merged layout
 * ({@code /bin -> usr/bin}, {@code /usr/bin/sh -> dash}), the named tools from /usr/bin, and the
 * libraries and ELF interpreter {@code ldd} names for them, each at the path the program asks for.
 */
final class TestRoot {
  private static final Pattern LIB = Pattern.compile("(/\\S+) \\(0x");

  private TestRoot() {}

  /** Builds the root at {@code dir} with a shell (dash) and {@code tools}. */
  static Path build(Path dir, String... tools) throws IOException, InterruptedException {
    Requires.tool("ldd");
    Files.createDirectories(dir.resolve("usr/bin"));
    Files.createSymbolicLink(dir.resolve("bin"), Path.of("usr/bin"));
    Files.createSymbolicLink(dir.resolve("usr/bin/sh"), Path.of("dash"));
    List<String> all = new ArrayList<>(List.of("dash"));
    all.addAll(List.of(tools));
    for (String tool : all) {
      Path host = Path.of("/usr/bin", tool);
      copy(host, dir);
      for (String lib : libraries(host)) {
        copy(Path.of(lib), dir);
      }
    }
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/pkgbuild-root"), "the package root\n");
    return dir;
  }

  /** Every path, type, mode, owner, link target and content hash under {@code root}. */
  static List<String> listing(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted().toList()) {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
            : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? sha256(p) : "dir";
        out.add(root.relativize(p) + " " + Integer.toOctalString((Integer) a.get("mode")) + " " + a.get("uid")
            + ":" + a.get("gid") + " " + what);
      }
    }
    return out;
  }

  private static void copy(Path host, Path root) throws IOException {
    Path to = root.resolve(host.toString().substring(1));
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.createDirectories(to.getParent());
    Files.copy(host, to, StandardCopyOption.COPY_ATTRIBUTES);
  }

  private static List<String> libraries(Path program) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ldd", program.toString()).redirectErrorStream(true).start();
    String text;
    try (InputStream in = p.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (p.waitFor() != 0) {
      throw new IOException("ldd " + program + ": " + text);
    }
    List<String> libs = new ArrayList<>();
    Matcher m = LIB.matcher(text);
    while (m.find()) {
      libs.add(m.group(1));
    }
    return libs;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
