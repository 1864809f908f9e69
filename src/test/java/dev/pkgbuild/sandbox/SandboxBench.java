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
 * {@code SandboxBench rooted RUNNER N [FILES]} (bench/rooted-step.sh) times {@code /bin/sh -c true}
 * on the host toolchain and in a prepared package root ({@link TestRoot}, padded with FILES small
 * files) through the same runner, the two alternating so that load hits both alike.
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
    if (mode.equals("rooted")) {
      rooted(sandbox(args[1]), ws, dir, Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
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

  private static void rooted(Sandbox sandbox, Path ws, Path dir, int n, int files) throws Exception {
    Path root = TestRoot.build(dir.resolve("root"));
    for (int i = 0; i < files; i++) {
      Path f = root.resolve("usr/share/pad/" + i / 1000 + "/" + i);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "padding " + i + "\n");
    }
    long t = System.nanoTime();
    sandbox.prepareRoot(root);
    System.out.printf("root: %d entries, prepareRoot %.1f ms%n", TestRoot.listing(root).size(),
        (System.nanoTime() - t) / 1e6);
    ExecRequest host = new ExecRequest(ws, List.of("/bin/sh", "-c", "true"), Map.of("PATH", "/usr/bin:/bin"), null,
        null, null, false);
    List<Double> onHost = new ArrayList<>();
    List<Double> inRoot = new ArrayList<>();
    for (int i = 0; i < n + 3; i++) {
      double h = timed(sandbox, host);
      double r = timed(sandbox, host.withRoot(root));
      if (i >= 3) { // the first runs warm the JIT and the page cache
        onHost.add(h);
        inRoot.add(r);
      }
    }
    double mh = median(onHost);
    double mr = median(inRoot);
    System.out.printf("%s n=%d host step median=%.1f ms, rooted step median=%.1f ms, rooted/host=%.2f,"
        + " extra per rooted step=%.1f ms%n", sandbox.name(), n, mh, mr, mr / mh, mr - mh);
  }

  private static double timed(Sandbox sandbox, ExecRequest request) throws Exception {
    long t = System.nanoTime();
    ExecResult r = sandbox.run(request);
    if (!r.ok()) {
      throw new IllegalStateException(sandbox.name() + " failed: " + r.tail());
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static double median(List<Double> ms) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
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
