package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.image.Owner;
import dev.pkgbuild.recipe.ImageSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image's accounts as apko makes them: lines added to {@code /etc/passwd}, {@code /etc/group}
 * and {@code /etc/shadow} for names they lack, and each user's missing home, 0700 and the user's.
 */
final class ImageAccounts {
  private ImageAccounts() {}

  /**
   * Writes the accounts of {@code spec} into {@code root} and records the homes' owners.
   *
   * @return the OCI {@code User}: run-as as a uid when it names a user, else as given, or null
   */
  static String apply(Path root, ImageSpec spec, Map<String, Owner> owners) throws PkgbuildException {
    try {
      List<String> passwd = new ArrayList<>();
      List<String> shadow = new ArrayList<>();
      for (ImageSpec.User u : spec.users()) {
        int gid = u.gid() == null ? u.uid() : u.gid();
        String home = u.homedir() == null || u.homedir().isBlank() ? "/home/" + u.username() : u.homedir();
        String shell = u.shell() == null || u.shell().isBlank() ? "/bin/sh" : u.shell();
        passwd.add(u.username() + ":x:" + u.uid() + ":" + gid + ":Account created by pkgbuild:" + home + ":" + shell);
        shadow.add(u.username() + ":!::0:::::");
        home(root, home, u, gid, owners);
      }
      List<String> group = new ArrayList<>();
      for (ImageSpec.Group g : spec.groups()) {
        group.add(g.groupname() + ":x:" + g.gid() + ":" + String.join(",", g.members()));
      }
      append(root, "etc/passwd", passwd, 0644);
      append(root, "etc/group", group, 0644);
      append(root, "etc/shadow", shadow, 0640);
    } catch (IOException e) {
      throw PkgbuildException.failed(spec.file() + ": cannot write the image's accounts: " + e.getMessage());
    }
    if (spec.runAs() == null) {
      return null;
    }
    String runAs = spec.runAs().value();
    return spec.users().stream().filter(u -> u.username().equals(runAs)).findFirst()
        .map(u -> Integer.toString(u.uid())).orElse(runAs);
  }

  private static void home(Path root, String home, ImageSpec.User u, int gid, Map<String, Owner> owners)
      throws IOException, PositionedException {
    if (home.equals("/dev/null")) {
      return;
    }
    String rel = ImagePaths.relative(home, u.pos());
    Path dir = root.resolve(rel);
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    ImagePaths.parents(root, rel, owners);
    Files.createDirectory(dir);
    owners.put(rel, new Owner(u.uid(), gid, 0700));
  }

  /** Adds the lines whose name (the text before the first ':') the file lacks. */
  private static void append(Path root, String rel, List<String> lines, int mode) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    Path f = root.resolve(rel);
    List<String> have = Files.isRegularFile(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : new ArrayList<>();
    List<String> out = new ArrayList<>(have);
    for (String line : lines) {
      String name = line.substring(0, line.indexOf(':') + 1);
      if (have.stream().noneMatch(h -> h.startsWith(name))) {
        out.add(line);
      }
    }
    Files.createDirectories(f.getParent());
    Files.deleteIfExists(f); // a link into the root's packages would be followed otherwise
    Files.write(f, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.setAttribute(f, "unix:mode", mode);
  }
}
