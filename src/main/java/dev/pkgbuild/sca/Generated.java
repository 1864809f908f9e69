package dev.pkgbuild.sca;

import java.util.List;

/**
 * The metadata to write into a package's {@code .PKGINFO}: declared plus generated entries,
 * sorted, deduplicated, with self-provided dependencies removed.
 *
 * @param depends {@code depend =} lines
 * @param provides {@code provides =} lines
 * @param vendored sonames ({@code so:NAME}) and pkg-config names ({@code pc:NAME}) shipped outside
 *     the standard directories; they never become dependencies or provides
 * @param warnings problems met while scanning, each naming the file
 */
public record Generated(List<String> depends, List<String> provides, List<String> vendored,
    List<String> warnings) {
  public Generated {
    depends = List.copyOf(depends);
    provides = List.copyOf(provides);
    vendored = List.copyOf(vendored);
    warnings = List.copyOf(warnings);
  }
}
