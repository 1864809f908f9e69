package dev.pkgbuild.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RSA signing in native code, through the JDK's own PKCS#11 provider and the host's NSS
 * library (libnss3, present on most Debian and Ubuntu systems), when the host has them. A
 * 4096-bit signature takes about 10 ms there against about 70 ms in the JDK's Java code under
 * the launcher's C1-only JIT, and a build makes four. PKCS#1 v1.5 signatures are
 * deterministic, so both give the same bytes; without NSS the JDK signs, as before.
 */
final class NativeRsa {
  /** Where Debian, Ubuntu and Fedora keep libnss3 and its software token. */
  private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu",
      "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");

  /** Set to {@code false} to sign with the JDK only. */
  static final String SWITCH = "pkgbuild.nss";

  private static CompletableFuture<Provider> provider;

  private NativeRsa() {}

  /** Starts loading NSS on a daemon thread, once per process (about 60 ms of CPU). */
  static synchronized CompletableFuture<Provider> start() {
    if (provider == null) {
      CompletableFuture<Provider> f = new CompletableFuture<>();
      Thread t = new Thread(() -> f.complete(load()), "pkgbuild-nss");
      t.setDaemon(true);
      t.start();
      provider = f;
    }
    return provider;
  }

  /** The NSS provider, waiting for it to load; null when this host has none. */
  static Provider provider() {
    return start().join();
  }

  private static Provider load() {
    if ("false".equals(System.getProperty(SWITCH))) {
      return null;
    }
    Provider pkcs11 = Security.getProvider("SunPKCS11");
    if (pkcs11 == null) {
      return null; // a JDK without the jdk.crypto.cryptoki module
    }
    for (String dir : LIBRARY_DIRS) {
      if (Files.isRegularFile(Path.of(dir, "libnss3.so")) && Files.isRegularFile(Path.of(dir, "libsoftokn3.so"))) {
        try {
          // No database: keys live only in this process's session, nothing is written.
          return pkcs11.configure("--name=pkgbuild-nss\nnssLibraryDirectory=" + dir
              + "\nnssDbMode=noDb\nattributes=compatibility\n");
        } catch (RuntimeException e) {
          return null; // NSS would not start: the JDK signs
        }
      }
    }
    return null;
  }
}
