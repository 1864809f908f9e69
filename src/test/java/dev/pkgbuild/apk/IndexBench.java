package dev.pkgbuild.apk;

import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Makes the packages for bench/index.sh (not a test, not timed): a key pair in DIR/keys, N
 * small signed packages in DIR/repo/x86_64 and EXTRA more in DIR/extra, one per "add one"
 * round. Files already there are kept. Usage: IndexBench DIR N EXTRA.
 */
public final class IndexBench {
  private IndexBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int extra = Integer.parseInt(args[2]);
    Path keyFile = root.resolve("keys/bench.rsa");
    if (!Files.exists(keyFile)) {
      KeyGenerator.generateFiles(root.resolve("keys"), Optional.of("bench"));
    }
    SigningKey key = SigningKey.load(keyFile);
    Path arch = Files.createDirectories(root.resolve("repo/x86_64"));
    Path spare = Files.createDirectories(root.resolve("extra"));
    IntStream.range(0, n + extra).parallel().forEach(i -> {
      Path folder = i < n ? arch : spare;
      String name = (i < n ? "pkg" : "added") + i;
      if (!Files.exists(folder.resolve(name + "-1.0-r0.apk"))) {
        make(root, folder, key, name);
      }
    });
  }

  private static void make(Path root, Path folder, SigningKey key, String name) {
    try {
      Path tree = Files.createDirectories(root.resolve("trees/" + name + "/usr/share/" + name));
      Files.writeString(tree.resolve("README"), "package " + name + "\n");
      PkgInfo info = PkgInfo.builder(name, "1.0-r0").arch("x86_64").pkgdesc("bench package " + name)
          .url("https://example.invalid/" + name).addLicense("MIT").origin(name).builddate(0L)
          .addDepend("so:libc.musl-x86_64.so.1").build();
      ApkWriter.of(key, 0).writeTo(info, root.resolve("trees/" + name), Map.of(), folder.resolve(name + "-1.0-r0.apk"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
