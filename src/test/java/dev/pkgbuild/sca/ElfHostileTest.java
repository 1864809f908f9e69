package dev.pkgbuild.sca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile ELF files give partial facts and warnings naming the file, never exceptions. */
class ElfHostileTest {
  @TempDir Path tmp;
  byte[] program;

  @BeforeEach
  void compile() throws Exception {
    program = Files.readAllBytes(ElfFixtures.compile(tmp).program());
  }

  private ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** File offset of the PT_DYNAMIC program header entry (64-bit little-endian). */
  private int dynamicHeader(byte[] b) {
    ByteBuffer h = le(b);
    int phoff = (int) h.getLong(32);
    for (int i = 0; i < h.getShort(56); i++) {
      int at = phoff + i * 56;
      if (h.getInt(at) == 2) {
        return at;
      }
    }
    throw new AssertionError("no PT_DYNAMIC");
  }

  private static void assertWarns(ElfFile e, String fragment) {
    assertTrue(e.elf());
    assertTrue(e.warnings().stream().anyMatch(w -> w.startsWith("bad.so: ") && w.contains(fragment)),
        e.warnings().toString());
  }

  @Test
  void read_truncatedHeader_warns() {
    ElfFile e = ElfFile.read("bad.so", Arrays.copyOf(program, 30));
    assertWarns(e, "truncated elf header");
    assertEquals(64, e.bits());
  }

  @Test
  void read_phoffPastEnd_warnsAndReadsNothing() {
    byte[] b = program.clone();
    le(b).putLong(32, b.length + 4096L);
    ElfFile e = ElfFile.read("bad.so", b);
    assertWarns(e, "past the end");
    assertEquals("", e.interpreter());
  }

  @Test
  void read_phoffNegative_warns() {
    byte[] b = program.clone();
    le(b).putLong(32, 0xfffffffffffffff0L);
    assertWarns(ElfFile.read("bad.so", b), "past the end");
  }

  @Test
  void read_hugeHeaderCountAndSize_capsAndWarns() {
    byte[] b = program.clone();
    le(b).putShort(54, (short) 0xffff).putShort(56, (short) 0xffff);
    assertWarns(ElfFile.read("bad.so", b), "implausible");
  }

  @Test
  void read_dynamicWithoutNullThatWraps_warns() {
    byte[] b = program.clone();
    ByteBuffer h = le(b);
    int ph = dynamicHeader(b);
    int off = (int) h.getLong(ph + 8);
    int size = (int) h.getLong(ph + 32);
    for (int at = off; at < off + size; at += 16) {
      if (h.getLong(at) == 0) {
        h.putLong(at, 21); // DT_DEBUG instead of DT_NULL
      }
    }
    h.putLong(ph + 32, Long.MAX_VALUE); // p_filesz so large that offset + size wraps
    Arrays.fill(b, off + size, b.length, (byte) 0x15); // no zero tag after the section either
    ElfFile e = ElfFile.read("bad.so", b);
    assertWarns(e, "DT_NULL");
    assertTrue(e.needed().contains("libfoo.so.1"), e.needed().toString());
  }

  @Test
  void read_stringOffsetsPastEnd_warnsAndKeepsTheRest() {
    byte[] b = program.clone();
    ByteBuffer h = le(b);
    int off = (int) h.getLong(dynamicHeader(b) + 8);
    for (int at = off; h.getLong(at) != 0; at += 16) {
      if (h.getLong(at) == 1) {
        h.putLong(at + 8, 0x7fffffffL);
        break;
      }
    }
    ElfFile e = ElfFile.read("bad.so", b);
    assertWarns(e, "outside the string table");
    assertTrue(e.needed().contains("libc.so.6"), e.needed().toString());
  }

  @Test
  void read_interpreterWithoutNul_warns() {
    byte[] b = program.clone();
    ByteBuffer h = le(b);
    int phoff = (int) h.getLong(32);
    for (int i = 0; i < h.getShort(56); i++) {
      int at = phoff + i * 56;
      if (h.getInt(at) == 3) {
        int io = (int) h.getLong(at + 8);
        int len = (int) h.getLong(at + 32);
        b[io + len - 1] = 'X';
      }
    }
    assertWarns(ElfFile.read("bad.so", b), "no NUL terminator");
  }

  @Test
  void read_everyTruncationOnDisk_neverThrows() throws Exception {
    Path f = tmp.resolve("cut");
    for (int len = 0; len < program.length; len += Math.max(1, program.length / 64)) {
      Files.write(f, Arrays.copyOf(program, len));
      ElfFile e = ElfFile.read(f);
      assertFalse(e.elf() && len < 64 && e.warnings().isEmpty(), "no warning at length " + len);
    }
  }

  @Test
  void read_randomCorruption_neverThrows() {
    Random r = new Random(42);
    for (int i = 0; i < 3000; i++) {
      byte[] b = program.clone();
      for (int k = 0; k < 8; k++) {
        b[r.nextInt(Math.min(b.length, 1 << 14))] = (byte) r.nextInt();
      }
      b[0] = 0x7f;
      b[1] = 'E';
      b[2] = 'L';
      b[3] = 'F';
      ElfFile e = ElfFile.read("bad.so", b);
      e.warnings().forEach(w -> assertTrue(w.startsWith("bad.so: "), w));
    }
  }
}
