package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written indexes for resolver tests, in a one-line notation per package:
 * {@code "name version; D:deps; p:provides; i:install_if; k:priority; A:arch"} (fields after the
 * first optional; arch defaults to x86_64). The same notation fed the apk-tools runs that
 * checked the expected results.
 */
final class Indexes {
  private Indexes() {}

  static IndexEntry pkg(String location, String spec) {
    String[] parts = spec.split(";");
    String[] nv = parts[0].trim().split(" ");
    Map<Character, String> f = new HashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String x = parts[i].trim();
      f.put(x.charAt(0), x.substring(2));
    }
    return new IndexEntry(checksum(location, nv[0], nv[1]), nv[0], nv[1], f.getOrDefault('A', "x86_64"), 100, 100,
        "", "", "", null, null, null, null, f.containsKey('k') ? Integer.valueOf(f.get('k')) : null,
        atoms(f.get('D')), atoms(f.get('p')), atoms(f.get('i')), List.of());
  }

  /** The {@code C:} of a package written by {@link #pkg}: Q1 and the SHA-1 of where, name and version. */
  static String checksum(String location, String name, String version) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-1").digest((location + name + version).getBytes(StandardCharsets.UTF_8));
      return "Q1" + Base64.getEncoder().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> atoms(String text) {
    return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }

  static RepositoryIndex repo(String location, String... specs) {
    return tagged(null, location, specs);
  }

  static RepositoryIndex tagged(String tag, String location, String... specs) {
    List<IndexEntry> entries = new ArrayList<>();
    for (String s : specs) {
      entries.add(pkg(location, s));
    }
    return new RepositoryIndex(location, tag, entries);
  }

  static Resolution resolve(String world, RepositoryIndex... repos) throws PkgbuildException {
    return Resolver.resolve(List.of(repos), Dependency.parseAll(world), "x86_64");
  }

  /** The install order as apk prints it: {@code name[@tag]-version}, comma separated. */
  static String installed(String world, RepositoryIndex... repos) throws PkgbuildException {
    List<String> out = new ArrayList<>();
    for (ResolvedPackage p : resolve(world, repos).packages()) {
      out.add(p.displayName() + "-" + p.entry().version());
    }
    return String.join(", ", out);
  }
}
