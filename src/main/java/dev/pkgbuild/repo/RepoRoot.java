package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A repository root with one folder per arch, for commands that act on several arches.
 *
 * @param root the repository root
 * @param key the signing key (also what the indexes must verify with)
 * @param reporter progress and repair notes
 * @param lockWait how long each arch's lock is waited for
 */
public record RepoRoot(Path root, SigningKey key, Reporter reporter, Duration lockWait) {
  /**
   * The arch folders holding an index, sorted.
   *
   * @throws PkgbuildException (bad input) when there is none: the folder is not a repository
   */
  public List<String> arches() throws PkgbuildException {
    if (!Files.isDirectory(root)) {
      throw PkgbuildException.badInput(root + ": not a repository (no such folder)");
    }
    try (Stream<Path> s = Files.list(root)) {
      List<String> found = s.filter(p -> Files.isRegularFile(p.resolve(ArchFolder.INDEX)))
          .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
      if (found.isEmpty()) {
        throw PkgbuildException.badInput(root + ": not a repository (no <arch>/" + ArchFolder.INDEX + " in it)");
      }
      return found;
    } catch (IOException e) {
      throw PkgbuildException.badInput(root + ": cannot list: " + e.getMessage());
    }
  }

  /**
   * The arch folders {@code pkgbuild index DIR} works on: {@code dir} itself when it holds an
   * index or packages, else its sub-folders that do (a repository root).
   *
   * @throws PkgbuildException (bad input) when there is neither
   */
  public static List<Path> archFolders(Path dir) throws PkgbuildException {
    if (!Files.isDirectory(dir)) {
      throw PkgbuildException.badInput(dir + ": not a folder");
    }
    if (isArchFolder(dir)) {
      return List.of(dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> subs = s.filter(p -> !p.getFileName().toString().startsWith(".") && isArchFolder(p)).sorted().toList();
      if (subs.isEmpty()) {
        throw PkgbuildException.badInput(dir + ": not a repository (no " + ArchFolder.INDEX
            + " and no .apk files in it or in its arch folders)");
      }
      return subs;
    } catch (IOException e) {
      throw PkgbuildException.badInput(dir + ": cannot list: " + e.getMessage());
    }
  }

  private static boolean isArchFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    if (Files.isRegularFile(dir.resolve(ArchFolder.INDEX))) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".apk") && !p.getFileName().toString().startsWith("."));
    } catch (IOException e) {
      return false;
    }
  }

  /** One arch folder. */
  public Repository arch(String arch) {
    return Repository.open(root, arch, key, reporter).withLockWait(lockWait);
  }

  /**
   * Withdraws each {@code name-version} from every arch (or {@code onlyArch}) that has it.
   *
   * @throws PkgbuildException (bad input) when one is in none of them; nothing is withdrawn then
   */
  public Map<String, PublishResult> withdraw(List<String> ids, String onlyArch) throws PkgbuildException {
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    for (String arch : archesOr(onlyArch)) {
      Set<String> files = new LinkedHashSet<>();
      for (IndexEntry e : IndexArchive.read(root.resolve(arch).resolve(ArchFolder.INDEX), TrustedKeys.of(key))
          .index().entries()) {
        files.add(e.fileName());
      }
      listed.put(arch, files);
    }
    Map<String, List<String>> plan = Selection.byArch(listed, ids, root);
    Map<String, PublishResult> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : plan.entrySet()) {
      out.put(e.getKey(), arch(e.getKey()).withdraw(e.getValue()));
    }
    return out;
  }

  /**
   * Prunes every arch (or {@code onlyArch}) to the newest {@code keep} versions per name.
   *
   * @throws PkgbuildException when not a repository, an index is broken, or a lock is busy
   */
  public Map<String, PublishResult> prune(int keep, String onlyArch) throws PkgbuildException {
    Map<String, PublishResult> out = new LinkedHashMap<>();
    for (String arch : archesOr(onlyArch)) {
      out.put(arch, arch(arch).prune(keep));
    }
    return out;
  }

  private List<String> archesOr(String onlyArch) throws PkgbuildException {
    List<String> all = arches();
    if (onlyArch == null) {
      return all;
    }
    if (!all.contains(onlyArch)) {
      throw PkgbuildException.badInput(root + ": no arch folder " + onlyArch + " with an index (found "
          + String.join(", ", all) + ")");
    }
    return new ArrayList<>(List.of(onlyArch));
  }
}
