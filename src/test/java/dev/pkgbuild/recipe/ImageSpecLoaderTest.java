package dev.pkgbuild.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apko's image configuration, the subset a base image needs, and one positioned line for each refusal. */
class ImageSpecLoaderTest {
  @TempDir Path tmp;

  static final String GOOD = """
      contents:
        repositories: [https://packages.wolfi.dev/os, ./repo]
        keyring: [https://packages.wolfi.dev/os/wolfi-signing.rsa.pub]
        packages: [wolfi-baselayout, hello]
      accounts:
        groups:
          - groupname: nonroot
            gid: 65532
        users:
          - username: nonroot
            uid: 65532
            gid: 65532
        run-as: nonroot
      entrypoint:
        command: /usr/bin/hello --greeting "hi there"
      cmd: --verbose
      environment:
        LANG: C.UTF-8
      work-dir: /home/nonroot
      paths:
        - path: /data
          type: directory
          uid: 65532
          gid: 65532
          permissions: 0o750
      archs: [amd64, arm64]
      annotations:
        org.opencontainers.image.title: hello
      """;

  private Path write(String yaml) throws Exception {
    return Files.writeString(tmp.resolve("image.yaml"), yaml);
  }

  private String error(String yaml) throws Exception {
    Path f = write(yaml);
    return assertThrows(PkgbuildException.class, () -> ImageSpecLoader.load(f)).getMessage()
        .replace(f.toString(), "image.yaml");
  }

  @Test
  void load_aBaseImageConfig_readsEveryPart() throws Exception {
    ImageSpec s = ImageSpecLoader.load(write(GOOD));
    assertEquals(List.of("wolfi-baselayout", "hello"), s.packages().stream().map(t -> t.value()).toList());
    assertEquals(List.of("/usr/bin/hello", "--greeting", "hi there"), s.entrypoint());
    assertEquals(List.of("--verbose"), s.cmd());
    assertEquals(List.of("x86_64", "aarch64"), s.archs());
    assertEquals("nonroot", s.runAs().value());
    assertEquals(65532, s.users().get(0).uid());
    assertEquals(0750, s.paths().get(0).permissions());
    assertEquals(Map.of("LANG", "C.UTF-8"), s.environment());
    assertEquals("/home/nonroot", s.workDir());
  }

  @Test
  void load_unknownKey_isRefusedWithASuggestion() throws Exception {
    assertEquals("image.yaml:1:1: unknown key 'contens' in image (did you mean 'contents'?)",
        error(GOOD.replace("contents:", "contens:")));
  }

  @Test
  void load_runAsAUserNotDeclared_isRefusedAtItsPlace() throws Exception {
    assertEquals("image.yaml:13:11: run-as 'nobody' is not a user in accounts.users",
        error(GOOD.replace("run-as: nonroot", "run-as: nobody")));
  }

  @Test
  void load_badPathTypeAndMode_areRefusedAtTheirPlace() throws Exception {
    assertEquals("image.yaml:22:5: paths type 'directry' is not one of directory, empty-file, hardlink, permissions, "
        + "symlink (did you mean 'directory'?)", error(GOOD.replace("type: directory", "type: directry")));
    assertEquals("image.yaml:25:5: permissions must be a mode such as 0o755, not '0o798'",
        error(GOOD.replace("0o750", "0o798")));
  }

  @Test
  void load_unsupportedApkoKeyAndBadArch_sayWhat() throws Exception {
    assertEquals("image.yaml:1:1: 'include' is not supported by pkgbuild image", error("include: base.yaml\n" + GOOD));
    assertEquals("image.yaml:26:16: unknown architecture 'sparc'", error(GOOD.replace("arm64]", "sparc]"))
        .replaceAll("unknown architecture 'sparc'.*", "unknown architecture 'sparc'"));
  }

  @Test
  void words_splitAsAShellDoes() throws Exception {
    Text t = new Text("a 'b c' \"d\\\"e\" f\\ g", dev.pkgbuild.diag.SourcePos.of(tmp), null);
    assertEquals(List.of("a", "b c", "d\"e", "f g"), ImageSpecLoader.words(t));
  }
}
