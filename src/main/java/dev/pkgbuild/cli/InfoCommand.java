package dev.pkgbuild.cli;

import dev.pkgbuild.apk.ApkContents;
import dev.pkgbuild.apk.ApkListing;
import dev.pkgbuild.apk.ApkReader;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild info FILE.apk}: prints .PKGINFO and the file list. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Print a package's .PKGINFO and its files, ls -l style.")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "An .apk file.")
  Path file;

  @Override
  public Integer call() throws PkgbuildException {
    ApkContents c = ApkReader.read(file);
    PrintWriter out = spec.commandLine().getOut();
    out.print(c.pkginfoText());
    out.println();
    c.entries().forEach(e -> out.println(ApkListing.line(e)));
    out.flush();
    c.problems().forEach(p -> spec.commandLine().getErr().println("pkgbuild: warning: " + p));
    spec.commandLine().getErr().flush();
    return ExitStatus.OK.code();
  }
}
