package dev.pkgbuild.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The host's NSS library (libnss3, present on most Debian and Ubuntu systems) through the
 * JDK's own PKCS#11 provider: native RSA signatures and digests. The launcher stops the JIT
 * at C1, whose SHA-1 and SHA-256 run at about 150-190 MB/s against 900-1,700 MB/s in NSS
 * (SHA-NI), and RSA-4096 at about 70 ms a signature against 10 ms. Digests and PKCS#1 v1.5
 * signatures are the same bytes either way; without NSS the JDK does the work.
 */
public final class Nss {
  /** Set this system property to {@code false} to use the JDK only. */
  public static final String SWITCH = "pkgbuild.nss";

  /** Where Debian, Ubuntu and Fedora keep libnss3 and its software token. */
  private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu",
      "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");

  private static CompletableFuture<Provider> provider;

  private Nss() {}

  /** Starts loading NSS on a daemon thread, once per process (about 60 ms of CPU). */
  public static synchronized CompletableFuture<Provider> start() {
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
  public static Provider provider() {
    return start().join();
  }

  /**
   * A digest for much data ({@code SHA-1}, {@code SHA-256}, {@code SHA-512}): native when the
   * host has NSS, waiting for it to load (once), else the JDK's.
   */
  public static MessageDigest digest(String algorithm) {
    return digest(algorithm, provider());
  }

  /** The same without waiting: native only once NSS has loaded (someone called {@link #start}). */
  public static MessageDigest digestIfLoaded(String algorithm) {
    CompletableFuture<Provider> f;
    synchronized (Nss.class) {
      f = provider;
    }
    return digest(algorithm, f != null && f.isDone() ? f.join() : null);
  }

  private static MessageDigest digest(String algorithm, Provider nss) {
    if (nss != null) {
      try {
        return MessageDigest.getInstance(algorithm, nss);
      } catch (NoSuchAlgorithmException | RuntimeException e) {
        // a token without this digest: the JDK's computes the same function
      }
    }
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
    }
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
          return null; // NSS would not start: the JDK does the work
        }
      }
    }
    return null;
  }
}
