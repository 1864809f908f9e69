package dev.pkgbuild.sca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {
  @TempDir Path tmp;

  @Test
  void read_sharedLibrary_givesSonameAndRpath() throws Exception {
    ElfFixtures f = ElfFixtures.compile(tmp);
    ElfFile lib = ElfFile.read(f.library());
    assertTrue(lib.elf());
    assertEquals(64, lib.bits());
    assertTrue(lib.littleEndian());
    assertEquals(ElfFile.ET_DYN, lib.type());
    assertEquals(ElfFile.machineFor("x86_64"), lib.machine());
    assertEquals("libfoo.so.1", lib.soname());
    assertEquals(List.of("/opt/foo/lib"), lib.runpath().isEmpty() ? lib.rpath() : lib.runpath());
    assertEquals("", lib.interpreter());
    assertEquals(List.of(), lib.warnings());
  }

  @Test
  void read_program_givesNeededAndInterpreter() throws Exception {
    ElfFixtures f = ElfFixtures.compile(tmp);
    ElfFile prog = ElfFile.read(f.program());
    assertEquals(List.of("libfoo.so.1", "libc.so.6"), prog.needed());
    assertTrue(prog.interpreter().endsWith("ld-linux-x86-64.so.2"), prog.interpreter());
    assertEquals("", prog.soname());
    assertEquals(List.of(), prog.warnings());
  }

  @Test
  void read_staticStrippedProgram_hasNoDynamicInfo() throws Exception {
    ElfFixtures f = ElfFixtures.compile(tmp);
    ElfFile stat = ElfFile.read(f.staticProgram());
    assertTrue(stat.elf());
    assertEquals(List.of(), stat.needed());
    assertEquals("", stat.interpreter());
    assertEquals(List.of(), stat.warnings());
  }

  @Test
  void read_script_isNotElf() throws Exception {
    Path script = tmp.resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\necho hi\n");
    ElfFile e = ElfFile.read(script);
    assertFalse(e.elf());
    assertEquals(List.of(), e.warnings());
  }

  @Test
  void read_missingFile_warnsNamingIt() {
    ElfFile e = ElfFile.read(tmp.resolve("nope"));
    assertFalse(e.elf());
    assertTrue(e.warnings().get(0).contains("nope"), e.warnings().toString());
  }
}
