package dev.pkgbuild.builder;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.PkgInfoBuilder;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.SideBySide;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.recipe.Copyright;
import dev.pkgbuild.repo.PackageInspector;
import dev.pkgbuild.repo.StagedApk;
import dev.pkgbuild.sca.Generated;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
  private final PackageInspector readBack;

  Packager(BuildRequest req, CompiledRecipe recipe, Path workspace, SigningKey key, BuildLog log) {
    this.req = req;
    this.recipe = recipe;
    this.workspace = workspace;
    this.key = key;
    this.log = log;
    // Each package is read back from the disk before it is published: signature, C: and the
    // compressed data against datahash, without inflating it a second time.
    this.readBack = PackageInspector.ownOutput(TrustedKeys.of(key));
  }

  /**
   * Lints, works out dependencies, writes SBOMs, then one package per compiled package,
   * main package first.
   */
  List<Built> packageAll(Path incoming, SbomWriter sboms) throws PkgbuildException {
    PackageMetadata metadata = new PackageMetadata(recipe, workspace, log);
    // The linters only read the trees: they run beside the dependency analysis, and their
    // findings are logged (an error stops the build) before any package is taken.
    SideBySide.Pending<List<PackageMetadata.LintLine>, PkgbuildException> lint = SideBySide.start(metadata::lint);
    Map<String, Generated> generated = metadata.dependencies();
    ApkWriter writer = ApkWriter.of(key, req.sourceDateEpoch());
    // Packages are independent, so they are written (compressed and signed) side by side;
    // each file depends only on its own inputs, and results are taken in package order.
    List<SideBySide.Pending<Built, PkgbuildException>> pending = new ArrayList<>();
    for (CompiledPackage p : recipe.packages()) {
      pending.add(SideBySide.start(() -> packageOne(p, generated.get(p.name()), writer, incoming, sboms)));
    }
    metadata.report(lint.join());
    List<Built> out = new ArrayList<>();
    for (SideBySide.Pending<Built, PkgbuildException> f : pending) {
      Built b = f.join();
      log.info("packaged " + b.file().getFileName() + " (" + b.written().fileSize() + " bytes, installed size "
          + b.written().info().size() + ")" + summary(b.written().info()));
      out.add(b);
    }
    return out;
  }

  private Built packageOne(CompiledPackage p, Generated generated, ApkWriter writer, Path incoming,
      SbomWriter sboms) throws PkgbuildException {
    Path tree = Workspaces.outDir(workspace, p.name());
    byte[] sbom = sboms.write(p, tree);
    PkgInfo info = pkgInfo(p, generated).build();
    Path file = incoming.resolve(p.name() + "-" + p.fullVersion() + ".apk");
    WrittenApk written = writer.writeTo(info, tree, p.scriptlets().scripts(), file);
    // Read back and verified here, beside the other packages' writing, not later under the lock.
    return new Built(file, written, sbom, StagedApk.checked(file, written, readBack));
  }

  private static String summary(PkgInfo info) {
    String deps = info.depend().isEmpty() ? "" : "; depends " + String.join(" ", info.depend());
    String prov = info.provides().isEmpty() ? "" : "; provides " + String.join(" ", info.provides());
    return deps + prov;
  }

  /** A package file waiting to be published, with its SBOM. */
  record Built(Path file, WrittenApk written, byte[] sbom, StagedApk staged) {}

  PkgInfoBuilder pkgInfo(CompiledPackage p, Generated generated) throws PkgbuildException {
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
    // The analyzer's lists already hold the declared entries, merged with what it found.
    b.addDepend(generated.depends().toArray(String[]::new));
    b.addProvides(generated.provides().toArray(String[]::new));
    b.addReplaces(p.dependencies().replaces().toArray(String[]::new));
    b.providerPriority(p.dependencies().providerPriority());
    b.replacesPriority(p.dependencies().replacesPriority());
    b.addTriggers(p.scriptlets().triggerPaths().toArray(String[]::new));
    return b;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
