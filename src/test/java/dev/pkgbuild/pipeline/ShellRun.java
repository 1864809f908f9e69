package dev.pkgbuild.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shell steps of a catalog pipeline with /bin/sh the way a build does
 * ({@code set -e}, cwd = the step's working directory), stopping at the first
 * failing step.
 */
final class ShellRun {
  /** The combined outcome: exit status of the last step run and all output. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private final Path cwd;
  private final Map<String, String> context = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  /** A runner whose default working directory is {@code cwd}. */
  ShellRun(Path cwd) {
    this.cwd = cwd;
  }

  /** Sets a build-time substitution such as {@code targets.destdir}. */
  ShellRun set(String key, String value) {
    context.put(key, value);
    return this;
  }

  /** Sets an environment variable for the shell. */
  ShellRun env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** Runs pipeline {@code name} with the given {@code with:} inputs. */
  Result run(String name, Map<String, String> with) throws IOException, InterruptedException {
    Map<String, String> bindings = CatalogFiles.bindings(name, context, with);
    List<CatalogFiles.Step> steps = CatalogFiles.shellSteps(name, bindings);
    StringBuilder output = new StringBuilder();
    int exit = 0;
    for (CatalogFiles.Step step : steps) {
      exit = runOne(step, output);
      if (exit != 0) {
        break;
      }
    }
    return new Result(exit, output.toString());
  }

  private int runOne(CatalogFiles.Step step, StringBuilder output)
      throws IOException, InterruptedException {
    Path dir = step.workdir() == null ? cwd : step.workdir();
    Files.createDirectories(dir);
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "set -e\n" + step.script());
    // Output goes to a file so that a hanging step still hits the timeout.
    Path log = Files.createTempFile("pipeline-step", ".log");
    pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    output.append(Files.readString(log, StandardCharsets.UTF_8));
    Files.delete(log);
    if (!done) {
      p.destroyForcibly();
      throw new AssertionError("step timed out: " + step.script());
    }
    return p.exitValue();
  }
}
