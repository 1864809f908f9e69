package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Basic credentials for one host, from {@code HTTP_AUTH=basic:HOST:USER:PASSWORD} as melange
 * reads it: split into at most four parts, so the password may contain {@code :}. That split
 * leaves no room for a port in {@code HOST}, so it is compared with the request's host name
 * alone, whatever the port.
 * {@link #toString()} never shows the password.
 */
public record HttpAuth(String host, String user, String password) {
  /** The environment variable read by {@link #fromEnvironment}. */
  public static final String VARIABLE = "HTTP_AUTH";

  /**
   * Reads the variable's value; null or empty means no credentials.
   *
   * @throws PkgbuildException (bad input) when the value is malformed; the message never
   *     repeats the value, which holds a password
   */
  public static Optional<HttpAuth> fromEnvironment(String value) throws PkgbuildException {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = value.split(":", 4);
    if (parts.length != 4 || !parts[0].equals("basic") || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw PkgbuildException.badInput(VARIABLE + " must be in the form basic:HOST:USERNAME:PASSWORD");
    }
    return Optional.of(new HttpAuth(parts[1], parts[2], parts[3]));
  }

  /** Whether a request to {@code uri} gets these credentials. */
  boolean appliesTo(URI uri) {
    return host.equalsIgnoreCase(uri.getHost());
  }

  /** The {@code Authorization} header value. */
  String header() {
    return basic(user + ":" + password);
  }

  /** The header for URL userinfo {@code user:password} (already decoded). */
  static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "HttpAuth[" + user + "@" + host + "]";
  }
}
