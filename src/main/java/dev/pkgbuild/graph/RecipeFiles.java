package dev.pkgbuild.graph;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns command-line paths into recipe files: a folder means its {@code *.yaml} files. */
public final class RecipeFiles {
  private RecipeFiles() {}

  public static List<Path> expand(List<Path> paths) throws PkgbuildException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> found = list(p);
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

  private static List<Path> list(Path dir) throws PkgbuildException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
    } catch (IOException e) {
      throw PkgbuildException.badInput(dir + ": cannot list: " + e.getMessage());
    }
  }
}
