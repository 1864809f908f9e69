package dev.pkgbuild.sign;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key pair on disk as {@code pkgbuild keygen} writes it.
 *
 * @param privateKey the private key PEM, {@code <dir>/<name>.rsa}, mode 0600
 * @param publicKey the public key PEM, {@code <dir>/<name>.rsa.pub}, mode 0644
 */
public record KeyPairFiles(Path privateKey, Path publicKey) {
  /** Checks that both paths are given. */
  public KeyPairFiles {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /** The key name apk looks up: the public key's file name, for example {@code acme.rsa.pub}. */
  public String keyName() {
    return publicKey.getFileName().toString();
  }

  /** Where the public key goes on an installing machine, so apk trusts the signatures. */
  public String installedPath() {
    return "/etc/apk/keys/" + keyName();
  }
}
