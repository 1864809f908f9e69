package dev.pkgbuild.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Benchmark harness for bench/sandbox.sh: runs {@code /bin/true} N times through a runner
 * (or plain bwrap started the same way, from this JVM) and prints per-run wall times.
 * {@code SandboxBench hold RUNNER} instead runs {@code sleep 600}, for the Ctrl-C check.
 */
public final class SandboxBench {
  private SandboxBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dir = Files.createTempDirectory("pkgbuild-bench");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path ws = Files.createDirectories(dir.resolve("ws"));
    if (mode.equals("hold")) {
      sandbox(args[1]).run(new ExecRequest(ws, List.of("/bin/sleep", "600"), Map.of(), null, null, null, false));
      return;
    }
    int n = Integer.parseInt(args[1]);
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < n + 3; i++) {
      long t = System.nanoTime();
      ExecResult r = mode.equals("plain-bwrap") ? plainBwrap() : sandbox(mode).run(
          new ExecRequest(ws, List.of("/bin/true"), Map.of("PATH", "/usr/bin:/bin"), null, null, null, false));
      if (!r.ok()) {
        throw new IllegalStateException(mode + " failed: " + r.tail());
      }
      if (i >= 3) { // the first runs warm the JIT and the page cache
        ms.add((System.nanoTime() - t) / 1e6);
      }
    }
    Collections.sort(ms);
    double mean = ms.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    System.out.printf("%-12s n=%d mean=%.1f ms median=%.1f ms min=%.1f ms%n", mode, n, mean, ms.get(n / 2), ms.get(0));
  }

  private static Sandbox sandbox(String runner) {
    HostIdentity who = HostIdentity.current();
    return runner.equals("bubblewrap") ? new BubblewrapSandbox(who, "bwrap") : new UnshareSandbox(who, "unshare");
  }

  /** bwrap with the minimum that runs /bin/true, as the same uid our runners use. */
  private static ExecResult plainBwrap() throws Exception {
    List<String> argv = new ArrayList<>(HostIdentity.current().dropPrefix());
    argv.addAll(List.of("bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--", "/bin/true"));
    return ProcessRunner.run(argv, Launch.HOST_ENV, Duration.ofSeconds(30), l -> {}, false);
  }
}
