package dev.pkgbuild.cli;

import dev.pkgbuild.apk.ApkFiles;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild sbom FILE.apk}: the SPDX document a package carries. */
@Command(name = "sbom", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Print the SPDX SBOM embedded in a package (var/lib/db/sbom/*.spdx.json).")
final class SbomCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.apk", description = "The package.")
  Path apk;

  @Override
  public Integer call() throws PkgbuildException {
    ApkFiles.Found sbom = ApkFiles.first(apk, n -> n.startsWith("var/lib/db/sbom/") && n.endsWith(".spdx.json"))
        .orElseThrow(() -> PkgbuildException.failed(apk + ": carries no SBOM (var/lib/db/sbom/*.spdx.json)"));
    spec.commandLine().getOut().print(new String(sbom.content(), StandardCharsets.UTF_8));
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
