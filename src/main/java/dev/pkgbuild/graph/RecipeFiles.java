package dev.pkgbuild.graph;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns command-line paths into recipe files. A file named on the command line is a recipe;
 * a folder means the {@code *.yaml} files in it that are recipes: hidden files (Wolfi's
 * {@code .yam.yaml}) and YAML without a top-level {@code package:} block (tool settings) are
 * skipped with a note.
 */
public final class RecipeFiles {
  /** A top-level {@code package} key: at column 0 nothing else can start one. */
  private static final Pattern PACKAGE_KEY = Pattern.compile("(?m)^[\"']?package[\"']?[ \\t]*:");

  private RecipeFiles() {}

  /**
   * The recipe files {@code paths} name, in order, each folder's sorted by name.
   *
   * @throws PkgbuildException for a path that does not exist or a folder without recipes
   */
  public static List<Path> expand(List<Path> paths, Reporter reporter) throws PkgbuildException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> found = recipesIn(p, reporter);
        if (found.isEmpty()) {
          throw PkgbuildException.badInput(p + ": no recipes (*.yaml files) in this folder");
        }
        out.addAll(found);
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw PkgbuildException.badInput(p + ": no such recipe file or folder");
      }
    }
    return out;
  }

  private static List<Path> recipesIn(Path dir, Reporter reporter) throws PkgbuildException {
    List<Path> yaml;
    try (Stream<Path> s = Files.list(dir)) {
      yaml = s.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
    } catch (IOException e) {
      throw PkgbuildException.badInput(dir + ": cannot list: " + e.getMessage());
    }
    List<Path> recipes = new ArrayList<>();
    for (Path f : yaml) {
      if (f.getFileName().toString().startsWith(".")) {
        reporter.info(f + ": skipped, a hidden file");
      } else if (!hasPackageKey(f)) {
        reporter.info(f + ": skipped, not a recipe (no top-level 'package:')");
      } else {
        recipes.add(f);
      }
    }
    return recipes;
  }

  // A look at the text, not a parse: the loader still checks every recipe that passes.
  private static boolean hasPackageKey(Path f) throws PkgbuildException {
    try {
      return PACKAGE_KEY.matcher(Files.readString(f)).find();
    } catch (IOException e) {
      throw PkgbuildException.badInput(f + ": cannot read: " + e.getMessage());
    }
  }
}
