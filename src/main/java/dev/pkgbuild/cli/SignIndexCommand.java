package dev.pkgbuild.cli;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.sign.SignatureType;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild sign-index FILE}: replaces an index's signature. */
@Command(name = "sign-index", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Re-sign an APKINDEX.tar.gz (any old signature is dropped).")
final class SignIndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The APKINDEX.tar.gz to sign in place.")
  Path file;

  @Option(names = "--signing-key", paramLabel = "KEY", required = true, description = "RSA private key (PEM).")
  Path signingKey;

  @Override
  public Integer call() throws PkgbuildException {
    SigningKey key = SigningKey.load(signingKey);
    try {
      byte[] body = IndexArchive.stripSignature(Files.readAllBytes(file), file.toString());
      long epoch = HostDefaults.sourceDateEpoch().seconds();
      AtomicFiles.write(file, IndexArchive.sign(body, key, List.of(SignatureType.RSA256), epoch));
    } catch (IOException e) {
      throw PkgbuildException.badInput(file + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println(file + ": signed with " + key.keyName());
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
