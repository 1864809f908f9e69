package dev.pkgbuild.sca;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The command a script's {@code #!} line needs, as melange reads it from the first 80 bytes. */
final class Shebang {
  static final int HEAD = 80;
  // Interpreters melange leaves out: every base image has them, or their packages are split oddly.
  private static final Set<String> IGNORED = Set.of("python", "python3", "sh", "awk", "luajit");

  private Shebang() {}

  /** The command name for {@code head}, empty when there is no shebang or it names an ignored one. */
  static Optional<String> command(byte[] head) {
    if (head.length < 3 || head[0] != '#' || head[1] != '!') {
      return Optional.empty();
    }
    String line = new String(head, 2, head.length - 2, StandardCharsets.ISO_8859_1);
    int nl = line.indexOf('\n');
    List<String> words = List.of(line.substring(0, nl < 0 ? line.length() : nl).strip().split("[ \t]+"));
    if (words.get(0).isEmpty()) {
      return Optional.empty();
    }
    String cmd = basename(words.get(0));
    if (cmd.equals("env")) {
      cmd = words.stream().skip(1).filter(w -> !w.startsWith("-") && !w.contains("=")).findFirst()
          .map(Shebang::basename).orElse("");
    }
    return cmd.isEmpty() || IGNORED.contains(cmd) ? Optional.empty() : Optional.of(cmd);
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
