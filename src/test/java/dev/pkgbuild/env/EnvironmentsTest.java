package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From a request to a cached root, over a real signed repository served on 127.0.0.1. */
class EnvironmentsTest extends ServedRepositoryTest {
  private Path keyFile() throws Exception {
    Path pub = tmp.resolve("trusted/" + key.keyName());
    Files.createDirectories(pub.getParent());
    return Files.writeString(pub, key.publicKeyPem());
  }

  private EnvironmentRequest request(List<String> packages, boolean untrusted, String... keys) {
    return new EnvironmentRequest(List.of(server.url()), List.of(keys), packages, "x86_64", untrusted);
  }

  @Test
  void resolvesInstallsOnceAndReusesTheRootByItsResolvedSet() throws Exception {
    Environments envs = new Environments(client(false));
    ResolvedEnvironment env = envs.resolve(request(List.of("hello"), false, keyFile().toString()));
    assertEquals(List.of("hello-1.0-r0"), env.packageList());
    RootCache cache = new RootCache(tmp.resolve("roots"));
    RootCache.CachedRoot first = cache.root(env, envs);
    assertFalse(first.hit());
    assertTrue(log.contains("fetching 1 package (0.0 MiB)"), "the download is announced with its size: " + log);
    assertTrue(Files.isRegularFile(first.path().resolve("usr/share/hello/VERSION")));
    assertTrue(Files.readString(first.path().resolve("lib/apk/db/installed")).contains("P:hello\n"));
    assertEquals(server.url() + "\n", Files.readString(first.path().resolve("etc/apk/repositories")));
    assertEquals(first.id(), first.path().getFileName().toString());

    ResolvedEnvironment again = envs.resolve(request(List.of("hello"), false, keyFile().toString()));
    RootCache.CachedRoot second = cache.root(again, envs);
    assertTrue(second.hit());
    assertEquals(1, log.stream().filter(l -> l.startsWith("fetching ")).count(), "nothing to fetch the second time");
    assertEquals(first.path(), second.path());
    try (var s = Files.list(tmp.resolve("roots"))) {
      assertEquals(1, s.count(), "no install folders left behind");
    }
  }

  @Test
  void aNewerPackageInTheRepositoryGivesANewRoot() throws Exception {
    Environments envs = new Environments(client(false));
    String before = envs.resolve(request(List.of("hello"), false, keyFile().toString())).id();
    publish(root, key, "hello", "1.1-r0");
    ResolvedEnvironment after = envs.resolve(request(List.of("hello"), false, keyFile().toString()));
    assertEquals(List.of("hello-1.1-r0"), after.packageList());
    assertNotEquals(before, after.id());
  }

  @Test
  void anIndexNoKeyVouchesForIsRefusedUnlessUntrustedIsAllowed() throws Exception {
    Environments envs = new Environments(client(false));
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> envs.resolve(request(List.of("hello"), false)));
    assertTrue(e.getMessage().contains("UNTRUSTED"), e.getMessage());
    assertEquals(List.of("hello-1.0-r0"), envs.resolve(request(List.of("hello"), true)).packageList());
    assertTrue(log.stream().anyMatch(l -> l.contains("not signed by a trusted key")), log.toString());
  }

  @Test
  void aMissingPackageNamesWhatNeedsIt() throws Exception {
    Environments envs = new Environments(client(false));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> envs.resolve(request(List.of("hello", "nosuch"), false, keyFile().toString())));
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }

  @Test
  void theIdDependsOnTheWorldAndTheKeysNotOnlyOnThePackages() throws Exception {
    Environments envs = new Environments(client(false));
    ResolvedEnvironment a = envs.resolve(request(List.of("hello"), false, keyFile().toString()));
    ResolvedEnvironment b = envs.resolve(request(List.of("hello>=1.0"), false, keyFile().toString()));
    assertEquals(a.packageList(), b.packageList());
    assertNotEquals(a.id(), b.id(), "etc/apk/world differs, so the root does");
    Path otherPub = Files.writeString(tmp.resolve("other.rsa.pub"), otherKey().publicKeyPem());
    ResolvedEnvironment c = envs.resolve(request(List.of("hello"), false, keyFile().toString(), otherPub.toString()));
    assertNotEquals(a.id(), c.id(), "etc/apk/keys differs");
  }
}
