package dev.pkgbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledOwnersTest {
  @TempDir Path tmp;

  @Test
  void read_givesRecordedOwnersAtRealPaths_defaultsWithoutMOrA() throws Exception {
    Path root = SampleRoot.write(tmp.resolve("root"));
    Map<String, Owner> owners = InstalledOwners.read(root);
    assertEquals(Owner.DEFAULT_DIR, owners.get("etc"));
    assertEquals(Owner.DEFAULT_FILE, owners.get("etc/os-release"));
    assertEquals(new Owner(65532, 65532, 0750), owners.get("home/nonroot"));
    assertEquals(new Owner(65532, 65532, 0644), owners.get("home/nonroot/.profile"));
    assertEquals(new Owner(0, 0, 0755), owners.get("usr/bin/tool"));
    // F:bin is the symlink bin -> usr/bin: its files are usr/bin's, the link itself gets no directory owner.
    assertEquals(new Owner(0, 0, 0755), owners.get("usr/bin/tool2"));
    assertFalse(owners.containsKey("bin"));
    assertEquals(new Owner(65532, 65532, 0640), owners.get("usr/share/app/data"));
  }

  @Test
  void packagePaths_listEachPackagesRealPaths() throws Exception {
    Path root = SampleRoot.write(tmp.resolve("root"));
    Map<String, Set<String>> p = InstalledOwners.packagePaths(root);
    assertEquals(Set.of("base", "app"), p.keySet());
    assertEquals(Set.of("etc", "etc/os-release", "home", "home/nonroot", "home/nonroot/.profile"), p.get("base"));
    assertEquals(Set.of("usr", "usr/bin", "usr/bin/tool", "usr/bin/tool2", "usr/share", "usr/share/app",
        "usr/share/app/data"), p.get("app"));
  }

  @Test
  void sharedDirectory_lowestOwnerWins_equalOwnersAndTheirModes() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("r"));
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.createDirectories(root.resolve("srv"));
    Files.createDirectories(root.resolve("opt"));
    Files.writeString(root.resolve("lib/apk/db/installed"), """
        P:a
        F:srv
        M:100:100:775
        F:opt
        M:0:0:775

        P:b
        F:srv
        M:0:5:700
        F:opt

        """);
    Map<String, Owner> owners = InstalledOwners.read(root);
    assertEquals(new Owner(0, 5, 0700), owners.get("srv"));
    assertEquals(new Owner(0, 0, 0755), owners.get("opt"));
  }

  @Test
  void mergedUsrDatabase_isFoundThroughTheLibLink_andNoDatabaseIsEmpty() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("m"));
    assertEquals(Map.of(), InstalledOwners.read(root));
    Files.createDirectories(root.resolve("usr/lib/apk/db"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("/usr/lib")); // absolute: must stay inside the root
    Files.writeString(root.resolve("usr/lib/apk/db/installed"), "P:x\nF:usr\nR:f\na:1:2:4755\n\n");
    assertEquals(Map.of("usr", Owner.DEFAULT_DIR, "usr/f", new Owner(1, 2, 04755)), InstalledOwners.read(root));
  }

  @Test
  void badOwnerLine_namesTheLine() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("b"));
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.writeString(root.resolve("lib/apk/db/installed"), "P:x\nF:usr\nR:f\na:root:0:644\n");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> InstalledOwners.read(root));
    assertEquals("lib/apk/db/installed line 4 has an owner 'root:0:644' that is not uid:gid:octal-mode", e.getMessage());
  }
}
