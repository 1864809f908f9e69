package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which package owns each installed file, and apk-tools' rule for a second package writing
 * the same path: allowed for the same name or the same non-empty origin, and through
 * {@code replaces}, where the higher {@code replaces_priority} of the two keeps the file;
 * anything else is a conflict. Directories are shared and never conflict.
 */
final class FileOwners {
  /** What to do with a file another package already wrote. */
  enum Decision { WRITE, KEEP }

  private final Map<String, InstalledPackage> owners = new HashMap<>();

  /** The decision for {@code pkg} writing {@code path}. @throws PkgbuildException on a conflict */
  Decision claim(InstalledPackage pkg, String path) throws PkgbuildException {
    InstalledPackage old = owners.get(path);
    if (old == null || old == pkg) {
      owners.put(path, pkg);
      return Decision.WRITE;
    }
    if (!sameSource(old, pkg)) {
      int oldPriority = priority(old, pkg);
      int newPriority = priority(pkg, old);
      if (oldPriority > newPriority) {
        return Decision.KEEP;
      }
      if (newPriority < 0) {
        throw PkgbuildException.badInput(pkg.label() + ": trying to overwrite " + path + " owned by "
            + old.label());
      }
    }
    int slash = path.lastIndexOf('/');
    InstalledPackage.Dir dir = old.dirs.get(slash < 0 ? "" : path.substring(0, slash));
    if (dir != null) {
      dir.files.remove(path.substring(slash + 1));
    }
    owners.put(path, pkg);
    return Decision.WRITE;
  }

  InstalledPackage owner(String path) {
    return owners.get(path);
  }

  private static boolean sameSource(InstalledPackage old, InstalledPackage pkg) {
    String origin = pkg.pkg.entry().origin();
    return old.pkg.entry().name().equals(pkg.pkg.entry().name())
        || origin != null && !origin.isEmpty() && origin.equals(old.pkg.entry().origin());
  }

  /** {@code a}'s replaces_priority over {@code b} when a replaces b, else -1. */
  private static int priority(InstalledPackage a, InstalledPackage b) {
    if (!replaces(a.info.replaces(), b)) {
      return -1;
    }
    return Objects.requireNonNullElse(a.info.replacesPriority(), 0);
  }

  private static boolean replaces(List<String> atoms, InstalledPackage b) {
    for (String atom : atoms) {
      try {
        Dependency d = Dependency.parse(atom);
        if (d.matches(b.pkg.entry().name(), b.pkg.entry().version()) != d.conflict()) {
          return true;
        }
      } catch (PkgbuildException e) {
        // The writer validated .PKGINFO; an atom apk could not parse replaces nothing.
      }
    }
    return false;
  }
}
