package dev.pkgbuild.build;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.PkgInfoBuilder;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.recipe.Copyright;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns each package's staged files into a signed .apk in the repository's incoming
 * folder; publishing moves them into place.
 */
final class Packager {
  private final BuildRequest req;
  private final CompiledRecipe recipe;
  private final Path workspace;
  private final SigningKey key;
  private final BuildLog log;

  Packager(BuildRequest req, CompiledRecipe recipe, Path workspace, SigningKey key, BuildLog log) {
    this.req = req;
    this.recipe = recipe;
    this.workspace = workspace;
    this.key = key;
    this.log = log;
  }

  /** One package per compiled package, main package first. */
  List<Built> packageAll(Path incoming) throws PkgbuildException {
    List<CompiledPackage> all = new ArrayList<>();
    all.add(recipe.main());
    all.addAll(recipe.subpackages());
    List<Built> out = new ArrayList<>();
    ApkWriter writer = ApkWriter.of(key, req.sourceDateEpoch());
    for (CompiledPackage p : all) {
      Path tree = Workspaces.outDir(workspace, p.name());
      PkgInfo info = pkgInfo(p).build();
      Path file = incoming.resolve(p.name() + "-" + p.fullVersion() + ".apk");
      WrittenApk written = writer.writeTo(info, tree, p.scriptlets().scripts(), file);
      log.info("packaged " + file.getFileName() + " (" + written.fileSize() + " bytes, installed size "
          + written.info().size() + ")");
      out.add(new Built(file, written));
    }
    return out;
  }

  /** A package file waiting to be published. */
  record Built(Path file, WrittenApk written) {}

  PkgInfoBuilder pkgInfo(CompiledPackage p) throws PkgbuildException {
    PkgInfoBuilder b = PkgInfo.builder(p.name(), p.fullVersion())
        .pkgdesc(p.description())
        .url(blankToNull(p.url()))
        .arch(recipe.arch().apkName())
        .origin(recipe.main().name())
        .commit(blankToNull(p.commit()))
        .maintainer(blankToNull(req.namespace()))
        .builddate(req.sourceDateEpoch() == 0 ? null : req.sourceDateEpoch());
    for (Copyright c : recipe.main().copyright()) {
      if (c.license() != null && !c.license().isBlank()) {
        b.addLicense(c.license());
      }
    }
    b.addDepend(p.dependencies().runtime().toArray(String[]::new));
    b.addProvides(p.dependencies().provides().toArray(String[]::new));
    b.addReplaces(p.dependencies().replaces().toArray(String[]::new));
    b.providerPriority(integer(p.dependencies().providerPriority(), p, "provider-priority"));
    b.replacesPriority(integer(p.dependencies().replacesPriority(), p, "replaces-priority"));
    b.addTriggers(p.scriptlets().triggerPaths().toArray(String[]::new));
    return b;
  }

  private static Integer integer(String v, CompiledPackage p, String what) throws PkgbuildException {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw PkgbuildException.badInput(p.pos() + ": " + what + " of " + p.name() + " must be a whole number, got '"
          + v + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
