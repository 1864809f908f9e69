package dev.pkgbuild.apk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package named as apk names it in messages and records, {@code name-version-rN}: the version
 * is the last two hyphen-separated parts, since names may hold hyphens and versions do not.
 */
public record NameVersion(String name, String version) {
  private static final Pattern FORM = Pattern.compile("(.+)-([^-]+-r\\d+)");

  /** {@code text} split into name and version, or empty when it is not of that form. */
  public static Optional<NameVersion> parse(String text) {
    Matcher m = FORM.matcher(text);
    return m.matches() ? Optional.of(new NameVersion(m.group(1), m.group(2))) : Optional.empty();
  }

  @Override
  public String toString() {
    return name + "-" + version;
  }
}
