package dev.pkgbuild.check;

/**
 * One linter result.
 *
 * @param check the linter name, as in the recipe's {@code checks:} block
 * @param severity how it affects the build
 * @param path the package-relative path concerned, or empty for the whole package
 * @param message what is wrong, in lower case
 */
public record Finding(String check, Severity severity, String path, String message) {
  @Override public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + check + ": "
        + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
