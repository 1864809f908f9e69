package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Size checks on files from outside, made before anything reads them whole. */
final class Bounds {
  /** How many times its size limit a download may inflate to. */
  static final int EXPANSION = 16;

  private Bounds() {}

  /** {@code file}, if it is no larger than {@code max}; {@code shown} names it in the error. */
  static Path size(Path file, long max, String shown) throws PkgbuildException {
    try {
      long size = Files.size(file);
      if (size > max) {
        throw PkgbuildException.badInput(shown + ": " + size + " bytes, larger than the limit of " + max);
      }
      return file;
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput(shown + ": no such file");
    } catch (IOException e) {
      throw PkgbuildException.badInput(shown + ": " + e.getMessage());
    }
  }

  /**
   * Refuses a gzip download that inflates to more than {@value #EXPANSION} times {@code max}:
   * an index is decompressed before its signature can be checked, and a small file can expand
   * to gigabytes. What is not gzip passes; the reader that follows names it.
   */
  static void expansion(Path file, long max, String shown) throws PkgbuildException {
    long limit = max * EXPANSION;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      long total = 0;
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limit) {
          throw PkgbuildException.badInput(shown + ": expands to more than " + limit + " bytes");
        }
      }
    } catch (ZipException | EOFException e) {
      return;
    } catch (IOException e) {
      throw PkgbuildException.badInput(shown + ": " + e.getMessage());
    }
  }
}
