package dev.pkgbuild.env;

import java.util.List;

/**
 * What an install made.
 *
 * @param packages how many packages were installed
 * @param dirs directories recorded in the installed database
 * @param files files, links and hard links recorded there
 * @param bytes bytes of regular files written
 * @param busyboxLinks applet links made for busybox
 * @param notes one line each for what was done differently from apk-tools, e.g. no applet list
 */
public record InstallResult(int packages, int dirs, int files, long bytes, int busyboxLinks, List<String> notes) {
  /** Copies the list. */
  public InstallResult {
    notes = List.copyOf(notes);
  }
}
