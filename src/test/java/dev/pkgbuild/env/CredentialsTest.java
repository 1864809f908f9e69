package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HTTP_AUTH and URL credentials: sent where they belong, never shown. */
class CredentialsTest extends ServedRepositoryTest {
  @Test
  void httpAuth_isSentOnlyToTheHostItNames() throws Exception {
    try (RepoHttpServer other = new RepoHttpServer(root, "127.0.0.2")) {
      server.requireAuth("alice:s3:cret").redirectTo(other.url());
      HttpAuth auth = HttpAuth.fromEnvironment("basic:127.0.0.1:alice:s3:cret").orElseThrow();
      RepositoryClient c = new RepositoryClient(ClientSettings.of(cacheDir, tmp).auth(Optional.of(auth)), reporter);

      assertEquals(1, c.index(remote(), "x86_64", keys()).entries().size());
      assertEquals(1, c.index(RepositoryLine.parse(other.url()), "x86_64", keys()).entries().size());

      assertTrue(server.seen.stream().allMatch(s -> s.authorization() != null));
      assertTrue(other.seen.stream().allMatch(s -> s.authorization() == null), other.seen.toString());
      // A redirect to another host does not carry the credentials along.
      RepositoryLine redirected = RepositoryLine.parse(server.url() + "/redirect");
      new RepositoryClient(ClientSettings.of(tmp.resolve("cache2"), tmp).auth(Optional.of(auth)), reporter)
          .index(redirected, "x86_64", keys());
      assertEquals(2, other.count(INDEX_PATH, 200));
      assertTrue(other.seen.stream().allMatch(s -> s.authorization() == null), other.seen.toString());
    }
  }

  @Test
  void httpAuth_isRefused_whenMalformed_withoutRepeatingIt() throws Exception {
    for (String bad : List.of("basic:host:user", "bearer:host:user:pw", "basic::user:pw")) {
      PkgbuildException e = assertThrows(PkgbuildException.class, () -> HttpAuth.fromEnvironment(bad));
      assertEquals("HTTP_AUTH must be in the form basic:HOST:USERNAME:PASSWORD", e.getMessage());
    }
    assertEquals(Optional.empty(), HttpAuth.fromEnvironment(""));
    assertEquals("pa:ss", HttpAuth.fromEnvironment("basic:h:u:pa:ss").orElseThrow().password());
    assertFalse(HttpAuth.fromEnvironment("basic:h:u:pa:ss").orElseThrow().toString().contains("pa:ss"));
  }

  @Test
  void urlCredentials_areSent_andNeverShown() throws Exception {
    server.requireAuth("bob:pa ss");
    RepositoryLine line = RepositoryLine.parse("http://bob:pa%20ss@127.0.0.1:" + server.port());

    RepositoryIndex index = client(false).index(line, "x86_64", keys());

    assertEquals(1, index.entries().size());
    assertEquals("http://***@127.0.0.1:" + server.port(), index.location());
    assertFalse(String.join("\n", log).contains("pa%20ss") || String.join("\n", log).contains("pa ss"), log.toString());
    assertFalse(line.toString().contains("pa%20ss"));
  }
}
