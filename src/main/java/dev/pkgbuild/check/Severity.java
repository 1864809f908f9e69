package dev.pkgbuild.check;

/** How a linter finding affects the build. */
public enum Severity {
  /** Fails the build before anything is published. */
  ERROR,
  /** Reported, the build goes on. */
  WARNING,
  /** The check does not run. */
  OFF
}
