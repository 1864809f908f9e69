package dev.pkgbuild.apk;

import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarReader;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** Reads the content of files inside a package's data member. */
public final class ApkFiles {
  private ApkFiles() {}

  /**
   * The name and bytes of the first regular file in the data member whose name matches.
   *
   * @throws PkgbuildException when the package cannot be read
   */
  public static Optional<Found> first(Path apk, Predicate<String> name) throws PkgbuildException {
    ApkContents c = ApkReader.read(apk);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(apk))) {
      raw.skipNBytes(c.dataOffset());
      TarReader tar = new TarReader(new GZIPInputStream(raw, 1 << 16));
      for (TarReader.Item item = tar.next(); item != null; item = tar.next()) {
        TarEntry e = item.entry();
        if (e.type() == TarEntry.Type.FILE && name.test(e.name())) {
          return Optional.of(new Found(e.name(), tar.content().readAllBytes()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw PkgbuildException.badInput(apk + ": cannot read the data member: " + e.getMessage());
    }
  }

  /**
   * A file found in a package.
   *
   * @param name its path in the package
   * @param content its bytes
   */
  public record Found(String name, byte[] content) {}
}
