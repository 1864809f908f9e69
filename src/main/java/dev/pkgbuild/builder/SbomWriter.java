package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PkgbuildVersion;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.Step;
import dev.pkgbuild.sbom.SbomInput;
import dev.pkgbuild.sbom.SpdxDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes each package's SPDX document into its own files before packaging. */
final class SbomWriter {
  private final CompiledRecipe recipe;
  private final List<SbomInput.Source> sources;
  private final String runner;
  private final List<String> environment;
  private final boolean installed;
  private final String namespace;
  private final long epoch;

  /**
   * {@code environment}: with {@code installed}, the resolved packages the steps ran with; else the
   * declared ones the host toolchain stood in for.
   */
  SbomWriter(CompiledRecipe recipe, List<SbomInput.Source> sources, String runner, List<String> environment,
      boolean installed, String namespace, long epoch) {
    this.installed = installed;
    this.recipe = recipe;
    this.sources = List.copyOf(sources);
    this.runner = runner;
    this.environment = List.copyOf(environment);
    this.namespace = namespace == null || namespace.isBlank() ? "unknown" : namespace;
    this.epoch = epoch;
  }

  /** Writes the document into the staging tree; returns its bytes for the copy beside the package. */
  byte[] write(CompiledPackage p, Path tree) throws PkgbuildException {
    SbomInput in = input(p);
    byte[] doc = SpdxDocument.generate(in);
    try {
      Path target = tree.resolve(in.pathInPackage());
      Files.createDirectories(target.getParent());
      Files.write(target, doc);
    } catch (IOException e) {
      throw PkgbuildException.failed(p.name() + ": cannot write its SBOM: " + e.getMessage());
    }
    return doc;
  }

  /**
   * The document kept beside the package once its test passed: the one inside the package (written
   * before the package existed to be tested) plus the test environment.
   */
  byte[] withTest(CompiledPackage p, List<String> testPackages) throws PkgbuildException {
    SbomInput in = input(p);
    return SpdxDocument.generate(in.with(in.environment().withTested(testPackages)));
  }

  private SbomInput input(CompiledPackage p) throws PkgbuildException {
    List<SbomInput.PipelineStep> steps = new ArrayList<>(steps(recipe.main().pipeline(), ""));
    if (p != recipe.main()) {
      steps.addAll(steps(p.pipeline(), p.name() + "."));
    }
    SbomInput in = new SbomInput(p.name(), p.version(), (int) p.epoch(), recipe.arch().apkName(), namespace,
        recipe.main().copyright().stream().map(c -> c.license()).filter(l -> l != null && !l.isBlank()).toList(),
        sources, recipeFile(), steps,
        new SbomInput.BuildEnvironment(runner, environment, installed, List.of()), epoch, PkgbuildVersion.get());
    return in;
  }

  private static List<SbomInput.PipelineStep> steps(List<Step> steps, String prefix) {
    List<SbomInput.PipelineStep> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      String id = prefix + (i + 1);
      out.add(new SbomInput.PipelineStep(id, s.uses() == null ? "" : s.uses(), s.name() == null ? "" : s.name(),
          steps(s.children(), id + ".")));
    }
    return out;
  }

  private SbomInput.RecipeFile recipeFile() throws PkgbuildException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      String hex = HexFormat.of().formatHex(md.digest(Files.readAllBytes(recipe.file())));
      return new SbomInput.RecipeFile(recipe.file().getFileName().toString(), hex);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw PkgbuildException.failed("cannot read " + recipe.file() + ": " + e.getMessage());
    }
  }
}
