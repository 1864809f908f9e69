package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the sandbox runner by actually starting a trivial command in it (a few
 * milliseconds), so a build never begins on a host where the sandbox cannot work.
 */
public final class SandboxSelector {
  /** The names accepted by {@link #select(String)}. */
  public static final List<String> RUNNERS = List.of("auto", "bubblewrap", "unshare");

  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(30);

  private final HostIdentity who;
  private final List<Path> searchPath;
  private final Path procSys;

  /**
   * A selector for this host.
   *
   * @param who who runs pkgbuild (see {@link HostIdentity#current()})
   * @param searchPath where to look for bwrap and unshare (the user's PATH)
   * @param procSys the kernel settings folder, normally {@code /proc/sys}
   */
  public SandboxSelector(HostIdentity who, List<Path> searchPath, Path procSys) {
    this.who = who;
    this.searchPath = List.copyOf(searchPath);
    this.procSys = procSys;
  }

  /** A selector for the running host, searching {@code pathVariable} (a PATH value). */
  public static SandboxSelector forHost(String pathVariable) {
    List<Path> dirs = new ArrayList<>();
    for (String d : (pathVariable == null ? "" : pathVariable).split(":")) {
      if (!d.isEmpty()) {
        dirs.add(Path.of(d));
      }
    }
    dirs.addAll(List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/local/bin")));
    return new SandboxSelector(HostIdentity.current(), dirs, Path.of("/proc/sys"));
  }

  /**
   * Returns a working runner: {@code auto} prefers bubblewrap and falls back to unshare.
   *
   * @throws PkgbuildException bad input for an unknown name; environment, with the reason and
   *     the fixing command, when no runner can start
   */
  public Selection select(String runner) throws PkgbuildException {
    if (!RUNNERS.contains(runner)) {
      throw PkgbuildException.badInput("unknown sandbox runner '" + runner
          + "' (expected auto, bubblewrap or unshare)");
    }
    Optional<Path> bwrap = find("bwrap");
    Optional<Path> unshare = find("unshare");
    List<String> failures = new ArrayList<>();
    if (!runner.equals("unshare")) {
      Optional<Selection> s = tryRunner(bwrap.map(p -> new BubblewrapSandbox(who, p.toString())), "bwrap", failures);
      if (s.isPresent()) {
        return s.get();
      }
    }
    if (!runner.equals("bubblewrap")) {
      Optional<Selection> s = tryRunner(unshare.map(p -> new UnshareSandbox(who, p.toString())), "unshare", failures);
      if (s.isPresent()) {
        return s.get();
      }
    }
    Diagnosis d = Diagnosis.of(procSys, bwrap.isPresent(), unshare.isPresent());
    throw PkgbuildException.environment("no working sandbox (" + String.join("; ", failures) + "): "
        + d.why() + "; fix: " + d.fix());
  }

  private Optional<Selection> tryRunner(Optional<? extends Sandbox> sandbox, String tool, List<String> failures) {
    if (sandbox.isEmpty()) {
      failures.add(tool + " not found");
      return Optional.empty();
    }
    try {
      return Optional.of(preflight(sandbox.get()));
    } catch (PkgbuildException e) {
      failures.add(sandbox.get().name() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Starts {@code /bin/true} in {@code sandbox} and measures it. */
  public static Selection preflight(Sandbox sandbox) throws PkgbuildException {
    Path ws = null;
    try {
      ws = Files.createTempDirectory("pkgbuild-preflight");
      ExecRequest probe = new ExecRequest(ws, List.of("/bin/true"), Map.of(), null, PREFLIGHT_TIMEOUT, null, false);
      ExecResult r = sandbox.run(probe);
      if (!r.ok()) {
        String last = r.tail().isEmpty() ? "exit " + r.exitCode() : r.tail().get(r.tail().size() - 1);
        throw PkgbuildException.environment(last);
      }
      return new Selection(sandbox, r.elapsed());
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot make a preflight workspace: " + e.getMessage());
    } finally {
      deleteQuietly(ws);
    }
  }

  private Optional<Path> find(String tool) {
    return searchPath.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
  }

  private static void deleteQuietly(Path ws) {
    try {
      if (ws != null) {
        Files.deleteIfExists(ws);
      }
    } catch (IOException e) {
      // an empty temp folder left behind is harmless
    }
  }

  /**
   * A runner that passed the preflight.
   *
   * @param sandbox the runner
   * @param preflight how long the trivial command took
   */
  public record Selection(Sandbox sandbox, Duration preflight) {}
}
