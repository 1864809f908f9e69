package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.cli.BuildCommandTest.Run;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --build-option} and {@code --vars-file} on render and build, in-process. */
class BuildOptionFlagsTest {
  static final String RECIPE = """
      package:
        name: greet
        version: 1.0
        epoch: 0
        copyright:
          - license: MIT
      environment:
        contents:
          packages:
            - busybox
            - openssl-dev
      vars:
        greeting: hello
        who: world
      options:
        loud:
          vars:
            greeting: HELLO
          environment:
            contents:
              packages:
                add:
                  - rustls-ffi
                remove:
                  - openssl-dev
      pipeline:
        - runs: echo "said ${{vars.greeting}} ${{vars.who}} loud=${{options.loud.enabled}}"
      """;

  @TempDir Path tmp;

  private Path recipe() throws Exception {
    return Files.writeString(tmp.resolve("greet.yaml"), RECIPE);
  }

  @Test
  void render_buildOption_showsTheOptionItsPackagesAndVars() throws Exception {
    Run plain = BuildCommandTest.run("render", recipe().toString());
    assertEquals(0, plain.code(), plain.err());
    assertTrue(plain.out().contains("  packages: busybox openssl-dev\n"), plain.out());
    assertTrue(plain.out().contains("runs: echo \"said hello world loud=false\"\n"), plain.out());
    assertFalse(plain.out().contains("build-options"), plain.out());

    Run loud = BuildCommandTest.run("render", recipe().toString(), "--build-option", "loud");
    assertEquals(0, loud.code(), loud.err());
    assertTrue(loud.out().startsWith("recipe greet.yaml for x86_64\nbuild-options: loud\n"), loud.out());
    assertTrue(loud.out().contains("  packages: busybox rustls-ffi\n"), loud.out());
    assertTrue(loud.out().contains("runs: echo \"said HELLO world loud=true\"\n"), loud.out());
    Run json = BuildCommandTest.run("render", "--json", recipe().toString(), "--build-option", "loud");
    assertTrue(json.out().contains("\"build-options\": [\n    \"loud\"\n  ]"), json.out());
  }

  @Test
  void render_varsFile_underTheOption() throws Exception {
    Path vars = Files.writeString(tmp.resolve("vars.yaml"), "greeting: hi\nwho: there\n");
    Run r = BuildCommandTest.run("render", recipe().toString(), "--vars-file", vars.toString());
    assertTrue(r.out().contains("runs: echo \"said hi there loud=false\"\n"), r.out() + r.err());
    Run loud = BuildCommandTest.run("render", recipe().toString(), "--vars-file", vars.toString(),
        "--build-option=loud");
    assertTrue(loud.out().contains("runs: echo \"said HELLO there loud=true\"\n"), loud.out() + loud.err());
  }

  @Test
  void render_unknownOptionOrBadVarsFile_oneLineBadInput() throws Exception {
    Run r = BuildCommandTest.run("render", recipe().toString(), "--build-option", "loud,quiet");
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertEquals("pkgbuild: " + recipe() + ": recipe greet has no build option 'quiet' (it has: loud)\n", r.err());
    Path vars = Files.writeString(tmp.resolve("vars.yaml"), "greeting:\n  x: y\n");
    Run bad = BuildCommandTest.run("render", recipe().toString(), "--vars-file", vars.toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), bad.code());
    assertEquals("pkgbuild: " + vars + ":2:3: expected a string for 'greeting' in vars file, found a mapping\n",
        bad.err());
  }

  @Test
  void build_unknownOption_refusedBeforeAnyWork() throws Exception {
    Run r = BuildCommandTest.run("build", recipe().toString(), "--build-option", "quiet", "--out-dir",
        tmp.resolve("repo").toString(), "--keys-dir", tmp.resolve("keys").toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertEquals("pkgbuild: " + recipe() + ": recipe greet has no build option 'quiet' (it has: loud)\n", r.err());
    assertFalse(Files.exists(tmp.resolve("repo")), "nothing is written");
  }

  @Test
  void buildOfATreeOrPlan_refusesTheFlags() throws Exception {
    recipe();
    for (String command : new String[] {"build", "plan"}) {
      Run r = BuildCommandTest.run(command, tmp.toString(), "--build-option", "loud", "--out-dir",
          tmp.resolve("repo").toString(), "--keys-dir", tmp.resolve("keys").toString());
      assertEquals(ExitStatus.BAD_INPUT.code(), r.code(), command);
      assertTrue(r.err().startsWith("pkgbuild: --build-option and --vars-file apply to one recipe's build, not to a "),
          r.err());
    }
  }

  @Test
  void build_withOptionAndVarsFile_stepSeesTheirVars() throws Exception {
    Requires.tool("bwrap");
    Path vars = Files.writeString(tmp.resolve("vars.yaml"), "who: file\n");
    // no repositories: the host stands in for the environment's packages
    Run r = BuildCommandTest.run("build", recipe().toString(), "--build-option", "loud", "--vars-file",
        vars.toString(), "--out-dir", tmp.resolve("repo").toString(), "--keys-dir", tmp.resolve("keys").toString(),
        "--cache-dir", tmp.resolve("cache").toString(), "--offline", "--source-date-epoch", "0", "--arch", "x86_64");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("the host toolchain stands in for: busybox rustls-ffi"), r.err());
    assertTrue(r.err().contains("said HELLO file loud=true"), r.err());
    assertTrue(Files.isRegularFile(tmp.resolve("repo/x86_64/greet-1.0-r0.apk")), r.out());
  }
}
