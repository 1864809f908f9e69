package dev.pkgbuild.cli;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild verify FILE...}: signature, datahash and structure of packages and indexes. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Verify packages (.apk) and indexes (*.tar.gz): signature, datahash, structure.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Packages or APKINDEX.tar.gz files.")
  List<Path> files;

  @Option(names = "--keys-dir", paramLabel = "DIR", defaultValue = "keys",
      description = "Trusted public keys, *.pub (default: ${DEFAULT-VALUE}).")
  Path keysDir;

  @Override
  public Integer call() throws PkgbuildException {
    TrustedKeys keys = TrustedKeys.in(keysDir);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    String last = null;
    for (Path f : files) {
      List<String> problems = problems(f, keys);
      if (problems.isEmpty()) {
        out.println(f + ": OK");
      } else {
        failed++;
        last = f + ": " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        if (files.size() > 1) {
          err.println("pkgbuild: " + last);
        }
      }
    }
    out.flush();
    err.flush();
    if (failed == 1 && files.size() == 1) {
      throw PkgbuildException.failed(last);
    }
    return failed == 0 ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
  }

  /** The file's problems; an unreadable one of several files is one problem, so the others are still checked. */
  private List<String> problems(Path f, TrustedKeys keys) throws PkgbuildException {
    try {
      return f.getFileName().toString().endsWith(".tar.gz")
          ? IndexArchive.read(f, keys).problems() : ApkVerifier.verify(f, keys).problems();
    } catch (PkgbuildException e) {
      if (files.size() == 1) {
        throw e;
      }
      String m = e.getMessage();
      return List.of(m.startsWith(f + ": ") ? m.substring(f.toString().length() + 2) : m);
    }
  }
}
