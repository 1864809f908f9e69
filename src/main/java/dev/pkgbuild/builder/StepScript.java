package dev.pkgbuild.builder;

import java.util.List;

/** The shell command line for one {@code runs:} step, as melange runs it. */
final class StepScript {
  private StepScript() {}

  static final String HOME = "/home/build";

  /** The working directory inside the sandbox: relative paths are under /home/build. */
  static String workdir(String workingDirectory) {
    if (workingDirectory == null || workingDirectory.isBlank()) {
      return HOME;
    }
    String wd = workingDirectory.strip();
    return wd.startsWith("/") ? wd : HOME + "/" + wd;
  }

  /**
   * {@code /bin/sh -c} with errexit, pipefail where the shell has it (dash does not), the
   * working directory created if missing, then the step's script.
   */
  static List<String> argv(String runs, String workingDirectory) {
    String wd = quote(workdir(workingDirectory));
    String script = "set -e\n"
        + "(set -o pipefail) 2>/dev/null && set -o pipefail\n"
        + "[ -d " + wd + " ] || mkdir -p " + wd + "\n"
        + "cd " + wd + "\n"
        + runs + "\n"
        + "exit 0\n";
    return List.of("/bin/sh", "-c", script);
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
