package dev.pkgbuild.cli;

import dev.pkgbuild.builder.ImageBuilder;
import dev.pkgbuild.builder.ImageRequest;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code pkgbuild image IMAGE.yaml}: an apko image configuration made into an OCI image layout. */
final class ImageCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "image",
        "Make an OCI image (layout, and a docker load tarball) from an apko image configuration.",
        "Writes IMAGE.lock.json beside the config (apko's lock format) unless --lockfile holds the image to one.");
    spec.addPositional(PositionalParamSpec.builder().type(Path.class).paramLabel("IMAGE")
        .description("The apko image configuration (YAML).").build());
    Flags.value(spec, Path.class, "<output>", null, "The OCI image layout folder to write (required).", "--output");
    Flags.value(spec, Path.class, "<tarball>", null, "Also a tarball for docker load / podman load.", "--tarball");
    Flags.value(spec, String.class, "<tag>", "latest", "Tag: NAME:TAG, or TAG (default: ${DEFAULT-VALUE}).", "--tag");
    Flags.value(spec, Path.class, "<lockfile>", null, "Install exactly what this lock holds.", "--lockfile");
    Flags.value(spec, String.class, "<layering>", "single",
        "Layers: single (one for the whole root) or per-package (default: ${DEFAULT-VALUE}).", "--layering");
    Flags.value(spec, Path.class, "<cacheDir>", null, "Cache folder (default: ~/.cache/pkgbuild).", "--cache-dir");
    Flags.value(spec, String.class, "<namespace>", null, "Purl namespace of the packages in the SBOM.",
        "--namespace");
    Flags.flag(spec, "Never download: indexes and packages must be in the cache.", "--offline");
    Flags.value(spec, String.class, "<sourceDateEpoch>", null,
        "Timestamp for the image and every file (default: $SOURCE_DATE_EPOCH, else the config's last git commit, "
            + "else 0).", "--source-date-epoch");
    EnvironmentFlags.declare(spec);
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    Path config = (Path) spec.positionalParameters().get(0).getValue();
    Path output = Flags.get(spec, "--output");
    if (output == null) {
      throw PkgbuildException.badInput("--output DIR is required: the OCI image layout to write");
    }
    String layering = Flags.get(spec, "--layering");
    if (!layering.equals("single") && !layering.equals("per-package")) {
      throw PkgbuildException.badInput("--layering takes single or per-package, got '" + layering + "'");
    }
    Path given = Flags.get(spec, "--cache-dir");
    Path cache = HostDefaults.cacheDir(given);
    ImageRequest req = new ImageRequest(config, output, Flags.get(spec, "--tarball"), Flags.get(spec, "--tag"),
        Flags.get(spec, "--lockfile"), layering.equals("per-package"), new EnvironmentFlags(spec).options(given, cache),
        Flags.get(spec, "--namespace"), Flags.on(spec, "--offline"),
        HostDefaults.sourceDateEpoch(Flags.get(spec, "--source-date-epoch"), config).seconds(),
        HostDefaults.tempRoot());
    ImageBuilder.Result r = new ImageBuilder(new ConsoleReporter(spec.commandLine().getErr(), false)).build(req);
    r.manifests().forEach(m -> spec.commandLine().getOut().println(m.digest()));
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
