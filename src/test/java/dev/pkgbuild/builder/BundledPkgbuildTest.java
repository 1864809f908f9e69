package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkContents;
import dev.pkgbuild.apk.ApkReader;
import dev.pkgbuild.recipe.ImageSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** images/pkgbuild/recipe.yaml packages the jar and its launcher; images/pkgbuild.yaml is the image around it. */
class BundledPkgbuildTest {
  @TempDir Path tmp;

  @Test
  void thePkgbuildRecipePackagesTheJarAndALauncherThatNeedAJreAndBubblewrap() throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "bubblewrap");
    Path jarDir = Files.createDirectories(tmp.resolve("target"));
    Files.write(jarDir.resolve("pkgbuild.jar"), new byte[] {'P', 'K', 3, 4});
    BuildRequest q = t.request(Path.of("images/pkgbuild/recipe.yaml").toAbsolutePath(), 0);
    BuildRequest req = new BuildRequest(q.recipe(), q.arch(), q.outDir(), null, q.keysDir(), jarDir, List.of(),
        q.cacheDir(), List.of(), null, q.runner(), q.tempRoot(), false, false, true, 0);
    BuildResult r = t.builder().build(req);
    ApkContents apk = ApkReader.read(r.packages().get(0));
    List<String> names = apk.entries().stream().map(e -> e.name()).toList();
    assertTrue(names.contains("usr/share/java/pkgbuild/pkgbuild.jar") && names.contains("usr/bin/pkgbuild"),
        names.toString());
    assertTrue(apk.pkginfoText().contains("depend = openjdk-17-jre\n") && apk.pkginfoText()
        .contains("depend = bubblewrap\n"), apk.pkginfoText());
    assertTrue(t.output().contains("pkgbuild test passed"), t.output());
  }

  @Test
  void theImageConfigRunsPkgbuildAsNonrootInSrcForBothArches() throws Exception {
    var spec = ImageSpecLoader.load(Path.of("images/pkgbuild.yaml"));
    assertEquals(List.of("/usr/bin/pkgbuild"), spec.entrypoint());
    assertEquals("/src", spec.workDir());
    assertEquals(List.of("x86_64", "aarch64"), spec.archs());
  }
}
