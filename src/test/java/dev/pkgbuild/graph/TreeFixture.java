package dev.pkgbuild.graph;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small real recipe trees written into a temp folder, the cycles Wolfi has, and a real -r repository. */
public final class TreeFixture {
  private TreeFixture() {}

  /**
   * Writes {@code <name>.yaml}: one step, build environment {@code env}, and {@code more}
   * (indented lines under {@code package:} such as a {@code dependencies:} block).
   */
  public static void recipe(Path dir, String name, String env, String more) throws Exception {
    recipe(dir, name, env, more, "");
  }

  /** The same with {@code tail} (top-level blocks such as {@code subpackages:} or {@code test:}) appended. */
  public static void recipe(Path dir, String name, String env, String more, String tail) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".yaml"), "package:\n  name: " + name + "\n  version: 1.0\n  epoch: 0\n"
        + "  description: " + name + "\n  copyright:\n    - license: MIT\n" + more
        + "environment:\n  contents:\n    packages: [" + env + "]\n"
        + "pipeline:\n  - runs: |\n      mkdir -p ${{targets.destdir}}/usr/share/" + name + "\n" + tail);
  }

  /** {@code dependencies:} lines providing {@code names} at {@code priority}. */
  public static String provides(int priority, String... names) {
    StringBuilder sb = new StringBuilder("  dependencies:\n    provider-priority: " + priority + "\n    provides:\n");
    for (String n : names) {
      sb.append("      - ").append(n).append('\n');
    }
    return sb.toString();
  }

  /**
   * Wolfi's git/curl cycle: git builds with curl-dev, curl with git; git-bootstrap provides git
   * at priority 5, below git's 10, and needs neither.
   */
  public static Path gitCurlTree(Path tmp) throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "git", "curl-dev", "  dependencies:\n    provider-priority: 10\n");
    recipe(dir, "curl", "git", "", "subpackages:\n  - name: curl-dev\n    pipeline:\n"
        + "      - runs: mkdir -p ${{targets.subpkgdir}}/usr/include\n");
    recipe(dir, "git-bootstrap", "", provides(5, "git"));
    return dir;
  }

  /** gcc builds with gcc; busybox stands alone. */
  public static Path gccTree(Path tmp) throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "gcc", "busybox, gcc", "");
    recipe(dir, "busybox", "", "");
    return dir;
  }

  /**
   * A real signed repository at {@code root} holding {@code name-0.9-r0} for x86_64, made with
   * the project's own package writer and repository; its public key is published at the root.
   */
  public static Path repositoryHolding(Path tmp, Path root, String... names) throws Exception {
    SigningKey key = RepoFixture.key(tmp.resolve("repo-keys"));
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    List<dev.pkgbuild.repo.StagedApk> staged = new ArrayList<>();
    for (String n : names) {
      staged.add(RepoFixture.build(tmp.resolve("work"), repo.archDir(), key, n, "0.9-r0"));
    }
    repo.publish(staged);
    return root;
  }

  /** The plan of {@code dir} for x86_64 into an empty output repository, {@code extra} as -r. */
  public static Plan plan(Path tmp, Path dir, List<Path> extra, Reporter reporter) throws Exception {
    Repository out = Repository.open(tmp.resolve("out"), Arch.X86_64.apkName(), null, reporter);
    return new TreePlanner(List.of(), Arch.X86_64, reporter).plan(List.of(dir), out, extra, false, Set.of());
  }
}
