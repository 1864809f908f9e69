package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment every step starts from: known defaults, env files, then the recipe's. */
final class BuildEnvironment {
  private BuildEnvironment() {}

  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin";

  /**
   * Layers, lowest first: defaults, each --env-file, the recipe's environment block, then
   * the values pkgbuild owns (SOURCE_DATE_EPOCH, PATH).
   */
  static Map<String, String> of(List<Path> envFiles, Map<String, String> recipeEnv, long sourceDateEpoch)
      throws PkgbuildException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", StepScript.HOME);
    env.put("GOPATH", StepScript.HOME + "/.cache/go");
    env.put("LANG", "C.UTF-8");
    env.put("TERM", "dumb");
    for (Path f : envFiles) {
      env.putAll(readEnvFile(f));
    }
    env.putAll(recipeEnv);
    env.put("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch));
    env.put("PATH", PATH);
    return env;
  }

  /** Reads KEY=VALUE lines; blank lines and # comments are skipped, quotes around values removed. */
  static Map<String, String> readEnvFile(Path f) throws PkgbuildException {
    List<String> lines;
    try {
      lines = Files.readAllLines(f);
    } catch (IOException e) {
      throw PkgbuildException.badInput("cannot read env file " + f + ": " + e.getMessage(), e);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw PkgbuildException.badInput(f + ":" + (i + 1) + ":1: expected KEY=VALUE, got '" + line + "'");
      }
      String value = line.substring(eq + 1);
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(line.substring(0, eq).strip(), value);
    }
    return env;
  }
}
