package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void parse_bucketAndPrefix_keysUnderThePrefix() throws Exception {
    S3Location l = S3Location.parse("s3://packages/wolfi/os/");
    assertEquals(new S3Location("packages", "wolfi/os"), l);
    assertEquals("wolfi/os/x86_64/APKINDEX.tar.gz", l.key("x86_64/APKINDEX.tar.gz"));
    assertEquals("s3://packages/wolfi/os", l.toString());
    assertEquals("x86_64/a.apk", S3Location.parse("s3://packages").key("x86_64/a.apk"));
  }

  @Test
  void parse_notABucketUrl_isRefused() {
    for (String bad : new String[] {"s3://", "s3:///x", "https://b/x", "s3://b/a//c", "s3://b/../c"}) {
      assertThrows(PkgbuildException.class, () -> S3Location.parse(bad), bad);
    }
  }
}
