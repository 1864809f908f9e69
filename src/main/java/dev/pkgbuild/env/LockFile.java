package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An environment pinned in apko's lock format ({@code *.lock.json}, docs/environments.md §6.1):
 * the config it was made from, the keyring and repositories, and every package in install order
 * with its URL, the byte ranges and digests of its three gzip members, and its {@code C:} checksum.
 */
public record LockFile(String configName, String configChecksum, List<Key> keyring, List<Repository> repositories,
    List<Locked> packages) {
  /** Largest lock file read. */
  static final int MAX_BYTES = 16 << 20;

  /** A keyring entry: {@code name} is the URL without its scheme (or the path), {@code content} the PEM text. */
  public record Key(String name, String url, String content) {}

  /** One repository for one architecture. */
  public record Repository(String name, String url, String architecture) {}

  /** One gzip member: {@code bytes=A-B} (inclusive) and {@code sha1-…} or {@code sha256-…} in base64. */
  public record Span(String range, String checksum) {}

  /** A locked package; {@code checksum} is the index's {@code C:} ({@code Q1…}). */
  public record Locked(String name, String version, String architecture, String url, Span signature, Span control,
      Span data, String checksum) {
    public String nameVersion() {
      return name + "-" + version;
    }
  }

  public LockFile {
    keyring = List.copyOf(keyring);
    repositories = List.copyOf(repositories);
    packages = List.copyOf(packages);
  }

  /** {@code foo.yaml} → {@code foo.lock.json} beside it. */
  public static Path beside(Path config) {
    String name = config.getFileName().toString();
    String base = name.replaceFirst("\\.(yaml|yml)$", "");
    return config.resolveSibling(base + ".lock.json");
  }

  /** The lock as apko writes it: two-space JSON, final newline. */
  public String toJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", configName);
    config.put("checksum", configChecksum);
    Map<String, Object> contents = new LinkedHashMap<>();
    contents.put("keyring", keyring.stream().map(k -> ordered("name", k.name(), "url", k.url(), "content",
        k.content())).toList());
    contents.put("build_repositories", List.of());
    contents.put("runtime_repositories", List.of());
    contents.put("repositories", repositories.stream().map(r -> ordered("name", r.name(), "url", r.url(),
        "architecture", r.architecture())).toList());
    contents.put("packages", packages.stream().map(LockFile::packageJson).toList());
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("version", "v1");
    top.put("config", config);
    top.put("contents", contents);
    return Json.write(top);
  }

  private static Map<String, Object> packageJson(Locked p) {
    Map<String, Object> m = ordered("name", p.name(), "version", p.version(), "architecture", p.architecture(),
        "url", p.url());
    m.put("signature", span(p.signature()));
    m.put("control", span(p.control()));
    m.put("data", span(p.data()));
    m.put("checksum", p.checksum());
    return m;
  }

  private static Object span(Span s) {
    return s == null ? Map.of() : ordered("range", s.range(), "checksum", s.checksum());
  }

  private static Map<String, Object> ordered(String... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * Reads a lock file.
   *
   * @throws PkgbuildException (bad input) naming the file and what is wrong with it
   */
  public static LockFile read(Path file) throws PkgbuildException {
    Object doc;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw PkgbuildException.badInput(file + ": lock file larger than " + MAX_BYTES + " bytes");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(0).build()).loadFromString(text);
    } catch (IOException e) {
      throw PkgbuildException.badInput("cannot read " + file + ": " + e.getMessage());
    } catch (YamlEngineException e) {
      throw PkgbuildException.badInput(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Fields top = new Fields(file, "", doc);
    if (!"v1".equals(top.string("version"))) {
      throw PkgbuildException.badInput(file + ": lock version '" + top.string("version") + "' is not v1");
    }
    Fields config = top.map("config");
    Fields contents = top.map("contents");
    List<Key> keys = new ArrayList<>();
    for (Fields k : contents.list("keyring")) {
      keys.add(new Key(k.string("name"), k.string("url"), k.string("content")));
    }
    List<Repository> repos = new ArrayList<>();
    for (Fields r : contents.list("repositories")) {
      repos.add(new Repository(r.string("name"), r.string("url"), r.string("architecture")));
    }
    List<Locked> pkgs = new ArrayList<>();
    for (Fields p : contents.list("packages")) {
      String checksum = p.string("checksum");
      if (checksum == null || checksum.isEmpty()) {
        throw PkgbuildException.badInput(file + ": package " + p.string("name")
            + " has no checksum; please regenerate the lock file");
      }
      pkgs.add(new Locked(p.required("name"), p.required("version"), p.string("architecture"), p.string("url"),
          null, null, null, checksum));
    }
    return new LockFile(config.string("name"), config.string("checksum"), keys, repos, pkgs);
  }

  /** A JSON object read loosely, with errors that name the file and field. */
  private record Fields(Path file, String where, Object value) {
    Fields map(String key) throws PkgbuildException {
      return new Fields(file, path(key), get(key) instanceof Map<?, ?> m ? m : Map.of());
    }

    List<Fields> list(String key) throws PkgbuildException {
      Object v = get(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw PkgbuildException.badInput(file + ": " + path(key) + " must be a list");
      }
      List<Fields> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof Map<?, ?>)) {
          throw PkgbuildException.badInput(file + ": " + path(key) + "[" + i + "] must be an object");
        }
        out.add(new Fields(file, path(key) + "[" + i + "]", l.get(i)));
      }
      return out;
    }

    String string(String key) throws PkgbuildException {
      Object v = get(key);
      if (v != null && !(v instanceof String)) {
        throw PkgbuildException.badInput(file + ": " + path(key) + " must be a string");
      }
      return (String) v;
    }

    String required(String key) throws PkgbuildException {
      String s = string(key);
      if (s == null || s.isEmpty()) {
        throw PkgbuildException.badInput(file + ": " + path(key) + " is missing");
      }
      return s;
    }

    private Object get(String key) throws PkgbuildException {
      if (!(value instanceof Map<?, ?> m)) {
        throw PkgbuildException.badInput(file + ": " + (where.isEmpty() ? "the top level" : where)
            + " must be an object");
      }
      return m.get(key);
    }

    private String path(String key) {
      return where.isEmpty() ? key : where + "." + key;
    }
  }
}
