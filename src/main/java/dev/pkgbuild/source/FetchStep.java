package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * melange's {@code fetch} pipeline done on the host: get the file (cache first), put it in
 * the workspace as the URI's base name unless it is extracted and deleted, and extract
 * it into {@code directory} with {@code strip-components}.
 *
 * @param uri the recipe's uri: http(s), file, or a local path
 * @param checksum expected-sha256 or expected-sha512
 * @param directory where to extract, relative to the workspace
 * @param extract whether to unpack the archive
 * @param stripComponents leading path components dropped from each entry
 * @param delete whether to remove the downloaded file after extracting
 */
public record FetchStep(String uri, Checksum checksum, String directory, boolean extract, int stripComponents,
    boolean delete) {
  public FetchStep {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(checksum, "checksum");
    directory = directory == null || directory.isBlank() ? "." : directory;
  }

  /**
   * Runs the step into {@code workspace}.
   *
   * @throws PkgbuildException from fetching or extracting, or for a directory or file
   *     name that would leave the workspace
   */
  public void run(Fetcher fetcher, Path workspace, long maxExpandedBytes) throws PkgbuildException {
    URI u = Fetcher.toUri(uri);
    String name = baseName(u);
    Path cached = fetcher.fetch(u, checksum);
    Path ws = workspace.toAbsolutePath().normalize();
    Path dir = ws.resolve(directory).normalize();
    if (Path.of(directory).isAbsolute() || !dir.startsWith(ws)) {
      throw PkgbuildException.badInput("fetch " + uri + ": directory '" + directory + "' leaves the workspace");
    }
    if (!extract || !delete) {
      copy(cached, ws.resolve(name));
    }
    if (extract) {
      SafeExtractor.extract(cached, name, dir, stripComponents, maxExpandedBytes, SafeExtractor.DEFAULT_MAX_ENTRIES);
    }
  }

  private String baseName(URI u) throws PkgbuildException {
    String path = u.getPath() == null ? "" : u.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw PkgbuildException.badInput("fetch " + uri + ": the uri has no file name");
    }
    return name;
  }

  private static void copy(Path cached, Path target) throws PkgbuildException {
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
      Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot copy " + cached + " to " + target + ": " + e.getMessage());
    }
  }
}
