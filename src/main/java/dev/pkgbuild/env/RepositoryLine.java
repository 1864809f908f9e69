package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One repository as written in {@code etc/apk/repositories}, a recipe or on the command line:
 * an optional {@code @tag}, then a local folder, a {@code file:} URL, an http(s) URL or an
 * {@code s3://BUCKET/PREFIX} location (read through the client's {@link ObjectSource}).
 *
 * @param tag the tag without {@code @}, or null
 * @param location the folder or URL exactly as written (it may carry credentials: print
 *     {@link #display()} instead)
 */
public record RepositoryLine(String tag, String location) {
  public RepositoryLine {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("empty repository location");
    }
  }

  /**
   * Parses a repositories file: one repository a line, blank lines and lines starting with
   * {@code #} ignored (apko would turn them into missing repositories).
   *
   * @param origin the file name for messages
   * @throws PkgbuildException (bad input) naming {@code origin:line:col} for a malformed line
   */
  public static List<RepositoryLine> parseAll(String text, String origin) throws PkgbuildException {
    List<RepositoryLine> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        lines.add(parse(line));
      } catch (PkgbuildException e) {
        int col = raw[i].indexOf(line.charAt(0)) + 1;
        throw PkgbuildException.badInput(origin + ":" + (i + 1) + ":" + col + ": " + e.getMessage());
      }
    }
    return List.copyOf(lines);
  }

  /**
   * Parses one line: {@code URL} or {@code @tag URL}.
   *
   * @throws PkgbuildException (bad input) naming the line when it is blank, a comment, a tag
   *     without a location, or has more than two words
   */
  public static RepositoryLine parse(String line) throws PkgbuildException {
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      throw PkgbuildException.badInput("'" + s + "' is not a repository");
    }
    String[] words = s.split("\\s+");
    String tag = null;
    String location = words[0];
    if (words[0].startsWith("@")) {
      tag = words[0].substring(1);
      if (tag.isEmpty() || words.length < 2) {
        throw PkgbuildException.badInput("repository '" + redact(s) + "' has a tag but no location");
      }
      location = words[1];
    }
    if (words.length > (tag == null ? 1 : 2)) {
      throw PkgbuildException.badInput("repository '" + redact(s) + "' has more than one location");
    }
    RepositoryLine r = new RepositoryLine(tag, location);
    if (r.remote()) {
      r.uri(); // checks the URL now, not at the first fetch
    }
    return r;
  }

  /** Whether the repository is fetched (over http(s) or from object storage), not read in place. */
  public boolean remote() {
    String lower = location.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("s3://");
  }

  /**
   * The URL of a remote repository, credentials included.
   *
   * @throws PkgbuildException (bad input) when it is not a valid URL
   */
  public URI uri() throws PkgbuildException {
    try {
      URI u = new URI(location);
      if (u.getHost() == null) {
        throw new URISyntaxException(location, "no host");
      }
      return u;
    } catch (URISyntaxException e) {
      throw PkgbuildException.badInput("repository '" + display() + "' is not a valid url: " + e.getReason());
    }
  }

  /** The folder of a local repository: a {@code file:} prefix is dropped, relative paths start at {@code cwd}. */
  public Path folder(Path cwd) {
    String p = location;
    if (p.startsWith("file://")) {
      p = p.substring("file://".length());
    } else if (p.startsWith("file:")) {
      p = p.substring("file:".length());
    }
    return cwd.resolve(p).normalize();
  }

  /** The location without credentials, for messages and for the resolver. */
  public String display() {
    return redact(location);
  }

  /** The line as apk would print it, without credentials. */
  @Override
  public String toString() {
    return tag == null ? display() : "@" + tag + " " + display();
  }

  /** {@code https://user:secret@host/x} becomes {@code https://***@host/x}. */
  static String redact(String text) {
    return text.replaceAll("(?i)(https?://)[^/@\\s]*@", "$1***@");
  }

  /** Where {@code file} of architecture {@code arch} lives below this repository (no doubled {@code /}). */
  String join(String arch, String file) {
    String base = location.endsWith("/") ? location : location + "/";
    return base + arch + "/" + file;
  }
}
