package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApkIndexTest {
  private static IndexEntry entry(String name, String version, String checksum) {
    return new IndexEntry(checksum, name, version, "x86_64", 1, 1, null, null, null, null, null, null, null, null,
        List.of(), List.of(), List.of(), List.of());
  }

  private static String listed(ApkIndex index) {
    return String.join(", ", index.entries().stream().map(e -> e.name() + "-" + e.version() + "/" + e.checksum()).toList());
  }

  @Test
  void with_severalRecords_sortedInApkOrderAndTheLaterOfTwoEqualRecordsWins() {
    ApkIndex index = new ApkIndex(null, List.of(entry("b", "1.0-r0", "old"), entry("a", "1.9-r0", "a19")));
    ApkIndex next = index.with(List.of(entry("a", "1.10-r0", "first"), entry("b", "1.0-r0", "new"),
        entry("a", "1.10-r0", "second")));
    assertEquals("a-1.9-r0/a19, a-1.10-r0/second, b-1.0-r0/new", listed(next));
  }

  @Test
  void with_oneRecord_sameAsTheListFormOfIt() {
    ApkIndex index = new ApkIndex(null, List.of(entry("b", "1.0-r0", "b"), entry("c", "2-r0", "c")));
    assertEquals(listed(index.with(List.of(entry("a", "1-r0", "a")))), listed(index.with(entry("a", "1-r0", "a"))));
    assertEquals("b-1.0-r0/x, c-2-r0/c", listed(index.with(entry("b", "1.0-r0", "x"))));
  }
}
