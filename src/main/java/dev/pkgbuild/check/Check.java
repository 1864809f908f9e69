package dev.pkgbuild.check;

/**
 * A linter that looks at one entry at a time.
 *
 * @param name the name used in {@code checks: disabled:}
 * @param defaultSeverity its severity when the recipe says nothing
 * @param rule returns a message for an offending entry, or null
 */
record Check(String name, Severity defaultSeverity, Rule rule) {
  /** The test one linter applies to an entry. */
  interface Rule {
    String test(Entry e, LintContext ctx);
  }
}
