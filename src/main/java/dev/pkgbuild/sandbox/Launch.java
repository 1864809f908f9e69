package dev.pkgbuild.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the runners share about starting their host-side launcher. */
final class Launch {
  /**
   * The launcher's own environment: just enough to find setpriv, bwrap or unshare. The
   * sandboxed command never sees it; it gets exactly the request's environment.
   */
  static final Map<String, String> HOST_ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  private Launch() {}

  /**
   * {@code unshare} with every namespace, started as {@code who} and dying with the JVM, up to
   * and including its {@code --}; what follows runs as uid 0 of the new user namespace.
   */
  static List<String> unshare(HostIdentity who, String unshare, boolean interactive) {
    List<String> argv = new ArrayList<>();
    if (!interactive) {
      argv.add("setsid"); // a new session: the build cannot reach the user's terminal
    }
    argv.addAll(who.setpriv(true)); // bwrap's --die-with-parent, for unshare
    argv.addAll(List.of(unshare, "--user", "--map-root-user", "--mount", "--propagation", "private",
        "--pid", "--fork", "--kill-child", "--net", "--ipc", "--uts", "--cgroup", "--"));
    return argv;
  }

  /** A setup script bundled beside this class, after the functions the scripts share. */
  static String script(String name) {
    return resource("sandbox-lib.sh") + resource(name);
  }

  private static String resource(String name) {
    try (InputStream in = Launch.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
