package dev.pkgbuild.sca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.check.LintOptions;
import dev.pkgbuild.check.Linters;
import dev.pkgbuild.sbom.SbomInput;
import dev.pkgbuild.sbom.SpdxDocument;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCA + linters + SBOM on a 10,000-file package with 500 ELF objects, beside
 * {@code tar -c | gzip -6} of the same tree. Runs only with {@code -Dpkgbuild.bench=true}.
 */
class ScaBench {
  static final int FILES = 10_000;
  static final int ELF = 500;
  static final String[] WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
      .split(" ");

  @TempDir Path tmp;

  @Test
  void bench_tenThousandFiles_reportsTimes() throws Exception {
    // opt-in, and a plain assumption so CI's require-all mode does not turn the skip into a failure
    Assumptions.assumeTrue(Boolean.getBoolean("pkgbuild.bench"), "benchmark runs with -Dpkgbuild.bench=true");
    Requires.tool("tar");
    ElfFixtures elf = ElfFixtures.compile(Files.createDirectory(tmp.resolve("bin")));
    Path root = tmp.resolve("pkg");
    long bytes = generate(root, elf);
    long[] sca = new long[5];
    long[] tar = new long[5];
    long[] scaCpu = new long[5];
    long[] tarCpu = new long[5];
    for (int i = 0; i < sca.length; i++) {
      long c0 = cpuMillis();
      sca[i] = timeSca(root);
      scaCpu[i] = cpuMillis() - c0;
      long[] t = timeTar(root, tmp.resolve("out.tar.gz"));
      tar[i] = t[0];
      tarCpu[i] = t[1];
    }
    long s = median(sca);
    long t = median(tar);
    String line = String.format("files=%d elf=%d bytes=%d median: sca+lint+sbom=%dms tar|gzip-6=%dms extra=%.1f%%;"
        + " first (cold JVM): %dms vs %dms; runs=%s/%s", FILES, ELF, bytes, s, t, 100.0 * s / t, sca[0], tar[0],
        Arrays.toString(sca), Arrays.toString(tar));
    line += String.format("; cpu median: %dms vs %dms (%.1f%%) runs=%s/%s", median(scaCpu), median(tarCpu),
        100.0 * median(scaCpu) / median(tarCpu), Arrays.toString(scaCpu), Arrays.toString(tarCpu));
    System.out.println("BENCH " + line);
    Files.writeString(Path.of("target/sca-bench.txt"), line + "\n");
  }

  private static long median(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static long timeSca(Path root) throws Exception {
    long t0 = System.nanoTime();
    PackageTree pkg = PackageTree.of("bench", "1.0-r0", root);
    FileTree tree = FileTree.walk(root);
    Generated g = DependencyAnalyzer.analyze(List.of(pkg), Map.of("bench", tree)).get("bench");
    long t1 = System.nanoTime();
    Linters.run("bench", tree, "x86_64", LintOptions.defaults());
    long t2 = System.nanoTime();
    SpdxDocument.generate(new SbomInput("bench", "1.0", 0, "x86_64", "wolfi", List.of("MIT"),
        List.of(SbomInput.Source.fetch("https://example.org/bench-1.0.tar.gz", "ab".repeat(32), "")),
        new SbomInput.RecipeFile("bench.yaml", "cd".repeat(32)),
        List.of(new SbomInput.PipelineStep("1", "fetch", "", List.of())),
        new SbomInput.BuildEnvironment("bubblewrap", List.of("build-base")), 0, "0.1.0"));
    assertEquals(true, g.provides().size() > 0);
    System.out.printf("PHASES sca=%dms lint=%dms sbom=%dms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        (System.nanoTime() - t2) / 1_000_000);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** CPU time of this JVM (all threads, JIT and GC included), which the machine's load does not inflate. */
  private static long cpuMillis() {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1_000_000;
  }

  /** Wall and CPU milliseconds (user + sys of tar and gzip, from the shell's {@code times}). */
  private static long[] timeTar(Path root, Path out) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c", "tar -c -C \"$0\" . | gzip -6 > \"$1\"; times", root.toString(),
        out.toString()).redirectErrorStream(true).start();
    String[] lines = new String(p.getInputStream().readAllBytes()).strip().split("\n");
    assertEquals(0, p.waitFor());
    long wall = (System.nanoTime() - t0) / 1_000_000;
    long cpu = 0;
    for (String part : lines[lines.length - 1].strip().split("\\s+")) {
      String[] ms = part.replace("s", "").split("m");
      cpu += Long.parseLong(ms[0]) * 60_000 + Math.round(Double.parseDouble(ms[1]) * 1000);
    }
    return new long[] {wall, cpu};
  }

  /** 500 ELF copies in bin and lib dirs, the rest text of 256 B to 8 KiB in 100 directories. */
  private static long generate(Path root, ElfFixtures elf) throws IOException {
    Random r = new Random(1);
    long total = 0;
    List<Path> elves = List.of(elf.program(), elf.library(), elf.vendorProgram(), elf.vendorLibrary());
    for (int i = 0; i < ELF; i++) {
      Path src = i % 100 == 99 ? elf.staticProgram() : elves.get(i % elves.size());
      String dir = (i % 2 == 0) ? "usr/bin" : "usr/lib";
      Path f = root.resolve(dir + "/obj" + i + (i % 2 == 0 ? "" : ".so." + i));
      Files.createDirectories(f.getParent());
      Files.copy(src, f);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
      total += Files.size(f);
    }
    for (int i = 0; i < FILES - ELF; i++) {
      Path f = root.resolve("usr/share/bench/d" + (i % 100) + "/f" + i + ".txt");
      Files.createDirectories(f.getParent());
      StringBuilder sb = new StringBuilder();
      int size = 256 + r.nextInt(8 * 1024 - 256);
      while (sb.length() < size) {
        sb.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(1000)).append(r.nextInt(7) == 0 ? '\n' : ' ');
      }
      Files.writeString(f, sb);
      total += sb.length();
    }
    return total;
  }

}
