package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.KeyPairFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pkgbuild keygen}: writes a new RSA signing key pair. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Generate a 4096-bit RSA key pair for signing packages and indexes.")
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Key name; writes NAME.rsa and NAME.rsa.pub (default: pkgbuild-<8 hex of the public key>).")
  String name;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "keys",
      description = "Directory for the key files (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws PkgbuildException {
    KeyPairFiles files = KeyGenerator.generateFiles(dir, Optional.ofNullable(name));
    PrintWriter out = spec.commandLine().getOut();
    out.println("private key: " + files.privateKey() + " (keep it secret)");
    out.println("public key:  " + files.publicKey());
    out.println("to trust it, install the public key as " + files.installedPath());
    out.flush();
    return ExitStatus.OK.code();
  }
}
