package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.recipe.StepSpec;
import dev.pkgbuild.recipe.Text;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Types the {@code with:} values of {@code fetch} and {@code git-checkout}, each checked once at its position. */
final class HostStepCompiler {
  static final String FETCH = "fetch";
  static final String GIT_CHECKOUT = "git-checkout";

  private final StepSpec spec;
  private final Map<String, String> with;

  private HostStepCompiler(StepSpec spec, Map<String, String> with) {
    this.spec = spec;
    this.with = with;
  }

  /** The typed step for {@code spec} with its final inputs, or null for a step that runs in the sandbox. */
  static HostStep compile(StepSpec spec, Map<String, String> with, String workingDirectory)
      throws PositionedException {
    HostStepCompiler c = new HostStepCompiler(spec, with);
    if (FETCH.equals(spec.uses())) {
      return c.fetch(workingDirectory);
    }
    if (GIT_CHECKOUT.equals(spec.uses())) {
      return c.git(workingDirectory);
    }
    return null;
  }

  /** Where input {@code key}'s value is written, else its key, else the step. */
  static SourcePos valuePos(StepSpec s, String key) {
    Text t = s.with().get(key);
    return t != null ? t.pos() : s.withPos(key);
  }

  private HostStep.Fetch fetch(String wd) throws PositionedException {
    String uri = get("uri");
    String sha512 = get("expected-sha512");
    String sha256 = get("expected-sha256");
    if (sha512.isEmpty() && sha256.isEmpty()) {
      throw new PositionedException(spec.pos(), "fetch of " + uri + " needs expected-sha256 or expected-sha512");
    }
    String algorithm = sha512.isEmpty() ? "sha256" : "sha512";
    String digest = (sha512.isEmpty() ? sha256 : sha512).toLowerCase(Locale.ROOT);
    return new HostStep.Fetch(uri, algorithm, digest, path(wd, "directory"), bool("extract", true),
        number("strip-components", 1, 0), bool("delete", false));
  }

  private HostStep.Git git(String wd) throws PositionedException {
    String tag = get("tag");
    String branch = get("branch");
    if (!tag.isEmpty() && !branch.isEmpty()) {
      throw new PositionedException(valuePos(spec, "branch"), "git-checkout: set tag or branch, not both");
    }
    String commit = get("expected-commit");
    if (!commit.isEmpty() && !commit.matches("[0-9a-f]{40}")) {
      throw new PositionedException(valuePos(spec, "expected-commit"),
          "expected-commit must be a full 40-digit lower-case commit id, found '" + commit + "'");
    }
    List<String> picks = Arrays.stream(get("cherry-picks").split("\n"))
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    return new HostStep.Git(get("repository"), blankToNull(tag), blankToNull(branch), blankToNull(commit),
        number("depth", 0, -1), path(wd, "destination"), bool("recurse-submodules", false), picks);
  }

  private String get(String key) {
    String v = with.get(key);
    return v == null ? "" : v.strip();
  }

  private boolean bool(String key, boolean dflt) throws PositionedException {
    String v = get(key);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new PositionedException(valuePos(spec, key), key + " must be true or false, found '" + v + "'");
    };
  }

  /** A whole number of at least {@code min}; melange's {@code git-checkout} declares depth "unset" by default. */
  private int number(String key, int dflt, int min) throws PositionedException {
    String v = get(key);
    if (v.isEmpty() || v.equals("unset")) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new PositionedException(valuePos(spec, key), key + " must be a whole number of at least " + min
        + ", found '" + v + "'");
  }

  /**
   * Input {@code key} as an absolute, normalized path in the build environment: relative
   * paths start at the working directory, which starts at {@code /home/build}. Whether the
   * host can write there is the builder's business (melange runs these steps inside).
   */
  private String path(String wd, String key) {
    String home = RecipeCompiler.SRCDIR;
    Path dir = Path.of(home);
    if (wd != null && !wd.isBlank()) {
      dir = dir.resolve(wd.strip());
    }
    String sub = get(key);
    return dir.resolve(sub.isEmpty() ? "." : sub).normalize().toString();
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
