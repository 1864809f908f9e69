package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.source.SourceDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out a fresh workspace as melange does: the source dir, then one output dir per package. */
final class Workspaces {
  private Workspaces() {}

  static final String OUT = "melange-out";

  static void populate(Path ws, Path sourceDir, CompiledRecipe recipe) throws PkgbuildException, IOException {
    if (sourceDir != null) {
      SourceDir.copy(sourceDir, ws);
    }
    Files.createDirectories(outDir(ws, recipe.main().name()));
    for (CompiledPackage sub : recipe.subpackages()) {
      Files.createDirectories(outDir(ws, sub.name()));
    }
  }

  /** Where a package's files are staged: {@code targets.contextdir} seen from the host. */
  static Path outDir(Path ws, String pkg) {
    return ws.resolve(OUT).resolve(pkg);
  }
}
