package dev.pkgbuild.build;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.Step;
import dev.pkgbuild.source.Checksum;
import dev.pkgbuild.source.Fetcher;
import dev.pkgbuild.source.SafeExtractor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The steps pkgbuild performs itself on the host, so that sandboxed steps never need the
 * network: {@code fetch} (downloaded before the build starts) and {@code git-checkout}.
 */
final class HostSteps {
  static final String FETCH = "fetch";
  static final String GIT_CHECKOUT = "git-checkout";

  private final Fetcher fetcher;
  private final GitSteps git;
  private final Path workspace;
  private final Map<Step, Path> fetched = new HashMap<>();

  HostSteps(Fetcher fetcher, GitSteps git, Path workspace) {
    this.fetcher = fetcher;
    this.git = git;
    this.workspace = workspace;
  }

  boolean handles(Step step) {
    return FETCH.equals(step.uses()) || GIT_CHECKOUT.equals(step.uses());
  }

  /** Downloads (or finds in the cache) every fetch source, before any step runs. */
  void prefetch(List<Step> steps) throws PkgbuildException {
    for (Step s : steps) {
      if (FETCH.equals(s.uses())) {
        fetched.put(s, fetcher.fetch(Fetcher.toUri(s.with().get("uri")), checksum(s)));
      }
      prefetch(s.children());
    }
  }

  void run(Step step, Consumer<String> out) throws PkgbuildException {
    if (FETCH.equals(step.uses())) {
      unpack(step, out);
    } else {
      git.checkout(step, workspace, out);
    }
  }

  static Checksum checksum(Step s) throws PkgbuildException {
    String sha512 = s.with().getOrDefault("expected-sha512", "");
    String sha256 = s.with().getOrDefault("expected-sha256", "");
    if (!sha512.isBlank()) {
      return Checksum.parse("sha512", sha512.strip());
    }
    if (!sha256.isBlank()) {
      return Checksum.parse("sha256", sha256.strip());
    }
    throw PkgbuildException.badInput(s.pos() + ": fetch of " + s.with().get("uri")
        + " needs expected-sha256 or expected-sha512");
  }

  private void unpack(Step step, Consumer<String> out) throws PkgbuildException {
    Path file = fetched.get(step);
    if (file == null) {
      throw new IllegalStateException("fetch step was not prefetched: " + step.pos());
    }
    Path dir = inWorkspace(StepScript.workdir(step.workingDirectory()), step.with().getOrDefault("directory", "."));
    String uri = step.with().get("uri");
    String base = URI.create(uri.replace(" ", "%20")).getPath();
    base = base == null || base.isEmpty() ? "source" : Path.of(base).getFileName().toString();
    try {
      Files.createDirectories(dir);
      if (!bool(step, "delete", false)) {
        Files.copy(file, dir.resolve(base), StandardCopyOption.REPLACE_EXISTING);
      }
      if (bool(step, "extract", true)) {
        int strip = Integer.parseInt(step.with().getOrDefault("strip-components", "1").strip());
        out.accept("extracting " + base + " (strip " + strip + ") into " + workspace.relativize(dir));
        SafeExtractor.extract(file, dir, strip, SafeExtractor.DEFAULT_MAX_BYTES);
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot unpack " + uri + ": " + e.getMessage());
    } catch (NumberFormatException e) {
      throw PkgbuildException.badInput(step.pos() + ": strip-components must be a number");
    }
  }

  private static boolean bool(Step s, String key, boolean dflt) {
    String v = s.with().get(key);
    return v == null || v.isBlank() ? dflt : Boolean.parseBoolean(v.strip());
  }

  /** Maps a sandbox path (under /home/build) to the host workspace, refusing escapes. */
  Path inWorkspace(String sandboxDir, String sub) throws PkgbuildException {
    String rel = sandboxDir.equals(StepScript.HOME) ? "" : sandboxDir.startsWith(StepScript.HOME + "/")
        ? sandboxDir.substring(StepScript.HOME.length() + 1) : null;
    if (rel == null) {
      throw PkgbuildException.badInput("source steps must work under " + StepScript.HOME + ", not " + sandboxDir);
    }
    Path p = workspace.resolve(rel).resolve(sub).normalize();
    if (!p.startsWith(workspace)) {
      throw PkgbuildException.badInput("'" + sub + "' leaves the workspace");
    }
    return p;
  }
}
